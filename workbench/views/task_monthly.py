"""File → Open monthly file: import a file into a temporary in-memory store (off the GUI
thread) and show it in a second window that saves nothing.

The temporary window judges against the targets of the store the main window has open (the
centre's targets), not the defaults: they are copied into the temporary store first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QFileDialog

from workbench.errors import WorkbenchError
from workbench.views.window_text import MainWindow

IMPORT_FILTER_EXTS = "*.xlsx *.xlsm *.xls *.csv *.txt"


def ask_open_monthly(window: Any) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window,
        MainWindow.tr("Open monthly file"),
        "",
        MainWindow.tr("Exports (%1);;All files (*)").replace("%1", IMPORT_FILTER_EXTS),
    )
    if path:
        open_monthly(window, path)


def open_monthly(window: Any, path: str | Path) -> bool:
    """Import ``path`` into a fresh in-memory store, then open it in a temporary window."""
    from workbench.kpi.targets import copy_profile
    from workbench.store import Store

    path = Path(path)
    title = MainWindow.tr("Open monthly file")
    if not path.is_file():
        window.show_error(
            title, WorkbenchError("file not found", file=path, hint="it may have been moved")
        )
        return False
    if window._job.busy:
        window.statusBar().showMessage(MainWindow.tr("Please wait for the current task to finish"))
        return False
    if not window.ctx.temporary:
        from workbench.views.window_menus import fill_recent

        window.settings.add_recent_file(path)
        fill_recent(window)
    store = Store.memory()
    copy_profile(window.ctx.store, store)

    def failed(exc: BaseException) -> None:
        store.close()
        window.show_error(MainWindow.tr("The task failed"), exc)

    def cancelled() -> None:
        store.close()
        window.statusBar().showMessage(MainWindow.tr("Cancelled"), 8000)

    from workbench.exporters.reopen import is_workbench_workbook

    job, argument = import_into, [str(path)]
    if is_workbench_workbook(path):  # the branch manager's file: its figures, read-only
        from workbench.views.workbook_file import open_workbook_store

        job, argument = open_workbook_store, str(path)
    return window._job.start(
        job,
        store,
        argument,
        on_done=lambda result: open_temporary_window(window, store, path, result),
        on_failed=failed,
        on_cancelled=cancelled,
    )


def place_inside_screen(child: Any, window: Any) -> None:
    """The temporary window a little offset from the main one, but wholly on its screen
    (a 1366×768 laptop included)."""
    screen = window.screen()
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)
    extra_w = child.frameGeometry().width() - child.width()  # the frame around the window
    extra_h = child.frameGeometry().height() - child.height()
    width = min(window.width(), area.width() - 40 - extra_w)
    height = min(window.height(), area.height() - 40 - extra_h)
    child.resize(max(width, child.minimumWidth()), max(height, child.minimumHeight()))
    pos = window.pos() + QPoint(40, 40)
    x = min(max(pos.x(), area.left()), area.right() - child.frameGeometry().width() + 1)
    y = min(max(pos.y(), area.top()), area.bottom() - child.frameGeometry().height() + 1)
    child.move(max(x, area.left()), max(y, area.top()))


def import_into(store: Any, paths: list[str]):
    """The job: import into the temporary store, return the result."""
    from workbench.importing import run_import

    return (yield from run_import(store, paths))


def open_temporary_window(window: Any, store: Any, path: Path, result: Any) -> Any:
    """Show the temporary store in its own window (deleted, with its store, when closed)."""
    from workbench.views import main_window
    from workbench.views.context import AppContext

    files = getattr(result, "files", ())
    if files and all(f.status == "rejected" for f in files):
        store.close()
        error = WorkbenchError(files[0].error or "the file was rejected", file=path)
        window.show_error(MainWindow.tr("Open monthly file"), error)
        return None
    ctx = AppContext(store, temporary=True)
    child = main_window.MainWindow(ctx, window.settings, source_name=path.name)
    child.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    children = window._children
    child.destroyed.connect(lambda *_: store.close())
    child.destroyed.connect(lambda *_: children.remove(child) if child in children else None)
    children.append(child)
    if hasattr(result, "status_text"):  # a compliance workbook: its verification
        from workbench.views.window_status import show_verification

        show_verification(child, result.status_text(), result.ok)
    child.show()
    place_inside_screen(child, window)  # after show: the frame's size is known
    window.temporaryWindowOpened.emit(child)
    return child
