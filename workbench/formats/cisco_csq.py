"""Cisco Unified CCX / CUIC "Contact Service Queue Activity" reports (summary or by interval).

Source: Cisco Unified Contact Center Express Historical Reports User Guide, "Contact Service
Queue Activity Report" and "CSQ Activity Report (by Interval)",
https://www.cisco.com/c/en/us/support/customer-collaboration/unified-contact-center-express/products-user-guide-list.html
— columns ``CSQ Name``, ``Interval Start Time``, ``Calls Presented``, ``Avg Queue Time``,
``Calls Handled``, ``Avg Speed of Answer``, ``Avg Handle Time``, ``Calls Abandoned``,
``Calls Dequeued`` (durations h:mm:ss). A summary without interval columns takes its period
from the title row ``Report Start Time`` / ``Start Date``.
"""

from __future__ import annotations

from workbench.formats.base import (
    all_rows,
    build,
    cell,
    column,
    header_index,
    keys,
    row_numbers,
    seconds_text,
    stamp,
    try_seconds,
    try_stamp,
)
from workbench.formats.report_rows import count_text, day_of, is_total, title_value
from workbench.i18n import _
from workbench.readers.raw import RawSheet

ID = "cisco_csq"
NAME = "Cisco UCCX CSQ activity report"
HEADERS = ["period_start", "queue", "offered", "answered", "abandoned", "asa_s", "aht_s"]
_NEEDED = ["Calls Presented", "Calls Handled", "Calls Abandoned"]


def detect(sheet: RawSheet) -> float:
    rows = sheet.head(30)
    index = header_index(rows, _NEEDED)
    if index is None:
        return 0.0
    k = keys(rows[index])
    return 1.0 if column(k, "CSQ Name", "CSQ Name (Call Skills)", "CSQ") is not None else 0.0


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    index = header_index(rows, _NEEDED)
    assert index is not None
    k = keys(rows[index])
    c_queue = column(k, "CSQ Name", "CSQ Name (Call Skills)", "CSQ")
    c_start = column(k, "Interval Start Time", "Interval Start", "Start Time")
    c_offered = column(k, "Calls Presented")
    c_answered = column(k, "Calls Handled")
    c_aband = column(k, "Calls Abandoned")
    c_asa = column(k, "Avg Speed of Answer", "Average Speed of Answer")
    c_aht = column(k, "Avg Handle Time", "Average Handle Time")
    used = {c_queue, c_start, c_offered, c_answered, c_aband, c_asa, c_aht}
    extra = [i for i, text in enumerate(rows[index]) if text and i not in used]
    period = day_of(title_value(rows[:index], "Report Start Time", "Start Date",
                                "Interval Start Time", "Report Period"))  # fmt: skip
    out, out_rn, skipped = [], [], 0
    for row, rn in zip(rows[index + 1 :], numbers[index + 1 :], strict=True):
        if not any(row) or is_total(row):
            continue
        start = try_stamp(cell(row, c_start)) if c_start is not None else period
        if start is None:
            skipped += 1
            continue
        out.append(
            [stamp(start), cell(row, c_queue), count_text(cell(row, c_offered)),
             count_text(cell(row, c_answered)), count_text(cell(row, c_aband)),
             seconds_text(try_seconds(cell(row, c_asa))),
             seconds_text(try_seconds(cell(row, c_aht)))]
            + [cell(row, i) for i in extra]
        )  # fmt: skip
        out_rn.append(rn)
    notes = [_("{n:,} report rows").format(n=len(out))]
    if c_start is None:
        notes.append(_("the period is the report's start date"))
    if skipped:
        notes.append(_("{n:,} rows without a period left out").format(n=skipped))
    headers = HEADERS + [rows[index][i] or "" for i in extra]
    return "intervals", build(headers, out, out_rn, NAME), notes
