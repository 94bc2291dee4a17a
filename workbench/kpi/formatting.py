"""Indicator values and group keys as people read them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from workbench.kpi import catalogue
from workbench.kpi.catalogue import KpiDef


def format_value(kpi: KpiDef | str, value: float | None, lang: str = "en") -> str:
    """A value as people read it: ``94.2%``, ``1:05`` (m:ss), ``¥12,345``, ``5,000``, ``3.40``.

    Ratios get one decimal (two below 1 %); seconds are m:ss (h:mm:ss from an hour); yuan and
    counts get thousands separators; scores two decimals; quality points one. None is "—".
    """
    if isinstance(kpi, str):
        kpi = catalogue.get(kpi)
    if value is None:
        return "—"
    unit = kpi.unit
    if unit == "ratio":
        percent = value * 100
        return f"{percent:.2f}%" if abs(percent) < 1 and percent != 0 else f"{percent:.1f}%"
    if unit == "s":
        return format_seconds(value)
    if unit == "yuan":
        return f"¥{value:,.0f}" if abs(value) >= 100 else f"¥{value:,.2f}"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "score":
        return f"{value:.2f}"
    return f"{value:.1f}"


def format_seconds(value: float) -> str:
    """Seconds as ``m:ss`` (``h:mm:ss`` from one hour), rounded to the second."""
    sign = "-" if value < 0 else ""
    total = round(abs(value))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{minutes}:{seconds:02d}"


def period_key(day: date, by: str) -> str:
    """The group key of the period holding ``day`` (the period's first day, ISO)."""
    if by == "day":
        return day.isoformat()
    if by == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    if by == "month":
        return day.replace(day=1).isoformat()
    raise ValueError(by)


def key_text(key: Any) -> str:
    """A group key as text: ISO for dates, '' for a missing key."""
    if key is None:
        return ""
    if isinstance(key, date):
        return key.isoformat()[:10]
    return str(key)
