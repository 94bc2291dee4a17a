"""The Sources sheet: the imported files behind the period, with their SHA-256 and counts."""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from workbench.exporters.cells import write
from workbench.exporters.labels import label
from workbench.exporters.workbook import styles as st
from workbench.exporters.workbook.data import SheetData

_COLUMNS = ("file", "sha256", "kind", "sheet", "rows", "rejected", "imported_at", "imported_by")


def sources_sheet(ws: Worksheet, data: SheetData) -> None:
    """One row per import whose rows fall in the period, oldest first."""
    L = data.lang
    st.title(ws, data, "sources")
    titles = [label(L, f"col.{key}") for key in _COLUMNS]
    st.header(ws, titles)
    row = st.FIRST_DATA_ROW
    for name, sha, kind, sheet, rows, rejected, imported_at, imported_by in data.sources:
        write(ws, row, 1, name)
        write(ws, row, 2, sha).font = Font(name="Consolas", size=9)
        write(ws, row, 3, kind)
        write(ws, row, 4, sheet or "")
        write(ws, row, 5, rows, st.INT_FORMAT)
        write(ws, row, 6, rejected, st.INT_FORMAT)
        stamp = imported_at.replace(microsecond=0) if imported_at else None
        write(ws, row, 7, stamp, st.DATETIME_FORMAT)
        write(ws, row, 8, imported_by or "")
        row += 1
    if not data.sources:
        write(ws, row, 1, label(L, "no_sources"))
        row += 1
    st.box(ws, st.FIRST_DATA_ROW, row - 1, len(titles))
    ws.freeze_panes = f"B{st.FIRST_DATA_ROW}"
    st.widths(ws, [30, 66, 12, 12, 10, 10, 20, 12])
