"""What the agents, bots, campaigns, abandoned, imports and targets views share.

``DataView``: a view that loads its data off the GUI thread through a ``LatestRunner`` (the
newest request wins), reloads when the filters or the store change (lazily when hidden), and
shows a one-line status. ``make_table`` builds a sortable table view over a model through a
``SortFilterProxy`` (numbers sort as numbers).
"""

from __future__ import annotations

import logging
from typing import Any

import duckdb
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Filters
from workbench.models.table import SortFilterProxy
from workbench.views.context import AppContext
from workbench.views.i18n import current_lang
from workbench.views.lazy import RefreshWhenVisible
from workbench.workers.runner import LatestRunner

log = logging.getLogger(__name__)


class DataView(RefreshWhenVisible, QWidget):
    """A view whose content is computed off the GUI thread from the store and the filters."""

    #: False for views that show the whole store whatever the period (imports, targets)
    follows_filters = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = True
        self._runner = LatestRunner(self)
        self._runner.resultReady.connect(self._on_result)
        self._runner.failed.connect(self._on_failed)
        if self.follows_filters:
            ctx.filtersChanged.connect(self._on_context_changed)
        ctx.dataChanged.connect(self._on_context_changed)
        self.status_label = QLabel()
        self.status_label.setObjectName("viewStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    # ---- to override -------------------------------------------------------------------
    def load(self, con: Any, filters: Filters, lang: str) -> Any:
        """Runs in a worker thread on its own cursor: query, never touch a widget."""
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        """Runs on the GUI thread with what ``load`` returned."""
        raise NotImplementedError

    # ---- refreshing --------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return current_lang()

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def refresh(self) -> None:
        """Reload from the store with the current filters (off the GUI thread)."""
        self._dirty = False
        self.submit(self._runner, self.load, self.ctx.filters, self.lang)

    def submit(self, runner: LatestRunner, func: Any, *args: Any) -> bool:
        """Run ``func(cursor, *args)`` on ``runner``; False when the store is already closed
        (a view outliving its window's store must not raise from a late signal)."""
        try:
            runner.submit_query(self.ctx.store, func, *args)
        except duckdb.Error as exc:
            log.info("view not refreshed: %s", exc)
            return False
        return True

    def wait(self, timeout_s: float = 20.0) -> bool:
        """Process events until the view's loading is done (tests, screenshots)."""
        return self._runner.wait(timeout_s)

    def _on_result(self, data: Any, _tag: object) -> None:
        self.show_data(data)

    def _on_failed(self, exc: BaseException, _tag: object) -> None:
        self.status_label.setText(self.tr("Could not load: %1").replace("%1", _one_line(exc)))


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def make_table(model, parent: QWidget | None = None) -> tuple[QTableView, SortFilterProxy]:
    """A sortable, read-only table view over ``model`` (through a sort/filter proxy)."""
    proxy = SortFilterProxy(model, parent)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    # sizing columns to their content looks at a sample of rows, not all 5,000
    header.setResizeContentsPrecision(100)
    # long indicator names wrap onto two lines instead of widening every column
    header.setDefaultAlignment(
        Qt.Alignment(int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap))
    )
    header.setMinimumHeight(view.fontMetrics().height() * 2 + 10)
    view.setWordWrap(False)
    return view, proxy


#: Rows besides the visible ones whose cells size the columns (Qt's default is 1,000: every
#: row of a 500-agent table, 12,000 cells measured through the Python model on a first visit)
FIT_ROWS = 100


def fit_columns(view: QTableView, max_width: int = 260, numeric_width: int = 120) -> None:
    """Size columns to their content (the visible rows and ``FIT_ROWS`` more); text columns
    at most ``max_width`` pixels wide and number columns at most ``numeric_width`` (their
    headers wrap onto two lines)."""
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    model = view.model()
    metrics = view.fontMetrics()
    if model is not None and model.columnCount() and model.rowCount():
        # a number stretched across the rest of the table reads badly: stretch text only
        last = model.index(0, model.columnCount() - 1).data(Qt.ItemDataRole.TextAlignmentRole)
        header.setStretchLastSection(
            last is None or not bool(int(last) & int(Qt.AlignmentFlag.AlignRight))
        )
    for i in range(header.count()):
        numeric = False
        if model is not None and model.rowCount() > 0:
            align = model.index(0, i).data(Qt.ItemDataRole.TextAlignmentRole)
            numeric = align is not None and bool(int(align) & int(Qt.AlignmentFlag.AlignRight))
        limit = numeric_width if numeric else max_width
        if numeric and model is not None:
            # wide enough for the longest word of the header and the widest value
            # (Chinese headers break between any two characters, so only Latin words count)
            title = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
            words = [w for w in title.split() if w.isascii()]
            longest = max((metrics.horizontalAdvance(w) for w in words), default=0) + 24
            # … and the title fits on two lines (the header is two lines high)
            half = metrics.horizontalAdvance(title) // 2 + 30
            limit = max(limit, longest, half)
        if header.sectionSize(i) > limit:
            header.resizeSection(i, limit)


def target_text(kpi_id: str, target: Any, lang: str) -> str:
    """A target as people read it: ``≥ 94.0%``, ``≤ 0:15``, ``75.0%–90.0%`` ('' for none)."""
    from workbench.kpi.engine import format_value

    if target is None:
        return ""
    return target.text(lambda value: format_value(kpi_id, value, lang))


class KpiStrip(QWidget):
    """A row of small cards: an indicator's name, value and target, edged in its status colour."""

    def __init__(self, kpi_ids: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kpi_ids = kpi_ids
        self.cards: dict[str, tuple[QFrame, QLabel, QLabel, QLabel]] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for kpi_id in kpi_ids:
            card = QFrame(self)
            card.setFrameShape(QFrame.Shape.StyledPanel)
            name = QLabel(card)
            name.setWordWrap(True)
            value = QLabel("—", card)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            value.setFont(font)
            goal = QLabel(card)
            goal.setWordWrap(True)
            box = QVBoxLayout(card)
            box.setContentsMargins(10, 6, 10, 6)
            box.setSpacing(2)
            box.addWidget(name)
            box.addWidget(value)
            box.addWidget(goal)
            layout.addWidget(card, 1)
            self.cards[kpi_id] = (card, name, value, goal)

    def set_report(self, report: Any, lang: str, target_word: str = "target") -> None:
        """Show each indicator's overall value from ``report`` (a ``KpiReport``)."""
        from workbench.kpi import catalogue
        from workbench.kpi.engine import format_value
        from workbench.views.charts import status_color

        for kpi_id, (card, name, value, goal) in self.cards.items():
            v = report.value(kpi_id) if report is not None else None
            name.setText(catalogue.get(kpi_id).name(lang))
            value.setText(format_value(kpi_id, v.value if v else None, lang))
            text = target_text(kpi_id, v.target, lang) if v else ""
            goal.setText(f"{target_word} {text}" if text else " ")
            color = status_color(v.status if v else None).name()
            card.setStyleSheet(
                f"QFrame {{ border: 1px solid palette(mid); border-left: 6px solid {color}; "
                "border-radius: 3px; } QLabel { border: none; }"
            )

    def value_text(self, kpi_id: str) -> str:
        return self.cards[kpi_id][2].text()


def funnel_texts(
    report: Any, steps: list[tuple[str, float]], rates: dict[str, str], lang: str
) -> list[str]:
    """Each step's count, with the engine's rate for the steps that have one: '1,964 (65.5%)'."""
    from workbench.kpi.engine import format_value

    texts = []
    for step, count in steps:
        text = format_value("offered", count, lang)  # a plain count
        kpi_id = rates.get(step)
        value = report.value(kpi_id) if kpi_id else None
        if value is not None and value.value is not None:
            text += f" ({format_value(kpi_id, value.value, lang)})"
        texts.append(text)
    return texts


def leave_room_for_texts(chart: Any, factor: float = 1.35) -> None:
    """Widen a horizontal ``BarChart``'s value axis so the texts after the bars fit."""
    values = [v for v in getattr(chart, "values", []) if v is not None]
    top = max(values, default=0.0)
    if top > 0:
        chart.getPlotItem().setXRange(0, top * factor, padding=0)
