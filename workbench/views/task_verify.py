"""File → Verify workbook: check a workbook against its manifest and this store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from workbench.views.task_export import export_folder
from workbench.views.window_text import MainWindow


def ask_verify(window: Any) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window,
        MainWindow.tr("Verify workbook"),
        str(export_folder(window.settings)),
        MainWindow.tr("Workbooks (*.xlsx)"),
    )
    if path:
        verify_file(window, path)


def verify_file(window: Any, path: str | Path) -> bool:
    """Verify ``path`` off the GUI thread; the outcome is shown in a dialog."""
    from workbench.exporters.verify import verify_workbook

    def done(result: Any) -> None:
        window.last_verification = result
        title = MainWindow.tr("Verify workbook")
        if getattr(result, "ok", False):
            window.inform(title, MainWindow.tr("The workbook matches its manifest."))
            return
        problems = list(getattr(result, "problems", ()) or ())
        text = MainWindow.tr("The workbook does not match:") + "\n" + "\n".join(problems[:20])
        window.inform(title, text, warning=True)

    return window._job.start(
        verify_workbook,
        str(path),
        window.ctx.store,
        on_done=done,
        on_failed=lambda exc: window.show_error(MainWindow.tr("The task failed"), exc),
        on_cancelled=lambda: window.statusBar().showMessage(MainWindow.tr("Cancelled"), 8000),
    )
