"""The working calendar: Chinese statutory holidays and make-up working days (调休上班).

Source: the ``chinese-calendar`` package (the State Council's yearly notices, 2004 to its
latest year). For years it does not cover, the ``holidays`` package's ``China`` calendar gives
the statutory holidays (without make-up days); without either, only weekends are known.

Each day has one kind:
    holiday  a statutory holiday (a day off, 节假日)
    makeup   a Saturday or Sunday that is a working day (调休上班)
    weekend  an ordinary Saturday or Sunday
    workday  an ordinary Monday to Friday
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from typing import Literal

DayKind = Literal["holiday", "makeup", "weekend", "workday"]
DAY_KINDS: tuple[DayKind, ...] = ("workday", "weekend", "holiday", "makeup")


@cache
def _fallback_holidays(year: int) -> dict[date, str]:
    """The ``holidays`` package's China calendar of ``year`` ({} when it cannot be loaded)."""
    try:
        import holidays

        return dict(holidays.China(years=year).items())
    except (ImportError, AttributeError, NotImplementedError):  # e.g. a bundle without it
        return {}


def day_info(day: date) -> tuple[DayKind, str | None]:
    """(kind, holiday name or None) of ``day``; a make-up day names the holiday it serves."""
    try:
        import chinese_calendar

        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        weekend = day.weekday() >= 5
        if on_holiday and name:
            return "holiday", name
        if weekend and not on_holiday:
            return "makeup", name
        return ("weekend" if weekend else "workday"), None
    except (ImportError, NotImplementedError):
        name = _fallback_holidays(day.year).get(day)
        if name:
            return "holiday", name
        return ("weekend" if day.weekday() >= 5 else "workday"), None


def day_kind(day: date) -> DayKind:
    """holiday, makeup, weekend or workday."""
    return day_info(day)[0]


def is_working_day(day: date) -> bool:
    """True for ordinary weekdays and make-up working days."""
    return day_kind(day) in ("workday", "makeup")


def days_between(start: date, end: date) -> Iterable[date]:
    """Every day from ``start`` to ``end``, both included."""
    for i in range((end - start).days + 1):
        yield start + timedelta(days=i)


def special_days(start: date, end: date) -> list[tuple[date, DayKind, str | None]]:
    """Holidays and make-up days from ``start`` to ``end`` (for shading charts)."""
    out = []
    for day in days_between(start, end):
        kind, name = day_info(day)
        if kind in ("holiday", "makeup"):
            out.append((day, kind, name))
    return out
