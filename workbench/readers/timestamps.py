"""Timestamps, dates, times of day and durations of one cell (data-kinds.md).

Time convention: timestamps are naive ``datetime`` values holding the export's own local
wall-clock time, exactly as the file shows it; nothing is converted, whatever the machine's
time zone. A numeric offset after a time (``09:00:05+08:00``) is dropped and the wall-clock
time kept (DuckDB's cast does the same on the bulk path); a ``Z`` (UTC) stamp is refused,
because its wall-clock time is not the centre's and shifting it would be a guess.
Durations are float seconds.

Excel conventions: a serial number counts days since 1899-12-30 (Excel's 1900 system; the
phantom 1900-02-29 only affects serials below 61, which no real export holds); a time-only cell
reaches us as ``1899-12-31 hh:mm:ss`` (calamine's rendering of serial 0.x), so a duration cell
of 1 day 01:00:03 reads ``1900-01-01 01:00:03``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

from workbench.i18n import _
from workbench.readers.cells import BadValue, check_error_token, clean, short
from workbench.readers.numbers import parse_number

EXCEL_EPOCH = datetime(1899, 12, 30)
TIME_BASE = datetime(1899, 12, 31)  # what a time-only Excel cell turns into
EARLIEST = datetime(1970, 1, 1)
LATEST = datetime(2100, 1, 1)


# ---- timestamps ----------------------------------------------------------------------------
_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6}))?)?)?$"
)
_CN = re.compile(
    r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?\s*(?:(\d{1,2})[:时点](\d{1,2})?(?:[:分](\d{1,2})?秒?)?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:[ T]?(\d{2})(\d{2})(\d{2})?)?$")
_SLASHED = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$",
    re.I,
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_ENGLISH = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:(?P<d1>\d{1,2})[\s-]+(?P<m1>[a-z]{3,9})\.?[\s,-]+(?P<y1>\d{4})"
    r"|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))"
    r"(?:[\s,T]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ap>[ap]\.?m\.?)?)?$",
    re.I,
)
_AMPM_CN = re.compile(r"(上午|下午|晚上|凌晨|中午)")
_ZULU = re.compile(r"\d[zZ]$")
_OFFSET = re.compile(r"(?<=:\d\d)(?:\.\d+)?\s*[+-]\d{2}(?::?\d{2})?$")


def _stamp(y, mo, d, h=0, mi=0, s=0, us=0, ampm: str | None = None, text: object = "") -> datetime:
    h, mi, s = int(h or 0), int(mi or 0), int(s or 0)
    if ampm:
        a = ampm.lower().replace(".", "")
        if a in ("pm", "下午", "晚上") and h < 12:
            h += 12
        elif a in ("am", "上午", "凌晨") and h == 12:
            h = 0
    end_of_day = h == 24 and mi == 0 and s == 0 and not us  # ISO 8601 24:00 = next midnight
    try:
        if end_of_day:
            return datetime(int(y), int(mo), int(d)) + timedelta(days=1)
        value = datetime(int(y), int(mo), int(d), h, mi, s, int(us or 0))
    except ValueError:
        raise BadValue(_("'{value}' is not a valid date").format(value=short(text))) from None
    return value


def excel_serial_to_datetime(serial: float) -> datetime:
    """Days since 1899-12-30 (Excel's 1900 date system) to a naive datetime (to the ms)."""
    return EXCEL_EPOCH + timedelta(milliseconds=round(serial * 86_400_000))


def parse_timestamp(text: object, *, dayfirst: bool = False) -> datetime:
    """A date-time in the common Chinese and English forms, or an Excel serial number.

    ``2026-10-01 09:00:05``, ``2026/10/1 9:00``, ``2026年10月1日 9时5分``, ``20261001 090005``,
    ``01/10/2026 09:00`` (month first unless ``dayfirst``), ``1 Oct 2026``, ``Oct 1, 2026 9:00 PM``,
    ``45931.375``. A date alone is midnight. Time zones are refused (see module docstring).
    """
    s = clean(text)
    check_error_token(s)
    if not s:
        raise BadValue(_("empty date"))
    value = _parse_timestamp(s, dayfirst, text)
    if not (EARLIEST <= value < LATEST):
        if value < datetime(1900, 3, 1):
            raise BadValue(_("'{value}' is a time without a date").format(value=short(text)))
        raise BadValue(_("date {value} is out of range (1970–2099)").format(value=short(text)))
    return value


def _parse_timestamp(s: str, dayfirst: bool, text: object) -> datetime:
    if _ZULU.search(s):
        raise BadValue(
            _("'{value}' is in UTC (Z); export local time instead").format(value=short(text))
        )
    offset = _OFFSET.search(s)
    if offset:
        fraction = re.match(r"\.\d+", offset.group(0))
        s = s[: offset.start()] + (fraction.group(0) if fraction else "")
    ampm = None
    m = _AMPM_CN.search(s)
    if m:
        ampm = m.group(1)
        s = (s[: m.start()] + " " + s[m.end() :]).strip()
    m = _ISO.match(s)
    if m:
        y, mo, d, h, mi, sec, frac = m.groups()
        us = int((frac or "0").ljust(6, "0")) if frac else 0
        return _stamp(y, mo, d, h, mi, sec, us, ampm, text)
    m = _CN.match(s.replace(" ", "") if "年" in s else s)
    if m:
        y, mo, d, h, mi, sec = m.groups()
        return _stamp(y, mo, d, h, mi, sec, 0, ampm, text)
    m = _COMPACT.match(s)
    if m:
        y, mo, d, h, mi, sec = m.groups()
        return _stamp(y, mo, d, h, mi, sec, 0, ampm, text)
    m = _SLASHED.match(s)
    if m:
        a, b, y, h, mi, sec, ap = m.groups()
        first, second = int(a), int(b)
        if first > 12 or dayfirst:
            d, mo = first, second
        else:
            mo, d = first, second
        return _stamp(y, mo, d, h, mi, sec, 0, ap or ampm, text)
    m = _ENGLISH.match(s)
    if m:
        g = m.groupdict()
        month_name = (g["m1"] or g["m2"]).casefold()[:3]
        if month_name not in _MONTHS:
            raise BadValue(_("'{value}' is not a date").format(value=short(text)))
        return _stamp(
            g["y1"] or g["y2"],
            _MONTHS[month_name],
            g["d1"] or g["d2"],
            g["h"],
            g["mi"],
            g["s"],
            0,
            g["ap"] or ampm,
            text,
        )
    try:
        serial = parse_number(s)
    except BadValue:
        raise BadValue(_("'{value}' is not a date").format(value=short(text))) from None
    if not (1 <= serial < 2_958_466):
        raise BadValue(_("'{value}' is not a date").format(value=short(text)))
    return excel_serial_to_datetime(serial)


def parse_date(text: object, *, dayfirst: bool = False) -> date:
    """A calendar date (any form ``parse_timestamp`` reads; a time part is ignored)."""
    return parse_timestamp(text, dayfirst=dayfirst).date()


_CLOCK = re.compile(r"^(-)?(\d+):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?$")
_CN_DURATION = re.compile(
    r"^(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h|hr|hrs|hours?))?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|m|min|mins|minutes?))?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|s|sec|secs|seconds?))?$",
    re.I,
)
_RANGE = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*[-~–至]\s*\d")
UNIT_FACTORS = {"s": 1.0, "ms": 0.001, "min": 60.0, "h": 3600.0}


def parse_time_of_day(text: object) -> float:
    """Seconds after midnight: ``9:12:58``, ``09:00-09:30`` (start), an Excel time, ``0.375``."""
    s = clean(text)
    check_error_token(s)
    if not s:
        raise BadValue(_("empty time"))
    ampm = None
    m = _AMPM_CN.search(s) or re.search(r"\s*([ap]\.?m\.?)$", s, re.I)
    if m:
        ampm = m.group(1).lower().replace(".", "")
        s = (s[: m.start()] + s[m.end() :]).strip()
    if _RANGE.match(s):
        s = re.split(r"\s*[-~–至]\s*", s, maxsplit=1)[0]
    m = _CLOCK.match(s)
    if m and not m.group(1):
        h, mi, sec = int(m.group(2)), int(m.group(3)), int(m.group(4) or 0)
        frac = float("0." + m.group(5)) if m.group(5) else 0.0
        if ampm in ("pm", "下午", "晚上") and h < 12:
            h += 12
        if ampm in ("am", "上午", "凌晨") and h == 12:
            h = 0
        if h > 23 or mi > 59 or sec > 59:
            raise BadValue(_("'{value}' is not a time of day").format(value=short(text)))
        return h * 3600 + mi * 60 + sec + frac
    try:
        stamp = _parse_timestamp(s, False, text)
    except BadValue:
        stamp = None
    if stamp is not None:
        return (stamp - datetime(stamp.year, stamp.month, stamp.day)).total_seconds()
    try:
        value = parse_number(s)
    except BadValue:
        raise BadValue(_("'{value}' is not a time of day").format(value=short(text))) from None
    if 0 <= value < 1:
        return round(value * 86400, 3)
    raise BadValue(_("'{value}' is not a time of day").format(value=short(text)))


def parse_duration(text: object, *, unit: str | None = None, day_fraction: bool = False) -> float:
    """Seconds (see ``_parse_duration``); a value too large for a float is a ``BadValue``."""
    seconds = _parse_duration(text, unit=unit, day_fraction=day_fraction)
    try:
        seconds = float(seconds)
    except OverflowError:
        seconds = math.inf
    if not math.isfinite(seconds):
        raise BadValue(_("duration {value} is too long").format(value=short(text)))
    if seconds < 0:  # e.g. a date before the time base, 1899-01-01
        raise BadValue(_("negative duration {value}").format(value=short(text)))
    return seconds


def _parse_duration(text: object, *, unit: str | None = None, day_fraction: bool = False) -> float:
    """Seconds from ``75``, ``1.5`` (minutes when ``unit='min'``), ``1:15``, ``0:01:15``,
    ``1分15秒``, an Excel time cell (``1899-12-31 00:01:15``) or a day fraction (``0.000868``)."""
    s = clean(text)
    check_error_token(s)
    if not s:
        raise BadValue(_("empty duration"))
    m = _CLOCK.match(s)
    if m:
        if m.group(1):
            raise BadValue(_("negative duration {value}").format(value=short(text)))
        a, b, c = int(m.group(2)), int(m.group(3)), m.group(4)
        frac = float("0." + m.group(5)) if m.group(5) else 0.0
        if b > 59 or (c is not None and int(c) > 59):
            raise BadValue(_("'{value}' is not a duration").format(value=short(text)))
        seconds = a * 3600 + b * 60 + int(c) if c is not None else a * 60 + b
        return seconds + frac
    if s[:4] in ("1899", "1900") and len(s) >= 10:
        try:
            stamp = _parse_timestamp(s, False, text)
        except BadValue:
            stamp = None
        if stamp is not None:
            return round((stamp - TIME_BASE).total_seconds(), 3)
    try:
        value = parse_number(s)
    except BadValue:
        m = _CN_DURATION.match(s)
        if m and any(m.groups()):
            h, mi, sec = (float(g) if g else 0.0 for g in m.groups())
            return h * 3600 + mi * 60 + sec
        raise BadValue(_("'{value}' is not a duration").format(value=short(text))) from None
    if value < 0:
        raise BadValue(_("negative duration {value}").format(value=short(text)))
    if day_fraction:
        return round(value * 86400, 3)
    return value * UNIT_FACTORS.get(unit or "s", 1.0)
