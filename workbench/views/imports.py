"""数据导入 — the imports view: history of imported files, their rejects, import and progress.

The history (file, kind, rows, rejects, when, by whom, sheet, why this kind) and the rejects
of the selected file (sheet / row / column / reason) are plain SQL over ``imports`` and
``rejects``. Import… and dropped files go to the context's ``ImportController``, whose
progress shows here with a Cancel button.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Filters, ImportResult, ReasonGroup
from workbench.models.records import ImportHistoryModel, RejectsModel
from workbench.models.table import RECORD_ROLE
from workbench.store import queries
from workbench.views.context import AppContext
from workbench.views.dataview import DataView, fit_columns, make_table
from workbench.workers.imports import ImportController, import_controller_for
from workbench.workers.runner import JobRunner, LatestRunner

FILE_FILTER = "*.xlsx *.xlsm *.xls *.csv *.txt *.htm *.html"


def dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """Local files carried by a drag (folders and remote URLs left out)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p and Path(p).is_file()]


class ImportsView(DataView):
    """History of imports and their rejects; Import…, drop, progress and Cancel."""

    follows_filters = False

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        controller: ImportController | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.controller = controller or import_controller_for(ctx)
        self.setAcceptDrops(True)

        top = self._build_top_row()
        split = self._build_tables()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.outcome)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

        self._rejects_runner = LatestRunner(self)
        self._rejects_runner.resultReady.connect(self._show_rejects)
        self.selected_import: int | None = None

        self._connect_controller()

    # ---- building ------------------------------------------------------------------------
    def _build_top_row(self) -> QHBoxLayout:
        """Import button, drop hint, progress and cancel; the outcome line below."""
        self.import_button = QPushButton(self.tr("Import files…"), self)
        self.import_button.clicked.connect(self.choose_files)
        drop_hint = QLabel(self.tr("or drop Excel / CSV exports anywhere on this window"), self)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setMinimumWidth(220)
        self.progress_text = QLabel(self)
        self._started_text = ""
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.controller.cancel)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(drop_hint)
        top.addStretch(1)
        top.addWidget(self.progress_text)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        return top

    def _build_tables(self) -> QSplitter:
        """Imported files above (with the undo button), the selected file's rejects below."""
        self.history_model = ImportHistoryModel(self)
        self.history, self.history_proxy = make_table(self.history_model, self)
        self.history.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.history.selectionModel().selectionChanged.connect(self._selection_changed)
        self.rejects_model = RejectsModel(self)
        self.rejects, self.rejects_proxy = make_table(self.rejects_model, self)
        self.rejects.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.rejects_title = QLabel(self.tr("Select a file to see its rejected rows."), self)
        bold = self.rejects_title.font()
        bold.setBold(True)
        self.rejects_title.setFont(bold)
        history_title = QLabel(self.tr("Imported files"), self)
        history_title.setFont(bold)
        self.undo_button = QPushButton(self.tr("Remove this import…"), self)
        self.undo_button.setToolTip(
            self.tr("Delete exactly the rows this file stored, so it can be imported again")
        )
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.ask_undo)
        self._undo_runner = JobRunner(self)
        self._undo_runner.finished.connect(self._undone)
        self._undo_runner.failed.connect(self._not_undone)
        history_row = QHBoxLayout()
        history_row.addWidget(history_title)
        history_row.addStretch(1)
        history_row.addWidget(self.undo_button)

        upper = QWidget(self)
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addLayout(history_row)
        ul.addWidget(self.history, 1)
        lower = QWidget(self)
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.rejects_title)
        ll.addWidget(self.rejects, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        return split

    def _connect_controller(self) -> None:
        """Follow the import controller's jobs."""
        c = self.controller
        c.started.connect(self._import_started)
        c.progress.connect(self._import_progress)
        c.finished.connect(self._import_finished)
        c.failed.connect(self._import_failed)
        c.cancelled.connect(self._import_cancelled)
        c.busyChanged.connect(self._show_busy)
        self._show_busy(c.busy)

    # ---- data ----------------------------------------------------------------------------
    def load(self, con: Any, filters: Filters, lang: str) -> list[dict]:
        return queries.imports(con)

    def show_data(self, rows: list[dict]) -> None:
        self.history_model.set_rows(rows)
        fit_columns(self.history, 320, 110)
        total_rejects = sum(int(r.get("rejected") or 0) for r in rows)
        self.status_label.setText(
            self.tr("%n file(s) imported", "", len(rows))
            + " · "
            + self.tr("%Ln row(s) rejected in all", "", total_rejects)
        )
        if self.selected_import is None and rows:
            self.history.selectRow(0)  # the newest file: its rejects show at once
        elif self.selected_import is not None:
            for row in range(self.history_proxy.rowCount()):
                record = self.history_proxy.index(row, 0).data(RECORD_ROLE)
                if record and record.get("id") == self.selected_import:
                    self.history.selectRow(row)
                    break

    def select_import(self, import_id: int | None) -> None:
        """Show the rejects of one import."""
        self.selected_import = import_id
        if import_id is None:
            self.rejects_model.set_rows([])
            return
        self.submit(self._rejects_runner, queries.rejects, import_id)

    def wait(self, timeout_s: float = 20.0) -> bool:
        ok = super().wait(timeout_s)
        return self._rejects_runner.wait(timeout_s) and ok

    def _selection_changed(self, *_: object) -> None:
        rows = self.history.selectionModel().selectedRows()
        record = rows[0].data(RECORD_ROLE) if rows else None
        new = record.get("id") if record else None
        self.undo_button.setEnabled(new is not None and not self.ctx.store.read_only)
        if new != self.selected_import or not self.rejects_model.rowCount():
            self.select_import(new)

    def _show_rejects(self, rows: list[dict], _tag: object) -> None:
        self.rejects_model.set_rows(rows)
        fit_columns(self.rejects, 420, 90)
        record = next(
            (r for r in self.history_model.rows() if r.get("id") == self.selected_import), None
        )
        name = record.get("file_name") if record else ""
        if rows:
            self.rejects_title.setText(
                self.tr("Rejected rows of %1 (%2)")
                .replace("%1", name)
                .replace("%2", str(len(rows)))
            )
        else:
            self.rejects_title.setText(self.tr("%1: no row was rejected.").replace("%1", name))

    # ---- removing an import -------------------------------------------------------------
    def ask_undo(self) -> None:
        """Confirm, then remove the selected import (off the GUI thread)."""
        record = next(
            (r for r in self.history_model.rows() if r.get("id") == self.selected_import), None
        )
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove this import"),
            self.tr("Remove %1 (import %2, %3 rows)? Its rows leave every view and report; "
                    "the file can then be imported again.")
            .replace("%1", str(record.get("file_name")))
            .replace("%2", str(record.get("id")))
            .replace("%3", str(record.get("rows"))),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.undo_import(int(record["id"]))

    def undo_import(self, import_id: int) -> bool:
        """Remove import ``import_id`` in one transaction; False while an import runs."""
        if self.controller.busy or self._undo_runner.busy:
            self.outcome.setText(self.tr("Wait for the running import to finish."))
            return False
        self.undo_button.setEnabled(False)
        self._undo_runner.start(_undo_job, self.ctx.store, self.ctx.store.cursor(), import_id)
        return True

    def _not_undone(self, exc: BaseException) -> None:
        self.outcome.setText(self.tr("The import was not removed: %1").replace("%1", str(exc)))
        selected = self.history.selectionModel().selectedRows()  # still selected: try again
        self.undo_button.setEnabled(bool(selected) and not self.ctx.store.read_only)

    def _undone(self, undone: Any) -> None:
        self.outcome.setStyleSheet("")
        self.outcome.setText(
            self.tr("%1 removed: %2 rows. It can be imported again.")
            .replace("%1", undone.file_name)
            .replace("%2", str(undone.rows))
        )
        self.selected_import = None
        self.ctx.notify_data_changed()

    # ---- importing -----------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import exports"),
            "",
            self.tr("Exports") + f" ({FILE_FILTER});;" + self.tr("All files") + " (*)",
        )
        if paths:
            self.ctx.request_import(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.ctx.request_import(paths)

    def _show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress_text.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setRange(0, 0)  # busy until the first step says how much

    def _import_started(self, paths: list[str]) -> None:
        names = ", ".join(Path(p).name for p in paths[:3]) + ("…" if len(paths) > 3 else "")
        self._started_text = self.tr("Importing %1").replace("%1", names)
        self.progress_text.setText(self._started_text)
        self.progress.setFormat("%p%")
        self.outcome.setText("")

    def _import_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if message:
            text = f"{self._started_text} · {message}"
            metrics = self.progress_text.fontMetrics()
            self.progress_text.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, 560))
            self.progress_text.setToolTip(text)

    def _import_finished(self, result: ImportResult) -> None:
        self.outcome.setText(self.result_text(result))
        self.outcome.setStyleSheet(
            "color: #c0392b;" if any(f.status == "rejected" for f in result.files) else ""
        )
        self.refresh()

    def _import_failed(self, message: str) -> None:
        self.outcome.setText(self.tr("The import failed: %1").replace("%1", message))
        self.outcome.setStyleSheet("color: #c0392b;")

    def _import_cancelled(self) -> None:
        self.outcome.setText(self.tr("Import cancelled: nothing of the file in progress was kept."))
        self.outcome.setStyleSheet("")

    def result_text(self, result: ImportResult) -> str:
        """One line per file: what happened to it."""
        lines = []
        for f in result.files:
            name = Path(f.path).name
            if f.status == "imported":
                text = (
                    self.tr("%1: %2 rows imported").replace("%1", name).replace("%2", str(f.rows))
                )
                if f.rejected:
                    text += self.tr(", %1 rejected (see below)").replace("%1", str(f.rejected))
            elif f.status == "duplicate":
                text = self.tr("%1: already imported, nothing changed").replace("%1", name)
            else:
                text = self.tr("%1: rejected — %2").replace("%1", name).replace("%2", f.error or "")
            lines.append(text)
            if f.status == "imported":
                lines += [f"  · {group_text(g)}" for g in f.reasons[:3]]
            lines += [f"  ⚠ {warning}" for warning in f.warnings]
            if f.ignored_columns:
                lines.append(
                    "  "
                    + self.tr("Columns not used: %1").replace("%1", ", ".join(f.ignored_columns))
                )
        return "\n".join(lines)


def group_text(group: ReasonGroup) -> str:
    """``1,203 × 'Start Time': date '990201' … (rows 2, 3, 4)`` for the import outcome."""
    from PySide6.QtCore import QCoreApplication

    where = f"'{group.column}': " if group.column else ""
    rows = ", ".join(str(r) for r in group.first_rows)
    return (
        QCoreApplication.translate("ImportsView", "%1 × %2%3 (rows %4)")
        .replace("%1", f"{group.rows:,}")
        .replace("%2", where)
        .replace("%3", group.reason)
        .replace("%4", rows)
    )


def _undo_job(store: Any, cursor: Any, import_id: int) -> Any:
    """Worker thread: ``undo_import`` on the job's own cursor, under the store's writer lock."""
    from workbench.importing.undo import undo_import
    from workbench.workers.imports import worker_store

    try:
        with store.in_use(cursor):
            return undo_import(worker_store(store, cursor), import_id)
    finally:
        cursor.close()
