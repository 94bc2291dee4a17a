"""Trends (趋势): per-day series of the chosen indicators, one plot per indicator.

Each plot has the indicator's target as a line (≥ / ≤) or a band, the CBA industry benchmark
as a dashed line labelled with its year, a date axis, a hover read-out, zoom (wheel) and pan
(drag), each fitted to the same days. Plots, curves and overlays are created once per
indicator and updated with ``setData``; the numbers come from ``kpi.engine.compute(by="day")``
off the GUI thread (newest request wins). The chart can be exported to PNG.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Filters, KpiReport
from workbench.views import charts
from workbench.views.context import AppContext
from workbench.views.i18n import current_lang
from workbench.views.lazy import RefreshWhenVisible
from workbench.workers.runner import LatestRunner

DEFAULT_KPIS: tuple[str, ...] = ("answer_rate", "service_level")
_KPI_ROLE = Qt.ItemDataRole.UserRole


def plot_scale(unit: str) -> float:
    """Ratios are drawn as percentages."""
    return 100.0 if unit == "ratio" else 1.0


@dataclass(frozen=True)
class TrendData:
    """What the worker hands the view: the per-day report for the chosen indicators."""

    filters: Filters
    kpi_ids: tuple[str, ...]
    report: KpiReport
    days: tuple[date, ...]


def load_trends(con: Any, filters: Filters, kpi_ids: tuple[str, ...]) -> TrendData:
    """Worker-thread query: every chosen indicator per day over the filters."""
    from workbench.kpi.engine import compute

    report = compute(con, filters, by="day", kpi_ids=list(kpi_ids))
    start = filters.start or report.start
    end = filters.end or report.end
    if start and end and (end - start).days <= 3700:
        days = tuple(start + timedelta(days=i) for i in range((end - start).days + 1))
    else:
        days = tuple(date.fromisoformat(g.key[:10]) for g in report.groups)
    return TrendData(filters, kpi_ids, report, days)


class KpiPlot(QFrame):
    """One indicator's plot: curve, target overlay, benchmark line, hover read-out."""

    def __init__(self, kpi: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kpi = kpi
        self.scale = plot_scale(kpi.unit)
        lang = current_lang()
        self.title = QLabel(kpi.name(lang))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("trendSummary")
        self.plot = charts.make_time_plot(
            self, y_label=self._unit_label(), durations=kpi.unit == "s"
        )
        self.empty_text = pg.TextItem(
            self.tr("No data in this period"),
            color=charts.palette_foreground(self),
            anchor=(0.5, 0.5),
        )
        self.empty_text.setVisible(False)
        self.plot.getPlotItem().addItem(self.empty_text, ignoreBounds=True)
        self.plot.setMinimumHeight(210)
        color = charts.series_color(0)
        self.curve = self.plot.plot(
            [],
            [],
            name=kpi.name(lang),
            pen={"color": color, "width": 2},
            symbol="o",
            symbolSize=5,
            symbolBrush=color,
            symbolPen=color,
            connect="finite",
        )
        self.target = charts.TargetOverlay(self.plot, charts.status_color("met"))
        self.benchmark = charts.BenchmarkLine(self.plot)
        self.hover = charts.HoverReadout(self.plot, formatter=self._format)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.plot)

    def _unit_label(self) -> str:
        return {
            "ratio": "%",
            "s": self.tr("m:ss"),
            "count": self.tr("count"),
            "yuan": "¥",
            "score": self.tr("score"),
            "points": self.tr("points"),
        }.get(self.kpi.unit, "")

    def _format(self, _name: str, y: float) -> str:
        from workbench.kpi.engine import format_value

        return format_value(self.kpi, y / self.scale, current_lang())

    def set_series(self, xs: np.ndarray, values: list[float | None], data: TrendData) -> None:
        """Update the curve, the target and the benchmark; keep them all in view."""
        from workbench.kpi.benchmarks import benchmark
        from workbench.kpi.engine import format_value

        lang = current_lang()
        ys = np.array([np.nan if v is None else v * self.scale for v in values], dtype=float)
        if np.isfinite(ys).any():
            self.curve.setData(xs, ys, connect="finite")
        else:
            self.curve.setData([], [])  # no data at all: an empty plot with its targets
        overall = data.report.value(self.kpi.id)
        options = data.report.options
        self.title.setText(self.kpi.name(lang, options, overall.variant if overall else None))
        target = overall.target if overall else None
        label = ""
        if target is not None:
            text = target.text(lambda value: format_value(self.kpi, value, lang))
            label = self.tr("target %1").replace("%1", text)
        self.target.set_target(
            target, scale=self.scale, label=label, x_left=float(xs[0]) if len(xs) else None
        )
        bench = benchmark(self.kpi.id, options)
        if bench is not None:
            self.benchmark.set_benchmark(
                bench.value,
                f"{bench.label(lang)} {_benchmark_text(self.kpi, bench.value, lang)}",
                scale=self.scale,
            )
        else:
            self.benchmark.set_benchmark(None)
        value = overall.value if overall else None
        self.summary.setText(
            self.tr("Period: %1").replace("%1", format_value(self.kpi, value, lang))
        )
        self.fit(xs, ys)

    def fit(self, xs: np.ndarray, ys: np.ndarray) -> None:
        """Show every day and every reference line with a little room."""
        finite = ys[np.isfinite(ys)] if len(ys) else ys
        extra = self.target.values() + self.benchmark.values()
        values = [*finite.tolist(), *extra]
        item = self.plot.getPlotItem()
        if len(xs):
            item.setXRange(
                float(xs[0]) - charts.DAY_S / 2, float(xs[-1]) + charts.DAY_S / 2, padding=0
            )
        has_data = bool(len(finite))
        self.empty_text.setVisible(not has_data)
        if not has_data:
            # nothing to show: a plain axis from 0 (0–100 % for ratios) with the target in it,
            # not 2e-10…1e-09 or 6:00–6:05, and a line saying so
            top = {"ratio": 100.0, "s": 600.0}.get(self.kpi.unit, 10.0)
            hi = max([top, *(v * 1.25 for v in extra)])
            item.setYRange(0.0, min(hi, 100.0) if self.kpi.unit == "ratio" else hi, padding=0)
            x_lo, x_hi = item.viewRange()[0]
            self.empty_text.setPos((x_lo + x_hi) / 2, sum(item.viewRange()[1]) / 2)
            return
        if values:
            lo, hi = min(values), max(values)
            span = hi - lo or max(abs(hi) * 0.1, 1.0)
            lo, hi = lo - span * 0.12, hi + span * 0.18
            if self.kpi.unit == "ratio":
                lo, hi = max(lo, 0.0), min(hi, 100.0 + span * 0.05)
            elif lo > 0 > lo - span * 0.12 or lo < 0 <= min(values):
                lo = 0.0
            item.setYRange(lo, hi, padding=0)


class TrendsView(RefreshWhenVisible, QWidget):
    """A checkable list of indicators beside their per-day plots."""

    updated = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: TrendData | None = None
        self._dirty = True
        self.plots: dict[str, KpiPlot] = {}
        self._runner = LatestRunner(self)
        self._runner.resultReady.connect(self._show)
        self._runner.failed.connect(self._failed)
        lang = current_lang()

        self._build_tree(lang)
        self.tree.itemChanged.connect(self._on_checked)

        self.export_button = QPushButton(self.tr("Export chart…"))
        self.export_button.setToolTip(self.tr("Save the plots as a PNG picture"))
        self.export_button.clicked.connect(self._ask_export)
        self.reset_button = QPushButton(self.tr("Reset zoom"))
        self.reset_button.clicked.connect(self._reset_zoom)
        hint = QLabel(self.tr("Wheel: zoom · drag: pan"))
        hint.setObjectName("hint")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(QLabel(self.tr("Indicators")))
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.reset_button)
        left_layout.addWidget(self.export_button)
        left_layout.addWidget(hint)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.plots_box = QWidget()
        self.plots_layout = QVBoxLayout(self.plots_box)
        self.plots_layout.setContentsMargins(4, 4, 8, 4)
        self.plots_layout.setSpacing(6)
        self.plots_layout.addWidget(self.message)
        self.plots_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.plots_box)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 900])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        ctx.filtersChanged.connect(self._on_context_changed)
        ctx.dataChanged.connect(self._on_context_changed)
        ctx.navigateRequested.connect(self._on_navigate)

    def _build_tree(self, lang: str) -> None:
        """The indicators, grouped, each with a check box (the defaults ticked)."""
        from workbench.kpi.catalogue import GROUPS, KPIS

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setMinimumWidth(190)
        self._items: dict[str, QTreeWidgetItem] = {}
        for gid, zh, en in GROUPS:
            group = QTreeWidgetItem([zh if lang.startswith("zh") else en])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for kpi in (k for k in KPIS if k.group == gid):
                item = QTreeWidgetItem([kpi.name(lang)])
                item.setData(0, _KPI_ROLE, kpi.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    0, Qt.CheckState.Checked if kpi.id in DEFAULT_KPIS else Qt.CheckState.Unchecked
                )
                item.setToolTip(0, kpi.formula(lang))
                group.addChild(item)
                self._items[kpi.id] = item
            group.setExpanded(True)

    # ---- choosing indicators -------------------------------------------------------------
    def checked_kpis(self) -> tuple[str, ...]:
        """The ticked indicators, in catalogue order."""
        return tuple(
            kpi_id
            for kpi_id, item in self._items.items()
            if item.checkState(0) == Qt.CheckState.Checked
        )

    def set_kpis(self, kpi_ids: list[str] | tuple[str, ...]) -> None:
        """Tick exactly these indicators (unknown ids are ignored) and refresh."""
        self.tree.blockSignals(True)
        for kpi_id, item in self._items.items():
            item.setCheckState(
                0, Qt.CheckState.Checked if kpi_id in kpi_ids else Qt.CheckState.Unchecked
            )
        self.tree.blockSignals(False)
        self._on_context_changed()

    def show_kpi(self, kpi_id: str) -> None:
        """Show one indicator (what clicking its dashboard tile asks for)."""
        if kpi_id in self._items:
            self.set_kpis([kpi_id])
            self.tree.scrollToItem(self._items[kpi_id])

    def _on_navigate(self, view_id: str, payload: object) -> None:
        if view_id == "trends" and isinstance(payload, str):
            self.show_kpi(payload)

    def _on_checked(self, *_: object) -> None:
        self._on_context_changed()

    # ---- refreshing ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._runner.busy

    def refresh(self) -> None:
        self._dirty = False
        kpis = self.checked_kpis()
        if not kpis:
            self._runner.cancel()
            for plot in self.plots.values():
                plot.setVisible(False)
            self.message.setText(self.tr("Tick one or more indicators on the left."))
            self.message.setVisible(True)
            return
        self._runner.submit_query(self.ctx.store, load_trends, self.ctx.filters, kpis)

    def wait(self, timeout_s: float = 20.0) -> bool:
        return self._runner.wait(timeout_s)

    def _plot_for(self, kpi_id: str) -> KpiPlot:
        plot = self.plots.get(kpi_id)
        if plot is None:
            from workbench.kpi.catalogue import get

            # not x-linked: pyqtgraph maps linked ranges through screen geometry, which is wrong
            # for plots created hidden; each plot fits the same days itself instead
            plot = KpiPlot(get(kpi_id))
            self.plots[kpi_id] = plot
            self.plots_layout.insertWidget(self.plots_layout.count() - 1, plot)
        return plot

    def _show(self, data: TrendData, _tag: object = None) -> None:
        self.data = data
        xs = np.array([charts.date_to_x(d) for d in data.days], dtype=float)
        by_day = {g.key[:10]: g for g in data.report.groups}
        shown = set(data.kpi_ids)
        for kpi_id in data.kpi_ids:
            plot = self._plot_for(kpi_id)
            values = []
            for day in data.days:
                group = by_day.get(day.isoformat())
                kv = group.value(kpi_id) if group else None
                values.append(kv.value if kv else None)
            plot.set_series(xs, values, data)
            plot.setVisible(True)
        for kpi_id, plot in self.plots.items():
            if kpi_id not in shown:
                plot.setVisible(False)
        # keep the layout in catalogue order
        for i, kpi_id in enumerate(data.kpi_ids):
            self.plots_layout.removeWidget(self.plots[kpi_id])
            self.plots_layout.insertWidget(i + 1, self.plots[kpi_id])
        has_values = any(v.value is not None for v in data.report.values)
        self.message.setText(self.tr("No data for this period."))
        self.message.setVisible(not has_values)
        self.updated.emit()

    def _failed(self, exc: BaseException, _tag: object = None) -> None:
        text = str(exc).strip().splitlines()
        self.message.setText(
            self.tr("The series could not be computed: %1").replace(
                "%1", text[0] if text else type(exc).__name__
            )
        )
        self.message.setVisible(True)

    def _reset_zoom(self) -> None:
        if self.data is None:
            return
        xs = np.array([charts.date_to_x(d) for d in self.data.days], dtype=float)
        for plot in self.plots.values():
            if plot.isVisible():
                ys = plot.curve.getData()[1]
                plot.fit(xs, ys if ys is not None else np.array([]))

    # ---- export --------------------------------------------------------------------------
    def export_png(self, path: str | Path) -> Path:
        """Write the visible plots to ``path`` as a PNG."""
        return charts.export_widget_png(self.plots_box, path)

    def _ask_export(self) -> None:
        kpis = "_".join(self.checked_kpis()[:3]) or "trend"
        start = self.ctx.filters.start
        suggested = f"{kpis}-{start.isoformat() if start else 'all'}.png"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export chart"), suggested, self.tr("PNG pictures (*.png)")
        )
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            self.export_png(path)


def _benchmark_text(kpi: Any, value: float, lang: str) -> str:
    """Published figures keep their two decimals (94.18%), unlike our one-decimal values."""
    from workbench.kpi.engine import format_value

    if kpi.unit == "ratio":
        return f"{value * 100:.2f}%"
    return format_value(kpi, value, lang)
