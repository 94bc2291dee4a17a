"""The Cover sheet: the centre, the period, the options in force and how to read the workbook."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from workbench import __version__
from workbench.exporters.cells import write
from workbench.exporters.labels import label
from workbench.exporters.workbook import styles as st
from workbench.exporters.workbook.data import SheetData
from workbench.security.signing import COVER_LABEL


def cover(ws: Worksheet, data: SheetData) -> None:
    """Title, then one labelled row per fact; the signing key's fingerprint last."""
    L = data.lang
    write(ws, 1, 1, label(L, "title")).font = Font(bold=True, size=18)
    o = data.options
    rows: list[tuple[str, Any]] = [
        ("centre", data.centre or "—"),
        ("period", f"{data.start.isoformat()} – {data.end.isoformat()}"),
        ("previous_period", f"{data.prev_start.isoformat()} – {data.prev_end.isoformat()}"),
        ("generated_at", data.generated_at.isoformat(sep=" ")),
        ("version", __version__),
        ("targets_version", data.targets_version),
        ("sl_threshold", f"{o.sl_threshold_s} {label(L, 'seconds')}"),
        ("short_abandon", f"{o.short_abandon_s} {label(L, 'seconds')}"),
        ("sl_denominator", label(L, f"sl_den.{o.sl_denominator}")),
        ("time_convention", label(L, "time_convention_text")),
        (
            "personal_data",
            label(L, "personal_shown" if data.show_personal_data else "personal_masked"),
        ),
        ("reading_guide", label(L, "guide")),
    ]
    row = 3
    for key, value in rows:
        name = write(ws, row, 1, label(L, key))
        name.font = Font(bold=True)
        name.alignment = st.WRAP
        cell = write(ws, row, 2, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if key == "personal_data" and data.show_personal_data:
            cell.font = Font(bold=True, color="C00000")
        if key in ("reading_guide", "time_convention"):
            ws.row_dimensions[row].height = 150 if key == "reading_guide" else 32
        row += 1
    if data.signed_by:
        write(ws, row, 1, COVER_LABEL.get(L, COVER_LABEL["en"])).font = Font(bold=True)
        write(ws, row, 2, data.signed_by)
    st.widths(ws, [26, 100])
