"""The Manifest sheet: what ``verify`` needs, in sections a machine reads by their markers in
column A — ``[meta]`` (period, options, versions), ``[store]`` (digests of the store rows behind
the workbook), ``[sheets]`` (one digest per sheet), ``[cells]`` (per-row and per-column
digests, to name a changed cell) and ``[end]`` (the manifest's own digest)."""

from __future__ import annotations

import json
from dataclasses import asdict

import duckdb
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from workbench import __version__
from workbench.exporters import manifest as mf
from workbench.exporters.cells import write
from workbench.exporters.labels import label
from workbench.exporters.workbook import styles as st
from workbench.exporters.workbook.data import SheetData

ROW_DIGESTS_PER_CELL = 1000
DIGEST_COL = 6  # column F holds the long digests in every section of the Manifest sheet


def manifest_meta(data: SheetData) -> dict[str, str]:
    """Everything ``verify`` needs to recompute the workbook's numbers from the store."""
    return {
        "format": str(mf.MANIFEST_FORMAT),
        "workbench_version": __version__,
        "duckdb_version": duckdb.__version__,
        "generated_at": data.generated_at.isoformat(sep=" "),
        "period_start": data.start.isoformat(),
        "period_end": data.end.isoformat(),
        "previous_start": data.prev_start.isoformat(),
        "previous_end": data.prev_end.isoformat(),
        "lang": data.lang,
        "targets_version": str(data.targets_version),
        "options": json.dumps(asdict(data.options), sort_keys=True),
        "show_personal_data": "yes" if data.show_personal_data else "no",
        "kpis": ",".join(v.kpi_id for v in data.report.values),
    }


def manifest(ws: Worksheet, data: SheetData, sheets, store_tables: dict[str, tuple]) -> None:
    """Write every section over the finished ``sheets`` ((key, worksheet) pairs)."""
    write(ws, 1, 1, label(data.lang, "manifest_title")).font = Font(bold=True, size=12)
    row = _meta_and_store(ws, data, 3)
    digests, row = _sheets_section(ws, data, sheets, store_tables, row + 1)
    # Printed: the human part (meta, store, sheets); the per-row digests are for the machine.
    ws.print_area = f"A1:H{row - 1}"
    row = _cells_section(ws, digests, row + 1)
    row += 1
    # The manifest's own digest covers everything above it (so an edit here is seen too).
    own = mf.sheet_digest(ws.title, list(mf.values_as_read(ws))[: row - 1]).digest
    write(ws, row, 1, "[end]").font = Font(bold=True)
    write(ws, row, 2, own)
    st.widths(ws, [20, 14, 12, 9, 9, 70, 40, 70])
    for cells in ws.iter_rows(min_row=3, max_row=row):
        for cell in cells:
            cell.alignment = Alignment(vertical="top", wrap_text=False)
            if cell.column > 1:
                cell.font = Font(name="Consolas", size=8)


def _meta_and_store(ws: Worksheet, data: SheetData, row: int) -> int:
    """``[meta]`` then ``[store]``; returns the row after them."""
    write(ws, row, 1, "[meta]").font = Font(bold=True)
    row += 1
    for key, value in manifest_meta(data).items():
        write(ws, row, 1, key)
        write(ws, row, 2, value)
        row += 1
    row += 1
    write(ws, row, 1, "[store]").font = Font(bold=True)
    write(ws, row, 2, "rows")
    write(ws, row, DIGEST_COL, "digest")
    write(ws, row, DIGEST_COL + 1, "columns")
    row += 1
    for table, td in data.tables.items():
        write(ws, row, 1, table)
        write(ws, row, 2, td.rows, st.INT_FORMAT)
        write(ws, row, DIGEST_COL, td.digest)
        write(ws, row, DIGEST_COL + 1, ",".join(td.columns))
        row += 1
    return row


def _sheets_section(
    ws: Worksheet, data: SheetData, sheets, store_tables: dict[str, tuple], row: int
) -> tuple[list[tuple[str, mf.SheetDigest]], int]:
    """``[sheets]``: each sheet's digest and the store tables behind it."""
    write(ws, row, 1, "[sheets]").font = Font(bold=True)
    for column, text in enumerate(
        ["name", "rows", "columns", "", "sheet digest", "store tables", "store digest"], 2
    ):
        write(ws, row, column, text)
    row += 1
    digests = []
    for key, sheet in sheets:
        sd = mf.sheet_digest(sheet.title, mf.values_as_read(sheet))
        digests.append((key, sd))
        tables = store_tables.get(key, ())
        store_digest = mf.combined(data.tables[t].digest for t in tables) if tables else ""
        values = [key, sd.sheet, sd.n_rows, sd.n_cols, "", sd.digest, ",".join(tables)]
        for column, value in enumerate([*values, store_digest], 1):
            write(ws, row, column, value)
        row += 1
    return digests, row


def _cells_section(ws: Worksheet, digests: list[tuple[str, mf.SheetDigest]], row: int) -> int:
    """``[cells]``: the column digests and the row digests (in parts) of every sheet."""
    write(ws, row, 1, "[cells]").font = Font(bold=True)
    write(ws, row, 2, "columns / rows")
    write(ws, row, 3, "part")
    write(ws, row, DIGEST_COL, "digests")
    row += 1
    for key, sd in digests:
        write(ws, row, 1, key)
        write(ws, row, 2, "columns")
        write(ws, row, 3, 0)
        write(ws, row, DIGEST_COL, " ".join(sd.cols))
        row += 1
        chunks = [
            sd.rows[i : i + ROW_DIGESTS_PER_CELL]
            for i in range(0, len(sd.rows), ROW_DIGESTS_PER_CELL)
        ] or [()]
        for part, chunk in enumerate(chunks):
            write(ws, row, 1, key)
            write(ws, row, 2, "rows")
            write(ws, row, 3, part)
            write(ws, row, DIGEST_COL, " ".join(chunk))
            row += 1
    return row
