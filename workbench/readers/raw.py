"""``RawSheet``: one sheet or text table as read, every cell a string, with its row numbers.

Readers produce these; the import job finds the header row in them and coerces values in
DuckDB. ``table`` has string columns ``c0 … cN`` and ``rn``, the row number the user sees in
Excel or a text editor (1-based, counting title rows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa


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
    # to the header): the used columns ``c<i>``, typed (numbers, dates) or text, and ``rn``
    body: pa.Table | None = None

    @property
    def width(self) -> int:
        return self.table.num_columns - 1

    @property
    def height(self) -> int:
        return self.table.num_rows + (self.body.num_rows if self.body is not None else 0)

    def data_rows(self, header_index: int) -> pa.Table:
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
