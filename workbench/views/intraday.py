"""日内 — the period per interval: a day × time-of-day heat map, one day's intervals, contacts.

Figures come from ``planning.intraday`` (the KPI catalogue's terms grouped by interval). The
heat map shows one indicator (service level by default) for every day and interval of the
period; clicking a cell shows that day's intervals in the chart and lists the contacts of the
clicked interval (no personal data). Holidays and make-up working days are marked on the
day labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Filters
from workbench.kpi import catalogue
from workbench.kpi.engine import format_value
from workbench.planning.calendar import day_kind
from workbench.planning.intraday import (
    INTERVAL_KPIS,
    DayMatrix,
    IntervalTable,
    contacts_in,
    day_matrix,
    interval_table,
)
from workbench.views.charts import BarChart, TargetOverlay, _background, _foreground
from workbench.views.context import AppContext
from workbench.views.dataview import DataView
from workbench.workers.runner import LatestRunner

HEAT_KPIS = ("service_level", "offered", "asa", "abandon_rate", "aht")


@dataclass(frozen=True)
class IntradayData:
    table: IntervalTable
    matrices: dict[str, DayMatrix]
    targets: dict


def _heat_colors(values: np.ndarray, kpi_id: str, target: Any) -> np.ndarray:
    """RGBA bytes per cell: red (bad) → yellow → green (good); no data transparent."""
    kpi = catalogue.get(kpi_id)
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.zeros((*values.shape, 4), dtype=np.ubyte)
    if kpi.unit == "ratio":
        low, high = 0.0, 1.0
        if target is not None and target.low is not None and kpi.direction == "higher":
            low = max(0.0, target.low - 0.3)
    else:
        low, high = float(finite.min()), float(max(finite.max(), finite.min() + 1e-9))
    scaled = np.clip((values - low) / (high - low), 0, 1)
    if kpi.direction == "lower":
        scaled = 1 - scaled
    cmap = pg.ColorMap([0.0, 0.5, 1.0], [(200, 40, 40), (240, 200, 60), (46, 157, 82)])
    if kpi.direction not in ("higher", "lower"):  # counts: light → dark blue
        cmap = pg.ColorMap([0.0, 1.0], [(225, 235, 250), (30, 80, 160)])
    rgba = cmap.map(np.nan_to_num(scaled).ravel(), mode="byte").reshape(*values.shape, 4)
    rgba[~np.isfinite(values)] = (0, 0, 0, 0)
    return rgba


class IntradayView(DataView):
    """Heat map of an indicator per day × interval, one day's intervals, and their contacts."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: IntradayData | None = None
        self.selected: tuple[int, int] | None = None  # (day row, slot column)
        self._contacts_runner = LatestRunner(self)
        self._contacts_runner.resultReady.connect(self._show_contacts)

        self.interval_box = QComboBox(self)
        for minutes in (15, 30, 60):
            self.interval_box.addItem(self.tr("%1 minutes").replace("%1", str(minutes)), minutes)
        self.interval_box.currentIndexChanged.connect(self.refresh)
        self.kpi_box = QComboBox(self)
        for kpi_id in HEAT_KPIS:
            self.kpi_box.addItem(catalogue.get(kpi_id).name(self.lang), kpi_id)
        self.kpi_box.currentIndexChanged.connect(self._draw_heat_map)

        self.headline = QLabel(self)
        self.headline.setObjectName("viewHeadline")
        self.headline.setWordWrap(True)

        self._build_heat_map()
        self._build_details()

        controls = QHBoxLayout()
        controls.addWidget(self.headline, 1)
        controls.addWidget(QLabel(self.tr("Interval"), self))
        controls.addWidget(self.interval_box)
        controls.addWidget(QLabel(self.tr("Heat map of"), self))
        controls.addWidget(self.kpi_box)

        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.day_chart)
        right.addWidget(self.sl_chart)
        right.addWidget(self.contacts)
        right.setChildrenCollapsible(False)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.heat)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

    def _build_heat_map(self) -> None:
        """The heat map: x = interval of the day, y = day; a click selects a cell."""
        # heat map: x = interval of the day, y = day
        self.heat = pg.PlotWidget(self, background=_background(self))
        self.heat_item = pg.ImageItem()
        self.heat.addItem(self.heat_item)
        heat_plot = self.heat.getPlotItem()
        heat_plot.invertY(True)
        heat_plot.setMouseEnabled(x=False, y=False)
        heat_plot.hideButtons()
        for name in ("bottom", "left"):
            heat_plot.getAxis(name).setTextPen(pg.mkPen(_foreground(self)))
        self.marker = pg.QtWidgets.QGraphicsRectItem(0, 0, 1, 1)
        self.marker.setPen(pg.mkPen("#1f2937", width=2))
        self.marker.setVisible(False)
        self.heat.addItem(self.marker)
        self.heat.scene().sigMouseClicked.connect(self._heat_clicked)
        self.heat.setMinimumHeight(260)

    def _build_details(self) -> None:
        """The selected day's volume and service level, and the slot's contacts."""
        self.day_chart = BarChart(self, horizontal=False)
        self.day_chart.setMinimumHeight(150)
        self.day_chart.getPlotItem().setLabel("left", self.tr("offered"))
        self.sl_chart = pg.PlotWidget(self, background=_background(self))
        self.sl_chart.getPlotItem().showGrid(x=False, y=True, alpha=0.15)
        self.sl_chart.getPlotItem().setLabel("left", self.tr("service level %"))
        self.sl_curve = self.sl_chart.plot(
            [], [], pen=pg.mkPen("#2f6fb3", width=2), symbol="o", symbolSize=5
        )
        self.sl_target = TargetOverlay(self.sl_chart)
        self.sl_chart.setMinimumHeight(130)

        self.contacts = QTableWidget(0, 6, self)
        self.contacts.setHorizontalHeaderLabels(
            [self.tr("Contact"), self.tr("Start"), self.tr("Queue"), self.tr("Agent"),
             self.tr("Wait (s)"), self.tr("Answered")]
        )  # fmt: skip
        self.contacts.verticalHeader().setVisible(False)
        self.contacts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.contacts.horizontalHeader().setStretchLastSection(True)

    @property
    def minutes(self) -> int:
        return int(self.interval_box.currentData() or 15)

    # ---- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        self._dirty = False
        self.submit(self._runner, self.load, self.ctx.filters, self.lang, self.minutes)

    def load(self, con: Any, filters: Filters, lang: str, minutes: int = 15) -> IntradayData:
        from workbench.kpi.targets import current_profile

        table = interval_table(con, filters, minutes)
        matrices = {k: day_matrix(table, k) for k in HEAT_KPIS}
        profile = current_profile(con)
        return IntradayData(table, matrices, {k: profile.targets.get(k) for k in INTERVAL_KPIS})

    def show_data(self, data: IntradayData) -> None:
        self.data = data
        matrix = data.matrices["service_level"]
        if not matrix.days:
            self.headline.setText(self.tr("No contacts or interval summaries in this period."))
            self.heat_item.clear()
            self.status_label.setText("")
            return
        whole = data.table.aggregate() if np.any(data.table.queue != "") else data.table
        sl = whole.sums["service_level"]
        worst = np.nanargmin(matrix.values) if np.isfinite(matrix.values).any() else None
        text = (
            self.tr("%1 days × %2 intervals of %3 minutes; service level %4")
            .replace("%1", str(len(matrix.days)))
            .replace("%2", str(len(matrix.slots)))
            .replace("%3", str(self.minutes))
            .replace(
                "%4", format_value("service_level", sl[0].sum() / max(sl[1].sum(), 1), self.lang)
            )
        )
        if worst is not None:
            row, col = np.unravel_index(worst, matrix.values.shape)
            text += (
                self.tr("; lowest %1 on %2 at %3")
                .replace("%1", format_value("service_level", matrix.values[row, col], self.lang))
                .replace("%2", matrix.days[row].isoformat())
                .replace("%3", matrix.slots[col])
            )
        self.headline.setText(text)
        self._draw_heat_map()
        if (
            self.selected is None
            or self.selected[0] >= len(matrix.days)
            or self.selected[1] >= len(matrix.slots)
        ):
            # start on the interval with the lowest service level (else the first)
            self.selected = (
                tuple(int(i) for i in np.unravel_index(worst, matrix.values.shape))
                if worst is not None
                else (0, 0)
            )
        self.select_cell(*self.selected)
        self.status_label.setText(
            self.tr(
                "Click a cell of the heat map to see that day's intervals and the contacts of "
                "the interval. ◆ holiday, ◇ make-up working day."
            )
        )

    # ---- heat map -------------------------------------------------------------------------
    def _draw_heat_map(self) -> None:
        if self.data is None:
            return
        kpi_id = self.kpi_box.currentData() or "service_level"
        matrix = self.data.matrices[kpi_id]
        if not matrix.days:
            return
        rgba = _heat_colors(matrix.values, kpi_id, self.data.targets.get(kpi_id))
        self.heat_item.setImage(np.transpose(rgba, (1, 0, 2)), levels=None)
        self.heat_item.setRect(0, 0, len(matrix.slots), len(matrix.days))
        step = max(1, -(-len(matrix.slots) // 7))
        plot = self.heat.getPlotItem()
        plot.getAxis("bottom").setTicks(
            [[(i + 0.5, s) for i, s in enumerate(matrix.slots) if i % step == 0]]
        )
        day_step = max(1, len(matrix.days) // 16)
        plot.getAxis("left").setTicks([[
            (i + 0.5, self._day_label(d)) for i, d in enumerate(matrix.days) if i % day_step == 0
        ]])  # fmt: skip
        plot.setTitle(catalogue.get(kpi_id).name(self.lang))
        plot.setRange(xRange=(0, len(matrix.slots)), yRange=(0, len(matrix.days)), padding=0)

    def _day_label(self, day: date) -> str:
        kind = day_kind(day)
        mark = {"holiday": " ◆", "makeup": " ◇"}.get(kind, "")
        if self.lang.startswith("zh"):
            return f"{day.month}月{day.day}日{mark}"
        return f"{day:%d %b}{mark}"

    def _heat_clicked(self, event: Any) -> None:
        point = self.heat.getPlotItem().vb.mapSceneToView(event.scenePos())
        self.select_cell(int(np.floor(point.y())), int(np.floor(point.x())))

    def select_cell(self, row: int, col: int) -> None:
        """Show day ``row``'s intervals and list the contacts of interval ``col``."""
        if self.data is None:
            return
        matrix = self.data.matrices["service_level"]
        if not (0 <= row < len(matrix.days) and 0 <= col < len(matrix.slots)):
            return
        self.selected = (row, col)
        self.marker.setRect(col, row, 1, 1)
        self.marker.setVisible(True)
        self._draw_day(row)
        hh, mm = (int(x) for x in matrix.slots[col].split(":"))
        start = datetime.combine(matrix.days[row], datetime.min.time()) + timedelta(
            hours=hh, minutes=mm
        )
        self.contacts.setRowCount(0)
        self.submit(self._contacts_runner, contacts_in, start, self.minutes)

    def _draw_day(self, row: int) -> None:
        assert self.data is not None
        offered = self.data.matrices["offered"]
        sl = self.data.matrices["service_level"]
        counts = np.nan_to_num(offered.values[row])
        self.day_chart.set_data(list(offered.slots), [float(c) for c in counts], texts=None)
        step = max(1, len(offered.slots) // 10)
        self.day_chart.getPlotItem().getAxis("bottom").setTicks(
            [[(i, s) for i, s in enumerate(offered.slots) if i % step == 0]]
        )
        day = offered.days[row]
        self.day_chart.getPlotItem().setTitle(
            self.tr("Offered per interval on %1").replace("%1", self._day_label(day))
        )
        x = np.arange(len(sl.slots), dtype=float)
        y = sl.values[row] * 100
        ok = np.isfinite(y)
        self.sl_curve.setData(x[ok], y[ok])
        self.sl_target.set_target(self.data.targets.get("service_level"), scale=100)
        axis = self.sl_chart.getPlotItem().getAxis("bottom")
        step = max(1, len(sl.slots) // 10)
        axis.setTicks([[(i, s) for i, s in enumerate(sl.slots) if i % step == 0]])

    def _show_contacts(self, rows: list[tuple], _tag: object) -> None:
        yes, no = self.tr("yes"), self.tr("no")
        self.contacts.setRowCount(len(rows))
        for r, (cid, started, queue, agent, wait, answered, _talk) in enumerate(rows):
            cells = [cid, f"{started:%H:%M:%S}", queue or "", agent or "",
                     "" if wait is None else f"{wait:.0f}", yes if answered else no]  # fmt: skip
            for c, text in enumerate(cells):
                self.contacts.setItem(r, c, QTableWidgetItem(str(text)))
        self.contacts.resizeColumnsToContents()
