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

from workbench.readers import values as V
from workbench.readers.headers import (
    KIND_FIELDS,
    TOTAL_WORDS,
    FieldSpec,
    Header,
    Mapping,
)
from workbench.readers.raw import RawSheet, register_rows, restore_memory_limit

# compared with the raw cell (no lower/trim per row: a hash lookup is ~5x cheaper)
_SQL_TOTALS = ", ".join(
    sorted(
        {
            "'" + form + suffix + "'"
            for w in TOTAL_WORDS
            for form in (w, w.upper(), w.title(), w.capitalize())
            for suffix in ("", ":", "：", " ")
        }
    )
)
_COUNT_WORDS = ("量", "数", "calls", "count", "number", "num")
_PCT_WORDS = ("水平", "率", "level", "sl", "%", "pct", "percent")


@dataclass
class Coerced:
    """What coercion found besides the typed rows."""

    data_rows: int = 0
    blank_rows: int = 0
    total_rows: int = 0
    title_rows: int = 0
    csat_scale: int | None = None
    # typed number / date columns staged without their text (y_<field>, with n_ and t_):
    # field → Arrow type; the text is rendered only where a message or a parser needs it
    lazy: dict[str, pa.DataType] = field(default_factory=dict)
    sl_threshold_s: int | None = None
    notes: list[str] = field(default_factory=list)


def _q(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


NUMERIC_TYPES = frozenset({"number", "score", "money", "count", "seconds"})
TRIMMED_TYPES = frozenset({"id", "text", "personal"})
STAMP_TYPES = frozenset({"timestamp", "date", "time"})


def stage(
    con: duckdb.DuckDBPyConnection, sheet: RawSheet, header_index: int, mapping: Mapping
) -> Coerced:
    """Create ``wb_stage``: the data rows below the header (blank and total rows dropped).

    A blank row has no value in any mapped column; a total row has 合计 / Total … in one of
    its first three cells.
    """
    info = Coerced()
    head = sheet.head(header_index)
    info.title_rows = sum(1 for row in head if any(c not in (None, "") for c in row))
    body = sheet.data_rows(header_index)
    firsts = [f"c{i}" for i in range(min(sheet.width, 3))]
    used = sorted({f"c{i}" for i in mapping.columns.values()} | set(firsts))
    register_rows(con, "wb_raw", body, [*used, "rn"])
    types = {spec.name: spec.type for spec in KIND_FIELDS[mapping.kind]}
    texts = {c: pa.types.is_string(body.schema.field(c).type) for c in used}
    with_errors = {f"c{col}" for _, col, _ in sheet.error_cells or ()}
    keys = sorted({f"c{i}" for n, i in mapping.columns.items() if types[n] in TRIMMED_TYPES})
    keys = [c for c in keys if texts[c]]
    # the first non-empty of the first three cells says 合计 / Total … (CASE: each IN list is
    # evaluated only for the rows that reach it; a typed cell is never a label)
    total = (
        "CASE "
        + " ".join(
            f"WHEN {c} IS NOT NULL THEN " + (f"{c} IN ({_SQL_TOTALS})" if texts[c] else "FALSE")
            for c in firsts
        )
        + " ELSE FALSE END"
        if firsts
        else "FALSE"
    )
    mapped = {f"c{i}" for i in mapping.columns.values()}
    # Typed cells, nothing to parse or to put back: the staged rows will be a view of the
    # Arrow table (materialising them cost more than the look-ups that read them again)
    as_view = (
        sheet.body is not None
        and not (with_errors & mapped)
        and not any(
            texts[f"c{i}"] and types[n] in NUMERIC_TYPES | STAMP_TYPES
            for n, i in mapping.columns.items()
        )
    )
    counts = None
    if as_view:
        # One scan for the counts and the keys to trim. The typed read turns empty and
        # whitespace-only cells into nulls, so a cell is blank exactly when it is null.
        raw_blank = " AND ".join(f"{c} IS NULL" for c in sorted(mapped)) or "TRUE"
        row = first_row(
            con.execute(
                f"SELECT count(*), count(*) FILTER (WHERE {raw_blank}), count(*) FILTER "
                f"(WHERE coalesce({total}, FALSE) AND NOT ({raw_blank}))"
                + "".join(", " + e for e in _trim_checks(keys))
                + " FROM wb_raw"
            )
        )
        counts = row[:3]
        trimmed = {c for c, needed in zip(keys, row[3:], strict=True) if needed}
    else:
        trimmed = _needs_trim(con, keys)
    inner: list[str] = []  # over wb_raw: x_<field> (the cell as text), typed n_ / t_
    parsed: list[str] = []  # over the inner select: n_ / t_ parsed from text cells
    for name, index in mapping.columns.items():
        c, ftype = f"c{index}", types[name]
        if texts[c]:
            # readers turn whitespace-only cells into nulls; only text keys need their spaces
            # trimmed (numbers and dates tolerate them in TRY_CAST or the Python parsers)
            trim = ftype in TRIMMED_TYPES and c in trimmed
            inner.append(f"NULLIF(trim({c}), '') AS x_{name}" if trim else f"{c} AS x_{name}")
            if ftype in NUMERIC_TYPES:
                parsed.append(f"TRY_CAST(x_{name} AS DOUBLE) AS n_{name}")
            if ftype in STAMP_TYPES:
                parsed.append(f"TRY_CAST(x_{name} AS TIMESTAMP) AS t_{name}")
            continue
        arrow_type = body.schema.field(c).type
        text, number, stamp = _typed_cell(c, arrow_type)
        if ftype in NUMERIC_TYPES | STAMP_TYPES and c not in with_errors:
            info.lazy[name] = arrow_type
            inner += [f"{c} AS y_{name}", f"{number} AS n_{name}", f"{stamp} AS t_{name}"]
            continue
        # error cells are put back as text (inject_error_cells): this column needs its text
        inner.append(f"{text} AS x_{name}")
        if ftype in NUMERIC_TYPES:
            inner.append(f"{number} AS n_{name}")
        if ftype in STAMP_TYPES:
            inner.append(f"{stamp} AS t_{name}")
    cols = "".join(", " + e for e in inner)
    blank = (
        " AND ".join(
            f"{'y' if name in info.lazy else 'x'}_{name} IS NULL" for name in mapping.columns
        )
        or "TRUE"
    )
    casts_sql = "".join(", " + e for e in parsed)
    rows = (
        f"SELECT *{casts_sql} FROM (SELECT rn{cols}, coalesce({total}, FALSE) AS _total "
        "FROM wb_raw)"
    )
    count_sql = (
        f"SELECT count(*), count(*) FILTER (WHERE {blank}), "
        f"count(*) FILTER (WHERE _total AND NOT ({blank})) FROM "
    )
    if counts is not None:
        _, info.blank_rows, info.total_rows = counts
        where = f" WHERE NOT (_total OR ({blank}))" if info.blank_rows or info.total_rows else ""
        con.execute(f"CREATE OR REPLACE TEMP VIEW wb_stage AS SELECT * FROM ({rows}){where}")
        info.data_rows = counts[0] - info.blank_rows - info.total_rows
        return info  # wb_raw stays registered until drop_staged_rows
    # Materialised once (trims and casts computed once); the per-column look-ups that follow
    # are cheap scans of it. (A view was measured slower: every look-up recomputes its cast.)
    con.execute(f"CREATE OR REPLACE TEMP TABLE wb_stage AS {rows}")
    con.unregister("wb_raw")
    counts = first_row(con.execute(count_sql + "wb_stage"))
    _, info.blank_rows, info.total_rows = counts
    if info.blank_rows or info.total_rows:
        con.execute(f"DELETE FROM wb_stage WHERE _total OR ({blank})")
    info.data_rows = counts[0] - info.blank_rows - info.total_rows
    return info


def _trim_checks(columns: list[str]) -> list[str]:
    """Per text column: whether ``NULLIF(trim(c), '')`` would change any cell (checking
    trims nothing: about 5x cheaper than trimming every cell)."""
    return [f"bool_or(starts_with({c}, ' ') OR suffix({c}, ' ') OR {c} = '')" for c in columns]


def _needs_trim(con: duckdb.DuckDBPyConnection, columns: list[str]) -> set[str]:
    """The text columns of ``wb_raw`` that need trimming (see ``_trim_checks``)."""
    if not columns:
        return set()
    row = first_row(con.execute(f"SELECT {', '.join(_trim_checks(columns))} FROM wb_raw"))
    return {c for c, needed in zip(columns, row, strict=True) if needed}


def _typed_cell(c: str, arrow_type: pa.DataType) -> tuple[str, str, str]:
    """SQL for a typed cell: its text (as calamine writes it when reading text), its number
    and its timestamp (NULL where reading the text would give none)."""
    no_number, no_stamp = "CAST(NULL AS DOUBLE)", "CAST(NULL AS TIMESTAMP)"
    if pa.types.is_floating(arrow_type) or pa.types.is_integer(arrow_type):
        text = (
            f"CASE WHEN {c} = trunc({c}) AND abs({c}) < 1e15 THEN "
            f"CAST(CAST({c} AS BIGINT) AS VARCHAR) ELSE CAST({c} AS VARCHAR) END"
        )
        return text, f"CAST({c} AS DOUBLE)", no_stamp
    if pa.types.is_timestamp(arrow_type):
        stamp = f"CAST({c} AS TIMESTAMP)"
        return f"CAST({stamp} AS VARCHAR)", no_number, stamp
    if pa.types.is_duration(arrow_type):  # [h]:mm:ss cells: text counts from 1899-12-31
        stamp = f"(TIMESTAMP '1899-12-31' + {c})"
        return f"CAST({stamp} AS VARCHAR)", no_number, stamp
    if pa.types.is_boolean(arrow_type):
        return f"CASE WHEN {c} THEN 'true' WHEN NOT {c} THEN 'false' END", no_number, no_stamp
    return "CAST(NULL AS VARCHAR)", no_number, no_stamp  # a column with no value at all


_PERSONAL_FIELDS = sorted(
    {spec.name for specs in KIND_FIELDS.values() for spec in specs if spec.type == "personal"}
)


def drop_staged_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Drop ``wb_stage`` (a table or a view of ``wb_raw``) once ``wb_typed`` holds the rows."""
    kind = first_row(
        con.execute(
            "SELECT 'VIEW' FROM duckdb_views() WHERE view_name = 'wb_stage' AND temporary "
            "UNION ALL SELECT 'TABLE' FROM duckdb_tables() WHERE table_name = 'wb_stage' "
            "AND temporary"
        )
    )
    if kind is not None:
        con.execute(f"DROP {kind[0]} temp.wb_stage")
    with contextlib.suppress(duckdb.Error, KeyError):
        con.unregister("wb_raw")
    con.execute("DROP TABLE IF EXISTS temp.wb_body")


def drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    """Forget the staging objects of the last file (safe when some do not exist)."""
    for statement in (
        "DROP VIEW IF EXISTS temp.wb_stage",
        "DROP TABLE IF EXISTS temp.wb_stage",
        "DROP TABLE IF EXISTS temp.wb_stage_t",
        "DROP TABLE IF EXISTS temp.wb_body",
        "DROP TABLE IF EXISTS temp.wb_typed",
        "DROP TABLE IF EXISTS temp.wb_rejects",
        *(f"DROP TABLE IF EXISTS temp.wb_map_{n}" for n in _PERSONAL_FIELDS),
    ):
        with contextlib.suppress(duckdb.Error):
            con.execute(statement)
    with contextlib.suppress(duckdb.Error, KeyError):
        con.unregister("wb_raw")
    restore_memory_limit(con)


def first_row(result: duckdb.DuckDBPyConnection) -> tuple | None:
    """The first row of a query, reading it to the end (DuckDB 2 refuses other work on a
    connection, e.g. ``register``, while a result is only partly fetched)."""
    rows = result.fetchall()
    return rows[0] if rows else None


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
        plan = _Plan(f"CASE WHEN isfinite({_num(x)}) THEN {_num(x)} END", parser, pa.float64())
        if t == "count":
            plan.checks.append(("v < 0", "'negative count ' || x"))
            plan.checks.append(("v <> round(v)", "'''' || x || ''' is not a whole number'"))
        elif t == "score":
            plan.checks.append(("v < 0 OR v > 100", "'score ' || x || ' is outside 0–100'"))
        elif t == "money":
            plan.checks.append(("v < 0", "'negative amount ' || x"))
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
                note = f"'{header.text}' holds Excel day fractions: read as durations"
        elif unit != "s":
            note = f"'{header.text}' is in {unit}: converted to seconds"

        def parse(s: str, unit=unit, day_fraction=day_fraction) -> float:
            return V.parse_duration(s, unit=unit, day_fraction=day_fraction)

        fast = _seconds_typed(x, factor) if typed else _seconds_fast(x, factor)
        plan = _Plan(fast, parse, pa.float64())
        plan.checks.append(("v < 0", "'negative duration ' || x"))
        return plan, note
    if t in ("timestamp", "date"):
        decided: list[bool] = []  # asked only when some text needs the Python parser

        def parse_ts(s: str) -> object:
            if not decided:
                decided.append(_dayfirst(con, text))
            return V.parse_timestamp(s, dayfirst=decided[0])

        plan = _Plan(_ts_typed(x) if typed else _ts_fast(x), parse_ts, pa.timestamp("us"))
        plan.checks.append(
            (
                "v < TIMESTAMP '1900-03-01'",
                "'''' || x || ''' is a time without a date'",
            )
        )
        plan.checks.append(
            (
                "v < TIMESTAMP '1970-01-01' OR v >= TIMESTAMP '2100-01-01'",
                "'date ' || x || ' is out of range (1970–2099)'",
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
    for i, (_, typ) in enumerate(schema):
        arrays.append(pa.array([rows[k][i] for k in keys], type=typ))
    table = pa.Table.from_arrays(arrays, names=["k"] + [n for n, _ in schema])
    con.register(name, table)


def coerce(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    mapping: Mapping,
    headers: list[Header],
    personal_key: bytes,
    info: Coerced,
) -> None:
    """Create ``wb_typed`` from ``wb_stage`` (see the module docstring)."""
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
            shown[name] = _typed_cell(f"y_{name}", lazy)[0]
            text_s = _typed_cell(f"s.y_{name}", lazy)[0]
        mname = f"wb_map_{name}"
        if spec.type == "csat":
            scale = _csat_map(con, name, x, mname)
            info.csat_scale = scale
            if scale:
                info.notes.append(
                    f"'{header.text}' read on a 1–{scale} scale (from its largest value)"
                )
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
                f"coalesce(e_{name}, '''' || {shown[name]} || ''' cannot be read') "
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
                    f"CASE WHEN {present[spec.name]} IS NULL THEN 'missing {spec.name}' END",
                )
            )
        elif spec.required and spec.alternative in mapping.columns:
            alt = spec.alternative
            required.append((alt, f"CASE WHEN {present[alt]} IS NULL THEN 'missing {alt}' END"))
    err_exprs = required + errors
    first_error = (
        "CASE "
        + " ".join(
            f"WHEN ({e}) IS NOT NULL THEN {{'f': {_q(n)}, 'r': ({e}), 'v': {shown[n]}}}"
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


def _csat_map(con: duckdb.DuckDBPyConnection, name: str, x: str, mname: str) -> int | None:
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
    return V.csat_scale(top)


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


def has_empty_cells(con: duckdb.DuckDBPyConnection, mapping: Mapping) -> bool:
    """Whether any mapped cell of ``wb_stage`` is empty (an Excel error cell reads as empty)."""
    if not mapping.columns:
        return False
    cond = " OR ".join(f"x_{name} IS NULL" for name in mapping.columns)
    return first_row(con.execute(f"SELECT count(*) FROM wb_stage WHERE {cond}"))[0] > 0


def inject_error_cells(
    con: duckdb.DuckDBPyConnection,
    cells: list[tuple[int, int, str]],
    mapping: Mapping,
    first_column: int,
) -> int:
    """Put Excel error tokens (#N/A …) back into ``wb_stage`` so those rows are rejected."""
    by_column = {index + first_column: name for name, index in mapping.columns.items()}
    per_field: dict[str, list[list]] = {}
    for row, column, token in cells:
        name = by_column.get(column)
        if name is not None:
            per_field.setdefault(name, []).append([token, row])
    for name, params in per_field.items():
        if len(params) <= 8:
            con.executemany(
                f"UPDATE wb_stage SET x_{name} = ? WHERE rn = ? AND x_{name} IS NULL", params
            )
            continue
        # many cells: one joined UPDATE (one statement per cell would scan the table each time)
        tokens = pa.table(
            {
                "token": pa.array([t for t, _ in params], type=pa.string()),
                "rn": pa.array([r for _, r in params], type=pa.int64()),
            }
        )
        con.register("wb_error_cells", tokens)
        try:
            con.execute(
                f"UPDATE wb_stage SET x_{name} = e.token FROM wb_error_cells e "
                f"WHERE wb_stage.rn = e.rn AND wb_stage.x_{name} IS NULL"
            )
        finally:
            con.unregister("wb_error_cells")
    return sum(len(p) for p in per_field.values())
