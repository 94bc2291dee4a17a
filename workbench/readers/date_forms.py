"""Date forms decided from a whole column (platform exports, ``--date-format``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from workbench.i18n import _
from workbench.readers.cells import BadValue, check_error_token, clean, short
from workbench.readers.timestamps import parse_timestamp

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
        raise BadValue(_("empty date"))
    if form == "native":
        return parse_timestamp(s)
    if form == "YYMMDD":
        value = _yymmdd(s) if _SIX.match(s) else None
        if value is None:
            raise BadValue(_("'{text}' is not a YYMMDD date").format(text=short(text)))
        return value
    if form in ("epoch", "epoch_ms"):
        try:
            seconds = float(s) / (1000.0 if form == "epoch_ms" else 1.0)
        except ValueError:
            raise BadValue(_("'{text}' is not a UNIX time").format(text=short(text))) from None
        # the centre's wall clock: China Standard Time (UTC+08:00), whatever the machine says
        return datetime(1970, 1, 1) + timedelta(seconds=round(seconds) + 8 * 3600)
    if form in ("DD/MM/YYYY", "MM/DD/YYYY"):
        m = _DMY.match(s)
        if not m:
            raise BadValue(_("'{text}' is not a {form} date").format(text=short(text), form=form))
        return parse_timestamp(s if len(m.group(3)) == 4 else _four_digit_year(s, m),
                               dayfirst=form.startswith("DD"))  # fmt: skip
    if form == "YYYYMMDD":
        return parse_timestamp(s)
    try:
        return datetime.strptime(s, strptime_pattern(form))
    except ValueError:
        raise BadValue(
            _("'{text}' does not match the date format {form}").format(text=short(text), form=form)
        ) from None


def _four_digit_year(s: str, m: re.Match) -> str:
    year = int(m.group(3))
    return s[: m.start(3)] + str(2000 + year if year < 70 else 1900 + year) + s[m.end(3) :]
