"""The Exceptions sheet: every missed target (day × queue, day, agent), largest shortfall first."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from workbench.exporters.cells import write
from workbench.exporters.labels import label
from workbench.exporters.workbook import styles as st
from workbench.exporters.workbook.data import SheetData
from workbench.kpi import catalogue

_COLUMNS = ("scope", "date", "queue", "agent", "id", "indicator", "value", "target",
            "shortfall", "denominator")  # fmt: skip


def exceptions(ws: Worksheet, data: SheetData) -> None:
    """One row per missed target; a single "none" row when every target was met."""
    L = data.lang
    st.title(ws, data, "exceptions")
    titles = [label(L, f"col.{key}") for key in _COLUMNS]
    st.header(ws, titles)
    row = st.FIRST_DATA_ROW
    for ex in data.exceptions:
        kpi = catalogue.get(ex.kpi_id)
        write(ws, row, 1, label(L, f"scope.{ex.scope}"))
        write(ws, row, 2, ex.day)
        write(ws, row, 3, ex.queue or (label(L, "all_queues") if ex.scope == "day" else ""))
        write(ws, row, 4, ex.agent)
        write(ws, row, 5, ex.kpi_id)
        write(ws, row, 6, kpi.name(L))
        write(ws, row, 7, st.to_cell(kpi.unit, ex.value), st.UNIT_FORMATS[kpi.unit])
        write(ws, row, 8, st.target_text(ex.kpi_id, ex.target, L))
        write(ws, row, 9, ex.shortfall, "0.0%")
        write(ws, row, 10, ex.denominator, st.count_format(ex.denominator))
        row += 1
    if not data.exceptions:
        write(ws, row, 1, label(L, "no_exceptions"))
        row += 1
    st.box(ws, st.FIRST_DATA_ROW, row - 1, len(titles))
    ws.freeze_panes = f"A{st.FIRST_DATA_ROW}"
    st.widths(ws, [12, 12, 14, 22, 18, 22, 12, 16, 12, 12])
