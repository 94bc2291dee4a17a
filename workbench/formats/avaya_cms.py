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

from contextlib import suppress
from datetime import datetime, timedelta
from functools import lru_cache

from workbench.formats.base import (
    all_rows,
    build_columns,
    column,
    header_index,
    keys,
    row_numbers,
    seconds_text,
    stamp,
    try_seconds,
    try_stamp,
)
from workbench.formats.report_rows import clock_of, count_text, day_of, title_value
from workbench.i18n import _
from workbench.readers.headers import is_total_label
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
    # column by column (a month of 20 splits is 33,600 rows whose cells repeat): each distinct
    # text is parsed once, and the rows kept are picked out at the end
    data = rows[index + 1 :]
    width = max((len(r) for r in data), default=0)
    columns = [list(c) for c in zip(*(r + [None] * (width - len(r)) for r in data), strict=True)]

    def values(i: int | None) -> list[str | None]:
        if i is None or i >= width:
            return [None] * len(data)
        return [c.strip() or None if c else None for c in columns[i]]

    filled = [any(r) for r in data]
    total = [False] * len(data)
    for i in range(min(width, 3)):
        total = [t or bool(c and _total(c)) for t, c in zip(total, columns[i], strict=True)]
    times = values(c_time)
    days = [day_of(d) for d in values(c_date)] if c_date is not None else [title_day] * len(data)
    clocks = [clock_of(t) for t in times] if c_time is not None else [None] * len(data)
    queues = values(c_queue)
    acd, aband = [count_text(v) for v in values(c_acd)], [count_text(v) for v in values(c_aband)]
    offered = [count_text(v) for v in values(c_offered)]
    asa = [_seconds(v) for v in values(c_asa)]
    talk = [_seconds(v) for v in values(c_talk)]
    extras = [values(i) for i in extra]
    kept: list[int] = []
    starts: list[str | None] = []
    totals = undated = 0
    for r in range(len(data)):
        if not filled[r]:
            continue
        if total[r]:
            totals += 1
            continue
        day, clock = days[r], clocks[r]
        full = try_stamp(times[r]) if c_time is not None and clock is None else None
        if full is not None and full.year > 1900:  # the interval column holds date and time
            day, clock = full, None
        elif day is None or (c_time is not None and c_date is None and clock is None):
            undated += 1
            continue
        kept.append(r)
        starts.append(_stamp(day, clock))
        if offered[r] is None and acd[r] is not None:
            with suppress(ValueError):  # not a number: no offered count
                offered[r] = str(int(float(acd[r])) + int(float(aband[r] or 0)))
    out = [
        starts,
        [queues[r] or title_queue for r in kept],
        [offered[r] for r in kept],
        [acd[r] for r in kept],
        [aband[r] for r in kept],
        [asa[r] for r in kept],
        [talk[r] for r in kept],
        *([column[r] for r in kept] for column in extras),
    ]
    out_rn = [numbers[index + 1 + r] for r in kept]
    notes = [_("{n:,} report rows").format(n=len(kept))]
    if c_offered is None:
        notes.append(_("offered = ACD Calls + Aband Calls"))
    if totals:
        notes.append(_("the Totals row is left out"))
    if undated:
        notes.append(_("{n:,} rows without a date or interval left out").format(n=undated))
    headers = HEADERS + [rows[index][i] or "" for i in extra]
    return "intervals", build_columns(headers, out, out_rn, NAME), notes


@lru_cache(maxsize=4096)
def _total(text: str) -> bool:
    return is_total_label(text)


@lru_cache(maxsize=4096)
def _seconds(text: str | None) -> str | None:
    return seconds_text(try_seconds(text))


@lru_cache(maxsize=8192)
def _stamp(day: datetime, clock: timedelta | None) -> str | None:
    return stamp(day + clock if clock is not None else day)
