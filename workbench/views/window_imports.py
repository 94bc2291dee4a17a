"""The main window's side of importing: File → Import…, the controller wired to the status bar,
and the one-line summary of a finished import."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QFileDialog

from workbench.errors import WorkbenchError
from workbench.views.i18n import fmt_int
from workbench.views.task_monthly import IMPORT_FILTER_EXTS
from workbench.views.window_text import MainWindow

log = logging.getLogger(__name__)


def make_importer(window: Any) -> Any:
    """The window's ``ImportController``, wired to the status bar."""
    from workbench.workers.imports import ImportController

    controller = ImportController(window.ctx, window)
    controller.stepped.connect(window.status.set_progress)
    controller.busyChanged.connect(window.work_busy)
    controller.started.connect(window.status.import_started)
    controller.finished.connect(lambda result: show_import_result(window, result))
    controller.unreadable.connect(lambda problems: show_unreadable(window, problems))
    controller.failed.connect(
        lambda message: window.show_error(MainWindow.tr("Import failed"), WorkbenchError(message))
    )
    controller.cancelled.connect(
        lambda: window.statusBar().showMessage(
            MainWindow.tr("Import cancelled: nothing of the unfinished file was kept"), 10000
        )
    )
    return controller


def show_import_result(window: Any, result: Any) -> None:
    """``Imported 2 file(s), 1,234 rows · 1 already imported · 1 rejected: …``."""
    files = getattr(result, "files", ())
    imported = [f for f in files if f.status == "imported"]
    duplicates = [f for f in files if f.status == "duplicate"]
    rejected = [f for f in files if f.status == "rejected"]
    parts = [
        MainWindow.tr("Imported %1 file(s), %2 rows")
        .replace("%1", str(len(imported)))
        .replace("%2", fmt_int(sum(f.rows for f in imported)))
    ]
    if duplicates:
        parts.append(MainWindow.tr("%1 already imported").replace("%1", str(len(duplicates))))
    if rejected:
        parts.append(
            MainWindow.tr("%1 rejected: %2")
            .replace("%1", str(len(rejected)))
            .replace("%2", rejected[0].error or "")
        )
    text = " · ".join(parts)
    window.statusBar().showMessage(text, 15000)
    window.statusBar().setToolTip(text)


def show_unreadable(window: Any, problems: list) -> None:
    """One dialog for files that are no table, damaged, gone or held by another program.

    A locked file in the watched folder is tried again once the other program lets go.
    """
    lines = []
    for problem in problems:
        line = problem.message
        if problem.locked and window.watcher.retry(problem.path):
            line += "\n" + MainWindow.tr("Workbench tries again when the file is free.")
        lines.append(line)
    window.inform(MainWindow.tr("Some files were not imported"), "\n\n".join(lines), warning=True)


def ask_import(window: Any) -> None:
    paths, _ = QFileDialog.getOpenFileNames(
        window,
        MainWindow.tr("Import exports"),
        "",
        MainWindow.tr("Exports (%1);;All files (*)").replace("%1", IMPORT_FILTER_EXTS),
    )
    if paths:
        window.ctx.request_import(paths)
