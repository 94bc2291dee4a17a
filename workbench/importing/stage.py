"""Staging: the data rows of a sheet as DuckDB temporary objects, before coercion.

``stage`` registers the reader's Arrow rows and creates ``wb_stage`` (blank and total rows
dropped, text cells trimmed where needed, typed cells kept typed); ``inject_error_cells`` puts
Excel error tokens back so their rows are rejected; ``drop_stage`` forgets every temporary
object of a file. ``Coerced`` carries what staging and coercion learnt about the file.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from workbench.readers.headers import KIND_FIELDS, TOTAL_WORDS, Mapping
from workbench.readers.raw import STAGING_MEMORY, RawSheet, register_rows, restore_memory_limit
from workbench.store.sql import quote

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
    notes: list[str] = field(default_factory=list)  # how the file was read
    warnings: list[str] = field(default_factory=list)  # assumptions the user should check
    merged_legs: int = 0  # call legs folded into their first leg by linked id


def sql_text(message: str, value_sql: str = "x") -> str:
    """A (translated) message as a SQL string expression, ``{value}`` standing for the SQL
    expression ``value_sql`` (``x``: the cell's text, substituted later by coercion)."""
    before, found, after = message.partition("{value}")
    if not found:
        return quote(message)
    return f"{quote(before)} || {value_sql} || {quote(after)}"


NUMERIC_TYPES = frozenset({"number", "score", "money", "count", "seconds"})
TRIMMED_TYPES = frozenset({"id", "text", "personal"})
STAMP_TYPES = frozenset({"timestamp", "date", "time"})


def stage(
    con: duckdb.DuckDBPyConnection,
    sheet: RawSheet,
    header_index: int,
    mapping: Mapping,
    memory: str | None = STAGING_MEMORY,
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
    register_rows(con, "wb_raw", body, [*used, "rn"], memory)
    types = {spec.name: spec.type for spec in KIND_FIELDS[mapping.kind]}
    texts = {c: pa.types.is_string(body.schema.field(c).type) for c in used}
    with_errors = {f"c{col}" for _, col, _ in sheet.error_cells or ()}
    keys = sorted({f"c{i}" for n, i in mapping.columns.items() if types[n] in TRIMMED_TYPES})
    keys = [c for c in keys if texts[c]]
    total = _total_sql(firsts, texts)
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
    inner, parsed = _stage_columns(mapping, types, texts, trimmed, body, with_errors, info)
    blank = (
        " AND ".join(
            f"{'y' if name in info.lazy else 'x'}_{name} IS NULL" for name in mapping.columns
        )
        or "TRUE"
    )
    rows = (
        f"SELECT *{''.join(', ' + e for e in parsed)} FROM (SELECT rn"
        f"{''.join(', ' + e for e in inner)}, coalesce({total}, FALSE) AS _total FROM wb_raw)"
    )
    if counts is not None:
        _, info.blank_rows, info.total_rows = counts
        where = f" WHERE NOT (_total OR ({blank}))" if info.blank_rows or info.total_rows else ""
        con.execute(f"CREATE OR REPLACE TEMP VIEW wb_stage AS SELECT * FROM ({rows}){where}")
        info.data_rows = counts[0] - info.blank_rows - info.total_rows
        return info  # wb_raw stays registered until drop_staged_rows
    _stage_table(con, rows, blank, info)
    return info


def _total_sql(firsts: list[str], texts: dict[str, bool]) -> str:
    """SQL: the first non-empty of the first three cells says 合计 / Total … (CASE: each IN
    list is evaluated only for the rows that reach it; a typed cell is never a label)."""
    if not firsts:
        return "FALSE"
    return (
        "CASE "
        + " ".join(
            f"WHEN {c} IS NOT NULL THEN " + (f"{c} IN ({_SQL_TOTALS})" if texts[c] else "FALSE")
            for c in firsts
        )
        + " ELSE FALSE END"
    )


def _stage_columns(
    mapping: Mapping,
    types: dict[str, str],
    texts: dict[str, bool],
    trimmed: set[str],
    body: pa.Table,
    with_errors: set[str],
    info: Coerced,
) -> tuple[list[str], list[str]]:
    """The staged columns of each field: over ``wb_raw`` ``x_<field>`` (the cell as text) and
    the typed ``n_`` / ``t_`` / ``y_``; over that select, ``n_`` / ``t_`` parsed from text
    cells. Typed number and date columns staged without text are noted in ``info.lazy``."""
    inner: list[str] = []
    parsed: list[str] = []
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
        text, number, stamp = typed_cell(c, arrow_type)
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
    return inner, parsed


def _stage_table(con: duckdb.DuckDBPyConnection, rows: str, blank: str, info: Coerced) -> None:
    """``wb_stage`` materialised once (trims and casts computed once; the per-column look-ups
    that follow are cheap scans of it — a view was measured slower: every look-up recomputes
    its cast); blank and total rows counted and deleted."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE wb_stage AS {rows}")
    con.unregister("wb_raw")
    counts = first_row(
        con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {blank}), "
            f"count(*) FILTER (WHERE _total AND NOT ({blank})) FROM wb_stage"
        )
    )
    _, info.blank_rows, info.total_rows = counts
    if info.blank_rows or info.total_rows:
        con.execute(f"DELETE FROM wb_stage WHERE _total OR ({blank})")
    info.data_rows = counts[0] - info.blank_rows - info.total_rows


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


def typed_cell(c: str, arrow_type: pa.DataType) -> tuple[str, str, str]:
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


# every field that may get a look-up table ``wb_map_<field>`` while coercing
_MAPPED_FIELDS = sorted({spec.name for specs in KIND_FIELDS.values() for spec in specs})


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


_STAGE_TABLES = ("wb_stage", "wb_stage_t", "wb_body", "wb_typed", "wb_rejects", "wb_links")


def drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    """Forget the staging objects of the last file (safe when some do not exist).

    One catalogue look-up finds the ones left, so a file pays a statement per object it
    left rather than one per object any file could make (about sixty, a few ms each)."""
    try:
        found = [
            f"DROP {what} IF EXISTS temp.{name}"
            for what, name in con.execute(
                "SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary "
                "AND view_name = 'wb_stage' UNION ALL SELECT 'TABLE', table_name "
                "FROM duckdb_tables() WHERE temporary AND (table_name IN "
                f"({', '.join(quote(t) for t in _STAGE_TABLES)}) "
                "OR starts_with(table_name, 'wb_map_'))"
            ).fetchall()
        ]
    except duckdb.Error:  # the look-up failed: every object any file could have made
        found = [
            "DROP VIEW IF EXISTS temp.wb_stage",
            *(f"DROP TABLE IF EXISTS temp.{t}" for t in _STAGE_TABLES),
            *(f"DROP TABLE IF EXISTS temp.wb_map_{n}" for n in _MAPPED_FIELDS),
        ]
    for statement in found:
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
