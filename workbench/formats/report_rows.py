"""Helpers for summary reports (Avaya CMS, Cisco CUIC): title fields, totals, intervals."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

from workbench.formats.base import Row, cell, try_stamp
from workbench.readers.headers import is_total_label

_RANGE = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?\s*(?:[-–~至]|to)\s*\d", re.I)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$", re.I)
_TWO_DIGIT_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2})$")


def title_value(rows: list[Row], *labels: str, limit: int = 15) -> str | None:
    """``Date: 10/01/26`` or ``Date:`` | ``10/01/26`` in the title rows → ``10/01/26``."""
    wanted = tuple(label.casefold() for label in labels)
    for row in rows[:limit]:
        texts = [c.strip() for c in row if c and c.strip()]
        for i, text in enumerate(texts):
            low = text.casefold()
            for label in wanted:
                if not low.startswith(label):
                    continue
                rest = text[len(label) :].strip()
                if rest[:1] in (":", "："):
                    value = rest[1:].strip()
                    if value:
                        return value
                    if i + 1 < len(texts):
                        return texts[i + 1]
                elif not rest and i + 1 < len(texts):
                    return texts[i + 1]
    return None


@lru_cache(maxsize=4096)  # a report's rows repeat their dates (see ``base.try_stamp``)
def day_of(text: str | None) -> datetime | None:
    """A report date: ``10/01/26`` (US month first, 2-digit year), ``2026-10-01`` …"""
    if not text:
        return None
    text = text.split(" - ")[0].split(" to ")[0].strip()
    m = _TWO_DIGIT_YEAR.match(text)
    if m:
        month, day, year = (int(g) for g in m.groups())
        try:
            return datetime(2000 + year, month, day)
        except ValueError:
            return None
    value = try_stamp(text)
    if value is None:  # "Monday 10/01/2026" and the like
        value = try_stamp(text.split(" ", 1)[-1])
    return value


@lru_cache(maxsize=4096)  # and their intervals
def clock_of(text: str | None) -> timedelta | None:
    """The start of ``08:00-08:30``, ``8:00 AM-8:30 AM`` or ``08:00``."""
    if not text:
        return None
    text = text.strip()
    m = _RANGE.match(text)
    if m:
        hour, minute, ampm = int(m.group(1)), int(m.group(2)), m.group(3)
    else:
        m = _CLOCK.match(text)
        if not m:
            return None
        hour, minute, ampm = int(m.group(1)), int(m.group(2)), m.group(4)
    if ampm:
        pm = ampm.lower().startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    if hour > 23 or minute > 59:
        return None
    return timedelta(hours=hour, minutes=minute)


def is_total(row: Row) -> bool:
    return any(is_total_label(c) for c in row[:3] if c)


def count_text(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = text.replace(",", "").strip()
    return cleaned or None


def number(row: Row, index: int | None) -> float | None:
    text = count_text(cell(row, index))
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None
