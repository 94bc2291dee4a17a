"""Hand-built campaign and do-not-call exports (real xlsx) that hit every contact rule.

With the default rules (09:00–20:00 every day; at most 2 touches a day, 4 in 7 days, 8 in 30
days; none within 30 days of a refusal or complaint) the 25 touches of October 2026 below break:
calling_window 1, frequency_day 1, frequency_7d 1, frequency_30d 1, after_refusal 2, dnc 2,
and 8 distinct touches break at least one rule.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

CAMPAIGN_HEADERS = [
    "活动编号",
    "活动名称",
    "客户电话",
    "外呼时间",
    "是否接通",
    "是否投诉",
    "客户拒绝",
]


def _touches() -> list[tuple]:
    rows: list[tuple] = []

    def add(phone: str, when: datetime, complaint: str = "否", refused: str = "否") -> None:
        rows.append(("MK2610", "信用卡分期", phone, when, "是", complaint, refused))

    a = "13800000001"  # three on one Monday: the third breaks the daily limit
    for hour in (10, 11, 12):
        add(a, datetime(2026, 10, 5, hour))
    add("13800000002", datetime(2026, 10, 5, 7, 30))  # before 09:00
    c = "13800000003"  # one a day for five days: the fifth is the fifth in 7 days
    for day in range(5, 10):
        add(c, datetime(2026, 10, day, 10))
    d = "13800000004"  # every third day from 1 October: the ninth is the ninth in 30 days
    for k in range(9):
        add(d, datetime(2026, 10, 1, 9, 30) + timedelta(days=3 * k))
    e = "13800000005"  # refused on the 6th, called again on the 20th
    add(e, datetime(2026, 10, 6, 10), refused="是")
    add(e, datetime(2026, 10, 20, 10))
    add("13800000006", datetime(2026, 10, 7, 10))  # on the DNC list since September
    g = "13800000007"  # complained on the 8th, called again the next day
    add(g, datetime(2026, 10, 8, 10), complaint="是")
    add(g, datetime(2026, 10, 9, 15))
    h = "13800000008"  # listed on the 15th: the touch before is fine, the one after is not
    add(h, datetime(2026, 10, 10, 10))
    add(h, datetime(2026, 10, 16, 10))
    return rows


EXPECTED = {
    "calling_window": 1,
    "frequency_day": 1,
    "frequency_7d": 1,
    "frequency_30d": 1,
    "after_refusal": 2,
    "dnc": 2,
}
TOUCHES = 25
VIOLATING = 8


def write_campaigns(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "外呼明细"
    ws.append(CAMPAIGN_HEADERS)
    for row in _touches():
        ws.append(list(row))
    wb.save(path)
    return path


def write_dnc(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "免打扰名单"
    ws.append(["手机号", "加入日期", "原因"])
    ws.append(["13800000006", datetime(2026, 9, 15), "客户要求"])
    ws.append(["13800000008", datetime(2026, 10, 15), "投诉后加入"])
    wb.save(path)
    return path
