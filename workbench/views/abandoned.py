"""放弃明细 — the abandoned contacts of the period: when, which queue, how long they waited.

A sortable list (time, queue, channel, wait, masked customer) from plain SQL over
``contacts`` (answered = false), a histogram of abandons by hour of day, and the period's
abandon rate as the KPI engine computes it (no formula here).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from workbench.domain import Filters, KpiReport
from workbench.kpi import catalogue
from workbench.kpi.engine import compute, format_value
from workbench.models.records import AbandonedTableModel
from workbench.store import queries
from workbench.views.charts import BarChart, status_color
from workbench.views.context import AppContext
from workbench.views.dataview import DataView, fit_columns, make_table, target_text

SUMMARY_KPIS: tuple[str, ...] = ("offered", "abandon_rate", "answer_rate")


@dataclass(frozen=True)
class AbandonedData:
    rows: list[dict]
    total: int
    per_hour: list[int]
    report: KpiReport


class AbandonedView(DataView):
    """The list of abandoned contacts with a by-hour-of-day histogram."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: AbandonedData | None = None
        self.model = AbandonedTableModel(self)
        self.table, self.proxy = make_table(self.model, self)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Filter by queue, channel or customer…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        self.summary = QLabel(self)
        self.summary.setObjectName("viewHeadline")
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary.setFont(font)
        self.summary.setWordWrap(True)

        self.histogram = BarChart(self, horizontal=False)
        self.histogram.setMinimumHeight(220)
        plot = self.histogram.getPlotItem()
        plot.setLabel("bottom", self.tr("hour of day"))
        plot.setLabel("left", self.tr("abandoned contacts"))

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.search)
        self.search.setMinimumWidth(320)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.histogram)
        split.addWidget(self.table)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

    def load(self, con: Any, filters: Filters, lang: str) -> AbandonedData:
        rows, total, per_hour = queries.abandoned(con, filters)
        report = compute(con, filters, kpi_ids=SUMMARY_KPIS)
        return AbandonedData(rows, total, per_hour, report)

    def show_data(self, data: AbandonedData) -> None:
        self.data = data
        self.model.set_rows(data.rows)
        fit_columns(self.table, 260, 160)
        rate = data.report.value("abandon_rate")
        offered = data.report.value("offered")
        lang = self.lang
        parts = [
            self.tr("%Ln abandoned contact(s)", "", data.total),
        ]
        if offered is not None and offered.value:
            parts.append(
                self.tr("of %1 offered").replace("%1", format_value("offered", offered.value, lang))
            )
        text = " ".join(parts)
        if rate is not None and rate.value is not None:
            name = catalogue.get("abandon_rate").name(lang)
            goal = target_text("abandon_rate", rate.target, lang)
            word = self.tr("target")  # outside the f-string, where lupdate finds it
            target = f" ({word} {goal})" if goal else ""
            text += f" · {name} {format_value('abandon_rate', rate.value, lang)}{target}"
        self.summary.setText(text)
        color = status_color(rate.status if rate is not None else None).name()
        self.summary.setStyleSheet(f"border-left: 6px solid {color}; padding-left: 8px;")
        hours = [f"{h}" for h in range(24)]
        self.histogram.set_data(hours, data.per_hour, texts=None)
        peak = max(range(24), key=lambda h: data.per_hour[h]) if data.total else None
        self.histogram.getPlotItem().setTitle(
            self.tr("Abandons by hour of day — peak %1:00–%2:00")
            .replace("%1", f"{peak:02d}")
            .replace("%2", f"{(peak + 1) % 24:02d}")
            if peak is not None
            else self.tr("Abandons by hour of day")
        )
        status = ""
        if data.total > len(data.rows):
            status = self.tr("Showing the newest %1 of %2; narrow the period to see all.")
            status = status.replace("%1", str(len(data.rows))).replace("%2", str(data.total))
        if not data.total and offered is not None and offered.value:
            status = self.tr(
                "No call detail for this period: the abandon rate above comes from interval "
                "summaries, which do not list individual contacts."
            )
        self.status_label.setText(
            status or self.tr("Customer numbers are masked. Click a column title to sort.")
        )
