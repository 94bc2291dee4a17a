"""Closing the main window while an import or a task runs: ask "cancel or wait".

Either answer ends with the window closed, the workers finished and (for the main window) the
event loop over, so the process exits and releases the store's lock. "Keep working" leaves the
window open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from workbench.views.window_text import MainWindow

CANCEL, WAIT, KEEP = "cancel", "wait", "keep"


def ask_close(window: Any) -> str:
    """Ask what to do with the work in progress: ``CANCEL``, ``WAIT`` or ``KEEP``."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(MainWindow.tr("An import is still running"))
    box.setText(
        QCoreApplication.translate(
            "MainWindow",
            "Workbench is still importing or exporting. Cancel it and close now (nothing of the "
            "unfinished file is kept), or close by itself when it has finished?",
        )
    )
    answers = {}
    for answer, text, role in (
        (CANCEL, MainWindow.tr("Cancel it and close"), QMessageBox.ButtonRole.DestructiveRole),
        (WAIT, MainWindow.tr("Close when finished"), QMessageBox.ButtonRole.AcceptRole),
        (KEEP, MainWindow.tr("Keep working"), QMessageBox.ButtonRole.RejectRole),
    ):
        button = box.addButton(text, role)
        button.setProperty("answer", answer)
        answers[button] = answer
    box.setDefaultButton(next(b for b, a in answers.items() if a == WAIT))
    box.setEscapeButton(next(b for b, a in answers.items() if a == KEEP))
    box.exec()
    return answers.get(box.clickedButton(), KEEP)


def work_in_progress(window: Any) -> bool:
    importer = getattr(window, "importer", None)
    return bool(window._job.busy or (importer is not None and importer.busy))


def finish_work(window: Any, timeout_s: float = 120.0) -> None:
    """Cancel the work and wait for the workers to let go (nothing half-done is kept)."""
    window.cancel_work()
    importer = getattr(window, "importer", None)
    if importer is not None:
        importer.wait(timeout_s)
    window._job.wait(timeout_s)


def may_close(window: Any) -> bool:
    """True when the window may close now; asks first when work is in progress.

    "Wait" keeps the window open and closes it when the work is done (``MainWindow.work_busy``).
    """
    if not work_in_progress(window) or window._close_when_idle:
        return True
    answer = ask_close(window)
    if answer == CANCEL:
        finish_work(window)
        return True
    if answer == WAIT:
        window._close_when_idle = True
        window.statusBar().showMessage(MainWindow.tr("Workbench closes when the work is done"))
    return False
