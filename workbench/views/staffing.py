"""排班 — agents required (Erlang A or C) vs staffed per interval, with what-if controls.

The plan comes from ``planning.staffing.build_plan`` off the GUI thread (required agents for
the profile's service-level target at T, staffed agents from agent states, Erlang A patience
from the centre's own waits and abandons). The what-if controls — volume ± %, AHT ± s,
agents ±, T and the target — recompute every interval at once on the GUI thread
(``planning.staffing.what_if``, vectorised). With exactly one queue chosen in the filter bar
the plan is for that queue, otherwise for all queues pooled.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Filters, Target
from workbench.kpi.engine import filter_choices
from workbench.planning.calendar import special_days
from workbench.planning.forecast import Backtest, backtest
from workbench.planning.intraday import interval_table
from workbench.planning.staffing import (
    Scenario,
    StaffingPlan,
    backtest_mae,
    build_plan,
    forecast_plan,
    what_if,
)
from workbench.views.charts import TargetOverlay, date_to_x, make_time_plot, series_color
from workbench.views.context import AppContext
from workbench.views.dataview import DataView


@dataclass(frozen=True)
class StaffingData:
    plan: StaffingPlan
    forecast: Backtest | None


def _breaks(x: np.ndarray, y: np.ndarray, step: float) -> tuple[np.ndarray, np.ndarray]:
    """Insert NaN where consecutive x are more than one interval apart (nights, gaps)."""
    if x.size < 2:
        return x, y
    cut = np.flatnonzero(np.diff(x) > step * 1.5) + 1
    return np.insert(x, cut, np.nan), np.insert(y.astype(float), cut, np.nan)


class StaffingView(DataView):
    """Required vs staffed agents, predicted vs actual SL, and what-if controls."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: StaffingData | None = None
        self.last_recompute_ms = 0.0
        self.result = None
        self._required_key: tuple | None = None

        self.interval_box = QComboBox(self)
        for minutes in (15, 30, 60):
            self.interval_box.addItem(self.tr("%1 minutes").replace("%1", str(minutes)), minutes)
        self.interval_box.setCurrentIndex(1)
        self.interval_box.currentIndexChanged.connect(self.refresh)
        self.model_box = QComboBox(self)
        self.model_box.addItem(self.tr("Erlang A (with abandonment)"), "erlang_a")
        self.model_box.addItem(self.tr("Erlang C (nobody hangs up)"), "erlang_c")
        self.model_box.currentIndexChanged.connect(self.refresh)
        self.forecast_box = QCheckBox(self.tr("Next 7 days (forecast)"), self)
        self.forecast_box.toggled.connect(self.refresh)

        self.volume = self._spin(QSpinBox, -50, 200, 0, " %", 5)
        self.aht = self._spin(QSpinBox, -300, 300, 0, self.tr(" s"), 10)
        self.agents = self._spin(QDoubleSpinBox, -50, 50, 0, "", 0.5)
        self.threshold = self._spin(QSpinBox, 5, 120, 20, self.tr(" s"), 5)
        self.target = self._spin(QSpinBox, 50, 99, 80, " %", 1)
        self.reset = QPushButton(self.tr("Reset"), self)
        self.reset.clicked.connect(self.reset_scenario)

        self.headline = QLabel(self)
        self.headline.setObjectName("viewHeadline")
        self.headline.setWordWrap(True)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)

        self._build_plots()

        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(QLabel(self.tr("Interval"), self))
        top.addWidget(self.interval_box)
        top.addWidget(QLabel(self.tr("Model"), self))
        top.addWidget(self.model_box)
        top.addWidget(self.forecast_box)

        whatif = self._build_whatif()

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.gap_plot)
        split.addWidget(self.sl_plot)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(whatif)
        layout.addWidget(self.result_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

    def _build_plots(self) -> None:
        """The staffing-gap plot and the service-level plot, x-linked."""
        self.gap_plot = make_time_plot(self, y_label=self.tr("agents"))
        self.gap_plot.getPlotItem().addLegend(offset=(10, 5))
        self.required_curve = self.gap_plot.plot(
            [], [], pen=pg.mkPen(series_color(1), width=2), name=self.tr("required"),
            connect="finite")  # fmt: skip
        self.staffed_curve = self.gap_plot.plot(
            [], [], pen=pg.mkPen(series_color(0), width=2), name=self.tr("staffed"),
            connect="finite")  # fmt: skip
        self.gap_curve = self.gap_plot.plot(
            [], [], pen=pg.mkPen("#c0392b", width=1), fillLevel=0,
            brush=pg.mkBrush(192, 57, 43, 60), name=self.tr("short (required − staffed)"),
            connect="finite")  # fmt: skip

        self.sl_plot = make_time_plot(self, y_label=self.tr("service level %"))
        self.sl_plot.getPlotItem().addLegend(offset=(10, 5))
        self.predicted_curve = self.sl_plot.plot(
            [], [], pen=pg.mkPen(series_color(2), width=2), name=self.tr("predicted (what-if)"),
            connect="finite")  # fmt: skip
        self.actual_curve = self.sl_plot.plot(
            [], [], pen=pg.mkPen("#8a8f98", width=1), name=self.tr("actual"), connect="finite"
        )
        self.sl_target = TargetOverlay(self.sl_plot)
        self.sl_plot.setXLink(self.gap_plot)
        self._holiday_regions: list[tuple[pg.PlotWidget, pg.LinearRegionItem]] = []

    def _build_whatif(self) -> QGridLayout:
        """The what-if row: volume, AHT, agents, T and target SL."""
        whatif = QGridLayout()
        labels = (
            (self.tr("Volume ±"), self.volume),
            (self.tr("AHT ±"), self.aht),
            (self.tr("Agents ±"), self.agents),
            (self.tr("T"), self.threshold),
            (self.tr("Target SL"), self.target),
        )
        whatif.addWidget(QLabel("<b>" + self.tr("What if") + "</b>", self), 0, 0)
        for i, (text, spin) in enumerate(labels):
            whatif.addWidget(QLabel(text, self), 0, 1 + 2 * i)
            whatif.addWidget(spin, 0, 2 + 2 * i)
        whatif.addWidget(self.reset, 0, 1 + 2 * len(labels))
        whatif.setColumnStretch(2 + 2 * len(labels), 1)
        return whatif

    def _spin(self, cls, low, high, value, suffix, step):
        spin = cls(self)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSingleStep(step)
        spin.setSuffix(suffix)
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(self.recompute)
        return spin

    # ---- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        self._dirty = False
        self.submit(
            self._runner,
            self.load,
            self.ctx.filters,
            self.lang,
            int(self.interval_box.currentData() or 30),
            self.model_box.currentData() or "erlang_a",
            self.forecast_box.isChecked(),
        )

    def load(
        self,
        con: Any,
        filters: Filters,
        lang: str,
        minutes: int = 30,
        model: str = "erlang_a",
        forecast: bool = False,
    ) -> StaffingData:
        queue = filters.queues[0] if len(filters.queues) == 1 else None
        if forecast:
            last = filters.end or filter_choices(con)["last_day"]
            start = last + timedelta(days=1)
            plan = forecast_plan(
                con, start, start + timedelta(days=6), minutes, queue=queue, model=model
            )
        else:
            plan = build_plan(con, filters, minutes, queue=queue, model=model)
        history = interval_table(con, Filters(end=filters.end, queues=filters.queues), minutes)
        check = backtest(history) if len(history) else None
        if check is not None and not check.intervals:  # under two weeks of history
            check = None
        return StaffingData(plan, check)

    def show_data(self, data: StaffingData) -> None:
        self.data = data
        plan = data.plan
        for spin, value in (
            (self.threshold, plan.threshold_s),
            (self.target, plan.target_sl * 100),
        ):
            spin.blockSignals(True)
            spin.setValue(round(float(value)))
            spin.blockSignals(False)
        if not len(plan.table):
            self.headline.setText(self.tr("No contacts or interval summaries in this period."))
            return
        if plan.patience_s is not None:
            model = self.tr(
                "Erlang A, patience %1 s (total wait of all callers ÷ abandons)"
            ).replace("%1", f"{plan.patience_s:.0f}")
        else:
            model = self.tr("Erlang C")
        text = model
        mae, n = backtest_mae(plan)
        if mae is not None:
            text += (
                self.tr(
                    "; backtest: predicted vs actual SL, mean absolute error %1 over %2 intervals"
                )
                .replace("%1", self.tr("%1 pp").replace("%1", f"{mae * 100:.1f}"))
                .replace("%2", str(n))
            )
        if plan.forecast:
            days = plan.table.start.astype("datetime64[D]")
            text += (
                self.tr("; forecast for %1 – %2 (offered and AHT of recent days of the same kind)")
                .replace("%1", str(days.min()))
                .replace("%2", str(days.max()))
            )
        self.headline.setText(text)
        status = []
        if plan.forecast:
            pass
        elif plan.staffed is None:
            status.append(self.tr("No agent states in this period: staffed agents are unknown."))
        else:
            status.append(self.tr("Staffed = logged-in time ÷ interval length (agent states)."))
        if data.forecast is not None:
            f = data.forecast
            status.append(
                self.tr(
                    "Forecast check on the held-back week: mean absolute error %1 calls per "
                    "interval (seasonal-naive baseline %2)."
                )
                .replace("%1", f"{f.mae_forecast:.2f}")
                .replace("%2", f"{f.mae_naive:.2f}")
            )
        self.status_label.setText(" ".join(status))
        self._shade_holidays(plan)
        self.recompute()

    def _shade_holidays(self, plan: StaffingPlan) -> None:
        """Statutory holidays shaded red, make-up working days blue, on both charts."""
        for plot, region in self._holiday_regions:
            plot.removeItem(region)
        self._holiday_regions = []
        if not len(plan.table):
            return
        days = plan.table.start.astype("datetime64[D]")
        first, last = days.min().astype(object), days.max().astype(object)
        for day, kind, _name in special_days(first, last):
            x0 = date_to_x(day)
            color = (231, 76, 60, 28) if kind == "holiday" else (52, 152, 219, 22)
            for plot in (self.gap_plot, self.sl_plot):
                region = pg.LinearRegionItem(
                    (x0, x0 + 86400), movable=False, brush=pg.mkBrush(*color), pen=pg.mkPen(None)
                )
                region.setZValue(-10)
                plot.addItem(region)
                self._holiday_regions.append((plot, region))

    # ---- what-if ---------------------------------------------------------------------------
    def scenario(self) -> Scenario:
        return Scenario(
            volume_pct=float(self.volume.value()),
            aht_delta_s=float(self.aht.value()),
            agents_delta=float(self.agents.value()),
            threshold_s=float(self.threshold.value()),
            target_sl=self.target.value() / 100.0,
        )

    def reset_scenario(self) -> None:
        for spin in (self.volume, self.aht, self.agents):
            spin.blockSignals(True)
            spin.setValue(0)
            spin.blockSignals(False)
        if self.data is not None:
            self.show_data(self.data)

    def recompute(self) -> None:
        """Required and predicted measures for every interval under the what-if controls."""
        if self.data is None or not len(self.data.plan.table):
            return
        plan = self.data.plan
        scenario = self.scenario()
        # the agents control leaves the requirement as it is: only the prediction moves
        key = (id(plan), scenario.volume_pct, scenario.aht_delta_s, scenario.threshold_s,
               scenario.target_sl)  # fmt: skip
        started = time.perf_counter()
        fresh = self.result is None or key != self._required_key
        required, predicted = what_if(plan, scenario, with_required=fresh)
        if fresh:
            self._required_key = key
        else:
            required = self.result[0]
        self.last_recompute_ms = (time.perf_counter() - started) * 1000
        self.result = (required, predicted)
        x = plan.table.start.astype("datetime64[s]").astype(np.int64).astype(float)
        step = plan.interval_s
        self.required_curve.setData(*_breaks(x, required.astype(float), step))
        if plan.staffed is not None:
            staffed = np.maximum(plan.staffed + self.agents.value(), 0)
            self.staffed_curve.setData(*_breaks(x, staffed, step))
            self.gap_curve.setData(*_breaks(x, np.maximum(required - staffed, 0), step))
        if predicted is not None:
            self.predicted_curve.setData(*_breaks(x, predicted.sl * 100, step))
        ok = np.isfinite(plan.actual_sl)
        self.actual_curve.setData(*_breaks(x[ok], plan.actual_sl[ok] * 100, step))
        self.sl_target.set_target(
            Target("service_level", ">=", low=self.target.value() / 100.0),
            scale=100,
        )
        self.result_label.setText(self._summary(plan, required, predicted))

    def _summary(self, plan: StaffingPlan, required: np.ndarray, predicted: Any) -> str:
        calls = plan.offered * (1 + self.volume.value() / 100)
        hours = plan.interval_s / 3600
        parts = [self.tr("Required %1 agent-hours").replace("%1", f"{required.sum() * hours:,.0f}")]
        if predicted is not None and plan.staffed is not None:
            staffed = np.maximum(plan.staffed + self.agents.value(), 0)
            short = np.maximum(required - staffed, 0).sum() * hours
            weight = np.where(calls > 0, calls, 0)
            total = max(weight.sum(), 1e-9)
            sl = float((predicted.sl * weight).sum() / total)
            answered = weight * (1 - predicted.abandon)
            asa = float(
                np.nansum(np.where(answered > 0, predicted.asa_s, 0) * answered)
                / max(answered.sum(), 1e-9)
            )
            abandon = float((predicted.abandon * weight).sum() / total)
            occupancy = float(np.nanmean(np.where(weight > 0, predicted.occupancy, np.nan)))
            below = int(((predicted.sl < self.target.value() / 100) & (calls > 0)).sum())
            parts += [
                self.tr("staffed %1 (short %2)")
                .replace("%1", f"{staffed.sum() * hours:,.0f}")
                .replace("%2", f"{short:,.0f}"),
                self.tr("predicted SL %1, ASA %2 s, abandon %3, occupancy %4")
                .replace("%1", f"{sl:.1%}")
                .replace("%2", f"{asa:.0f}")
                .replace("%3", f"{abandon:.1%}")
                .replace("%4", f"{occupancy:.0%}"),
                self.tr("%1 of %2 intervals below target")
                .replace("%1", str(below))
                .replace("%2", str(int((calls > 0).sum()))),
            ]
        parts.append(self.tr("recomputed in %1 ms").replace("%1", f"{self.last_recompute_ms:.0f}"))
        return " · ".join(parts)
