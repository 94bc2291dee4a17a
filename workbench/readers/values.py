"""Value parsers: one cell's text → a stored value, or a ``BadValue`` saying why not.

These are the exact rules of data-kinds.md for every value form (timestamps, durations,
yes/no, counts, percentages, satisfaction, money, personal data). The import job applies the
common forms in bulk SQL (``workbench.importing.coerce``) and sends every other *distinct* value
through these functions, so both paths agree by construction and the parsers stay testable.

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

import hashlib
import hmac
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from workbench.errors import WorkbenchError
from workbench.i18n import _

EXCEL_EPOCH = datetime(1899, 12, 30)
TIME_BASE = datetime(1899, 12, 31)  # what a time-only Excel cell turns into
EARLIEST = datetime(1970, 1, 1)
LATEST = datetime(2100, 1, 1)
ERROR_TOKENS = frozenset(
    {"#n/a", "#value!", "#ref!", "#div/0!", "#num!", "#name?", "#null!", "#getting_data", "#spill!"}
)


class BadValue(WorkbenchError):
    """A cell that cannot become the value its column needs (the reason is user-facing)."""

    title = "Bad value"


def clean(text: object) -> str:
    """Cell text, NFKC-normalised (full-width → half-width) and stripped."""
    if text is None:
        return ""
    s = str(text)
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
    return s.strip()


def check_error_token(s: str) -> None:
    if s.casefold() in ERROR_TOKENS:
        raise BadValue(f"error cell {s}")


# ---- numbers -------------------------------------------------------------------------------
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_number(text: object) -> float:
    """A plain number: ``12``, ``12.5``, ``1,234.5``, ``-3``, ``(3)``; currency marks dropped."""
    s = clean(text)
    check_error_token(s)
    if not s:
        raise BadValue("empty")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    s = s.replace("¥", "").replace("$", "").replace("元", "").replace("RMB", "").strip()
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    if not _NUMBER.match(s):
        raise BadValue(f"'{_short(text)}' is not a number")
    value = float(s)
    if not math.isfinite(value):
        raise BadValue(f"'{_short(text)}' is not a number")
    return -value if negative else value


def parse_count(text: object) -> int:
    """A non-negative whole number."""
    value = parse_number(text)
    if value < 0:
        raise BadValue(f"negative count {_short(text)}")
    if abs(value - round(value)) > 1e-9:
        raise BadValue(f"'{_short(text)}' is not a whole number")
    return round(value)


def parse_money(text: object) -> float:
    """An amount in yuan (``¥1,234.50``, ``1234.5元``), rounded to cents."""
    value = parse_number(text)
    if value < 0:
        raise BadValue(f"negative amount {_short(text)}")
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
        raise BadValue(f"percentage {_short(text)} is outside 0–100%")
    return min(value, 1.0)


# ---- yes / no ------------------------------------------------------------------------------
_YES = frozenset(
    [
        "y",
        "yes",
        "true",
        "t",
        "1",
        "1.0",
        "是",
        "是的",
        "对",
        "有",
        "√",
        "✓",
        "✔",
        "ok",
        "已接通",
        "接通",
        "已应答",
        "应答",
        "已解决",
        "解决",
        "成功",
        "已成交",
        "成交",
        "已转接",
        "转接",
        "已触达",
        "触达",
        "转人工",
        "已转人工",
        "已投诉",
        "投诉",
        "致命",
        "answered",
        "resolved",
        "success",
        # call outcomes of platform exports (answered / connected)
        "connected",
        "completed",
        "handled",
        "已接听",
        "座席接听",
        "坐席接听",
    ]
)
_NO = frozenset(
    [
        "n",
        "no",
        "false",
        "f",
        "0",
        "0.0",
        "否",
        "不是",
        "无",
        "没有",
        "×",
        "✗",
        "✘",
        "未接通",
        "未应答",
        "未解决",
        "失败",
        "未成交",
        "未转接",
        "未触达",
        "未转人工",
        "未投诉",
        "非致命",
        "无投诉",
        "放弃",
        "abandoned",
        "unanswered",
        "unresolved",
        "fail",
        "failed",
        "none",
        "-",
        # call outcomes of platform exports (ANSWERED / NO ANSWER / BUSY / HANG, 未接 …)
        "no answer",
        "noanswer",
        "busy",
        "failed",
        "congestion",
        "missed",
        "hang",
        "未接",
        "未接听",
        "排队放弃",
        "振铃未接听",
        "呼损",
    ]
)


def parse_bool(text: object) -> bool:
    """Yes/no in every form data-kinds.md lists: Y/N, Yes/No, TRUE/FALSE, 1/0, 是/否, 已…/未…."""
    s = clean(text)
    check_error_token(s)
    key = s.casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    if len(key) >= 2 and key[0] in "未不没非无":
        return False
    if len(key) >= 2 and key[0] == "已":
        return True
    raise BadValue(f"'{_short(text)}' is not a yes/no value")


# ---- satisfaction --------------------------------------------------------------------------
_CSAT_LABELS: dict[str, int | None] = {
    "非常满意": 5,
    "很满意": 5,
    "满意": 4,
    "比较满意": 4,
    "一般": 3,
    "基本满意": 3,
    "不满意": 2,
    "较不满意": 2,
    "非常不满意": 1,
    "很不满意": 1,
    "未评价": None,
    "未评": None,
    "无评价": None,
    "very satisfied": 5,
    "satisfied": 4,
    "neutral": 3,
    "average": 3,
    "dissatisfied": 2,
    "unsatisfied": 2,
    "very dissatisfied": 1,
    "very unsatisfied": 1,
    "not rated": None,
    "unrated": None,
    "no rating": None,
    "n/a": None,
}


@dataclass(frozen=True)
class Csat:
    """One satisfaction cell: a number (scale decided per file) or a label's rank (1–5)."""

    score: float | None
    label_rank: int | None = None  # set for labels; None with score None means unrated

    @property
    def is_label(self) -> bool:
        return self.score is None


def parse_csat(text: object) -> Csat:
    """``4``, ``9``, ``满意``, ``Very satisfied``, ``未评价`` (unrated)."""
    s = clean(text)
    check_error_token(s)
    key = " ".join(s.casefold().split())
    if key in _CSAT_LABELS:
        return Csat(score=None, label_rank=_CSAT_LABELS[key])
    try:
        value = parse_number(s)
    except BadValue:
        raise BadValue(f"'{_short(text)}' is not a satisfaction score or label") from None
    if value < 0 or value > 10:
        raise BadValue(f"satisfaction {_short(text)} is outside a 1–5 or 1–10 scale")
    return Csat(score=value)


def csat_scale(max_score: float | None) -> int | None:
    """The scale of a file's satisfaction numbers: 5 when the largest is ≤ 5, else 10."""
    if max_score is None:
        return None
    return 5 if max_score <= 5 else 10


def csat_satisfied(score: float | None, scale: int | None, label_rank: int | None) -> bool | None:
    """Top two of the scale (4–5 of 5, 9–10 of 10; 满意/非常满意); None when unrated."""
    if score is not None and scale:
        return score >= scale - 1
    if label_rank is not None:
        return label_rank >= 4
    return None


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
        raise BadValue(f"'{_short(text)}' is not a valid date") from None
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
        raise BadValue("empty date")
    value = _parse_timestamp(s, dayfirst, text)
    if not (EARLIEST <= value < LATEST):
        if value < datetime(1900, 3, 1):
            raise BadValue(f"'{_short(text)}' is a time without a date")
        raise BadValue(f"date {_short(text)} is out of range (1970–2099)")
    return value


def _parse_timestamp(s: str, dayfirst: bool, text: object) -> datetime:
    if _ZULU.search(s):
        raise BadValue(f"'{_short(text)}' is in UTC (Z); export local time instead")
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
            raise BadValue(f"'{_short(text)}' is not a date")
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
        raise BadValue(f"'{_short(text)}' is not a date") from None
    if not (1 <= serial < 2_958_466):
        raise BadValue(f"'{_short(text)}' is not a date")
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
        raise BadValue("empty time")
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
            raise BadValue(f"'{_short(text)}' is not a time of day")
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
        raise BadValue(f"'{_short(text)}' is not a time of day") from None
    if 0 <= value < 1:
        return round(value * 86400, 3)
    raise BadValue(f"'{_short(text)}' is not a time of day")


def parse_duration(text: object, *, unit: str | None = None, day_fraction: bool = False) -> float:
    """Seconds (see ``_parse_duration``); a value too large for a float is a ``BadValue``."""
    seconds = _parse_duration(text, unit=unit, day_fraction=day_fraction)
    try:
        seconds = float(seconds)
    except OverflowError:
        seconds = math.inf
    if not math.isfinite(seconds):
        raise BadValue(f"duration {_short(text)} is too long")
    if seconds < 0:  # e.g. a date before the time base, 1899-01-01
        raise BadValue(f"negative duration {_short(text)}")
    return seconds


def _parse_duration(text: object, *, unit: str | None = None, day_fraction: bool = False) -> float:
    """Seconds from ``75``, ``1.5`` (minutes when ``unit='min'``), ``1:15``, ``0:01:15``,
    ``1分15秒``, an Excel time cell (``1899-12-31 00:01:15``) or a day fraction (``0.000868``)."""
    s = clean(text)
    check_error_token(s)
    if not s:
        raise BadValue("empty duration")
    m = _CLOCK.match(s)
    if m:
        if m.group(1):
            raise BadValue(f"negative duration {_short(text)}")
        a, b, c = int(m.group(2)), int(m.group(3)), m.group(4)
        frac = float("0." + m.group(5)) if m.group(5) else 0.0
        if b > 59 or (c is not None and int(c) > 59):
            raise BadValue(f"'{_short(text)}' is not a duration")
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
        raise BadValue(f"'{_short(text)}' is not a duration") from None
    if value < 0:
        raise BadValue(f"negative duration {_short(text)}")
    if day_fraction:
        return round(value * 86400, 3)
    return value * UNIT_FACTORS.get(unit or "s", 1.0)


# ---- personal data -------------------------------------------------------------------------
_PHONE = re.compile(r"^\+?(?:86)?[-\s]?(1\d{10})$|^(0\d{2,3})-?(\d{7,8})$")
_HAN = re.compile(r"^[\u3400-\u9fff·]{1,6}$")


_SEPARATORS = re.compile(r"[\s-]")
_LONG_NUMBER = re.compile(r"\+?\d{6,}")
_MOBILE = re.compile(r"1\d{10}")


def personal_key(text: object) -> str:
    """The form hashed for personal data: cleaned, spaces and dashes out of phone numbers."""
    s = clean(text)
    if s.isascii() and s.isdigit():  # the common case (a phone or id number): no regex
        compact = s
        if len(s) < 6:
            return s
    else:
        compact = _SEPARATORS.sub("", s)
        if not _LONG_NUMBER.fullmatch(compact):
            return s
    s = compact.lstrip("+")
    if s.startswith("86") and len(s) == 13:
        s = s[2:]
    return s


# The keyed hash is cut to 64 bits (16 hex digits): plenty to tell a centre's customers apart
# (a collision among ten million customers has odds of about 3 in a million), and a quarter
# of the store space of the full digest, which random text cannot be compressed below.
HASH_HEX_DIGITS = 16


def hash_personal(text: object, key: bytes) -> str:
    """Keyed HMAC-SHA256 (hex, first 64 bits) of a personal value; stable per store."""
    digest = hmac.digest(key, personal_key(text).encode("utf-8"), "sha256").hex()
    return digest[:HASH_HEX_DIGITS]


def mask_personal(text: object) -> str:
    """``13812345678`` → ``138****5678``; ``张三`` → ``张*``; ``C12345678`` → ``C1*****78``."""
    return _mask_key(personal_key(text))


def _mask_key(s: str) -> str:
    if not s:
        return ""
    if len(s) == 11 and ((s[0] == "1" and s.isascii() and s.isdigit()) or _MOBILE.fullmatch(s)):
        return s[:3] + "****" + s[-4:]
    if _HAN.match(s):
        return s[0] + "*" * (len(s) - 1)
    if len(s) <= 4:
        return s[0] + "*" * (len(s) - 1)
    return s[:2] + "*" * (len(s) - 4) + s[-2:]


def hash_and_mask(texts: list[str], key: bytes) -> tuple[list[str], list[str]]:
    """``hash_personal`` and ``mask_personal`` of many texts (each key computed once).

    The HMAC is computed from the key's two padded SHA-256 states, copied per text (RFC 2104;
    the same digest as ``hmac``), about twice as fast as a new HMAC object per text.
    """
    block = hashlib.sha256().block_size
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    inner_start = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer_start = hashlib.sha256(bytes(b ^ 0x5C for b in key))
    hashes: list[str] = []
    masks: list[str] = []
    for text in texts:
        s = personal_key(text)
        inner = inner_start.copy()
        inner.update(s.encode("utf-8"))
        outer = outer_start.copy()
        outer.update(inner.digest())
        hashes.append(outer.hexdigest()[:HASH_HEX_DIGITS])
        masks.append(_mask_key(s))
    return hashes, masks


def _short(text: object, limit: int = 40) -> str:
    # One line: a cell holding a line break must not break the one-line error format.
    s = "" if text is None else " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# ---- value forms decided from a whole column (platform exports, --date-format) -------------
_SIX = re.compile(r"^\d{6}$")
_EIGHT = re.compile(r"^\d{8}$")
_EPOCH_S = re.compile(r"^\d{9,10}(\.\d+)?$")
_EPOCH_MS = re.compile(r"^\d{12,13}$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]+\d{1,2}:\d{2}.*)?$")
DATE_FORMS = ("YYMMDD", "YYYYMMDD", "DD/MM/YYYY", "MM/DD/YYYY", "epoch", "epoch_ms")


@dataclass(frozen=True)
class DateForm:
    """How a column writes its dates (decided from all its values) and why."""

    form: str  # one of DATE_FORMS, or "native" (what parse_timestamp reads as it is)
    reason: str


def infer_date_form(texts: list[object]) -> DateForm | None:
    """The date form of a column: YYMMDD (``990201``), YYYYMMDD, day- or month-first
    ``a/b/yyyy`` (decided by a value whose first or second number is above 12), UNIX seconds
    or milliseconds; ``native`` when ``parse_timestamp`` reads the values as they are; None
    when most values are no date at all.
    """
    values = [clean(t) for t in texts if clean(t)]
    if not values:
        return None

    def share(test) -> float:
        return sum(1 for v in values if test(v)) / len(values)

    if share(lambda v: bool(_SIX.match(v)) and _yymmdd(v) is not None) >= 0.95:
        return DateForm(
            "YYMMDD", _("6-digit dates such as '{value}' read as YYMMDD").format(value=values[0])
        )
    if share(lambda v: bool(_EIGHT.match(v))) >= 0.95:
        return DateForm(
            "YYYYMMDD",
            _("8-digit dates such as '{value}' read as YYYYMMDD").format(value=values[0]),
        )
    if share(lambda v: bool(_EPOCH_MS.match(v))) >= 0.95:
        return DateForm("epoch_ms", _("13-digit numbers read as UNIX time in milliseconds"))
    if share(lambda v: bool(_EPOCH_S.match(v)) and 9.4e8 <= float(v) < 4.2e9) >= 0.95:
        return DateForm("epoch", _("10-digit numbers read as UNIX time in seconds"))
    slashed = [m for m in (_DMY.match(v) for v in values) if m]
    if len(slashed) >= 0.95 * len(values):
        first_big = any(int(m.group(1)) > 12 for m in slashed)
        second_big = any(int(m.group(2)) > 12 for m in slashed)
        if first_big and not second_big:
            return DateForm("DD/MM/YYYY", _("day first: some dates have a first number above 12"))
        if second_big and not first_big:
            return DateForm(
                "MM/DD/YYYY", _("month first: some dates have a second number above 12")
            )
        return DateForm("MM/DD/YYYY", _("no date tells day from month; read month first"))
    ok = 0
    for v in values[:200]:
        try:
            parse_timestamp(v)
            ok += 1
        except BadValue:
            pass
    if ok >= 0.9 * min(len(values), 200):
        return DateForm("native", _("dates read as written"))
    return None


def _yymmdd(s: str) -> datetime | None:
    yy, mm, dd = int(s[:2]), int(s[2:4]), int(s[4:])
    try:
        return datetime(1900 + yy if yy >= 70 else 2000 + yy, mm, dd)
    except ValueError:
        return None


_FORMAT_TOKENS = (("YYYY", "%Y"), ("YY", "%y"), ("MM", "%m"), ("DD", "%d"), ("HH", "%H"),
                  ("mm", "%M"), ("ss", "%S"))  # fmt: skip


def strptime_pattern(fmt: str) -> str:
    """``DD/MM/YYYY HH:mm`` → ``%d/%m/%Y %H:%M``; a ``%`` pattern is kept as it is."""
    if "%" in fmt:
        return fmt
    out = fmt
    for token, code in _FORMAT_TOKENS:
        out = out.replace(token, code)
    return out


def parse_in_form(text: object, form: str) -> datetime:
    """A date-time written in ``form`` (a DATE_FORMS name, ``native`` or a --date-format
    pattern such as ``DD.MM.YYYY`` or ``%d.%m.%Y %H:%M``)."""
    s = clean(text)
    check_error_token(s)
    if not s:
        raise BadValue("empty date")
    if form == "native":
        return parse_timestamp(s)
    if form == "YYMMDD":
        value = _yymmdd(s) if _SIX.match(s) else None
        if value is None:
            raise BadValue(_("'{text}' is not a YYMMDD date").format(text=_short(text)))
        return value
    if form in ("epoch", "epoch_ms"):
        try:
            seconds = float(s) / (1000.0 if form == "epoch_ms" else 1.0)
        except ValueError:
            raise BadValue(_("'{text}' is not a UNIX time").format(text=_short(text))) from None
        # the centre's wall clock: China Standard Time (UTC+08:00), whatever the machine says
        return datetime(1970, 1, 1) + timedelta(seconds=round(seconds) + 8 * 3600)
    if form in ("DD/MM/YYYY", "MM/DD/YYYY"):
        m = _DMY.match(s)
        if not m:
            raise BadValue(_("'{text}' is not a {form} date").format(text=_short(text), form=form))
        return parse_timestamp(s if len(m.group(3)) == 4 else _four_digit_year(s, m),
                               dayfirst=form.startswith("DD"))  # fmt: skip
    if form == "YYYYMMDD":
        return parse_timestamp(s)
    try:
        return datetime.strptime(s, strptime_pattern(form))
    except ValueError:
        raise BadValue(
            _("'{text}' does not match the date format {form}").format(text=_short(text), form=form)
        ) from None


def _four_digit_year(s: str, m: re.Match) -> str:
    year = int(m.group(3))
    return s[: m.start(3)] + str(2000 + year if year < 70 else 1900 + year) + s[m.end(3) :]


# outcome / disposition words of platforms' call logs: answered (True) or not (False);
# anything else (PHANTOM, VOICEMAIL, BLACKLIST …) is not a queue outcome (None)
_OUTCOME_YES = frozenset(
    [
        "answered", "answer", "agent", "success", "successful", "connected", "completed",
        "handled", "dealing", "接通", "已接通", "已接听", "接听", "座席接听", "坐席接听",
        "人工接听", "已应答", "应答", "成功", "呼入接通",
    ]
)  # fmt: skip
_OUTCOME_NO = frozenset(
    [
        "no answer", "noanswer", "no_answer", "busy", "failed", "congestion", "hang", "hangup",
        "abandon", "abandoned", "missed", "unanswered", "notdeal", "queueleak", "leak", "未接",
        "未接通", "未接听", "放弃", "排队放弃", "振铃未接听", "呼损", "客户放弃", "座席未接听",
        "坐席未接听", "未应答",
    ]
)  # fmt: skip


def outcome_answered(text: object) -> bool | None:
    """``ANSWERED`` → True, ``NO ANSWER``/``BUSY``/``HANG``/``放弃`` → False, else None."""
    key = clean(text).casefold()
    if key in _OUTCOME_YES:
        return True
    if key in _OUTCOME_NO or key.replace(" ", "") in _OUTCOME_NO:
        return False
    return None
