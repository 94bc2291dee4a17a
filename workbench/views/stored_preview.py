"""The mapping dialog's lower half: the first rows *as they will be stored*, and the figures.

``StoredPreviewPanel.request(path, kind=…, mapping=…, options=…)`` runs
``workbench.importing.preview.stored_preview`` (the real import job, into a scratch in-memory
store) off the GUI thread; requests made quickly one after another are merged (a short timer)
and a newer one supersedes an older one still running. The panel then shows the stored values
(seconds, dates, yes/no as the store holds them) and the kind's headline figures, or why the
file would be refused.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.views.i18n import current_lang
from workbench.workers.runner import LatestRunner

DELAY_MS = 250  # merge the quick changes of a user clicking through the combos


class StoredPreviewPanel(QWidget):
    """First stored rows and headline figures of a file under a mapping (scratch import)."""

    #: emitted after each shown result (tests, screenshots)
    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = current_lang()
        self.result: Any = None
        self._pending: tuple[str, dict[str, Any]] | None = None
        self.runner = LatestRunner(self)
        self.runner.resultReady.connect(lambda result, _tag: self.show_result(result))
        self.runner.failed.connect(lambda exc, _tag: self.show_failure(exc))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._run)

        self.title = QLabel(self.tr("As it will be stored (first rows):"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        self.figures.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(0, 0, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.figures)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    # ---- requests ------------------------------------------------------------------------
    def request(self, path: str, **kwargs: Any) -> None:
        """Preview ``path`` imported with ``kwargs`` (``stored_preview``'s) after a short delay."""
        self._pending = (path, kwargs)
        self.status.setText(self.tr("Reading the file as it would be imported…"))
        self._timer.start()

    def clear(self, reason: str) -> None:
        """No preview (e.g. a required field has no column yet): say why."""
        self._pending = None
        self._timer.stop()
        self.runner.cancel()
        self.result = None
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.figures.setText("")
        self.status.setText(reason)

    def settle(self, timeout_s: float = 30.0) -> bool:
        """Run a waiting request now and wait for its answer (tests, screenshots)."""
        if self._timer.isActive():
            self._timer.stop()
            self._run()
        return self.runner.wait(timeout_s)

    def _run(self) -> None:
        if self._pending is None:
            return
        from workbench.importing.preview import stored_preview

        path, kwargs = self._pending
        self._pending = None
        self.runner.submit(stored_preview, path, **kwargs)

    # ---- results -------------------------------------------------------------------------
    def show_result(self, result: Any) -> None:
        """Fill the table and the figures from a ``StoredPreview``."""
        self.result = result
        if result.status != "imported":
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.figures.setText("")
            self.status.setText(
                self.tr("This file would be refused: %1").replace("%1", result.error or "")
            )
            self.status.setStyleSheet("color: #c0392b;")
            self.shown.emit()
            return
        self._fill_table(result)
        self.figures.setText(self.figures_text(result))
        text = self.tr("%1 rows would be stored, %2 rejected; nothing is written until Import.")
        self.status.setText(
            text.replace("%1", f"{result.stored:,}").replace("%2", str(result.rejected))
        )
        self.status.setStyleSheet("")
        self.shown.emit()

    def show_failure(self, exc: object) -> None:
        self.result = None
        first = str(exc).strip().splitlines()
        self.status.setText(
            self.tr("The preview failed: %1").replace("%1", first[0] if first else "")
        )
        self.shown.emit()

    def _fill_table(self, result: Any) -> None:
        from workbench.readers import KIND_FIELDS
        from workbench.views.mapping_dialog import field_label

        specs = {spec.name: spec for spec in KIND_FIELDS.get(result.kind, [])}
        self.table.setColumnCount(len(result.columns))
        self.table.setRowCount(len(result.rows))
        self.table.setHorizontalHeaderLabels(
            [
                field_label(specs[c], self.lang).replace(" *", "") if c in specs else c
                for c in result.columns
            ]
        )
        for r, row in enumerate(result.rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(self.cell_text(value)))
        self.table.resizeColumnsToContents()

    def cell_text(self, value: Any) -> str:
        """A stored value as the table shows it: seconds as a number, dates ISO, yes/no."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, datetime):
            if (value.hour, value.minute, value.second) == (0, 0, 0):
                return value.strftime("%Y-%m-%d")
            return value.strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float):
            return f"{value:.0f}" if value.is_integer() else f"{value:.2f}"
        return str(value)

    def figures_text(self, result: Any) -> str:
        """``人工请求量 4 · 人工接通量 3 · 放弃 1 · 平均应答速度 0:20``."""
        from workbench.kpi import catalogue
        from workbench.kpi.engine import format_value

        parts = []
        abandoned = self.tr("Abandoned")
        for figure in result.figures:
            if figure.key == "abandoned":
                value = "—" if figure.value is None else f"{figure.value:,.0f}"
                parts.append(f"{abandoned} {value}")
                continue
            kpi = catalogue.get(figure.key)
            parts.append(f"{kpi.name(self.lang)} {format_value(kpi, figure.value, self.lang)}")
        return " · ".join(parts)
