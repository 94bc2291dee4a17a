"""Numbers, counts, amounts and percentages of one cell (data-kinds.md)."""

from __future__ import annotations

import math
import re

from workbench.i18n import _
from workbench.readers.cells import BadValue, check_error_token, clean, short

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_number(text: object) -> float:
    """A plain number: ``12``, ``12.5``, ``1,234.5``, ``-3``, ``(3)``; currency marks dropped."""
    s = clean(text)
    check_error_token(s)
    if not s:
        raise BadValue(_("empty"))
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    s = s.replace("¥", "").replace("$", "").replace("元", "").replace("RMB", "").strip()
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    if not _NUMBER.match(s):
        raise BadValue(_("'{value}' is not a number").format(value=short(text)))
    value = float(s)
    if not math.isfinite(value):
        raise BadValue(_("'{value}' is not a number").format(value=short(text)))
    return -value if negative else value


def parse_count(text: object) -> int:
    """A non-negative whole number."""
    value = parse_number(text)
    if value < 0:
        raise BadValue(_("negative count {value}").format(value=short(text)))
    if abs(value - round(value)) > 1e-9:
        raise BadValue(_("'{value}' is not a whole number").format(value=short(text)))
    return round(value)


def parse_money(text: object) -> float:
    """An amount in yuan (``¥1,234.50``, ``1234.5元``), rounded to cents."""
    value = parse_number(text)
    if value < 0:
        raise BadValue(_("negative amount {value}").format(value=short(text)))
    return round(value, 2)


def parse_percent(text: object, *, points: bool | None = None) -> float:
    """A ratio as a fraction: ``0.94``, ``94`` (when ``points``) or ``"94.01%"`` → 0.9401.

    ``points`` says the column holds percentage points (some value above 1); ``None`` decides
    from this value alone (above 1 means points).
    """
    s = clean(text)
    if s.endswith("%"):
        value = parse_number(s[:-1]) / 100.0
    else:
        value = parse_number(s)
        if points or (points is None and value > 1):
            value = value / 100.0
    if value < 0 or value > 1 + 1e-9:
        raise BadValue(_("percentage {value} is outside 0–100%").format(value=short(text)))
    return min(value, 1.0)
