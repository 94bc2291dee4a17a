"""Canonical digests: of every sheet's values (per sheet, per row, per column) and of the store
rows behind them (per table, computed inside DuckDB).

A cell's canonical text is what survives a save-and-reload through any xlsx reader: numbers to
12 significant digits, dates as ISO text, booleans as TRUE/FALSE, text as is, empty as ''.
Row and column digests let ``verify`` name the exact cell that changed (the intersection of the
changed rows and columns); the sheet digest covers both.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from workbench.kpi.catalogue import TIME_COLUMNS

MANIFEST_FORMAT = 1
SHORT = 16  # hex characters kept of a row or column digest (64 bits: plenty to spot an edit)
SEP = "\x1f"

# The store rows behind the workbook: table → the timestamp that places a row in the period
# (the catalogue's own list, so the digest covers exactly what the indicators read).
PERIOD_COLUMNS: dict[str, str] = dict(TIME_COLUMNS)
# Columns that identify a row's bookkeeping, not its content: leaving them out keeps the digest
# equal when the same files are imported into a fresh store (new import ids, new hashing key).
EXCLUDED_COLUMNS = {"import_id", "customer_hash"}


def canonical(value: Any) -> str:
    """The canonical text of one cell value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return ""
        text = format(number, ".12g")
        return "0" if text == "-0" else text
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, timedelta):
        # xlsx readers give durations to the millisecond (openpyxl rounds them so)
        return f"{value.total_seconds():.3f}s"
    return str(value)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SheetDigest:
    """The digests of one sheet's values."""

    sheet: str
    n_rows: int
    n_cols: int
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    digest: str


def values_as_read(ws) -> Iterator[tuple]:
    """The values of an in-memory worksheet as a reader will see them once saved.

    A number in a cell with a duration format (``[m]:ss``) comes back from an xlsx reader as a
    duration rounded to the millisecond; one with a date format as a date. Digesting what the
    reader will see keeps export and verify in step.
    """
    from openpyxl.styles.numbers import is_date_format, is_timedelta_format
    from openpyxl.utils.datetime import from_excel

    for row in ws.iter_rows():
        values = []
        for cell in row:
            value = cell.value
            if isinstance(value, int | float) and not isinstance(value, bool):
                fmt = cell.number_format
                if is_timedelta_format(fmt):
                    value = from_excel(value, timedelta=True)
                elif is_date_format(fmt):
                    value = from_excel(value)
            values.append(value)
        yield tuple(values)


def canonical_grid(rows: Iterable[Sequence[Any]]) -> list[list[str]]:
    """Rows of canonical text, trailing empty cells and trailing empty rows removed."""
    grid: list[list[str]] = []
    for row in rows:
        texts = [canonical(v) for v in row]
        while texts and texts[-1] == "":
            texts.pop()
        grid.append(texts)
    while grid and not grid[-1]:
        grid.pop()
    return grid


def sheet_digest(sheet: str, rows: Iterable[Sequence[Any]]) -> SheetDigest:
    """Digest the values of one sheet (as ``ws.iter_rows(values_only=True)`` gives them)."""
    grid = canonical_grid(rows)
    n_cols = max((len(r) for r in grid), default=0)
    row_digests = tuple(_sha(SEP.join(r))[:SHORT] for r in grid)
    col_digests = tuple(
        _sha(SEP.join(r[c] if c < len(r) else "" for r in grid))[:SHORT] for c in range(n_cols)
    )
    whole = _sha(f"{sheet}\n{len(grid)}x{n_cols}\n" + " ".join(row_digests + col_digests))
    return SheetDigest(sheet, len(grid), n_cols, row_digests, col_digests, whole)


def changed_cells(recorded: SheetDigest, actual: SheetDigest) -> list[str]:
    """Cell references (``B7``) that differ between two digests of the same sheet.

    A changed cell changes its row and its column digest, so the intersection names it; when
    the shape changed (rows or columns added or removed) the changed rows are named instead.
    """
    from openpyxl.utils import get_column_letter

    n_rows = max(recorded.n_rows, actual.n_rows)
    n_cols = max(recorded.n_cols, actual.n_cols)
    bad_rows = [
        i
        for i in range(n_rows)
        if i >= recorded.n_rows or i >= actual.n_rows or recorded.rows[i] != actual.rows[i]
    ]
    bad_cols = [
        j
        for j in range(n_cols)
        if j >= recorded.n_cols or j >= actual.n_cols or recorded.cols[j] != actual.cols[j]
    ]
    if not bad_rows and not bad_cols:
        return []
    if (recorded.n_rows, recorded.n_cols) != (actual.n_rows, actual.n_cols) or not bad_cols:
        return [f"row {i + 1}" for i in bad_rows] or [
            f"column {get_column_letter(j + 1)}" for j in bad_cols
        ]
    if not bad_rows:
        return [f"column {get_column_letter(j + 1)}" for j in bad_cols]
    return [f"{get_column_letter(j + 1)}{i + 1}" for i in bad_rows for j in bad_cols]


# ---- store rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TableDigest:
    """The rows of one store table inside the period: how many, which columns, their digest."""

    table: str
    columns: tuple[str, ...]
    rows: int
    digest: str


def table_columns(con, table: str) -> tuple[str, ...]:
    """The content columns of ``table`` in schema order (bookkeeping columns left out)."""
    names = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return tuple(n for (n,) in names if n not in EXCLUDED_COLUMNS)


def table_digest(
    con, table: str, start: date, end: date, columns: Sequence[str] | None = None
) -> TableDigest:
    """Digest the rows of ``table`` whose period timestamp falls in ``start``–``end`` (inclusive).

    Each row becomes the MD5 of its columns' text; the digest is the row count and the sum of
    the first 60 bits of those MD5s (order-free, exact in HUGEINT), all inside DuckDB.
    """
    columns = tuple(columns or table_columns(con, table))
    stamp = PERIOD_COLUMNS[table]
    parts = ", ".join(f"coalesce(CAST(\"{c}\" AS VARCHAR), '\\N')" for c in columns)
    sql = (
        f"SELECT count(*), coalesce(sum(('0x' || substr(h, 1, 15))::BIGINT::HUGEINT), 0) "
        f"FROM (SELECT md5(concat_ws(chr(31), {parts})) AS h FROM {table} "
        f"WHERE {stamp} >= ? AND {stamp} < ?)"
    )
    count, total = con.execute(sql, [start, end + timedelta(days=1)]).fetchone()
    digest = _sha(f"{table}\n{','.join(columns)}\n{count}\n{total}")
    return TableDigest(table, columns, int(count), digest)


def store_digests(con, start: date, end: date) -> dict[str, TableDigest]:
    """Digests of every data-kind table's rows in the period."""
    return {t: table_digest(con, t, start, end) for t in PERIOD_COLUMNS}


def combined(digests: Iterable[str]) -> str:
    """One digest over several (in the given order)."""
    return _sha("\n".join(digests))
