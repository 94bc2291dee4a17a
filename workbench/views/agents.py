"""坐席 — the agents view: per-agent indicators, a ranking chart and a drill-down per agent.

Every number is the KPI engine's (``compute(by="agent")``), shown with ``format_value`` and
tinted by its status against the target. The table sorts numerically (sort role = raw value)
and filters on any text; double-clicking an agent opens ``AgentDetailDialog`` with their
contacts (customer masked) and their daily trend.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Filters, KpiGroup, KpiReport
from workbench.kpi import catalogue
from workbench.kpi.engine import compute, format_value
from workbench.models.kpi_table import KpiGroupTableModel, group_label
from workbench.models.records import ContactsTableModel
from workbench.models.table import RECORD_ROLE
from workbench.store import queries
from workbench.views.charts import (
    BarChart,
    TargetOverlay,
    date_to_x,
    make_time_plot,
    series_color,
    status_color,
)
from workbench.views.context import AppContext
from workbench.views.dataview import DataView, fit_columns, make_table
from workbench.views.i18n import current_lang
from workbench.workers.runner import LatestRunner

#: the indicators a supervisor judges an agent by, in table order
AGENT_KPIS: tuple[str, ...] = (
    "offered",
    "answered",
    "aht",
    "acw",
    "fcr",
    "csat",
    "complaint_rate",
    "qa_score",
    "occupancy",
    "utilisation",
)


#: what the drill-down's headline says about the agent over the period
HEADLINE_KPIS: tuple[str, ...] = ("answered", "aht", "fcr", "csat", "qa_score")


def ranking_scale(kpi_id: str) -> float:
    """Bars of ratios are drawn in percent."""
    return 100.0 if catalogue.get(kpi_id).unit == "ratio" else 1.0


def rank_groups(
    groups: tuple[KpiGroup, ...] | list[KpiGroup], kpi_id: str, n: int, best: bool
) -> list[KpiGroup]:
    """The ``n`` best (or worst) groups on ``kpi_id``; groups without a value are left out.

    "Best" follows the indicator's direction: the lowest first for lower-is-better ones.
    """
    direction = catalogue.get(kpi_id).direction
    valued = [g for g in groups if (v := g.value(kpi_id)) is not None and v.value is not None]
    descending = direction != "lower"
    valued.sort(key=lambda g: g.value(kpi_id).value, reverse=descending)  # type: ignore[union-attr]
    return valued[:n] if best else list(reversed(valued))[:n]


class AgentsView(DataView):
    """Sortable, filterable table of per-agent indicators with a ranking chart."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: KpiReport | None = None
        self.model = KpiGroupTableModel(self.tr("Agent"), self)
        self.table, self.proxy = make_table(self.model, self)
        self.table.doubleClicked.connect(self._open_detail)
        self.table.setToolTip(self.tr("Double-click an agent to see their contacts and trend"))

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Filter agents by name or ID…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        self.indicator = QComboBox(self)
        self.indicator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.which = QComboBox(self)
        self.which.addItem(self.tr("Best"), True)
        self.which.addItem(self.tr("Worst"), False)
        self.count = QSpinBox(self)
        self.count.setRange(3, 50)
        self.count.setValue(10)
        for signal in (
            self.indicator.currentIndexChanged,
            self.which.currentIndexChanged,
            self.count.valueChanged,
        ):
            signal.connect(self._draw_ranking)

        self.chart = BarChart(self, horizontal=True)
        self.chart.setMinimumWidth(300)

        tools = QHBoxLayout()
        tools.addWidget(self.search, 2)
        tools.addSpacing(16)
        tools.addWidget(QLabel(self.tr("Ranking:"), self))
        tools.addWidget(self.which)
        tools.addWidget(self.count)
        tools.addWidget(self.indicator)
        tools.addStretch(1)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setSizes([1000, 340])
        split.setChildrenCollapsible(False)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        hint = QLabel(
            self.tr(
                "Cells are coloured against the target: green met, amber at risk, red missed. "
                "Double-click an agent for their contacts and daily trend."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("viewHint")

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(hint)
        self._fill_indicator_choices()
        ctx.navigateRequested.connect(self._on_navigate)

    def _fill_indicator_choices(self) -> None:
        self.indicator.blockSignals(True)
        current = self.indicator.currentData() or "aht"
        self.indicator.clear()
        for kpi_id in AGENT_KPIS:
            self.indicator.addItem(catalogue.get(kpi_id).name(self.lang), kpi_id)
        self.indicator.setCurrentIndex(max(0, self.indicator.findData(current)))
        self.indicator.blockSignals(False)

    # ---- data ----------------------------------------------------------------------------
    def load(self, con: Any, filters: Filters, lang: str) -> KpiReport:
        return compute(con, filters, by="agent", kpi_ids=AGENT_KPIS)

    def show_data(self, report: KpiReport) -> None:
        self.report = report
        self.model.set_report(report, AGENT_KPIS, self.lang)
        fit_columns(self.table, 200, 78)
        n = self.model.rowCount()
        period = _period_text(report)
        self.status_label.setText(
            self.tr("%n agent(s)", "", n)
            + (f" · {period}" if period else "")
            + " · "
            + self.tr("targets version %1").replace("%1", str(report.targets_version))
        )
        self._draw_ranking()

    def _draw_ranking(self, *_: object) -> None:
        kpi_id = self.indicator.currentData()
        if not kpi_id:
            return
        kpi = catalogue.get(kpi_id)
        groups = list(self.report.groups) if self.report else []
        best = bool(self.which.currentData())
        chosen = rank_groups(groups, kpi_id, self.count.value(), best)
        scale = ranking_scale(kpi_id)
        labels = [g.label or g.key for g in chosen]
        values = [g.value(kpi_id).value * scale for g in chosen]  # type: ignore[union-attr]
        statuses = [g.value(kpi_id).status for g in chosen]  # type: ignore[union-attr]
        texts = [format_value(kpi, g.value(kpi_id).value, self.lang) for g in chosen]  # type: ignore[union-attr]
        overall = self.report.value(kpi_id) if self.report else None
        title = (self.tr("Best %1 by %2") if best else self.tr("Worst %1 by %2")).replace(
            "%1", str(len(chosen))
        )
        self.chart.set_data(labels, values, [status_color(s) for s in statuses], texts)
        self.chart.getPlotItem().setTitle(title.replace("%2", kpi.name(self.lang)))
        self.chart.getPlotItem().setLabel("bottom", _unit_text(kpi.unit))
        target = overall.target if overall is not None else None
        self.chart.target.set_target(
            target, scale=scale, label=self.tr("target") if target is not None else ""
        )

    def show_payload(self, kpi_id: object) -> None:
        """Arrived from a dashboard tile: rank and sort the agents by that indicator."""
        if not isinstance(kpi_id, str) or kpi_id not in AGENT_KPIS:
            return
        self.indicator.setCurrentIndex(max(0, self.indicator.findData(kpi_id)))
        column = 1 + AGENT_KPIS.index(kpi_id)
        higher_is_better = catalogue.get(kpi_id).direction != "lower"
        order = Qt.SortOrder.DescendingOrder if higher_is_better else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(column, order)

    def _on_navigate(self, view_id: str, payload: object) -> None:
        if view_id == "agents":
            self.show_payload(payload)

    # ---- drill-down ----------------------------------------------------------------------
    def _open_detail(self, index: QModelIndex) -> None:
        group = index.data(RECORD_ROLE)
        if isinstance(group, KpiGroup):
            self.open_agent(group)

    def open_agent(self, group: KpiGroup) -> AgentDetailDialog:
        """Open the drill-down of one agent (returned for tests)."""
        dialog = AgentDetailDialog(
            self.ctx, group.key, group_label(group), self.indicator.currentData(), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


def _unit_text(unit: str) -> str:
    """The axis label for an indicator's unit. One translation context for both views that
    use it (with ``owner.tr`` lupdate filed the texts under "owner": they showed in English)."""
    translate = QCoreApplication.translate
    return {
        "ratio": "%",
        "s": translate("AgentUnits", "seconds"),
        "count": translate("AgentUnits", "contacts"),
        "points": translate("AgentUnits", "points"),
        "score": translate("AgentUnits", "score"),
        "yuan": translate("AgentUnits", "yuan"),
    }.get(unit, "")


def _period_text(report: KpiReport) -> str:
    if report.start and report.end:
        return f"{report.start.isoformat()} – {report.end.isoformat()}"
    return ""


class AgentDetailDialog(QDialog):
    """One agent's contacts (customer masked) and daily trend of an indicator."""

    def __init__(
        self,
        ctx: AppContext,
        agent_id: str,
        label: str,
        kpi_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agent_id = agent_id
        self.setWindowTitle(self.tr("Agent %1").replace("%1", label))
        self.resize(1100, 720)
        self.daily: KpiReport | None = None
        self.total_contacts = 0

        self.indicator = QComboBox(self)
        for k in AGENT_KPIS:
            self.indicator.addItem(catalogue.get(k).name(_lang()), k)
        self.indicator.setCurrentIndex(max(0, self.indicator.findData(kpi_id or "aht")))
        self.indicator.currentIndexChanged.connect(self._draw_trend)

        self.trend = make_time_plot(self)
        self.trend.setMinimumHeight(220)
        color = series_color(0)
        self._curve = self.trend.plot(
            [], [], pen=pg.mkPen(color, width=2), symbol="o", symbolSize=6, symbolBrush=color
        )
        self._target = TargetOverlay(self.trend)

        self.contacts_model = ContactsTableModel(self)
        self.contacts, self.contacts_proxy = make_table(self.contacts_model, self)
        self.contacts.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        bold = self.headline.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.headline.setFont(bold)
        self.label = label
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Daily trend of"), self))
        top.addWidget(self.indicator)
        top.addStretch(1)

        split = QSplitter(Qt.Orientation.Vertical, self)
        trend_box = QWidget(self)
        trend_layout = QVBoxLayout(trend_box)
        trend_layout.setContentsMargins(0, 0, 0, 0)
        trend_layout.addLayout(top)
        trend_layout.addWidget(self.trend)
        split.addWidget(trend_box)
        split.addWidget(self.contacts)
        split.setStretchFactor(1, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

        self._runner = LatestRunner(self)
        self._runner.resultReady.connect(self._show)
        self.refresh()

    def refresh(self) -> None:
        filters = replace(self.ctx.filters, agents=(self.agent_id,))
        self._runner.submit_query(self.ctx.store, _load_agent, filters, self.agent_id)

    def wait(self, timeout_s: float = 20.0) -> bool:
        return self._runner.wait(timeout_s)

    def _show(self, data: tuple[list[dict], int, KpiReport], _tag: object) -> None:
        rows, total, daily = data
        self.daily = daily
        self.total_contacts = total
        self.contacts_model.set_rows(rows)
        fit_columns(self.contacts, 200)
        text = self.tr("%Ln contact(s) in the period", "", total)
        if total > len(rows):
            text += " " + self.tr("(newest %1 shown)").replace("%1", str(len(rows)))
        self.summary.setText(text + " · " + self.tr("customer numbers are masked"))
        lang = _lang()
        parts = []
        for kpi_id in HEADLINE_KPIS:
            value = daily.value(kpi_id)
            if value is not None and value.value is not None:
                kpi = catalogue.get(kpi_id)
                parts.append(f"{kpi.name(lang)} {format_value(kpi, value.value, lang)}")
        self.headline.setText(" · ".join([self.label, *parts]))
        self._draw_trend()

    def _draw_trend(self, *_: object) -> None:
        kpi_id = self.indicator.currentData()
        if self.daily is None or not kpi_id:
            return
        scale = ranking_scale(kpi_id)
        xs, ys = [], []
        for g in self.daily.groups:
            v = g.value(kpi_id)
            if v is None or v.value is None:
                continue
            xs.append(date_to_x(g.key))
            ys.append(v.value * scale)
        self._curve.setData(xs, ys)
        overall = self.daily.value(kpi_id)
        target = overall.target if overall is not None else None
        self._target.set_target(target, scale=scale, label=self.tr("target") if target else "")
        kpi = catalogue.get(kpi_id)
        self.trend.getPlotItem().setTitle(kpi.name(_lang()))
        self.trend.getPlotItem().setLabel("left", _unit_text(kpi.unit))


def _lang() -> str:
    return current_lang()


def _load_agent(con: Any, filters: Filters, agent_id: str) -> tuple[list[dict], int, KpiReport]:
    """Worker thread: the agent's contacts and their daily indicators."""
    rows, total = queries.contacts(con, filters, agent_id=agent_id)
    daily = compute(con, filters, by="day", kpi_ids=AGENT_KPIS)
    return rows, total, daily
