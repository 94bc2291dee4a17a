"""Bulk coercion of a sheet's text cells into typed field values, in DuckDB.

The common forms are converted by SQL over the whole column (``TRY_CAST`` to numbers and
timestamps, Excel serials, calamine's ``1899-12-31 hh:mm:ss`` time cells); every other
*distinct* text goes once through the Python parsers of ``workbench.readers.values`` and is
joined back. Both paths follow the same rules, so the result does not depend on which one a
cell took; the SQL path is there for speed (hundreds of thousands of rows per second).

The result is a temporary table ``wb_typed`` on the given connection: ``rn`` (the row number
the user sees), one ``v_<field>`` column per mapped field (plus ``csat``/``personal`` parts),
and ``err_field`` / ``err_reason`` / ``err_value`` for the first problem of a row.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from workbench.i18n import N_, _
from workbench.importing.options import ImportOptions
from workbench.importing.stage import (
    NUMERIC_TYPES,
    STAMP_TYPES,
    Coerced,
    first_row,
    sql_text,
    typed_cell,
)
from workbench.readers import values as V
from workbench.readers.headers import KIND_FIELDS, FieldSpec, Header, Mapping
from workbench.store.sql import quote

#: Money units a header may carry ("成交金额(万元)"), as multiples of a yuan.
MONEY_FACTORS = {"wan_yuan": 10_000, "k_yuan": 1_000}
MONEY_UNIT_NAMES = {"wan_yuan": N_("10,000 yuan (万元)"), "k_yuan": N_("1,000 yuan (千元)"), "": ""}
_COUNT_WORDS = ("量", "数", "calls", "count", "number", "num")
_PCT_WORDS = ("水平", "率", "level", "sl", "%", "pct", "percent")


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
class _Plan:
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


def _plan(
    con: duckdb.DuckDBPyConnection,
    spec: FieldSpec,
    header: Header,
    x: str,
    text: str | None = None,
) -> tuple[_Plan, str]:
    """The plan for a field; returns also a note for the summary ('' when nothing to say).

    ``text`` is given for a typed column staged without its text (``Coerced.lazy``): the SQL
    rendering its cells as text; the fast paths then read its number and timestamp.
    """
    t = spec.type
    typed = text is not None
    text = text or x
    note = ""
    if t in ("id", "text"):
        return _Plan(x, None, pa.string()), note
    if t in ("number", "score", "money", "count"):
        parser = {
            "number": V.parse_number,
            "score": V.parse_number,
            "money": V.parse_money,
            "count": V.parse_count,
        }[t]
        factor = MONEY_FACTORS.get(header.unit or "", 1) if t == "money" else 1
        if factor != 1:
            note = _("'{header}' is in {unit}: multiplied by {factor:,}").format(
                header=header.text, unit=_(MONEY_UNIT_NAMES[header.unit or ""]), factor=factor
            )

            def parser(s: str, factor=factor) -> float:
                return round(V.parse_money(s) * factor, 2)

        number = _num(x)
        scaled = f"{number} * {factor}" if factor != 1 else number
        plan = _Plan(f"CASE WHEN isfinite({number}) THEN {scaled} END", parser, pa.float64())
        if t == "count":
            plan.checks.append(("v < 0", sql_text(_("negative count {value}"))))
            plan.checks.append(("v <> round(v)", sql_text(_("'{value}' is not a whole number"))))
        elif t == "score":
            plan.checks.append(("v < 0 OR v > 100", sql_text(_("score {value} is outside 0–100"))))
        elif t == "money":
            plan.checks.append(("v < 0", sql_text(_("negative amount {value}"))))
        return plan, note
    if t == "seconds":
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
        plan = _Plan(fast, parse, pa.float64())
        plan.checks.append(("v < 0", sql_text(_("negative duration {value}"))))
        return plan, note
    if t in ("timestamp", "date"):
        decided: list[bool] = []  # asked only when some text needs the Python parser

        def parse_ts(s: str) -> object:
            if not decided:
                decided.append(_dayfirst(con, text))
            return V.parse_timestamp(s, dayfirst=decided[0])

        plan = _Plan(_ts_typed(x) if typed else _ts_fast(x), parse_ts, pa.timestamp("us"))
        plan.checks.append(
            ("v < TIMESTAMP '1900-03-01'", sql_text(_("'{value}' is a time without a date")))
        )
        plan.checks.append(
            (
                "v < TIMESTAMP '1970-01-01' OR v >= TIMESTAMP '2100-01-01'",
                sql_text(_("date {value} is out of range (1970–2099)")),
            )
        )
        return plan, note
    if t == "time":
        fast = _time_typed(x) if typed else _time_fast(x)
        return _Plan(fast, V.parse_time_of_day, pa.float64()), note
    if t == "bool":
        return _Plan(None, V.parse_bool, pa.bool_()), note
    raise ValueError(t)


def _dayfirst(con: duckdb.DuckDBPyConnection, x: str) -> bool:
    """True when some d/m/yyyy text in the column has a first number above 12."""
    row = con.execute(
        f"SELECT count(*) FROM wb_stage s WHERE regexp_matches({x}, "
        r"'^\s*(1[3-9]|2\d|3[01])[/.-]\d{1,2}[/.-]\d{4}')"
    ).fetchall()[0]  # fetchall: a half-fetched result blocks con.register (DuckDB 2)
    return bool(row[0])


def _leftovers(
    con: duckdb.DuckDBPyConnection, x: str, fast: str | None, present: str | None = None
) -> list[str]:
    cond = f"({fast}) IS NULL" if fast else "TRUE"
    return [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT {x} FROM wb_stage s WHERE {present or x} IS NOT NULL AND {cond}"
        ).fetchall()
    ]


def _register_map(
    con: duckdb.DuckDBPyConnection,
    name: str,
    rows: dict[str, Any],
    schema: list[tuple[str, pa.DataType]],
) -> None:
    keys = list(rows)
    arrays = [pa.array(keys, type=pa.string())]
    for i, (_name, typ) in enumerate(schema):
        arrays.append(pa.array([rows[k][i] for k in keys], type=typ))
    table = pa.Table.from_arrays(arrays, names=["k"] + [n for n, _typ in schema])
    con.register(name, table)


def coerce(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    mapping: Mapping,
    headers: list[Header],
    personal_key: bytes,
    info: Coerced,
    options: ImportOptions | None = None,
) -> None:
    """Create ``wb_typed`` from ``wb_stage`` (see the module docstring)."""
    options = options or ImportOptions()
    # the reason of a cell no parser understands; {value} is the cell's text in SQL
    unreadable = sql_text(_("'{value}' cannot be read"), "{value}")
    selects = ["s.rn"]
    joins: list[str] = []
    errors: list[tuple[str, str]] = []  # (field, SQL error expression)
    present: dict[str, str] = {}  # field → its non-NULL test column in the select
    shown: dict[str, str] = {}  # field → its text in the select (messages, rejects)
    for spec in KIND_FIELDS[kind]:
        name = spec.name
        if name not in mapping.columns:
            continue
        header = headers[mapping.columns[name]]
        x = f"s.x_{name}"
        lazy = info.lazy.get(name)
        if lazy is None:
            selects.append(f"{x} AS x_{name}")
            present[name] = shown[name] = f"x_{name}"
            text_s = None
        else:  # typed, staged without text: rendered only where needed
            selects.append(f"s.y_{name} AS y_{name}")
            present[name] = f"y_{name}"
            shown[name] = typed_cell(f"y_{name}", lazy)[0]
            text_s = typed_cell(f"s.y_{name}", lazy)[0]
        mname = f"wb_map_{name}"
        if spec.type == "csat":
            top = _csat_map(con, name, x, mname)
            scale = _csat_scale(header, top, options, info)
            info.csat_scale = scale
            selects += [
                f"m_{name}.score AS v_{name}_score",
                f"CASE WHEN m_{name}.score IS NOT NULL THEN {scale or 'NULL'} END "
                f"AS v_{name}_scale",
                f"CASE WHEN m_{name}.score IS NOT NULL THEN m_{name}.score >= "
                f"{(scale or 5) - 1} WHEN m_{name}.rank IS NOT NULL THEN m_{name}.rank >= 4 END "
                f"AS v_{name}_satisfied",
            ]
            joins.append(f"LEFT JOIN {mname} m_{name} ON {x} = m_{name}.k")
            selects.append(f"m_{name}.e AS e_{name}")
            errors.append((name, f"CASE WHEN x_{name} IS NOT NULL THEN e_{name} END"))
            continue
        if spec.type == "personal":
            _personal_map(con, x, mname, personal_key)
            selects += [f"m_{name}.h AS v_{name}_hash", f"m_{name}.m AS v_{name}_masked"]
            joins.append(f"LEFT JOIN {mname} m_{name} ON {x} = m_{name}.k")
            continue
        if spec.type == "sl":
            info.sl_threshold_s = header.threshold_s or 20
            as_percent = _sl_map(con, x, mname, header)
            info.notes.append(
                f"'{header.text}' read as "
                + ("a percentage of offered" if as_percent else "a count")
                + f", threshold {info.sl_threshold_s} s"
            )
            selects += [f"m_{name}.n AS v_{name}_count", f"m_{name}.p AS v_{name}_pct"]
            joins.append(f"LEFT JOIN {mname} m_{name} ON {x} = m_{name}.k")
            selects.append(f"m_{name}.e AS e_{name}")
            errors.append((name, f"CASE WHEN x_{name} IS NOT NULL THEN e_{name} END"))
            continue
        plan, note = _plan(con, spec, header, x, text_s)
        if note:
            info.notes.append(note)
        if plan.parse is None:
            selects.append(f"{plan.fast} AS v_{name}")
            continue
        if text_s is not None:
            # a typed number or date always takes the fast path (a NaN cell, which Excel never
            # writes, is still rejected, as "cannot be read")
            assert lazy is not None
            number = pa.types.is_floating(lazy) or pa.types.is_integer(lazy)
            always = (number and spec.type in NUMERIC_TYPES) or (
                pa.types.is_timestamp(lazy) and spec.type in STAMP_TYPES
            )
            leftovers = [] if always else _leftovers(con, text_s, plan.fast, f"s.y_{name}")
            x = text_s  # the map is keyed by the text
        else:
            leftovers = _leftovers(con, x, plan.fast)
        if leftovers:
            parsed: dict[str, tuple[Any, str | None]] = {}
            for text in leftovers:
                try:
                    parsed[text] = (plan.parse(text), None)
                except V.BadValue as exc:
                    parsed[text] = (None, exc.message)
            _register_map(con, mname, parsed, [("v", plan.arrow_type), ("e", pa.string())])
            joins.append(f"LEFT JOIN {mname} m_{name} ON {x} = m_{name}.k")
            fast = plan.fast or "NULL"
            value = f"coalesce({fast}, m_{name}.v)"
            map_error = f"m_{name}.e"
        else:
            value = plan.fast or "NULL"
            map_error = "NULL"
        vtype = {"timestamp[us]": "TIMESTAMP", "double": "DOUBLE", "bool": "BOOLEAN"}.get(
            str(plan.arrow_type), "VARCHAR"
        )
        selects.append(f"CAST({value} AS {vtype}) AS v_{name}")
        check_sql = " ".join(
            f"WHEN {_subst(cond, name)} THEN {_subst_x(reason, shown[name])}"
            for cond, reason in plan.checks
        )
        errors.append(
            (
                name,
                f"CASE WHEN {present[name]} IS NULL THEN NULL WHEN v_{name} IS NULL THEN "
                f"coalesce(e_{name}, {unreadable.format(value=shown[name])}) "
                f"{check_sql} END",
            )
        )
        selects.append(f"{map_error} AS e_{name}")
    # the first problem of each row: required cells, then each field's own problem
    required: list[tuple[str, str]] = []
    for spec in KIND_FIELDS[kind]:
        if spec.required and spec.name in mapping.columns:
            required.append(
                (
                    spec.name,
                    f"CASE WHEN {present[spec.name]} IS NULL THEN "
                    f"{quote(_('missing {field}').format(field=spec.name))} END",
                )
            )
        elif spec.required and spec.alternative in mapping.columns:
            alt = spec.alternative
            missing = quote(_("missing {field}").format(field=alt))
            required.append((alt, f"CASE WHEN {present[alt]} IS NULL THEN {missing} END"))
    err_exprs = required + errors
    first_error = (
        "CASE "
        + " ".join(
            f"WHEN ({e}) IS NOT NULL THEN {{'f': {quote(n)}, 'r': ({e}), 'v': {shown[n]}}}"
            for n, e in err_exprs
        )
        + " END"
        if err_exprs
        else "NULL"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE wb_typed AS SELECT COLUMNS('^(rn|v_.*)$'), "
        "_err.f AS err_field, _err.r AS err_reason, _err.v AS err_value FROM ("
        f"SELECT *, {first_error} AS _err FROM (SELECT {', '.join(selects)} "
        f"FROM wb_stage s {' '.join(joins)}))"
    )
    for spec in KIND_FIELDS[kind]:
        with contextlib.suppress(duckdb.Error):
            con.unregister(f"wb_map_{spec.name}")
        if spec.type == "personal":
            con.execute(f"DROP TABLE IF EXISTS temp.wb_map_{spec.name}")


def _subst(cond: str, name: str) -> str:
    return re.sub(r"\bv\b", f"v_{name}", cond)


def _subst_x(reason: str, text: str) -> str:
    return re.sub(r"\bx\b", lambda _: text, reason)


def _csat_scale(
    header: Header, top: float | None, options: ImportOptions, info: Coerced
) -> int | None:
    """The satisfaction scale: declared (``--csat-scale``), else from the header ("(1-10)",
    "10分制"), else guessed from the largest value — which the summary warns about."""
    declared = options.csat_scale
    if declared == "labels":
        return None
    if declared in ("5", "10"):
        info.notes.append(
            _("'{header}' read on a 1–{scale} scale (as declared)").format(
                header=header.text, scale=declared
            )
        )
        return int(declared)
    if header.scale:
        info.notes.append(
            _("'{header}' read on a 1–{scale} scale (from its header)").format(
                header=header.text, scale=header.scale
            )
        )
        return header.scale
    scale = V.csat_scale(top)
    if scale:
        info.warnings.append(
            _(
                "'{header}': the satisfaction scale was guessed from the values (largest "
                "{top:g}: 1–{scale}) — declare it with --csat-scale 5|10|labels"
            ).format(header=header.text, top=top, scale=scale)
        )
    return scale


def _csat_map(con: duckdb.DuckDBPyConnection, name: str, x: str, mname: str) -> float | None:
    """Register the map text → (score, label rank, error); returns the largest score."""
    texts = _leftovers(con, x, None)
    parsed: dict[str, tuple[Any, ...]] = {}
    top = None
    for text in texts:
        try:
            value = V.parse_csat(text)
        except V.BadValue as exc:
            parsed[text] = (None, None, exc.message)
            continue
        parsed[text] = (value.score, value.label_rank, None)
        if value.score is not None:
            top = value.score if top is None else max(top, value.score)
    _register_map(
        con, mname, parsed, [("score", pa.float64()), ("rank", pa.int64()), ("e", pa.string())]
    )
    return top


def _personal_map(con: duckdb.DuckDBPyConnection, x: str, mname: str, key: bytes) -> None:
    """The keyed hash and masked form of every distinct personal value, as table ``mname``.

    Values of ASCII digits only (phone and id numbers: nearly all of them) are hashed by
    DuckDB on both threads, with the same HMAC-SHA256 (RFC 2104: the key's inner and outer
    pads) and the same normalisation and mask as ``values.hash_personal`` / ``mask_personal``;
    any other text goes through those Python functions.
    """
    digits = f"regexp_full_match({x}, '[0-9]+')"
    texts = _leftovers(con, x, f"CASE WHEN {digits} THEN TRUE END")
    hashes, masks = V.hash_and_mask(texts, key)
    table = pa.Table.from_arrays(
        [
            pa.array(texts, type=pa.string()),
            pa.array(hashes, type=pa.string()),
            pa.array(masks, type=pa.string()),
        ],
        names=["k", "h", "m"],
    )
    con.register(f"{mname}_py", table)
    block = 64  # SHA-256's block size
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    inner = bytes(b ^ 0x36 for b in key).hex()
    outer = bytes(b ^ 0x5C for b in key).hex()
    # personal_key of digits: '86' + 11 digits loses the country code
    number = "CASE WHEN length(k) = 13 AND starts_with(k, '86') THEN k[3:] ELSE k END"
    mask = (
        "CASE WHEN length(p) = 11 AND starts_with(p, '1') THEN p[:3] || '****' || p[-4:] "
        "WHEN length(p) <= 4 THEN p[1] || repeat('*', length(p) - 1) "
        "ELSE p[:2] || repeat('*', length(p) - 4) || p[-2:] END"
    )
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {mname} AS "
            f"SELECT k, left(sha256(unhex('{outer}') || unhex(sha256(unhex('{inner}') || "
            f"encode(p)))), {V.HASH_HEX_DIGITS}) AS h, {mask} AS m FROM (SELECT k, {number} AS p "
            "FROM "
            f"(SELECT DISTINCT {x} AS k FROM wb_stage s WHERE {digits})) "
            f"UNION ALL SELECT k, h, m FROM {mname}_py"
        )
    finally:
        con.unregister(f"{mname}_py")


def _sl_map(con: duckdb.DuckDBPyConnection, x: str, mname: str, header: Header) -> bool:
    """Map answered-in-SL texts to a count or a fraction; True when read as percentages."""
    texts = _leftovers(con, x, None)
    numbers: dict[str, float] = {}
    errors: dict[str, str] = {}
    any_percent_sign = False
    for text in texts:
        s = V.clean(text)
        if s.endswith("%"):
            any_percent_sign = True
            continue
        try:
            numbers[text] = V.parse_number(s)
        except V.BadValue as exc:
            errors[text] = exc.message
    top = max(numbers.values(), default=0.0)
    fractional = any(abs(v - round(v)) > 1e-9 for v in numbers.values())
    key = header.key
    count_words = any(w in key for w in _COUNT_WORDS)
    pct_words = any(w in key for w in _PCT_WORDS)
    percent = (
        header.unit == "%"
        or any_percent_sign
        or (top <= 1 and fractional)
        or (pct_words and not count_words and top <= 100)
    )
    parsed: dict[str, tuple[Any, ...]] = {}
    for text in texts:
        if text in errors:
            parsed[text] = (None, None, errors[text])
            continue
        try:
            if percent:
                points = top > 1
                parsed[text] = (None, V.parse_percent(text, points=points), None)
            else:
                parsed[text] = (V.parse_count(text), None, None)
        except V.BadValue as exc:
            parsed[text] = (None, None, exc.message)
    _register_map(con, mname, parsed, [("n", pa.int64()), ("p", pa.float64()), ("e", pa.string())])
    return percent
