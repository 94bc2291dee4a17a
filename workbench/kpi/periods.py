"""Which period a period is compared with (the workbook's "previous period", the dashboard's
change arrows): one rule, so both show the same comparison."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def _add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def whole_months(start: date, end: date) -> int:
    """How many calendar months ``start``–``end`` covers exactly (0: not whole months)."""
    if start.day != 1 or end.day != calendar.monthrange(end.year, end.month)[1]:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period before ``start``–``end``: as many whole calendar months when the period is
    whole months (March → the whole of February, not the 31 days before March), else the
    same number of days just before."""
    months = whole_months(start, end)
    if months:
        first = _add_months(start, -months)
        return first, start - timedelta(days=1)
    days = (end - start).days + 1
    prev_end = start - timedelta(days=1)
    return prev_end - timedelta(days=days - 1), prev_end
