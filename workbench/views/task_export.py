"""File → Export compliance workbook: the save dialog (Documents, then the last folder used)
and the export job off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from workbench.views.i18n import current_lang
from workbench.views.window_text import MainWindow

LAST_FOLDER_KEY = "export/last_folder"


def export_folder(settings: Any) -> Path:
    """Where the save dialog opens: the last folder exported to, else Documents, else home."""
    last = str(settings.value(LAST_FOLDER_KEY, "") or "")
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def ask_export(window: Any) -> None:
    """Ask where to save the workbook of the filtered period, then export."""
    filters = window.ctx.filters
    if not (filters.start and filters.end):
        return
    suggested = export_folder(window.settings) / (
        f"compliance-{filters.start:%Y-%m-%d}_{filters.end:%Y-%m-%d}.xlsx"
    )
    path, _ = QFileDialog.getSaveFileName(
        window,
        MainWindow.tr("Export compliance workbook"),
        str(suggested),
        MainWindow.tr("Workbooks (*.xlsx)"),
    )
    if path:
        export_to(window, path if path.lower().endswith(".xlsx") else path + ".xlsx")


def export_to(window: Any, path: str | Path) -> bool:
    """Write the compliance workbook of the filtered period to ``path`` (off the GUI thread).

    The workbook compares with the period the dashboard compares with
    (``workbench.periods.previous_range``) and names the centre set for this store.
    """
    from workbench.exporters.workbook import export_workbook

    filters = window.ctx.filters
    if window._job.busy or not (filters.start and filters.end):
        return False
    path = str(path)
    if not window.ctx.temporary:
        window.settings.set_value(LAST_FOLDER_KEY, str(Path(path).parent))

    def done(_result: Any) -> None:
        window.statusBar().showMessage(
            MainWindow.tr("Workbook written: %1").replace("%1", path), 15000
        )

    return window._job.start(
        export_workbook,
        window.ctx.store,
        path,
        start=filters.start,
        end=filters.end,
        lang=current_lang(),
        centre_name=window.ctx.store.setting("centre_name") or None,
        on_done=done,
        on_failed=lambda exc: window.show_error(MainWindow.tr("The task failed"), exc),
        on_cancelled=lambda: window.statusBar().showMessage(MainWindow.tr("Cancelled"), 8000),
    )
