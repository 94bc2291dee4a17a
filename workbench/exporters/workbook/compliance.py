"""Two sheets of the compliance workbook: the audit log and outbound contact compliance.

The audit sheet lists every audit entry from the first day of the period up to the export (the
imports, target changes and backups that made the period's figures usually happen after the
period ends), each with its hash, so the chain can be followed on paper. The compliance sheet
gives the contact rules in force, the violations per rule and each violating touch (customer
masked).
"""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from workbench.exporters.cells import write
from workbench.exporters.workbook import styles as st

MAX_LISTED_VIOLATIONS = 5000

_LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "seq": "序号",
        "at": "时间",
        "user": "操作系统用户",
        "machine": "计算机",
        "event": "事件",
        "details": "内容",
        "hash": "哈希（SHA-256 链）",
        "no_entries": "本期无审计记录",
        "rules_version": "外呼规则版本",
        "rule": "规则",
        "violations": "违规触达数",
        "touches": "检查触达数",
        "rate": "违规率（违反任一规则的触达 ÷ 触达总数）",
        "touched_at": "触达时间",
        "campaign": "活动编号",
        "customer": "客户（脱敏）",
        "agent": "坐席工号",
        "rules": "违反规则",
        "setting": "规则设置",
        "value": "取值",
        "more": "另有 {n} 条未列出",
        "calling_window": "外呼时段",
        "frequency_day": "单日触达次数",
        "frequency_7d": "7日触达次数",
        "frequency_30d": "30日触达次数",
        "after_refusal": "拒绝或投诉后再次触达",
        "dnc": "免打扰名单",
    },
    "en": {
        "seq": "Seq",
        "at": "Time",
        "user": "OS user",
        "machine": "Machine",
        "event": "Event",
        "details": "Details",
        "hash": "Hash (SHA-256 chain)",
        "no_entries": "No audit entries for this period",
        "rules_version": "Contact rules version",
        "rule": "Rule",
        "violations": "Violating touches",
        "touches": "Touches checked",
        "rate": "Violation rate (touches breaking any rule / touches)",
        "touched_at": "Touched at",
        "campaign": "Campaign",
        "customer": "Customer (masked)",
        "agent": "Agent ID",
        "rules": "Rules broken",
        "setting": "Setting",
        "value": "Value",
        "more": "{n} more not listed",
        "calling_window": "Calling window",
        "frequency_day": "Touches per day",
        "frequency_7d": "Touches per 7 days",
        "frequency_30d": "Touches per 30 days",
        "after_refusal": "Touch after refusal or complaint",
        "dnc": "Do-not-call list",
    },
}


def text(lang: str, key: str) -> str:
    return _LABELS["zh_CN" if lang.lower().startswith("zh") else "en"][key]


def audit_sheet(ws: Worksheet, data: Any) -> None:
    """Every audit entry since the period began, oldest first."""
    L = data.lang
    st.title(ws, data, "audit")
    keys = ("seq", "at", "user", "machine", "event", "details", "hash")
    st.header(ws, [text(L, k) for k in keys])
    row = st.FIRST_DATA_ROW
    for entry in data.audit:
        write(ws, row, 1, entry.seq, st.INT_FORMAT)
        write(ws, row, 2, entry.at.replace(microsecond=0), st.DATETIME_FORMAT)
        write(ws, row, 3, entry.os_user)
        write(ws, row, 4, entry.machine)
        write(ws, row, 5, entry.event)
        from workbench.store.audit import canonical

        write(ws, row, 6, canonical(entry.details)).alignment = st.WRAP
        write(ws, row, 7, entry.hash).font = Font(name="Consolas", size=9)
        row += 1
    if not data.audit:
        write(ws, row, 1, text(L, "no_entries"))
        row += 1
    st.box(ws, st.FIRST_DATA_ROW, row - 1, len(keys))
    ws.freeze_panes = f"A{st.FIRST_DATA_ROW}"
    st.widths(ws, [7, 20, 14, 16, 18, 70, 66])


def compliance_sheet(ws: Worksheet, data: Any) -> None:
    """Rules in force, violations per rule, and each violating touch (masked)."""
    L = data.lang
    summary, rules, listed = data.compliance
    st.title(ws, data, "compliance")
    st.header(ws, [text(L, "rule"), text(L, "violations"), text(L, "touches")])
    row = st.FIRST_DATA_ROW
    for entry in summary.rules:
        write(ws, row, 1, text(L, entry["rule"]))
        write(ws, row, 2, entry["violations"], st.INT_FORMAT)
        write(ws, row, 3, entry["touches"], st.INT_FORMAT)
        row += 1
    write(ws, row, 1, text(L, "rate")).font = Font(bold=True)
    write(ws, row, 2, summary.violation_rate, "0.00%")
    write(ws, row, 3, summary.touches, st.INT_FORMAT)
    st.box(ws, st.FIRST_DATA_ROW, row, 3)
    row += 2
    st.header(ws, [text(L, "setting"), text(L, "value")], row=row)
    row += 1
    write(ws, row, 1, text(L, "rules_version"))
    write(ws, row, 2, summary.rules_version, st.INT_FORMAT)
    row += 1
    for key, value in rules.to_json().items():
        write(ws, row, 1, key)
        write(ws, row, 2, ", ".join(value) if isinstance(value, list) else str(value))
        row += 1
    row += 1
    titles = [text(L, k) for k in ("touched_at", "campaign", "customer", "agent", "rules")]
    st.header(ws, titles, row=row)
    first = row + 1
    row = first
    for item in listed[:MAX_LISTED_VIOLATIONS]:
        write(ws, row, 1, item["touched_at"], st.DATETIME_FORMAT)
        write(ws, row, 2, item["campaign_id"])
        write(ws, row, 3, item["customer"] or "")
        write(ws, row, 4, item["agent_id"] or "")
        write(ws, row, 5, "、".join(text(L, r) for r in item["rules"]))
        row += 1
    if summary.violating > MAX_LISTED_VIOLATIONS:
        write(ws, row, 1, text(L, "more").format(n=summary.violating - MAX_LISTED_VIOLATIONS))
        row += 1
    if row > first:
        st.box(ws, first, row - 1, len(titles))
    st.widths(ws, [36, 18, 18, 12, 40])


def gather(con: Any, start: Any, end: Any) -> tuple[list, tuple]:
    """(audit entries since ``start``, (Summary, ContactRules, violations)) for the period."""
    from datetime import datetime

    from workbench.compliance.evaluate import summary, violations
    from workbench.compliance.rules import current_rules
    from workbench.store import audit

    entries = audit.entries(con, since=datetime.combine(start, datetime.min.time()))
    _version, rules = current_rules(con)
    return entries, (
        summary(con, start, end, rules),
        rules,
        violations(con, start, end, limit=MAX_LISTED_VIOLATIONS + 1),
    )
