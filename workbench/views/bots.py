"""智能服务 — the intelligent-service view: the bot funnel, bot share and trends by channel.

The funnel (questions → recognised; sessions → resolved / transferred) is read from the
numerators and denominators the KPI engine returns with each indicator, so the bars and the
rates always agree; the share of bot sessions against human volume is the engine's
``bot_share``; the daily trend per channel and the table by channel are ``compute(by=…)``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from workbench.domain import Filters, KpiReport
from workbench.kpi import catalogue
from workbench.kpi.engine import compute, format_value
from workbench.models.kpi_table import KpiGroupTableModel
from workbench.views.charts import (
    BarChart,
    HoverReadout,
    TargetOverlay,
    date_to_x,
    make_time_plot,
    series_color,
)
from workbench.views.context import AppContext
from workbench.views.dataview import (
    DataView,
    KpiStrip,
    fit_columns,
    funnel_texts,
    leave_room_for_texts,
    make_table,
)

BOT_KPIS: tuple[str, ...] = (
    "bot_sessions",
    "bot_share",
    "bot_recognition",
    "bot_resolution",
    "bot_transfer",
    "bot_csat",
)
STRIP_KPIS: tuple[str, ...] = ("bot_share", "bot_recognition", "bot_resolution", "bot_transfer",
                               "bot_csat")  # fmt: skip
TREND_KPIS: tuple[str, ...] = ("bot_sessions", "bot_resolution", "bot_transfer", "bot_recognition")
MAX_CHANNEL_LINES = 6


@dataclass(frozen=True)
class BotsData:
    overall: KpiReport
    by_channel: KpiReport
    #: channel → its daily report (the busiest channels only)
    daily: dict[str, KpiReport]
    answered: float | None


def funnel(report: KpiReport) -> list[tuple[str, float]]:
    """(step id, count) of the funnel, from the engine's numerators and denominators."""
    recognition = report.value("bot_recognition")
    resolution = report.value("bot_resolution")
    transfer = report.value("bot_transfer")
    sessions = report.value("bot_sessions")
    return [
        ("questions", (recognition.denominator if recognition else None) or 0.0),
        ("recognized", (recognition.numerator if recognition else None) or 0.0),
        ("sessions", (sessions.value if sessions else None) or 0.0),
        ("resolved", (resolution.numerator if resolution else None) or 0.0),
        ("transferred", (transfer.numerator if transfer else None) or 0.0),
    ]


class BotsView(DataView):
    """Bot funnel, bot share against human volume, and trends by channel."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: BotsData | None = None
        self.strip = KpiStrip(STRIP_KPIS, self)

        self.funnel = BarChart(self, horizontal=True)
        self.funnel.setMinimumHeight(240)
        self.share = QLabel(self)
        self.share.setWordWrap(True)

        self.trend_kpi = QComboBox(self)
        for k in TREND_KPIS:
            self.trend_kpi.addItem(catalogue.get(k).name(self.lang), k)
        self.trend_kpi.currentIndexChanged.connect(self._draw_trend)
        self.trend = make_time_plot(self)
        self.trend.addLegend(offset=(10, 10))
        self._trend_target = TargetOverlay(self.trend)
        self._curves: list[pg.PlotDataItem] = []
        self._legend_names: list[str] = []
        self._hover = HoverReadout(self.trend, self._hover_text)

        self.model = KpiGroupTableModel(self.tr("Channel"), self)
        self.table, self.proxy = make_table(self.model, self)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        funnel_box = QWidget(self)
        fl = QVBoxLayout(funnel_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.funnel, 1)
        fl.addWidget(self.share)

        trend_box = QWidget(self)
        tl = QVBoxLayout(trend_box)
        tl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Daily, by channel:"), trend_box))
        row.addWidget(self.trend_kpi)
        row.addStretch(1)
        tl.addLayout(row)
        tl.addWidget(self.trend, 1)

        charts = QSplitter(Qt.Orientation.Horizontal, self)
        charts.addWidget(funnel_box)
        charts.addWidget(trend_box)
        charts.setStretchFactor(0, 1)
        charts.setStretchFactor(1, 1)
        charts.setSizes([640, 760])
        charts.setChildrenCollapsible(False)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(charts)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([560, 200])
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.strip)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

    # ---- data ----------------------------------------------------------------------------
    def load(self, con: Any, filters: Filters, lang: str) -> BotsData:
        overall = compute(con, filters, kpi_ids=(*BOT_KPIS, "answered"))
        by_channel = compute(con, filters, by="channel", kpi_ids=BOT_KPIS)

        def sessions_of(group: Any) -> float:
            v = group.value("bot_sessions")
            return (v.value or 0.0) if v is not None else 0.0

        channels = [g for g in by_channel.groups if g.key and sessions_of(g) > 0]
        busiest = sorted(channels, key=lambda g: -sessions_of(g))[:MAX_CHANNEL_LINES]
        daily = {
            g.key: compute(con, replace(filters, channels=(g.key,)), by="day", kpi_ids=TREND_KPIS)
            for g in busiest
        }
        answered = overall.value("answered")
        return BotsData(overall, by_channel, daily, answered.value if answered else None)

    def show_data(self, data: BotsData) -> None:
        self.data = data
        lang = self.lang
        self.strip.set_report(data.overall, lang, self.tr("target"))
        steps = funnel(data.overall)
        names = {
            "questions": self.tr("Questions asked"),
            "recognized": self.tr("Recognised"),
            "sessions": self.tr("Sessions"),
            "resolved": self.tr("Resolved by the bot"),
            "transferred": self.tr("Transferred to an agent"),
        }
        colors = [series_color(0), series_color(0), series_color(2), series_color(2),
                  series_color(1)]  # fmt: skip
        self.funnel.set_data(
            [names[s] for s, _ in steps],
            [v for _, v in steps],
            colors,
            funnel_texts(
                data.overall,
                steps,
                {
                    "recognized": "bot_recognition",
                    "resolved": "bot_resolution",
                    "transferred": "bot_transfer",
                },
                lang,
            ),
        )
        leave_room_for_texts(self.funnel)
        self.funnel.getPlotItem().setTitle(self.tr("From question to resolution"))
        sessions = data.overall.value("bot_sessions")
        share = data.overall.value("bot_share")
        self.share.setText(
            self.tr("%1 bot sessions against %2 contacts answered by agents: bot share %3.")
            .replace("%1", format_value("bot_sessions", sessions.value if sessions else None, lang))
            .replace("%2", format_value("answered", data.answered, lang))
            .replace("%3", format_value("bot_share", share.value if share else None, lang))
        )
        self.model.set_report(data.by_channel, BOT_KPIS, lang)
        fit_columns(self.table, 220, 110)
        self._draw_trend()
        if not data.daily:
            self.status_label.setText(self.tr("No bot sessions in this period."))
        else:
            self.status_label.setText("")

    def _draw_trend(self, *_: object) -> None:
        kpi_id = self.trend_kpi.currentData()
        if self.data is None or not kpi_id:
            return
        plot = self.trend.getPlotItem()
        scale = 100.0 if catalogue.get(kpi_id).unit == "ratio" else 1.0
        channels = list(self.data.daily.items())
        # curves are made once and reused (removing Qt items leaves garbage that Python may
        # collect on a worker thread); unused ones are emptied and hidden
        while len(self._curves) < len(channels):
            color = series_color(len(self._curves))
            self._curves.append(
                plot.plot([], [], pen=pg.mkPen(color, width=2), symbol="o", symbolSize=5,
                          symbolBrush=color)
            )  # fmt: skip
        legend = plot.legend
        names = [c for c, _ in channels]
        relabel = legend is not None and names != self._legend_names
        if relabel:
            legend.clear()
            self._legend_names = names
        for i, curve in enumerate(self._curves):
            if i >= len(channels):
                curve.setData([], [])
                curve.setVisible(False)
                continue
            channel, report = channels[i]
            xs, ys = [], []
            for g in report.groups:
                v = g.value(kpi_id)
                if v is not None and v.value is not None:
                    xs.append(date_to_x(g.key))
                    ys.append(v.value * scale)
            curve.setData(xs, ys)
            curve.opts["name"] = channel
            curve.setVisible(True)
            if relabel:
                legend.addItem(curve, channel)
        overall = self.data.overall.value(kpi_id)
        target = overall.target if overall is not None else None
        self._trend_target.set_target(
            target, scale=scale, label=self.tr("target") if target else ""
        )
        plot.setTitle(catalogue.get(kpi_id).name(self.lang))
        plot.setLabel("left", "%" if scale == 100 else "")

    def _hover_text(self, _name: str, y: float) -> str:
        kpi_id = self.trend_kpi.currentData() or "bot_sessions"
        scale = 100.0 if catalogue.get(kpi_id).unit == "ratio" else 1.0
        return format_value(kpi_id, y / scale, self.lang)
