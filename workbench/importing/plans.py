"""How one field of a sheet becomes typed SQL: a ``Plan`` per field type.

A plan holds the SQL fast path over the whole column (``TRY_CAST`` to numbers and timestamps,
Excel serials, calamine's ``1899-12-31 hh:mm:ss`` time cells), the Python parser of
``workbench.readers.values`` for the distinct texts the fast path leaves, and the checks of the
value (negative counts, dates out of range) with their reasons. ``coerce`` applies the plans.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from workbench.i18n import N_, _
from workbench.importing.stage import first_row, sql_text
from workbench.readers import values as V
from workbench.readers.headers import FieldSpec, Header

#: Money units a header may carry ("成交金额(万元)"), as multiples of a yuan.
MONEY_FACTORS = {"wan_yuan": 10_000, "k_yuan": 1_000}
MONEY_UNIT_NAMES = {"wan_yuan": N_("10,000 yuan (万元)"), "k_yuan": N_("1,000 yuan (千元)"), "": ""}


# ---- per-type SQL fast paths ----------------------------------------------------------------
def _num(x: str) -> str:
    """The column holding ``TRY_CAST(x AS DOUBLE)``, computed once in ``wb_stage``."""
    return x.replace("x_", "n_", 1)


def _num_inline(x: str) -> str:
    """``TRY_CAST(x AS DOUBLE)`` in a CASE branch (evaluated only for the rows reaching it)."""
    return f"TRY_CAST({x} AS DOUBLE)"


def _ts(x: str) -> str:
    """The column holding ``TRY_CAST(x AS TIMESTAMP)``, computed once in ``wb_stage``."""
    return x.replace("x_", "t_", 1)


def _ts_fast(x: str) -> str:
    # DuckDB keeps the wall-clock time of '…+08:00' (our convention); a UTC 'Z' stamp goes to
    # the Python parser, which refuses it rather than shift the day silently.
    n, t = _num_inline(x), _ts(x)
    return (
        f"CASE WHEN {t} IS NOT NULL AND NOT ({x} LIKE '%Z' OR {x} LIKE '%z') THEN {t} "
        f"WHEN {n} >= 1 AND {n} < 2958466 THEN TIMESTAMP '1899-12-30' + "
        f"to_milliseconds(CAST(round({n} * 86400000) AS BIGINT)) END"
    )


def _seconds_fast(x: str, factor: float) -> str:
    n = _num(x)
    return (
        f"CASE WHEN isfinite({n}) THEN {n} * {factor!r} "
        f"WHEN ({x} LIKE '1899-12-3_ %' OR {x} LIKE '1900-0%') AND TRY_CAST({x} AS TIMESTAMP) "
        f"IS NOT NULL THEN round(epoch(TRY_CAST({x} AS TIMESTAMP)) - epoch(TIMESTAMP "
        f"'1899-12-31'), 3) END"
    )


def _time_fast(x: str) -> str:
    n, t = _num_inline(x), _ts(x)
    return (
        f"CASE WHEN {t} IS NOT NULL THEN round(epoch({t}) - epoch(date_trunc('day', {t})), 3) "
        f"WHEN {n} >= 0 AND {n} < 1 THEN round({n} * 86400, 3) END"
    )


@dataclass
class Plan:
    """How one field becomes SQL: fast expression, Python parser for leftovers, checks."""

    fast: str | None  # SQL over x (NULL when it cannot tell)
    parse: Callable[[str], Any] | None  # for leftover distinct texts
    arrow_type: pa.DataType
    checks: list[tuple[str, str]] = field(default_factory=list)  # (SQL condition on v, reason SQL)


def _seconds_typed(x: str, factor: float) -> str:
    """``_seconds_fast`` for a typed cell: a number, or a time / duration cell's timestamp
    (the text path's ``1899-12-3_ …`` / ``1900-0…`` window)."""
    n, t = _num(x), _ts(x)
    return (
        f"CASE WHEN isfinite({n}) THEN {n} * {factor!r} "
        f"WHEN {t} >= TIMESTAMP '1899-12-30' AND {t} < TIMESTAMP '1900-10-01' THEN "
        f"round(epoch({t}) - epoch(TIMESTAMP '1899-12-31'), 3) END"
    )


def _ts_typed(x: str) -> str:
    """``_ts_fast`` for a typed cell (its text never ends in 'Z')."""
    n, t = _num(x), _ts(x)
    return (
        f"CASE WHEN {t} IS NOT NULL THEN {t} "
        f"WHEN {n} >= 1 AND {n} < 2958466 THEN TIMESTAMP '1899-12-30' + "
        f"to_milliseconds(CAST(round({n} * 86400000) AS BIGINT)) END"
    )


def _time_typed(x: str) -> str:
    """``_time_fast`` for a typed cell."""
    n, t = _num(x), _ts(x)
    return (
        f"CASE WHEN {t} IS NOT NULL THEN round(epoch({t}) - epoch(date_trunc('day', {t})), 3) "
        f"WHEN {n} >= 0 AND {n} < 1 THEN round({n} * 86400, 3) END"
    )


def field_plan(
    con: duckdb.DuckDBPyConnection,
    spec: FieldSpec,
    header: Header,
    x: str,
    text: str | None = None,
) -> tuple[Plan, str]:
    """The plan for a field; returns also a note for the summary ('' when nothing to say).

    ``text`` is given for a typed column staged without its text (``Coerced.lazy``): the SQL
    rendering its cells as text; the fast paths then read its number and timestamp.
    """
    t = spec.type
    typed = text is not None
    if t in ("id", "text"):
        return Plan(x, None, pa.string()), ""
    if t in ("number", "score", "money", "count"):
        return _number_plan(t, header, x)
    if t == "seconds":
        return _seconds_plan(con, header, x, typed)
    if t in ("timestamp", "date"):
        return _stamp_plan(con, x, text or x, typed), ""
    if t == "time":
        fast = _time_typed(x) if typed else _time_fast(x)
        return Plan(fast, V.parse_time_of_day, pa.float64()), ""
    if t == "bool":
        return Plan(None, V.parse_bool, pa.bool_()), ""
    raise ValueError(t)


def _number_plan(t: str, header: Header, x: str) -> tuple[Plan, str]:
    """Numbers, scores, amounts (in the header's money unit) and counts."""
    parser = {
        "number": V.parse_number,
        "score": V.parse_number,
        "money": V.parse_money,
        "count": V.parse_count,
    }[t]
    note = ""
    factor = MONEY_FACTORS.get(header.unit or "", 1) if t == "money" else 1
    if factor != 1:
        note = _("'{header}' is in {unit}: multiplied by {factor:,}").format(
            header=header.text, unit=_(MONEY_UNIT_NAMES[header.unit or ""]), factor=factor
        )

        def parser(s: str, factor=factor) -> float:
            return round(V.parse_money(s) * factor, 2)

    number = _num(x)
    scaled = f"{number} * {factor}" if factor != 1 else number
    plan = Plan(f"CASE WHEN isfinite({number}) THEN {scaled} END", parser, pa.float64())
    if t == "count":
        plan.checks.append(("v < 0", sql_text(_("negative count {value}"))))
        plan.checks.append(("v <> round(v)", sql_text(_("'{value}' is not a whole number"))))
    elif t == "score":
        plan.checks.append(("v < 0 OR v > 100", sql_text(_("score {value} is outside 0–100"))))
    elif t == "money":
        plan.checks.append(("v < 0", sql_text(_("negative amount {value}"))))
    return plan, note


def _seconds_plan(
    con: duckdb.DuckDBPyConnection, header: Header, x: str, typed: bool
) -> tuple[Plan, str]:
    """Durations: in the header's unit, else seconds or (when the values say so) Excel day
    fractions."""
    note = ""
    unit = header.unit if header.unit in V.UNIT_FACTORS else None
    factor = V.UNIT_FACTORS.get(unit or "s", 1.0)
    day_fraction = False
    if unit is None:
        top, fractional = first_row(
            con.execute(
                f"SELECT max({_num(x)}), count(*) FILTER (WHERE {_num(x)} <> round({_num(x)})) "
                f"FROM wb_stage s"
            )
        )
        if top is not None and 0 < top < 1 and fractional:
            day_fraction, factor = True, 86400.0
            note = _("'{header}' holds Excel day fractions: read as durations").format(
                header=header.text
            )
    elif unit != "s":
        note = _("'{header}' is in {unit}: converted to seconds").format(
            header=header.text, unit=unit
        )

    def parse(s: str, unit=unit, day_fraction=day_fraction) -> float:
        return V.parse_duration(s, unit=unit, day_fraction=day_fraction)

    fast = _seconds_typed(x, factor) if typed else _seconds_fast(x, factor)
    plan = Plan(fast, parse, pa.float64())
    plan.checks.append(("v < 0", sql_text(_("negative duration {value}"))))
    return plan, note


def _stamp_plan(con: duckdb.DuckDBPyConnection, x: str, text: str, typed: bool) -> Plan:
    """Timestamps and dates (day or month first decided from the column, when needed)."""
    decided: list[bool] = []  # asked only when some text needs the Python parser

    def parse_ts(s: str) -> object:
        if not decided:
            decided.append(_dayfirst(con, text))
        return V.parse_timestamp(s, dayfirst=decided[0])

    plan = Plan(_ts_typed(x) if typed else _ts_fast(x), parse_ts, pa.timestamp("us"))
    plan.checks.append(
        ("v < TIMESTAMP '1900-03-01'", sql_text(_("'{value}' is a time without a date")))
    )
    plan.checks.append(
        (
            "v < TIMESTAMP '1970-01-01' OR v >= TIMESTAMP '2100-01-01'",
            sql_text(_("date {value} is out of range (1970–2099)")),
        )
    )
    return plan


def _dayfirst(con: duckdb.DuckDBPyConnection, x: str) -> bool:
    """True when some d/m/yyyy text in the column has a first number above 12."""
    row = con.execute(
        f"SELECT count(*) FROM wb_stage s WHERE regexp_matches({x}, "
        r"'^\s*(1[3-9]|2\d|3[01])[/.-]\d{1,2}[/.-]\d{4}')"
    ).fetchall()[0]  # fetchall: a half-fetched result blocks con.register (DuckDB 2)
    return bool(row[0])
