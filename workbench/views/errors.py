"""Errors in the window: unexpected exceptions become one readable dialog; store trouble at start.

``install_exception_hook(window)`` catches what nothing else does — an exception raised in a slot
(``sys.excepthook``), in a plain thread (``threading.excepthook``) or in a background query or
job (the ``failed`` signal of every runner the window owns) — logs it with its traceback and
shows one dialog naming the log file, while the window keeps running. Errors arriving while the
dialog is open are counted in it, never stacked as new dialogs.

``show_error(parent, exc)`` is the same dialog for code that catches an exception itself.

``open_store_interactively(path)`` opens the store for the window and, instead of failing,
offers what can be done: a read-only copy when another Workbench holds the store
(``Store.open_snapshot``), the newest good backup when the file is damaged
(``restore_backup``).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.errors import StoreLocked, WorkbenchError
from workbench.logs import setup_logging
from workbench.paths import log_file
from workbench.store import Store, StoreDamaged, list_backups, restore_backup

log = logging.getLogger(__name__)


#: The titles of our errors (``WorkbenchError.title`` and its subclasses', English in the pure
#: layers), listed here so that lupdate offers them for translation (``error_title``).
ERROR_TITLES = (
    QT_TRANSLATE_NOOP("ErrorDialogs", "Workbench error"),
    QT_TRANSLATE_NOOP("ErrorDialogs", "Usage error"),
    QT_TRANSLATE_NOOP("ErrorDialogs", "File rejected"),
    QT_TRANSLATE_NOOP("ErrorDialogs", "Store unavailable"),
    QT_TRANSLATE_NOOP("ErrorDialogs", "Verification failed"),
    QT_TRANSLATE_NOOP("ErrorDialogs", "Cannot write file"),
    QT_TRANSLATE_NOOP("ErrorDialogs", "Bad value"),
    QT_TRANSLATE_NOOP("ErrorDialogs", "Store damaged"),
    QT_TRANSLATE_NOOP("ErrorDialogs", "Audit log broken"),
    QT_TRANSLATE_NOOP("ErrorDialogs", "Key missing"),
)


def error_title(exc: BaseException) -> str:
    """The dialog title of one of our errors in the window's language."""
    title = getattr(exc, "title", "") or "Workbench error"
    return QCoreApplication.translate("ErrorDialogs", title)


def describe(exc: BaseException, log_path: Path | None) -> tuple[str, str]:
    """(title, text) for the dialog: our errors as their one line, bugs with the log's path."""
    if isinstance(exc, WorkbenchError):
        return error_title(exc), str(exc)
    first = (str(exc).strip().splitlines() or [""])[0][:300]
    what = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    where = (
        QCoreApplication.translate("ErrorDialogs", "The details are in %1.").replace(
            "%1", str(log_path)
        )
        if log_path
        else QCoreApplication.translate("ErrorDialogs", "No log file could be written.")
    )
    return (
        QCoreApplication.translate("ErrorDialogs", "Unexpected error"),
        QCoreApplication.translate(
            "ErrorDialogs",
            "Something went wrong (%1). Workbench keeps running and nothing was lost.",
        ).replace("%1", what)
        + " "
        + where,
    )


class ErrorReporter(QObject):
    """Logs errors and shows them in one dialog; safe to call from any thread."""

    _reported = Signal(object)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.log_path = setup_logging() or log_file()
        self.dialog: QMessageBox | None = None
        self.count = 0  # errors reported while the current dialog is open
        self.reported: list[BaseException] = []  # everything reported (tests, diagnostics)
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, exc: BaseException, tb: TracebackType | None = None) -> None:
        """Log ``exc`` (with its traceback unless it is one of ours) and show it."""
        if isinstance(exc, WorkbenchError):
            log.info("%s: %s", exc.title, exc)
        else:
            log.error(
                "unexpected error:\n%s",
                "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__)),
            )
        self._reported.emit(exc)  # queued: the dialog is made on the GUI thread

    def _show(self, exc: BaseException) -> None:
        self.reported.append(exc)
        title, text = describe(exc, self.log_path)
        if self.dialog is not None and self.dialog.isVisible():
            self.count += 1
            self.dialog.setInformativeText(
                self.tr("%1 more error(s) since; see the log.").replace("%1", str(self.count))
            )
            return
        self.count = 0
        parent = self.window if self.window is not None and self.window.isVisible() else None
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        box.finished.connect(lambda *_: setattr(self, "count", 0))
        self.dialog = box
        # open(), not exec(): no nested event loop inside an exception hook; the window
        # underneath keeps repainting and its workers keep delivering.
        box.open()


def install_exception_hook(window: QWidget) -> ErrorReporter:
    """Route every unhandled exception of ``window`` (slots, threads, runners) to one dialog."""
    reporter = ErrorReporter(window)
    previous = sys.excepthook

    def excepthook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        reporter.report(exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            reporter.report(args.exc_value, args.exc_traceback)

    previous_thread_hook = threading.excepthook
    sys.excepthook = excepthook
    threading.excepthook = thread_hook
    watch_runners(window, reporter)

    def restore(*_: object) -> None:
        # Only our own hooks: a newer window may have installed its hooks since.
        if sys.excepthook is excepthook:
            sys.excepthook = previous
        if threading.excepthook is thread_hook:
            threading.excepthook = previous_thread_hook

    window.destroyed.connect(restore)
    return reporter


def watch_runners(window: QWidget, reporter: ErrorReporter) -> int:
    """Report unexpected failures of every background runner under ``window``; how many."""
    from workbench.workers.runner import JobRunner, LatestRunner

    found = 0
    for runner in [*window.findChildren(LatestRunner), *window.findChildren(JobRunner)]:
        if getattr(runner, "_errors_watched", False):
            continue
        runner._errors_watched = True  # type: ignore[attr-defined]
        runner.failed.connect(lambda exc, *_: _unexpected(reporter, exc))
        found += 1
    return found


def _unexpected(reporter: ErrorReporter, exc: BaseException) -> None:
    # A view shows its own one-line message for our errors and for a cancelled query; only
    # bugs need the dialog and the traceback.
    if isinstance(exc, WorkbenchError) or type(exc).__name__ == "InterruptException":
        return
    reporter.report(exc)


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Log ``exc`` and show it in a (non-blocking) dialog; returns the dialog."""
    log_path = setup_logging() or log_file()
    if isinstance(exc, WorkbenchError):
        log.info("%s: %s", exc.title, exc)
    else:
        log.error("unexpected error", exc_info=exc)
    title, text = describe(exc, log_path)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.open()
    return box


# ---- opening the store ------------------------------------------------------------------------
Ask = Callable[[str, WorkbenchError], bool]


def store_question(kind: str, exc: WorkbenchError, parent: QWidget | None = None) -> QMessageBox:
    """The question asked when the store cannot be opened: "read_only" (another Workbench
    holds it: open a read-only copy?) or "restore" (damaged: restore the newest backup?)."""
    if kind == "read_only":
        question = QCoreApplication.translate(
            "ErrorDialogs",
            "Open a read-only copy of the store instead? You can look at everything, but not import or change targets, until the other window is closed.",  # noqa: E501
        )
    else:
        question = QCoreApplication.translate(
            "ErrorDialogs", "Restore the newest good backup? The damaged file is kept aside."
        )
    return QMessageBox(
        QMessageBox.Icon.Question,
        error_title(exc),
        f"{exc}\n\n{question}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )


def _ask_with_dialog(kind: str, exc: WorkbenchError) -> bool:
    return store_question(kind, exc).exec() == QMessageBox.StandardButton.Yes


def open_store_interactively(path: str | Path, ask: Ask | None = None) -> Store:
    """``Store.open(path)``, or — with the user's agreement — a read-only copy or a restore.

    Today's backup is deferred until the window's first paint (``window_backup``).

    ``ask(kind, error)`` answers "read_only" (the store is held by another process) and
    "restore" (the file is damaged and backups exist); the default asks in a dialog. Raises the
    original error when the user declines or nothing can be offered.
    """
    ask = ask or _ask_with_dialog
    path = Path(path)
    try:
        return Store.open(path, defer_daily_backup=True)
    except StoreLocked as exc:
        if not ask("read_only", exc):
            raise
        return Store.open_snapshot(path)
    except StoreDamaged as exc:
        if not list_backups(path) or not ask("restore", exc):
            raise
        used = restore_backup(path)
        log.warning("restored %s from %s after: %s", path, used, exc)
        return Store.open(path, defer_daily_backup=True)
