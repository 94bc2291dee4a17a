"""客户经营 — the campaigns view: reach → conversion per campaign, the amount, and by agent.

Every figure is the KPI engine's: the table by campaign is ``compute(by="campaign")``; the
funnel (touches → reached → converted) is read from the numerators and denominators of
``campaign_reach`` and ``campaign_conversion``; selecting a campaign shows its funnel and its
agents (``compute(by="agent")`` with the campaign filter).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from workbench.domain import Filters, KpiReport
from workbench.kpi.engine import compute, format_value
from workbench.models.kpi_table import KpiGroupTableModel, group_label
from workbench.models.table import RECORD_ROLE
from workbench.store import queries
from workbench.views.charts import BarChart, series_color
from workbench.views.context import AppContext
from workbench.views.dataview import (
    DataView,
    KpiStrip,
    fit_columns,
    funnel_texts,
    leave_room_for_texts,
    make_table,
)
from workbench.workers.runner import LatestRunner

CAMPAIGN_KPIS: tuple[str, ...] = (
    "campaign_touches",
    "campaign_reach",
    "campaign_conversion",
    "campaign_amount",
    "campaign_complaint_rate",
)


@dataclass(frozen=True)
class CampaignsData:
    overall: KpiReport
    by_campaign: KpiReport


@dataclass(frozen=True)
class CampaignDetail:
    campaign: str | None
    overall: KpiReport
    by_agent: KpiReport
    agent_names: dict[str, str]


def campaign_funnel(report: KpiReport) -> list[tuple[str, float]]:
    """(step, count): touches → reached → converted, from the engine's numerators."""
    reach = report.value("campaign_reach")
    conversion = report.value("campaign_conversion")
    touches = report.value("campaign_touches")
    return [
        ("touches", (touches.value if touches else None) or 0.0),
        ("reached", (reach.numerator if reach else None) or 0.0),
        ("converted", (conversion.numerator if conversion else None) or 0.0),
    ]


def _load_detail(con: Any, filters: Filters, campaign: str | None) -> CampaignDetail:
    scoped = replace(filters, campaigns=(campaign,)) if campaign else filters
    overall = compute(con, scoped, kpi_ids=CAMPAIGN_KPIS)
    by_agent = compute(con, scoped, by="agent", kpi_ids=CAMPAIGN_KPIS)
    return CampaignDetail(campaign, overall, by_agent, queries.agent_names(con))


class CampaignsView(DataView):
    """Per campaign reach → conversion and amount; the selected campaign's funnel and agents."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: CampaignsData | None = None
        self.detail: CampaignDetail | None = None
        self.selected: str | None = None
        self.strip = KpiStrip(CAMPAIGN_KPIS, self)

        self.model = KpiGroupTableModel(self.tr("Campaign"), self)
        self.table, self.proxy = make_table(self.model, self)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.funnel = BarChart(self, horizontal=True)
        self.funnel.setMinimumHeight(220)
        self.agent_model = KpiGroupTableModel(self.tr("Agent"), self)
        self.agents, self.agents_proxy = make_table(self.agent_model, self)
        self.agents.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.agents_title = QLabel(self)
        bold = self.agents_title.font()
        bold.setBold(True)
        self.agents_title.setFont(bold)
        campaigns_title = QLabel(self.tr("By campaign (select one to see its funnel and agents)"))
        campaigns_title.setFont(bold)

        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(campaigns_title)
        ll.addWidget(self.table, 1)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(left)
        top.addWidget(self.funnel)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([800, 560])
        top.setChildrenCollapsible(False)

        bottom = QWidget(self)
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.agents_title)
        bl.addWidget(self.agents, 1)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([330, 420])
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.strip)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

        self._detail_runner = LatestRunner(self)
        self._detail_runner.resultReady.connect(self._show_detail)

    # ---- data ----------------------------------------------------------------------------
    def load(self, con: Any, filters: Filters, lang: str) -> CampaignsData:
        overall = compute(con, filters, kpi_ids=CAMPAIGN_KPIS)
        by_campaign = compute(con, filters, by="campaign", kpi_ids=CAMPAIGN_KPIS)
        return CampaignsData(overall, by_campaign)

    def show_data(self, data: CampaignsData) -> None:
        self.data = data
        self.strip.set_report(data.overall, self.lang, self.tr("target"))
        self.model.set_report(data.by_campaign, CAMPAIGN_KPIS, self.lang)
        fit_columns(self.table, 240, 110)
        keys = {g.key for g in data.by_campaign.groups}
        if self.selected not in keys:
            self.selected = None
        self._reselect()
        self.load_detail()
        if not data.by_campaign.groups:
            self.status_label.setText(self.tr("No campaign touches in this period."))
        else:
            self.status_label.setText(
                self.tr("Customer numbers are never shown; amounts are converted sales in yuan.")
            )

    def _reselect(self) -> None:
        if self.selected is None:
            return
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0).data(RECORD_ROLE)
            if group is not None and group.key == self.selected:
                self.table.selectRow(row)
                return

    def select_campaign(self, campaign: str | None) -> None:
        """Show one campaign's funnel and agents (None: all campaigns)."""
        self.selected = campaign
        self.load_detail()

    def load_detail(self) -> None:
        self.submit(self._detail_runner, _load_detail, self.ctx.filters, self.selected)

    def wait(self, timeout_s: float = 20.0) -> bool:
        ok = super().wait(timeout_s)
        return self._detail_runner.wait(timeout_s) and ok

    def _selection_changed(self, *_: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        group = rows[0].data(RECORD_ROLE) if rows else None
        key = group.key if group is not None else None
        if key != self.selected:
            self.select_campaign(key)

    def _show_detail(self, detail: CampaignDetail, _tag: object) -> None:
        self.detail = detail
        lang = self.lang
        steps = campaign_funnel(detail.overall)
        names = {
            "touches": self.tr("Touches"),
            "reached": self.tr("Reached"),
            "converted": self.tr("Converted"),
        }
        self.funnel.set_data(
            [names[s] for s, _ in steps],
            [v for _, v in steps],
            [series_color(0), series_color(2), series_color(1)],
            funnel_texts(
                detail.overall,
                steps,
                {"reached": "campaign_reach", "converted": "campaign_conversion"},
                lang,
            ),
        )
        leave_room_for_texts(self.funnel)
        amount = detail.overall.value("campaign_amount")
        name = self._campaign_name(detail.campaign)
        self.funnel.getPlotItem().setTitle(
            self.tr("%1: converted amount %2")
            .replace("%1", name)
            .replace("%2", format_value("campaign_amount", amount.value if amount else None, lang))
        )
        self.agent_model.set_report(detail.by_agent, CAMPAIGN_KPIS, lang, names=detail.agent_names)
        fit_columns(self.agents, 240, 110)
        self.agents_title.setText(self.tr("By agent — %1").replace("%1", name))

    def _campaign_name(self, key: str | None) -> str:
        if key is None or self.data is None:
            return self.tr("All campaigns")
        group = next((g for g in self.data.by_campaign.groups if g.key == key), None)
        return group_label(group) if group is not None else key
