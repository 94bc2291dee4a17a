"""The main window: navigation, the shared filter bar, live updates, closing safely.

It owns the list of views (created lazily from ``registry``), switching between them
(``ctx.navigate``, Ctrl+1…9), the filter bar, drag-and-drop of files (→ ``ctx.request_import``),
the watched folder and intraday timer. The rest lives beside it: menus (``window_menus``), the
status bar (``window_status``), imports (``window_imports``), the three background tasks
(``task_export``, ``task_verify``, ``task_monthly``, each with its own callbacks on one
``TaskRunner``), geometry (``window_geometry``), closing during work (``window_close``), and
the per-store settings (``store_settings``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.views import (
    registry,
    store_settings,
    task_export,
    task_monthly,
    task_verify,
    window_close,
    window_imports,
    window_menus,
)
from workbench.views.context import AppContext
from workbench.views.filter_bar import FilterBar
from workbench.views.live import FolderWatcher, IntradayTimer
from workbench.views.settings import Settings
from workbench.views.window_after_paint import AfterFirstPaint
from workbench.views.window_drops import DropImports
from workbench.views.window_geometry import restore_geometry
from workbench.views.window_messages import Messages
from workbench.views.window_status import StatusArea, load_bounds, load_status, window_title
from workbench.views.window_tasks import TaskRunner
from workbench.workers.runner import LatestRunner

__all__ = ["MainWindow", "load_bounds", "load_status"]
log = logging.getLogger(__name__)

VIEWS_WITHOUT_FILTERS = frozenset({"imports", "targets"})


class MainWindow(DropImports, Messages, QMainWindow):
    """The window around the views; one per open store (main or temporary)."""

    #: the user changed the language in preferences: the app rebuilds the window
    languageChangeRequested = Signal(str)
    #: a temporary window for a monthly file was opened (the app keeps a reference)
    temporaryWindowOpened = Signal(object)

    def __init__(self, ctx: AppContext, settings: Settings, parent: QWidget | None = None, *,
                 source_name: str | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.settings, self.source_name = ctx, settings, source_name
        self.views: dict[str, QWidget] = {}
        self._specs = registry.available_views()
        self._children: list[MainWindow] = []
        self._close_when_idle = False
        self.last_message = ""
        self.last_verification: Any = None
        self.verification: str | None = None  # a compliance workbook's check, for the title
        self.setAcceptDrops(True)
        self.setMinimumSize(900, 600)
        icon = _icon_path()
        if icon:
            self.setWindowIcon(QIcon(str(icon)))
        self._build_central()
        self.status = StatusArea(self, self.cancel_work)
        for name in ("store_label", "rows_label", "import_label", "progress", "cancel_button"):
            setattr(self, name, getattr(self.status, name))
        self._status_runner = LatestRunner(self)
        self._status_runner.resultReady.connect(self._show_status)
        self._status_runner.failed.connect(lambda exc, _t: log.warning("status: %s", exc))
        self._job = TaskRunner(self)  # export, verify, monthly file: each with its callbacks
        self._job.progress.connect(self.status.set_progress)
        self._job.busyChanged.connect(self.work_busy)
        self.importer = window_imports.make_importer(self)
        self.watcher = FolderWatcher(self)
        self.watcher.filesReady.connect(lambda paths: store_settings.watched_import(self, paths))
        self.intraday = IntradayTimer(self, settings.intraday_interval_s)
        self.intraday.tick.connect(self._intraday_tick)
        window_menus.build_menus(self)
        app = QApplication.instance()
        if app is not None and not ctx.temporary:
            app.installEventFilter(self)  # drops anywhere on this window (see eventFilter)
        self.nav.currentRowChanged.connect(self._on_nav)
        ctx.navigateRequested.connect(self._on_navigate)
        ctx.dataChanged.connect(self.refresh_status)
        # the data's last day is known before any view computes, so the default period has data
        self.filter_bar.set_choices(load_bounds(ctx.store.con))
        if not ctx.temporary:
            self.filter_bar.restore(settings.filter_state())
        self.filter_bar.stateChanged.connect(self._remember_filters)  # after the restore
        self.refresh_status()
        self.update_title()
        self.status.show_store(ctx, source_name)
        restore_geometry(self)
        first = settings.last_view if not ctx.temporary else "dashboard"
        self.show_view(first if first in self._view_ids() else self._view_ids()[0])
        if not ctx.temporary:
            store_settings.apply_live_settings(self)
        # after the first paint: today's deferred backup
        self.after_paint = AfterFirstPaint(self)

    def _build_central(self) -> None:
        """Navigation on the left; the filter bar above the stacked views on the right."""
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
        self.filter_bar = FilterBar(self.ctx)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.filter_bar)
        right_layout.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

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
            widget = dict((s.id, c) for s, c in self._specs)[view_id](self.ctx)
            self.views[view_id] = widget
            self.stack.addWidget(widget)
        return widget

    def current_view_id(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def show_view(self, view_id: str, payload: object = None) -> QWidget | None:
        """Switch to ``view_id`` (unknown ids are ignored; a view may refuse to be left)."""
        ids = self._view_ids()
        if view_id not in ids:
            return None
        current = self.stack.currentWidget()
        shown = next((v for v, w in self.views.items() if w is current), None)
        leave = getattr(current, "may_leave", None)
        if shown and view_id != shown and leave is not None and not leave():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(ids.index(shown))  # the click on the list is undone
            self.nav.blockSignals(False)
            return current
        widget = self.view(view_id)
        if payload is not None and hasattr(widget, "show_payload"):
            widget.show_payload(payload)
        elif payload is not None and hasattr(widget, "show_kpi") and isinstance(payload, str):
            widget.show_kpi(payload)
        self.stack.setCurrentWidget(widget)
        # the import history and the target profile do not depend on the filters
        self.filter_bar.setEnabled(view_id not in VIEWS_WITHOUT_FILTERS)
        if self.nav.currentRow() != ids.index(view_id):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(ids.index(view_id))
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

    # ---- what menus, tests and the app call (the work is in the task modules) --------------
    def open_monthly(self, path: str | Path) -> bool:
        return task_monthly.open_monthly(self, path)

    def export_to(self, path: str | Path) -> bool:
        return task_export.export_to(self, path)

    def verify_file(self, path: str | Path) -> bool:
        return task_verify.verify_file(self, path)

    def apply_preferences(self, prefs: Any) -> None:
        store_settings.apply_preferences(self, prefs)

    def toggle_intraday(self, checked: bool) -> None:
        self.settings.intraday = checked
        if checked:
            self.filter_bar.set_mode("today")
        store_settings.apply_live_settings(self)

    def _intraday_tick(self) -> None:
        self.watcher.scan()
        self.ctx.notify_data_changed()

    # ---- work in progress, status ----------------------------------------------------------
    def cancel_work(self) -> None:
        """The status bar's Cancel: stops the import (or export) in progress."""
        if self._job.busy:
            self._job.cancel()
        if self.importer is not None and self.importer.busy:
            self.importer.cancel()

    def work_busy(self, busy: bool) -> None:
        self.status.set_busy(busy, window_close.work_in_progress(self))
        if not busy and self._close_when_idle and not window_close.work_in_progress(self):
            self.close()

    def refresh_status(self) -> None:
        """Reload the filter choices, row counts and last import time (off the GUI thread)."""
        self._status_runner.submit_query(self.ctx.store, load_status)

    def _show_status(self, status: dict, _tag: object = None) -> None:
        self.filter_bar.set_choices(status["choices"])
        self.status.show_status(status)

    def update_title(self) -> None:
        self.setWindowTitle(window_title(self))

    # ---- remembered state, closing ---------------------------------------------------------
    def _remember_filters(self, state: dict) -> None:
        if not self.ctx.temporary:
            self.settings.set_filter_state(state)

    def save_state(self) -> None:
        if self.ctx.temporary:
            return
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.last_view = self.current_view_id() or "dashboard"
        self.settings.set_filter_state(self.filter_bar.state())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing during work asks "cancel or wait"; either way the workers finish first."""
        if not window_close.may_close(self):
            event.ignore()
            return
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


def _icon_path() -> Path | None:
    from workbench.paths import resource_path

    for name in ("workbench.svg", "workbench.png"):
        path = resource_path("icons", name)
        if path.exists():
            return path
    return None
