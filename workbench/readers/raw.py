"""``RawSheet``: one sheet or text table as read, every cell a string, with its row numbers.

Readers produce these; the import job finds the header row in them and coerces values in
DuckDB. ``table`` has string columns ``c0 … cN`` and ``rn``, the row number the user sees in
Excel or a text editor (1-based, counting title rows).
"""

from __future__ import annotations

import contextlib
import shutil
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa

from workbench.security.scratch import read_sealed

if TYPE_CHECKING:
    import duckdb


class SpilledRows:
    """Data rows that the chunked read wrote to Arrow IPC files in a temporary folder, in
    order; read back one batch at a time. The folder goes when this object does."""

    def __init__(self, files: list[str], schema: pa.Schema, num_rows: int, folder: str) -> None:
        self.files = files
        self.schema = schema  # the whole sheet's types (a chunk may hold nulls only)
        self.num_rows = num_rows
        self.folder = folder
        weakref.finalize(self, shutil.rmtree, folder, True)

    def batches(self, columns: list[str] | None = None) -> pa.RecordBatchReader:
        """The rows' ``columns`` (all by default) as a stream of record batches."""
        names = columns or self.schema.names
        schema = pa.schema([self.schema.field(n) for n in names])

        def read() -> Iterator[pa.RecordBatch]:
            for name in self.files:
                # one file's bytes at a time, read zero-copy (no pool memory held)
                reader = pa.ipc.open_file(pa.BufferReader(pa.py_buffer(read_sealed(name))))
                for i in range(reader.num_record_batches):
                    yield reader.get_batch(i).select(names).cast(schema)

        return pa.RecordBatchReader.from_batches(schema, read())

    def to_table(self) -> pa.Table:
        return self.batches().read_all()


@dataclass
class RawSheet:
    """One table of strings read from a file."""

    name: str | None  # sheet name; None for text and HTML tables
    table: pa.Table  # c0..cN (string, never blank: whitespace-only cells are null) + rn
    source_format: str  # xlsx xlsm xls ods csv html
    note: str = ""  # how it was read ("encoding gb18030, delimiter ';'")
    # Excel error cells (#N/A …) found while reading, which read as empty: (row, column from
    # the first column, token); None when the reader does not report them
    error_cells: list[tuple[int, int, str]] | None = None
    # the data rows below the header when read apart from ``table`` (then only the rows down
    # to the header): the used columns ``c<i>``, typed (numbers, dates) or text, and ``rn``;
    # a large sheet's rows are spilled to Arrow files and read back in batches
    body: pa.Table | SpilledRows | None = None

    @property
    def width(self) -> int:
        return self.table.num_columns - 1

    @property
    def height(self) -> int:
        return self.table.num_rows + (self.body.num_rows if self.body is not None else 0)

    def data_rows(self, header_index: int) -> pa.Table | SpilledRows:
        """The rows below the header row ``header_index``: ``c<i>`` columns and ``rn``."""
        if self.body is not None:
            return self.body
        return self.table.slice(header_index + 1)

    def release_body(self, header_index: int) -> None:
        """Keep only the rows down to the header (frees memory once the rows are staged)."""
        self.body = None
        small = self.table.slice(0, header_index + 1)
        self.table = pa.Table.from_arrays(
            [pa.array(column.to_pylist(), type=column.type) for column in small.columns],
            names=small.column_names,
        )

    def head(self, n: int = 30) -> list[list[str | None]]:
        """The first ``n`` rows as lists of cells (for header detection and previews)."""
        part = self.table.slice(0, n)
        columns = [part.column(f"c{i}").to_pylist() for i in range(self.width)]
        return [list(row) for row in zip(*columns, strict=True)] if columns else []


STAGING_MEMORY = "96MB"  # DuckDB's memory limit while a large sheet's rows are staged
# ... and while they are copied into DuckDB: the copy's resident memory rose ~250 MB over
# the limit at a million rows (the import's peak, against ~180 MB at 200,000 rows, which
# fit in the limit unspilled); 48 MB keeps it below the read's own peak (64 MB: ~390 MiB)
COPY_MEMORY = "48MB"
_LIMITS: dict[int, str] = {}  # connection id → its memory limit before staging


def restore_memory_limit(con: duckdb.DuckDBPyConnection) -> None:
    """Undo ``register_rows``'s memory limit (a no-op when it set none)."""
    previous = _LIMITS.pop(id(con), None)
    if previous is not None:
        import duckdb

        with contextlib.suppress(duckdb.Error):  # called while cleaning up after errors too
            con.execute(f"SET memory_limit = '{previous}'")


def register_rows(
    con: duckdb.DuckDBPyConnection,
    name: str,
    rows: pa.Table | SpilledRows,
    columns: list[str],
    memory: str | None = STAGING_MEMORY,
) -> None:
    """Make the data rows' ``columns`` the view ``name`` on ``con``.

    ``memory`` is DuckDB's memory limit while spilled rows are staged (None: the
    connection's own limit).

    An Arrow table is registered as it is. Rows spilled to files by the chunked read are
    first copied, batch by batch, into the temporary table ``wb_body`` (dropped
    with the other staging objects), so memory holds one batch of them at a time.
    """
    if isinstance(rows, pa.Table):
        # Copied once, through the Arrow stream, into ``wb_body``: DuckDB scans a registered
        # Arrow table by way of pyarrow.dataset (a scanner built in Python for every query,
        # ~10 ms each, and ~0.1 s to import it once), and staging and coercion read these
        # rows a dozen times
        con.register("wb_body_stream", rows.select(columns).__arrow_c_stream__())
        try:
            con.execute("CREATE OR REPLACE TEMP TABLE wb_body AS SELECT * FROM wb_body_stream")
        finally:
            con.unregister("wb_body_stream")
        con.register(name, con.table("temp.wb_body"))
        return
    # DuckDB keeps temporary tables in memory up to its memory limit (80 % of RAM by
    # default): bounded here, they spill to its temporary folder instead of growing with the
    # sheet; ``restore_memory_limit`` puts the connection's own limit back
    if memory is not None and id(con) not in _LIMITS:
        _LIMITS[id(con)] = str(con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
    if memory is not None:
        con.execute(f"SET memory_limit = '{_lower(memory, COPY_MEMORY)}'")
    con.register("wb_body_batches", rows.batches(columns))
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE wb_body AS SELECT * FROM wb_body_batches")
    finally:
        con.unregister("wb_body_batches")
    if memory is not None:
        con.execute(f"SET memory_limit = '{memory}'")
    con.register(name, con.table("temp.wb_body"))


def _lower(first: str, second: str) -> str:
    """The smaller of two DuckDB memory sizes written as ``<n>MB``/``<n>GB`` (else ``first``)."""

    def megabytes(size: str) -> float | None:
        number, unit = size[:-2], size[-2:].upper()
        try:
            return float(number) * {"MB": 1, "GB": 1024}[unit]
        except (KeyError, ValueError):
            return None

    a, b = megabytes(first), megabytes(second)
    return second if a is not None and b is not None and b < a else first


def from_rows(
    rows: Sequence[Sequence[object]],
    row_numbers: Sequence[int] | None = None,
    *,
    name: str | None,
    source_format: str,
    note: str = "",
) -> RawSheet:
    """Build a ``RawSheet`` from Python rows (ragged rows are padded with None)."""
    width = max((len(r) for r in rows), default=0)
    columns: list[list[str | None]] = [[] for _ in range(width)]
    for row in rows:
        for i in range(width):
            value = row[i] if i < len(row) else None
            text = None if value is None else str(value).strip()
            columns[i].append(text or None)
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(rows) + 1))
    arrays = [pa.array(col, type=pa.string()) for col in columns]
    names = [f"c{i}" for i in range(width)]
    arrays.append(pa.array(numbers, type=pa.int64()))
    names.append("rn")
    return RawSheet(name, pa.Table.from_arrays(arrays, names=names), source_format, note)
