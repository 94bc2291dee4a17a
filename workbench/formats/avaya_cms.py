"""Avaya CMS split/skill reports (interval and daily), as exported from CMS Supervisor.

Sources: Avaya CMS Supervisor Reports (documentation.avaya.com, "Split/Skill Interval
report", "Split/Skill Daily report") and the BCMS/CMS report heading definitions,
https://www.manualshelf.com/manual/avaya/basic-call-management-system-bcms/user-s-manual-english/page-65.html
— ``ACD Calls`` (calls answered by agents), ``Aband Calls``, ``Avg Speed Ans`` (m:ss),
``Avg ACD Time`` (talk), ``Avg ACW Time``; rows are intervals (``08:00-08:30``) under title
rows ``Split/Skill: 1 Billing`` and ``Date: 10/01/26`` (month first), or days (``Date``
column) in the daily report; a ``Totals`` row closes the table. Offered = ACD Calls + Aband
Calls unless the report has ``Calls Offered``.
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
from workbench.formats.report_rows import clock_of, count_text, day_of, is_total, title_value
from workbench.i18n import _
from workbench.readers.raw import RawSheet

ID = "avaya_cms"
NAME = "Avaya CMS split/skill report"
HEADERS = ["period_start", "queue", "offered", "answered", "abandoned", "asa_s", "talk_s"]


def detect(sheet: RawSheet) -> float:
    rows = sheet.head(30)
    index = header_index(rows, ["ACD Calls", "Avg Speed Ans"])
    if index is None:  # CMS's own words for the queue: Split/Skill, in a column or the title
        index = header_index(rows, ["ACD Calls", "Aband Calls"])
        if (
            index is not None
            and column(keys(rows[index]), "Split/Skill") is None
            and title_value(rows[:index], "Split/Skill") is None
        ):
            return 0.0
    return 0.0 if index is None else 1.0


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    index = header_index(rows, ["ACD Calls", "Avg Speed Ans"])
    if index is None:
        index = header_index(rows, ["ACD Calls", "Aband Calls"])
    assert index is not None
    k = keys(rows[index])
    c_time = column(k, "Time", "Interval", "Time Interval")
    c_date = column(k, "Date", "Day")
    c_queue = column(k, "Split/Skill", "Skill", "Split", "Skill Name")
    c_acd = column(k, "ACD Calls")
    c_aband = column(k, "Aband Calls", "Abandoned Calls")
    c_offered = column(k, "Calls Offered", "Offered Calls")
    c_asa = column(k, "Avg Speed Ans", "ASA")
    c_talk = column(k, "Avg ACD Time", "Avg Talk Time")
    used = {c_time, c_date, c_queue, c_acd, c_aband, c_offered, c_asa, c_talk}
    extra = [i for i, text in enumerate(rows[index]) if text and i not in used]
    title_queue = title_value(rows[:index], "Split/Skill", "Skill", "Split")
    title_day = day_of(title_value(rows[:index], "Date", "Day"))
    out, out_rn, totals, undated = [], [], 0, 0
    for row, rn in zip(rows[index + 1 :], numbers[index + 1 :], strict=True):
        if not any(row):
            continue
        if is_total(row):
            totals += 1
            continue
        day = day_of(cell(row, c_date)) if c_date is not None else title_day
        clock = clock_of(cell(row, c_time)) if c_time is not None else None
        full = try_stamp(cell(row, c_time)) if c_time is not None and clock is None else None
        if full is not None and full.year > 1900:  # the interval column holds date and time
            day, clock = full, None
        elif day is None or (c_time is not None and c_date is None and clock is None):
            undated += 1
            continue
        start = day + clock if clock is not None else day
        answered = count_text(cell(row, c_acd))
        aband = count_text(cell(row, c_aband))
        offered = count_text(cell(row, c_offered))
        if offered is None and answered is not None:
            try:
                offered = str(int(float(answered)) + int(float(aband or 0)))
            except ValueError:
                offered = None
        out.append(
            [stamp(start), cell(row, c_queue) or title_queue, offered, answered, aband,
             seconds_text(try_seconds(cell(row, c_asa))),
             seconds_text(try_seconds(cell(row, c_talk)))]
            + [cell(row, i) for i in extra]
        )  # fmt: skip
        out_rn.append(rn)
    notes = [_("{n:,} report rows").format(n=len(out))]
    if c_offered is None:
        notes.append(_("offered = ACD Calls + Aband Calls"))
    if totals:
        notes.append(_("the Totals row is left out"))
    if undated:
        notes.append(_("{n:,} rows without a date or interval left out").format(n=undated))
    headers = HEADERS + [rows[index][i] or "" for i in extra]
    return "intervals", build(headers, out, out_rn, NAME), notes
