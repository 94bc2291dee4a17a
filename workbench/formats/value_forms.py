"""Generic exports whose values need reading the way the file means them.

No platform's documentation here: this reads any call list or summary whose header row the
importer finds, and steps in only when the file cannot be stored as it is —

* a per-call list (kind ``contacts``) without a call id (each row is one call, numbered by its
  row), without a readable start (a date column in YYMMDD, YYYYMMDD, UNIX seconds or
  milliseconds, day- or month-first ``a/b/yyyy`` decided from the whole column, plus a
  time-of-day column beside it), or without a yes/no ``answered`` but with an outcome column
  (``ANSWERED``/``NO ANSWER``/``BUSY``, ``AGENT``/``HANG``, ``Success``/``Abandoned``,
  接通/未接/放弃 …, found by its values);
* a daily or monthly summary (kind ``intervals``) whose period is a ``Month`` column
  (``Jan-2021``, ``2021-01``, ``January 2021``, ``2021年1月``) or whose ``answered`` is
  missing (derived as offered − abandoned) or whose ``offered`` is missing (answered +
  abandoned).

Columns it does not rewrite keep their header and values, so the import reads them as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from workbench.formats.base import all_rows, build, cell, context, row_numbers, stamp
from workbench.i18n import _
from workbench.readers.headers import (
    MappingProblem,
    detect_kind,
    find_header_row,
    is_total_label,
    normalise_header,
)
from workbench.readers.raw import RawSheet
from workbench.readers.values import (
    BadValue,
    DateForm,
    infer_date_form,
    outcome_answered,
    parse_in_form,
    parse_time_of_day,
)

ID = "value_forms"
NAME = "value forms read from the whole column"
SAMPLE = 500
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_MONTH_TEXT = [
    re.compile(r"^(?P<m>[a-z]{3,9})[\s\-./']+(?P<y>\d{4}|\d{2})$", re.I),  # Jan-2021, Jan 21
    re.compile(r"^(?P<y>\d{4})[\-/.](?P<mn>\d{1,2})$"),  # 2021-01
    re.compile(r"^(?P<mn>\d{1,2})[\-/.](?P<y>\d{4})$"),  # 01/2021
    re.compile(r"^(?P<y>\d{4})年(?P<mn>\d{1,2})月$"),  # 2021年1月
]
_MONTH_HEADERS = {"month", "月份", "月", "period", "reportingmonth", "统计月份"}
_DATE_WORDS = ("date", "日期", "day")
_TIME_WORDS = ("start", "entry", "time", "开始", "时间", "时刻")
_ID_WORDS = ("callid", "call_id", "id", "编号", "流水")


@dataclass
class _Plan:
    kind: str
    header_index: int
    notes: list[str] = field(default_factory=list)
    synth_id: bool = False
    date_col: int | None = None
    date_form: DateForm | None = None
    time_col: int | None = None
    outcome_col: int | None = None
    month_col: int | None = None
    derive: str | None = None  # "answered" or "offered"
    counts: dict[str, int] = field(default_factory=dict)
    drop: set[int] = field(default_factory=set)
    yes: dict[int, tuple[str, list[str]]] = field(default_factory=dict)  # --yes FIELD=…
    period_col: int | None = None  # intervals: a period column read in --date-format


def _values(rows: list[list[str | None]], i: int) -> list[str]:
    return [v for v in (cell(r, i) for r in rows) if v]


def _month(text: str | None) -> datetime | None:
    if not text:
        return None
    for pattern in _MONTH_TEXT:
        m = pattern.match(text.strip())
        if not m:
            continue
        g = m.groupdict()
        year = int(g["y"]) + (2000 if len(g["y"]) == 2 else 0)
        month = _MONTHS.get((g.get("m") or "")[:3].casefold()) if g.get("m") else int(g["mn"])
        if month and 1 <= month <= 12:
            return datetime(year, month, 1)
    return None


def _is_clock(text: str) -> bool:
    try:
        return parse_time_of_day(text) < 86400
    except BadValue:
        return False


def _looks_like_data(cells: list[str | None]) -> bool:
    """A first row of values (a file without a header row) is no header."""
    texts = [c for c in cells if c]
    numeric = sum(1 for c in texts if re.fullmatch(r"[+-]?[\d.,:/ -]+", c))
    return bool(texts) and numeric > 0.3 * len(texts)


def _plan(sheet: RawSheet) -> _Plan | None:
    ctx = context()
    head = sheet.head(30)
    extra = frozenset(normalise_header(h).key for h in ctx.mapping.values())
    index = find_header_row(head, extra)
    if index is None or _looks_like_data(head[index]):
        return None
    headers = [normalise_header(c) for c in head[index]]
    try:
        mapping, _reason = detect_kind(headers, ctx.mapping or None)
    except MappingProblem:
        return None
    rows = [r for r in sheet.head(index + 1 + SAMPLE)[index + 1 :] if any(r)]
    rows = [r for r in rows if not any(is_total_label(c) for c in r[:2])]
    if not rows:
        return None
    width = len(headers)
    if mapping.kind == "intervals" or {"offered", "abandoned"} & set(mapping.columns):
        plan = _plan_summary(index, headers, mapping, rows, width)
    else:
        plan = _plan_calls(index, headers, mapping, rows, width)
    return _with_options(plan, index, mapping, ctx)


def _with_options(plan, index, mapping, ctx) -> _Plan | None:
    """Add what ``--yes`` and ``--date-format`` ask for (a plan of their own if need be)."""
    yes = {
        mapping.columns[name]: (name, values)
        for name in ctx.yes_fields()
        if name in mapping.columns and (values := ctx.yes_values(name))
    }
    fmt = ctx.date_format
    if not yes and not fmt:
        return plan
    if plan is None:
        plan = _Plan(mapping.kind, index)
        if mapping.kind == "contacts":
            start = mapping.columns.get("started_at", mapping.columns.get("date"))
            if start is None:
                return None
            plan.date_col = start
            if "started_at" not in mapping.columns:
                plan.time_col = mapping.columns.get("time")
            plan.drop |= {c for c in (plan.date_col, plan.time_col) if c is not None}
    if plan.kind == "contacts" and plan.date_form is None:
        plan.date_form = DateForm("native", "")
    reason = _("dates read as {fmt} (--date-format)").format(fmt=fmt)
    if fmt and plan.kind == "contacts" and plan.date_col is not None:
        plan.date_form = DateForm(fmt, reason)
        plan.notes.append(reason)
    elif fmt and plan.kind != "contacts" and plan.month_col is None:
        period = next((mapping.columns[n] for n in ("period_start", "touched_at",
                       "inspected_at", "started_at") if n in mapping.columns), None)  # fmt: skip
        if period is not None:
            plan.period_col = period
            plan.drop.add(period)
            plan.notes.append(reason)
    for col, (name, values) in yes.items():
        if col == plan.outcome_col:
            plan.outcome_col = None
            plan.drop.discard(col)
        plan.yes[col] = (name, values)
        plan.notes.append(
            _("{field}: yes for {values}, no for every other value").format(
                field=name, values=", ".join(values)
            )
        )
    return plan


def _plan_summary(index, headers, mapping, rows, width) -> _Plan | None:
    plan = _Plan("intervals", index)
    cols = dict(mapping.columns) if mapping.kind == "intervals" else {}
    for name in ("offered", "answered", "abandoned"):
        if name not in cols and mapping.kind != "intervals" and name in mapping.columns:
            cols[name] = mapping.columns[name]
    if "period_start" not in cols or not any(
        infer_date_form(_values(rows, cols["period_start"])) for _ in (0,)
    ):
        month = next(
            (i for i, h in enumerate(headers) if h.key in _MONTH_HEADERS
             and sum(_month(v) is not None for v in _values(rows, i)) >= 0.9 * len(rows)),
            None,
        )  # fmt: skip
        if month is None:
            return None
        plan.month_col = month
        plan.drop.add(month)
        plan.notes.append(_("period: the month in '{header}'").format(header=headers[month].text))
    have = {n for n in ("offered", "answered", "abandoned") if n in cols}
    if have == {"offered", "abandoned"}:
        plan.derive = "answered"
        plan.notes.append(_("answered = offered − abandoned"))
    elif have == {"answered", "abandoned"}:
        plan.derive = "offered"
        plan.notes.append(_("offered = answered + abandoned"))
    elif len(have) < 2:
        return None
    plan.counts = {n: cols[n] for n in have}
    if plan.month_col is None and plan.derive is None:
        return None
    return plan


def _plan_calls(index, headers, mapping, rows, width) -> _Plan | None:
    plan = _Plan("contacts", index)
    cols = mapping.columns if mapping.kind == "contacts" else {}
    needs = False
    if "contact_id" not in cols and _has_id_candidate(rows, width, set(mapping.columns.values())):
        return None  # a column could be the call id: the user is asked to map it
    if "contact_id" not in cols:
        plan.synth_id = True
        plan.notes.append(_("no call id: each row is one call, numbered by its row"))
        needs = True
    # the start: a mapped start or date whose values need a form, else a date column by values
    start = cols.get("started_at", cols.get("date"))
    candidates = (
        [start]
        if start is not None
        else [i for i, h in enumerate(headers) if any(w in h.key for w in _DATE_WORDS)]
        + list(range(width))
    )
    for i in candidates:
        values = _values(rows, i)
        if len(values) < 0.9 * len(rows):
            continue
        form = infer_date_form(values)
        if form is None or (form.form == "native" and i != start and not any(
                w in headers[i].key for w in _DATE_WORDS)):  # fmt: skip
            continue
        plan.date_col, plan.date_form = i, form
        break
    if plan.date_col is None:
        return None
    if plan.date_col != start or plan.date_form.form not in ("native", "YYYYMMDD"):
        needs = True
        plan.notes.append(
            _("start from '{header}': {reason}").format(
                header=headers[plan.date_col].text, reason=plan.date_form.reason
            )
        )
    if plan.date_col != cols.get("started_at") and needs:
        time_col = cols.get("time")
        if time_col is None:
            time_col = next(
                (i for i, h in enumerate(headers) if i != plan.date_col
                 and any(w in h.key for w in _TIME_WORDS)
                 and all(_is_clock(v) for v in _values(rows, i)[:50])
                 and _values(rows, i)),
                None,
            )  # fmt: skip
        plan.time_col = time_col
        if time_col is not None:
            plan.notes.append(
                _("time of day from '{header}'").format(header=headers[time_col].text)
            )
    plan.drop |= {c for c in (plan.date_col, plan.time_col, cols.get("started_at"),
                              cols.get("date"), cols.get("time")) if c is not None}  # fmt: skip
    if "answered" in context().yes_fields() and "answered" in cols:
        pass  # --yes says how to read it
    elif "answered" not in cols or not _all_bool(_values(rows, cols["answered"])):
        outcome = next(
            (i for i in range(width)
             if (vals := _values(rows, i))
             and sum(outcome_answered(v) is not None for v in vals) >= 0.6 * len(vals)
             and any(outcome_answered(v) for v in vals)),
            None,
        )  # fmt: skip
        if outcome is None:
            return None
        plan.outcome_col = outcome
        plan.drop.add(outcome)
        if "answered" in cols:
            plan.drop.add(cols["answered"])
        plan.notes.append(
            _("answered from the outcome in '{header}'").format(header=headers[outcome].text)
        )
        needs = True
    return plan if needs else None


def _has_id_candidate(rows, width: int, mapped: set[int]) -> bool:
    """An unmapped column with a different value on every row (and no dates) may be an id."""
    for i in range(width):
        if i in mapped:
            continue
        values = _values(rows, i)
        unique = len(values) == len(rows) > 1 and len(set(values)) == len(values)
        if unique and infer_date_form(values) is None and not all(map(_is_clock, values[:20])):
            return True
    return False


def _all_bool(values: list[str]) -> bool:
    from workbench.readers.values import parse_bool

    ok = 0
    for v in values[:200]:
        try:
            parse_bool(v)
            ok += 1
        except BadValue:
            pass
    return ok >= 0.95 * min(len(values), 200)


def detect(sheet: RawSheet) -> float:
    return 0.85 if _plan(sheet) is not None else 0.0


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    plan = _plan(sheet)
    assert plan is not None
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    header = rows[plan.header_index]
    keep = [i for i in range(len(header)) if i not in plan.drop and header[i]]
    if plan.kind == "contacts":
        return _calls(plan, rows, numbers, header, keep)
    if plan.kind == "intervals":
        return _summary(plan, rows, numbers, header, keep)
    return _as_is(plan, rows, numbers, header, keep)


def _calls(plan, rows, numbers, header, keep):
    names = (["contact_id"] if plan.synth_id else []) + ["started_at"]
    names += ["answered"] if plan.outcome_col is not None else []
    names += [plan.yes[i][0] if i in plan.yes else header[i] for i in keep]
    out, out_rn, left_out, bad = [], [], 0, 0
    for row, rn in zip(rows[plan.header_index + 1 :], numbers[plan.header_index + 1 :],
                       strict=True):  # fmt: skip
        if not any(row) or any(is_total_label(c) for c in row[:2]):
            continue
        when = _start(plan, row)
        answered = None
        if plan.outcome_col is not None:
            answered = outcome_answered(cell(row, plan.outcome_col))
            if answered is None:
                left_out += 1
                continue
        values = ([f"row {rn}"] if plan.synth_id else []) + [stamp(when)]
        if when is None:
            bad += 1
            values[-1] = cell(row, plan.date_col)  # the import reports it as it is
        values += [] if plan.outcome_col is None else ["Y" if answered else "N"]
        values += [_yes(plan, i, cell(row, i)) for i in keep]
        out.append(values)
        out_rn.append(rn)
    notes = list(plan.notes)
    if left_out:
        notes.append(_("{n:,} rows whose outcome is no queue outcome left out").format(n=left_out))
    return "contacts", build(names, out, out_rn, NAME), notes


def _yes(plan: _Plan, index: int, text: str | None) -> str | None:
    if index not in plan.yes or text is None:
        return text
    return "Y" if text.strip().casefold() in plan.yes[index][1] else "N"


def _start(plan: _Plan, row) -> datetime | None:
    try:
        day = parse_in_form(cell(row, plan.date_col), plan.date_form.form)
    except BadValue:
        return None
    if plan.time_col is not None:
        try:
            seconds = parse_time_of_day(cell(row, plan.time_col))
        except BadValue:
            return None
        day = day.replace(hour=0, minute=0, second=0) + timedelta(seconds=seconds)
    return day


def _summary(plan, rows, numbers, header, keep):
    counts = plan.counts
    keep = [i for i in keep if i not in counts.values()]
    if not counts:  # options only: every column as it is, the period in its format
        return _as_is(plan, rows, numbers, header, keep)
    names = ["period_start"] if plan.month_col is not None or plan.period_col is not None else []
    names += ["offered", "answered", "abandoned"] + [header[i] for i in keep]
    out, out_rn = [], []
    for row, rn in zip(rows[plan.header_index + 1 :], numbers[plan.header_index + 1 :],
                       strict=True):  # fmt: skip
        if not any(row) or any(is_total_label(c) for c in row[:2]):
            continue
        values = [] if plan.month_col is None else [stamp(_month(cell(row, plan.month_col)))
                                                    or cell(row, plan.month_col)]  # fmt: skip
        if plan.period_col is not None:
            values = [_in_form(cell(row, plan.period_col), context().date_format)]
        got = {n: _count(cell(row, i)) for n, i in counts.items()}
        if plan.derive == "answered" and None not in (got["offered"], got["abandoned"]):
            got["answered"] = got["offered"] - got["abandoned"]
        if plan.derive == "offered" and None not in (got["answered"], got["abandoned"]):
            got["offered"] = got["answered"] + got["abandoned"]
        values += [_text(got.get(n)) for n in ("offered", "answered", "abandoned")]
        values += [_yes(plan, i, cell(row, i)) for i in keep]
        out.append(values)
        out_rn.append(rn)
    return "intervals", build(names, out, out_rn, NAME), list(plan.notes)


def _in_form(text: str | None, form: str | None) -> str | None:
    if text is None or not form:
        return text
    try:
        return stamp(parse_in_form(text, form))
    except BadValue:
        return text  # the import reports it as it is


def _as_is(plan, rows, numbers, header, keep):
    """Every column kept, the period read in ``--date-format`` and ``--yes`` fields as Y/N."""
    names = [] if plan.period_col is None else [_period_name(plan)]
    names += [plan.yes[i][0] if i in plan.yes else header[i] for i in keep]
    out, out_rn = [], []
    for row, rn in zip(rows[plan.header_index + 1 :], numbers[plan.header_index + 1 :],
                       strict=True):  # fmt: skip
        if not any(row) or any(is_total_label(c) for c in row[:2]):
            continue
        values = [] if plan.period_col is None else [
            _in_form(cell(row, plan.period_col), context().date_format)]  # fmt: skip
        out.append(values + [_yes(plan, i, cell(row, i)) for i in keep])
        out_rn.append(rn)
    return plan.kind, build(names, out, out_rn, NAME), list(plan.notes)


def _period_name(plan: _Plan) -> str:
    return {"intervals": "period_start", "agent_states": "period_start",
            "campaigns": "touched_at", "quality": "inspected_at",
            "bot_sessions": "started_at"}.get(plan.kind, "period_start")  # fmt: skip


def _count(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(float(text.replace(",", "")))
    except ValueError:
        return None


def _text(value: int | None) -> str | None:
    return None if value is None else str(value)
