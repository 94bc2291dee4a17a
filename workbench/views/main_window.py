"""The main window: navigation, the shared filter bar, menus, status bar, live updates.

It owns: the list of views (created lazily from ``registry``), switching between them
(``ctx.navigate``, Ctrl+1…9), the filter bar, the status bar (store, row counts, last import,
import progress with cancel), the menus, drag-and-drop of files (→ ``ctx.request_import``),
the watched folder and intraday timer, File → Open monthly file (a temporary in-memory store in
a second window), export/verify of compliance workbooks, preferences and remembered state.

Imports are run by ``workbench.workers.imports.ImportController`` when that module exists; the
window only shows its progress (progress bar and Cancel in the status bar).
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Progress
from workbench.errors import WorkbenchError
from workbench.views import registry
from workbench.views.context import AppContext
from workbench.views.filter_bar import FilterBar
from workbench.views.i18n import current_lang, fmt_datetime, fmt_int
from workbench.views.live import FolderWatcher, IntradayTimer
from workbench.views.settings import Settings
from workbench.workers.runner import JobRunner, LatestRunner

log = logging.getLogger(__name__)

IMPORT_FILTER_EXTS = "*.xlsx *.xlsm *.xls *.csv *.txt"
VIEWS_WITHOUT_FILTERS = frozenset({"imports", "targets"})


def load_bounds(con: Any) -> dict:
    """The first and last day of data (fast: what the default period needs at start-up)."""
    from workbench.kpi.catalogue import TIME_COLUMNS

    bounds = " UNION ALL ".join(
        f"SELECT min({ts}) AS lo, max({ts}) AS hi FROM {table}"
        for table, ts in TIME_COLUMNS.items()
    )
    lo, hi = con.execute(f"SELECT min(lo), max(hi) FROM ({bounds})").fetchone()
    return {"first_day": lo.date() if lo else None, "last_day": hi.date() if hi else None}


def load_status(con: Any) -> dict:
    """Worker-thread query: filter choices, row counts and the last import time."""
    from workbench.domain import KIND_NAMES
    from workbench.kpi.engine import filter_choices

    counts = {
        table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in KIND_NAMES
    }
    last = con.execute("SELECT max(imported_at) FROM imports").fetchone()[0]
    return {"choices": filter_choices(con), "counts": counts, "last_import": last}


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, WorkbenchError):
        return str(exc)
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:300]}" if text else type(exc).__name__


class MainWindow(QMainWindow):
    """The window around the views; one per open store (main or temporary)."""

    #: the user changed the language in preferences: the app rebuilds the window
    languageChangeRequested = Signal(str)
    #: a temporary window for a monthly file was opened (the app keeps a reference)
    temporaryWindowOpened = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        source_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.source_name = source_name
        self.verification: str | None = None  # a compliance workbook's check, for the title
        self.views: dict[str, QWidget] = {}
        self._specs = registry.available_views()
        self._children: list[MainWindow] = []
        self.setAcceptDrops(True)
        self.setMinimumSize(900, 600)
        icon_path = _icon_path()
        if icon_path:
            self.setWindowIcon(QIcon(str(icon_path)))

        # ---- central area: navigation | (filter bar / stacked views)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(self._nav_width())
        self.nav.setSpacing(2)
        for i, (spec, _cls) in enumerate(self._specs):
            item = QListWidgetItem(spec.title())
            item.setData(Qt.ItemDataRole.UserRole, spec.id)
            if i < 9:
                item.setToolTip(f"Ctrl+{i + 1}")
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.filter_bar = FilterBar(ctx)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.filter_bar)
        right_layout.addWidget(self.stack, 1)
        central = QWidget()
        central_layout = QHBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.nav)
        central_layout.addWidget(right, 1)
        self.setCentralWidget(central)

        # ---- status bar
        self.store_label = QLabel()
        self.rows_label = QLabel()
        self.import_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop the import; nothing of the unfinished file is kept")
        )
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_work)
        bar = self.statusBar()
        bar.addWidget(self.store_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.rows_label)
        bar.addPermanentWidget(self.import_label)

        # ---- workers
        self._status_runner = LatestRunner(self)
        self._status_runner.resultReady.connect(self._show_status)
        self._status_runner.failed.connect(lambda exc, _t: log.warning("status: %s", exc))
        self._job = JobRunner(self)  # exports, verification, monthly files
        self._job.finished.connect(self._job_finished)
        self._job.failed.connect(self._job_failed)
        self._job.cancelled.connect(self._job_cancelled)
        self._job.progress.connect(self._job_progress)
        self._job.busyChanged.connect(self._job_busy)
        self._job_kind = ""
        self._job_context: dict[str, Any] = {}
        self.last_message = ""
        self.last_verification: Any = None
        self.importer = self._make_importer()

        self.watcher = FolderWatcher(self)
        self.watcher.filesReady.connect(ctx.request_import)
        self.intraday = IntradayTimer(self, settings.intraday_interval_s)
        self.intraday.tick.connect(self._intraday_tick)

        self._build_menus()
        app = QApplication.instance()
        if app is not None and not ctx.temporary:
            app.installEventFilter(self)  # drops anywhere on this window (see eventFilter)
        self.nav.currentRowChanged.connect(self._on_nav)
        ctx.navigateRequested.connect(self._on_navigate)
        ctx.dataChanged.connect(self.refresh_status)

        # ---- first state: the data's last day is known before any view computes, so the
        # default period has data; queues, channels and counts follow off the GUI thread
        self.filter_bar.set_choices(load_bounds(ctx.store.con))
        if not ctx.temporary:
            self.filter_bar.restore(settings.filter_state())
        self.filter_bar.stateChanged.connect(self._remember_filters)  # after the restore
        self.refresh_status()
        self._update_title()
        self._update_store_label()
        self._restore_geometry()
        first = settings.last_view if not ctx.temporary else "dashboard"
        self.show_view(first if first in self._view_ids() else self._view_ids()[0])
        if not ctx.temporary:
            self._apply_live_settings()

    # ---- views ---------------------------------------------------------------------------
    def _view_ids(self) -> list[str]:
        return [spec.id for spec, _cls in self._specs]

    def _nav_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(s.title()) for s, _ in self._specs), default=100)
        return max(150, min(260, widest + 48))

    def view(self, view_id: str) -> QWidget:
        """The view widget for ``view_id``, created on first use."""
        widget = self.views.get(view_id)
        if widget is None:
            cls = dict((s.id, c) for s, c in self._specs)[view_id]
            widget = cls(self.ctx)
            self.views[view_id] = widget
            self.stack.addWidget(widget)
        return widget

    def current_view_id(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def show_view(self, view_id: str, payload: object = None) -> QWidget | None:
        """Switch to ``view_id`` (unknown ids are ignored)."""
        ids = self._view_ids()
        if view_id not in ids:
            return None
        widget = self.view(view_id)
        if payload is not None and hasattr(widget, "show_kpi") and isinstance(payload, str):
            widget.show_kpi(payload)
        self.stack.setCurrentWidget(widget)
        # the import history and the target profile do not depend on the filters
        self.filter_bar.setEnabled(view_id not in VIEWS_WITHOUT_FILTERS)
        row = ids.index(view_id)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        if not self.ctx.temporary:
            self.settings.last_view = view_id
        return widget

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(self._specs):
            self.show_view(self._specs[row][0].id)

    def _on_navigate(self, view_id: str, payload: object) -> None:
        # a view created by this call gets the payload directly (it missed the signal)
        self.show_view(view_id, payload if view_id not in self.views else None)

    def refresh(self) -> None:
        """F5: reload everything from the store."""
        self.ctx.notify_data_changed()

    # ---- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.import_action = self._action(self.tr("&Import…"), "Ctrl+I", self.ask_import, file_menu)
        self.open_monthly_action = self._action(
            self.tr("&Open monthly file…"), "Ctrl+O", self.ask_open_monthly, file_menu
        )
        self.recent_menu = file_menu.addMenu(self.tr("Recent files"))
        self._fill_recent()
        file_menu.addSeparator()
        self.export_action = self._action(
            self.tr("&Export compliance workbook…"), "Ctrl+E", self.ask_export, file_menu
        )
        self.verify_action = self._action(
            self.tr("&Verify workbook…"), None, self.ask_verify, file_menu
        )
        if not _has_module("workbench.exporters.workbook"):
            self.export_action.setEnabled(False)
            self.export_action.setToolTip(self.tr("Not available in this build"))
        if not _has_module("workbench.exporters.verify"):
            self.verify_action.setEnabled(False)
            self.verify_action.setToolTip(self.tr("Not available in this build"))
        file_menu.addSeparator()
        self._action(self.tr("&Quit"), "Ctrl+Q", self.close, file_menu)

        view_menu = menu.addMenu(self.tr("&View"))
        self.view_actions: dict[str, QAction] = {}
        for i, (spec, _cls) in enumerate(self._specs):
            shortcut = f"Ctrl+{i + 1}" if i < 9 else None
            action = self._action(
                spec.title(), shortcut, lambda _=False, v=spec.id: self.show_view(v), view_menu
            )
            self.view_actions[spec.id] = action
        view_menu.addSeparator()
        self._action(self.tr("&Refresh"), "F5", self.refresh, view_menu)

        settings_menu = menu.addMenu(self.tr("&Settings"))
        self.preferences_action = self._action(
            self.tr("&Preferences…"), "Ctrl+,", self.ask_preferences, settings_menu
        )
        self.intraday_action = self._action(
            self.tr("&Intraday mode"), None, self._toggle_intraday, settings_menu
        )
        self.intraday_action.setCheckable(True)
        self.intraday_action.setChecked(self.settings.intraday and not self.ctx.temporary)

        help_menu = menu.addMenu(self.tr("&Help"))
        self._action(self.tr("&About Workbench"), None, self.about, help_menu)

        if self.ctx.temporary:
            for action in (self.import_action, self.preferences_action, self.intraday_action):
                action.setEnabled(False)

    def _action(self, text: str, shortcut: str | None, slot, menu) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files
        for path in files:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_monthly(p))
        if not files:
            empty = self.recent_menu.addAction(self.tr("(none)"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear list"))
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._fill_recent()

    # ---- import --------------------------------------------------------------------------
    def _make_importer(self) -> Any:
        """The import controller (``workers/imports.py``), wired to the status bar."""
        try:
            from workbench.workers.imports import ImportController
        except ImportError:
            log.warning("no import controller in this build: imports are disabled")
            return None
        controller = ImportController(self.ctx, self)
        controller.progress.connect(self._import_progress)
        controller.busyChanged.connect(self._job_busy)
        controller.finished.connect(self._import_finished)
        controller.failed.connect(self._import_failed)
        controller.cancelled.connect(
            lambda: self.statusBar().showMessage(
                self.tr("Import cancelled: nothing of the unfinished file was kept"), 10000
            )
        )
        return controller

    def _import_progress(self, done: int, total: int, message: str) -> None:
        self._set_progress(Progress(done, total, message))

    def _import_finished(self, result: Any) -> None:
        files = getattr(result, "files", ())
        imported = [f for f in files if f.status == "imported"]
        duplicates = [f for f in files if f.status == "duplicate"]
        rejected = [f for f in files if f.status == "rejected"]
        parts = [
            self.tr("Imported %1 file(s), %2 rows")
            .replace("%1", str(len(imported)))
            .replace("%2", fmt_int(sum(f.rows for f in imported)))
        ]
        if duplicates:
            parts.append(self.tr("%1 already imported").replace("%1", str(len(duplicates))))
        if rejected:
            parts.append(
                self.tr("%1 rejected: %2")
                .replace("%1", str(len(rejected)))
                .replace("%2", rejected[0].error or "")
            )
        self.statusBar().showMessage(" · ".join(parts), 15000)

    def _import_failed(self, message: str) -> None:
        self.show_error(self.tr("Import failed"), WorkbenchError(message))

    def ask_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import exports"),
            "",
            self.tr("Exports (%1);;All files (*)").replace("%1", IMPORT_FILTER_EXTS),
        )
        if paths:
            self.ctx.request_import(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.ctx.temporary:
            return
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.ctx.temporary:
            return
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        paths = [p for p in paths if Path(p).is_file()]
        if paths:
            event.acceptProposedAction()
            from workbench.exporters.reopen import is_workbench_workbook

            workbooks = [p for p in paths if is_workbench_workbook(p)]
            if workbooks:  # our own workbook opens as dashboards, it is not imported
                self.open_monthly(workbooks[0])
            paths = [p for p in paths if p not in workbooks]
            if paths:
                self.ctx.request_import(paths)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Files dragged over any child (a text box would paste their path) import instead."""
        kind = event.type()
        if (
            kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
            and isinstance(obj, QWidget)
            and obj.window() is self
            and not self.ctx.temporary
        ):
            mime = event.mimeData()
            if mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
                if kind == QEvent.Type.Drop:
                    self.dropEvent(event)
                else:
                    event.acceptProposedAction()
                return True
        return super().eventFilter(obj, event)

    def cancel_work(self) -> None:
        """The status bar's Cancel: stops the import (or export) in progress."""
        if self._job.busy:
            self._job.cancel()
        if self.importer is not None and self.importer.busy:
            self.importer.cancel()

    def _set_progress(self, progress: Any) -> None:
        done = int(getattr(progress, "done", 0) or 0)
        total = int(getattr(progress, "total", 0) or 0)
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)  # busy indicator
        message = getattr(progress, "message", "") or ""
        self.progress.setToolTip(message)
        self.progress.setFormat(f"%p% {message[:24]}" if message else "%p%")
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)

    # ---- status bar ----------------------------------------------------------------------
    def refresh_status(self) -> None:
        """Reload the filter choices, row counts and last import time (off the GUI thread)."""
        self._status_runner.submit_query(self.ctx.store, load_status)

    def _show_status(self, status: dict, _tag: object = None) -> None:
        counts = status["counts"]
        self.filter_bar.set_choices(status["choices"])
        contacts = counts.get("contacts", 0)
        bots = counts.get("bot_sessions", 0)
        self.rows_label.setText(
            self.tr("Contacts %1 · bot sessions %2")
            .replace("%1", fmt_int(contacts))
            .replace("%2", fmt_int(bots))
        )
        self.rows_label.setToolTip(
            "\n".join(f"{table}: {fmt_int(n)}" for table, n in counts.items())
        )
        last: datetime | None = status["last_import"]
        self.import_label.setText(
            self.tr("Last import: %1").replace(
                "%1", fmt_datetime(last) if last else self.tr("never")
            )
        )

    def _update_store_label(self) -> None:
        store = self.ctx.store
        if self.ctx.temporary:
            self.store_label.setText(
                self.tr("Temporary — not saved: %1").replace("%1", self.source_name or "")
            )
        else:
            self.store_label.setText(self.tr("Store: %1").replace("%1", str(store.path)))
        self.store_label.setToolTip(str(store.path) if store.path else ":memory:")

    def _update_title(self) -> None:
        parts = [self.tr("Workbench")]
        centre = self.settings.centre_name
        if centre:
            parts.append(centre)
        if self.ctx.temporary:
            parts.append(
                self.tr("%1 (temporary — not saved)").replace("%1", self.source_name or "")
            )
        elif self.ctx.store.path is not None:
            parts.append(self.ctx.store.path.name)
        if self.ctx.store.read_only:
            parts.append(self.tr("read-only copy: another window holds the store"))
        if self.verification:
            parts.append(self.verification)
        self.setWindowTitle(" — ".join(parts))

    def set_verification(self, text: str, ok: bool) -> None:
        """Show a compliance workbook's verification in the title and the status bar."""
        self.verification = text
        self._update_title()
        self.store_label.setText(f"{self.store_label.text()} · {text}")
        self.store_label.setStyleSheet("" if ok else "color: #c0392b;")

    # ---- open monthly file ---------------------------------------------------------------
    def ask_open_monthly(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open monthly file"),
            "",
            self.tr("Exports (%1);;All files (*)").replace("%1", IMPORT_FILTER_EXTS),
        )
        if path:
            self.open_monthly(path)

    def open_monthly(self, path: str | Path) -> None:
        """Import ``path`` into a fresh in-memory store (off the GUI thread), then show it."""
        from workbench.store import Store

        path = Path(path)
        if not path.is_file():
            self.show_error(
                self.tr("Open monthly file"),
                WorkbenchError("file not found", file=path, hint="it may have been moved"),
            )
            return
        if self._job.busy:
            self.statusBar().showMessage(self.tr("Please wait for the current task to finish"))
            return
        if not self.ctx.temporary:
            self.settings.add_recent_file(path)
            self._fill_recent()
        store = Store.memory()
        self._job_kind = "monthly"
        self._job_context = {"store": store, "path": path}
        from workbench.exporters.reopen import is_workbench_workbook

        if is_workbench_workbook(path):  # the branch manager's file: its figures, read-only
            from workbench.views.workbook_file import open_workbook_store

            self._job.start(open_workbook_store, store, str(path))
            return
        self._job.start(_import_into, store, [str(path)])

    def _open_temporary_window(self, store: Any, path: Path, result: Any) -> MainWindow | None:
        files = getattr(result, "files", ())
        if files and all(f.status == "rejected" for f in files):
            store.close()
            self.show_error(
                self.tr("Open monthly file"),
                WorkbenchError(files[0].error or "the file was rejected", file=path),
            )
            return None
        ctx = AppContext(store, temporary=True)
        window = MainWindow(ctx, self.settings, source_name=path.name)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.destroyed.connect(lambda *_: store.close())
        window.destroyed.connect(
            lambda *_: self._children.remove(window) if window in self._children else None
        )
        self._children.append(window)
        if hasattr(result, "status_text"):  # a compliance workbook
            window.set_verification(result.status_text(), result.ok)
        window.resize(self.size())
        window.move(self.pos() + _offset())
        window.show()
        self.temporaryWindowOpened.emit(window)
        return window

    # ---- export / verify -----------------------------------------------------------------
    def ask_export(self) -> None:
        filters = self.ctx.filters
        if not (filters.start and filters.end):
            return
        suggested = f"compliance-{filters.start:%Y-%m-%d}_{filters.end:%Y-%m-%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export compliance workbook"), suggested, self.tr("Workbooks (*.xlsx)")
        )
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str | Path) -> bool:
        """Write the compliance workbook of the filtered period to ``path`` (off the GUI thread)."""
        from workbench.exporters.workbook import export_workbook

        filters = self.ctx.filters
        if self._job.busy or not (filters.start and filters.end):
            return False
        self._job_kind = "export"
        self._job_context = {"path": str(path)}
        self._job.start(
            export_workbook,
            self.ctx.store,
            str(path),
            start=filters.start,
            end=filters.end,
            lang=current_lang(),
            centre_name=self.settings.centre_name or None,
        )
        return True

    def ask_verify(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Verify workbook"), "", self.tr("Workbooks (*.xlsx)")
        )
        if path:
            self.verify_file(path)

    def verify_file(self, path: str | Path) -> bool:
        """Check a workbook against its manifest and this store (off the GUI thread)."""
        from workbench.exporters.verify import verify_workbook

        if self._job.busy:
            return False
        self._job_kind = "verify"
        self._job_context = {"path": str(path)}
        self._job.start(verify_workbook, str(path), self.ctx.store)
        return True

    # ---- jobs (monthly file, export, verify) -------------------------------------------------
    def _job_progress(self, progress: Any) -> None:
        self._set_progress(progress)

    def _job_busy(self, busy: bool) -> None:
        if busy:
            self.progress.setRange(0, 0)
            self.progress.setVisible(True)
            self.cancel_button.setVisible(True)
        elif not self._job.busy and not getattr(self.importer, "busy", False):
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)

    def _job_finished(self, result: Any) -> None:
        kind, context = self._job_kind, self._job_context
        self._job_kind, self._job_context = "", {}
        if kind == "monthly":
            self._open_temporary_window(context["store"], context["path"], result)
        elif kind == "export":
            self.statusBar().showMessage(
                self.tr("Workbook written: %1").replace("%1", str(context.get("path"))), 15000
            )
        elif kind == "verify":
            self.last_verification = result
            problems = list(getattr(result, "problems", ()) or ())
            if getattr(result, "ok", False):
                self.inform(
                    self.tr("Verify workbook"), self.tr("The workbook matches its manifest.")
                )
            else:
                self.inform(
                    self.tr("Verify workbook"),
                    self.tr("The workbook does not match:") + "\n" + "\n".join(problems[:20]),
                    warning=True,
                )

    def _job_failed(self, exc: BaseException) -> None:
        kind, context = self._job_kind, self._job_context
        self._job_kind, self._job_context = "", {}
        if kind == "monthly" and context.get("store") is not None:
            context["store"].close()
        self.show_error(self.tr("The task failed"), exc)

    def _job_cancelled(self) -> None:
        context = self._job_context
        if self._job_kind == "monthly" and context.get("store") is not None:
            context["store"].close()
        self._job_kind, self._job_context = "", {}
        self.statusBar().showMessage(self.tr("Cancelled"), 8000)

    def show_error(self, title: str, exc: BaseException) -> None:
        """One-line message in a dialog (never a traceback)."""
        log.info("%s: %s", title, exc, exc_info=not isinstance(exc, WorkbenchError))
        self.inform(title, _one_line(exc), warning=True)

    def inform(self, title: str, text: str, *, warning: bool = False) -> QMessageBox:
        """A window-modal message that does not block the event loop; also in the status bar."""
        self.statusBar().showMessage(f"{title}: {text.splitlines()[0] if text else ''}", 15000)
        box = QMessageBox(
            QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
            title,
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.last_message = text
        box.open()
        return box

    # ---- live ----------------------------------------------------------------------------
    def _apply_live_settings(self) -> None:
        since = None
        with contextlib.suppress(Exception):
            since = self.ctx.store.con.execute("SELECT max(imported_at) FROM imports").fetchone()[0]
        self.watcher.set_folder(self.settings.watched_folder or None, since=since)
        self.intraday.set_interval(self.settings.intraday_interval_s)
        if self.settings.intraday:
            self.intraday.start()
        else:
            self.intraday.stop()

    def _toggle_intraday(self, checked: bool) -> None:
        self.settings.intraday = checked
        if checked:
            self.filter_bar.set_mode("today")
        self._apply_live_settings()

    def _intraday_tick(self) -> None:
        self.watcher.scan()
        self.ctx.notify_data_changed()

    # ---- preferences / about -------------------------------------------------------------
    def ask_preferences(self) -> None:
        from workbench.views.preferences import Preferences, PreferencesDialog

        current = Preferences.from_settings(self.settings, current_lang())
        dialog = PreferencesDialog(current, self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        self.apply_preferences(dialog.preferences())

    def apply_preferences(self, prefs: Any) -> None:
        """Save and apply edited preferences (a language change rebuilds the window)."""
        old_lang = current_lang()
        prefs.save(self.settings)
        with contextlib.suppress(Exception):
            self.ctx.store.set_setting("centre_name", prefs.centre_name)
        self.intraday_action.setChecked(prefs.intraday)
        self._apply_live_settings()
        self._update_title()
        if prefs.language != old_lang:
            self.languageChangeRequested.emit(prefs.language)

    def about(self) -> None:
        from workbench import __version__

        QMessageBox.about(
            self,
            self.tr("About Workbench"),
            self.tr(
                "<b>Workbench %1</b><br>The remote-banking centre supervisor's workbench: "
                "imports contact-platform exports, tracks the indicators of GB/T 32312 and the "
                "CBA remote-banking norms against your targets, and exports compliance "
                "workbooks."
            ).replace("%1", __version__),
        )

    # ---- remembered state ----------------------------------------------------------------
    def _remember_filters(self, state: dict) -> None:
        if not self.ctx.temporary:
            self.settings.set_filter_state(state)

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry if not self.ctx.temporary else None
        if geometry is not None:
            self.restoreGeometry(geometry)
        if geometry is None or not self._on_a_screen():
            self._default_geometry()
        state = self.settings.window_state if not self.ctx.temporary else None
        if state is not None:
            self.restoreState(state)

    def _on_a_screen(self) -> bool:
        """True when a usable part of the window (its title bar) is on an available screen."""
        frame = self.frameGeometry()
        title_bar = QRect(frame.left(), frame.top(), frame.width(), 40)
        for screen in QGuiApplication.screens():
            visible = screen.availableGeometry().intersected(title_bar)
            if visible.width() >= 120 and visible.height() >= 20:
                return True
        return False

    def _default_geometry(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        area = screen.availableGeometry()
        width = min(1400, int(area.width() * 0.9))
        height = min(900, int(area.height() * 0.9))
        self.resize(width, height)
        self.move(area.center().x() - width // 2, area.center().y() - height // 2)

    def save_state(self) -> None:
        if self.ctx.temporary:
            return
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.last_view = self.current_view_id() or "dashboard"
        self.settings.set_filter_state(self.filter_bar.state())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.save_state()
        self.cancel_work()
        self.watcher.set_folder(None)
        self.intraday.stop()
        for child in list(self._children):
            child.close()
        super().closeEvent(event)


def _import_into(store: Any, paths: list[str]):
    """Job for Open monthly file: import into the temporary store, return the result."""
    from workbench.importing import run_import

    return (yield from run_import(store, paths))


def _has_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _icon_path() -> Path | None:
    from workbench.paths import resource_path

    for name in ("workbench.svg", "workbench.png"):
        path = resource_path("icons", name)
        if path.exists():
            return path
    return None


def _offset() -> QPoint:
    return QPoint(40, 40)
