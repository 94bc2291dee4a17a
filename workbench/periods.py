"""Calendar periods shared by the window's filter bar and the exporters (no Qt).

``period_range`` turns a preset into days; ``previous_range`` is the comparison period the
dashboard and the compliance workbook both use (whole months: as many months before; otherwise
the days of equal length just before).
"""

from __future__ import annotations

from datetime import date, timedelta

#: the filter bar's presets, in the order it lists them
PRESETS: tuple[str, ...] = (
    "latest_month", "today", "yesterday", "week", "last_week", "month", "last_month",
    "quarter", "custom",
)  # fmt: skip


def month_range(day: date) -> tuple[date, date]:
    """First and last day of ``day``'s month."""
    first = day.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, nxt - timedelta(days=1)


def quarter_range(day: date) -> tuple[date, date]:
    """First and last day of ``day``'s calendar quarter."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    last_month = date(day.year, first.month + 2, 1)
    return first, month_range(last_month)[1]


def period_range(mode: str, today: date, last_day: date | None) -> tuple[date, date] | None:
    """The date range of a preset (None for ``custom``)."""
    monday = today - timedelta(days=today.weekday())
    ranges = {
        "today": (today, today),
        "yesterday": (today - timedelta(days=1), today - timedelta(days=1)),
        "week": (monday, monday + timedelta(days=6)),
        "last_week": (monday - timedelta(days=7), monday - timedelta(days=1)),
        "month": month_range(today),
        "last_month": month_range(today.replace(day=1) - timedelta(days=1)),
        "quarter": quarter_range(today),
        "latest_month": month_range(last_day or today),
    }
    return ranges.get(mode)


def _add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def whole_months(start: date, end: date) -> int:
    """How many calendar months ``start``–``end`` covers exactly (0: not whole months)."""
    if start.day != 1 or end != month_range(end)[1] or end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def previous_range(start: date, end: date) -> tuple[date, date]:
    """The period compared with ``start``..``end``: as many whole calendar months before when
    the period is whole months (March → the whole of February, a quarter → the quarter
    before), else the same number of days just before."""
    months = whole_months(start, end)
    if months:
        return _add_months(start, -months), start - timedelta(days=1)
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)
