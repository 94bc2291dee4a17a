"""Shared chart helpers on pyqtgraph, so every view draws targets, benchmarks and bars alike.

What lives here:
- ``configure()``: pyqtgraph options (antialiasing) — call once before building plots.
- ``status_color(status)`` and ``series_color(i)``: one palette for met / at risk / missed /
  no data and for curves, readable in light and dark themes.
- ``date_to_x`` / ``x_to_date``: days ↔ the seconds ``DateAxisItem`` expects (UTC, no shift).
- ``make_time_plot()``: a ``PlotWidget`` with a date axis, grid, clip-to-view, downsampling.
- ``TargetOverlay``: the target of an indicator as a line (≥ / ≤) or a band, labelled.
- ``BenchmarkLine``: the CBA industry figure as a dashed line labelled with its year.
- ``HoverReadout``: a vertical cursor and a text box listing each curve's value at the day
  under the mouse.
- ``BarChart``: a labelled horizontal (ranking) or vertical (funnel) bar chart, updated with
  ``set_data`` (items created once).
- ``Sparkline``: a tiny painted line for dashboard tiles (cheap: no pyqtgraph scene).
- ``export_widget_png(widget, path)``: write what a chart shows to a PNG.

Views create items once and update them on refresh (``setData`` / ``set_*``); none of these
helpers runs a query.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from workbench.domain import Target
from workbench.views.chart_style import (  # re-exported: see chart_style's docstring
    DAY_S,
    Sparkline,
    _background,
    _foreground,
    date_to_x,
    is_dark,
    palette_foreground,
    series_color,
    status_color,
    x_to_date,
)

__all__ = [
    "BarChart",
    "BenchmarkLine",
    "HoverReadout",
    "Sparkline",
    "TargetOverlay",
    "configure",
    "date_to_x",
    "export_widget_png",
    "is_dark",
    "make_time_plot",
    "palette_foreground",
    "series_color",
    "status_color",
    "x_to_date",
]


def configure() -> None:
    """Global pyqtgraph options; call once when the application starts."""
    pg.setConfigOptions(antialias=True, foreground=_foreground().name())


class LocalDateAxis(pg.DateAxisItem):
    """A date axis whose day ticks read in the interface language (``10月4日`` / ``4 Oct``)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if spacing >= DAY_S - 1:
            from workbench.views.i18n import fmt_date

            return [fmt_date(x_to_date(v), short=True) for v in values]
        return super().tickStrings(values, scale, spacing)


class DurationAxis(pg.AxisItem):
    """A value axis in seconds whose ticks read ``m:ss`` (``h:mm:ss`` from an hour), as the
    tiles show durations; ticks fall on whole 5/10/15/30 s or minutes."""

    _STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        span = max(maxVal - minVal, 1e-9)
        wanted = span / max(2.0, size / 40.0)  # about one tick per 40 px
        major = next((s for s in self._STEPS if s >= wanted), self._STEPS[-1])
        return [(float(major), 0.0)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        from workbench.kpi.engine import format_seconds

        return [format_seconds(v * scale) for v in values]


def make_time_plot(parent: QWidget | None = None, *, y_label: str = "",
                   durations: bool = False) -> pg.PlotWidget:  # fmt: skip
    """A ``PlotWidget`` with a date axis (UTC), a light grid and clip-to-view/downsampling.

    ``durations``: the left axis reads m:ss (values in seconds).
    """
    axis = LocalDateAxis(orientation="bottom", utcOffset=0)
    axes: dict[str, pg.AxisItem] = {"bottom": axis}
    if durations:
        axes["left"] = DurationAxis(orientation="left")
    plot = pg.PlotWidget(parent, axisItems=axes, background=_background(parent))
    item = plot.getPlotItem()
    item.showGrid(x=True, y=True, alpha=0.15)
    item.setClipToView(True)
    item.setDownsampling(auto=True, mode="peak")
    item.getViewBox().setMouseMode(pg.ViewBox.PanMode)  # drag pans, wheel zooms
    fg = _foreground(parent)
    for name in ("bottom", "left"):
        ax = item.getAxis(name)
        ax.setPen(pg.mkPen(fg))
        ax.setTextPen(pg.mkPen(fg))
    if y_label:
        item.setLabel("left", y_label)
    plot.setMinimumHeight(160)
    return plot


# ---- target line / band --------------------------------------------------------------------
class TargetOverlay:
    """The target of one indicator on a plot: a labelled line for ≥ / ≤, a shaded band.

    Create once per plot and call ``set_target`` whenever the target or the scale changes;
    ``set_target(None)`` hides it. ``scale`` converts the stored value to what the plot shows
    (100 for ratios drawn as percentages).
    """

    def __init__(self, plot: pg.PlotWidget | pg.PlotItem, color: QColor | str = "#2e9d52"):
        self._plot = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
        color = QColor(color)
        pen = pg.mkPen(color, width=1.5)
        self.line = pg.InfiniteLine(
            angle=0,
            movable=False,
            pen=pen,
            label="",
            labelOpts={
                "position": 0.99,
                "color": color,
                "anchors": [(1, 1), (1, 1)],
                "fill": pg.mkBrush(_with_alpha(_background(), 90)),
            },
        )
        fill = QColor(color)
        fill.setAlpha(40)
        self.band = pg.LinearRegionItem(
            orientation="horizontal", movable=False, brush=pg.mkBrush(fill), pen=pen
        )
        self.band_label = pg.TextItem("", color=color, anchor=(0, 1))
        for item in (self.line, self.band, self.band_label):
            item.setZValue(-5)
            item.setVisible(False)
            self._plot.addItem(item, ignoreBounds=True)
        # the line and its label sit below the curves: a data point is never hidden by them
        self.line.setZValue(-1)

    def set_target(
        self,
        target: Target | None,
        *,
        scale: float = 1.0,
        label: str = "",
        x_left: float | None = None,
    ) -> None:
        """Show ``target`` (a ``domain.Target`` or None); ``label`` is the text beside it."""
        op = target.op if target is not None else None
        low = target.low if target is not None else None
        high = target.high if target is not None else None
        bound = target.bound() if target is not None else None
        self.line.setVisible(False)
        self.band.setVisible(False)
        self.band_label.setVisible(False)
        if op == "band" and low is not None and high is not None:
            self.band.setRegion((low * scale, high * scale))
            self.band.setVisible(True)
            self.band_label.setText(label)
            self.band_label.setPos(x_left if x_left is not None else 0.0, high * scale)
            self.band_label.setVisible(bool(label) and x_left is not None)
        elif bound is not None:
            value = bound * scale
            self.line.setValue(value)
            self.line.setVisible(True)
            # the label only takes its text while visible
            self.line.label.setFormat(label)
            self.line.label.valueChanged()

    def values(self) -> list[float]:
        """The y values the overlay occupies (so a view can keep them in range)."""
        if self.band.isVisible():
            return list(self.band.getRegion())
        if self.line.isVisible():
            return [float(self.line.value())]
        return []


class BenchmarkLine:
    """The CBA industry figure as a dashed horizontal line labelled e.g. 'CBA 2024: 94.18%'."""

    def __init__(self, plot: pg.PlotWidget | pg.PlotItem, color: QColor | str = "#8a8f98"):
        self._plot = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
        color = QColor(color)
        self.line = pg.InfiniteLine(
            angle=0,
            movable=False,
            pen=pg.mkPen(color, width=1.2, style=Qt.PenStyle.DashLine),
            label="",
            labelOpts={
                "position": 0.98,
                "color": color,
                "anchors": [(1, 1), (1, 1)],
                "fill": pg.mkBrush(_with_alpha(_background(), 200)),
            },
        )
        self.line.setZValue(19)
        self.line.setVisible(False)
        self._plot.addItem(self.line, ignoreBounds=True)

    def set_benchmark(self, value: float | None, label: str = "", *, scale: float = 1.0) -> None:
        """Show the line at ``value`` (stored units) with ``label``; None hides it."""
        if value is None:
            self.line.setVisible(False)
            return
        self.line.setValue(value * scale)
        self.line.setVisible(True)
        self.line.label.setFormat(label)
        self.line.label.valueChanged()

    def values(self) -> list[float]:
        return [float(self.line.value())] if self.line.isVisible() else []


# ---- hover read-out ------------------------------------------------------------------------
class HoverReadout:
    """A vertical cursor following the mouse and a box with every visible curve's value.

    ``formatter(curve_name, y)`` turns a plotted y into text; ``title(x)`` names the position
    (by default the ISO date). Curves are looked up at call time, so curves added later work.
    """

    def __init__(
        self,
        plot: pg.PlotWidget,
        formatter: Callable[[str, float], str] | None = None,
        title: Callable[[float], str] | None = None,
    ) -> None:
        self._widget = plot
        self._plot = plot.getPlotItem()
        self._formatter = formatter or (lambda _name, y: f"{y:g}")
        self._title = title or (lambda x: x_to_date(x).isoformat())
        fg = _foreground(plot)
        self.cursor = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(fg, width=0.8))
        self.cursor.setVisible(False)
        self.text = pg.TextItem(
            "",
            color=fg,
            anchor=(0, 0),
            fill=pg.mkBrush(_with_alpha(_background(plot), 220)),
            border=pg.mkPen(fg.lighter(150) if is_dark() else "#c8c8c8"),
        )
        self.text.setZValue(100)
        self.text.setVisible(False)
        self._plot.addItem(self.cursor, ignoreBounds=True)
        self._plot.addItem(self.text, ignoreBounds=True)
        self._proxy = pg.SignalProxy(
            self._plot.scene().sigMouseMoved, rateLimit=30, slot=self._moved
        )
        #: the last text shown (tests read it)
        self.last_text = ""

    def _moved(self, event: tuple) -> None:
        pos = event[0]
        vb = self._plot.getViewBox()
        if not self._plot.sceneBoundingRect().contains(pos):
            self.hide()
            return
        point = vb.mapSceneToView(pos)
        self.show_at(point.x(), point.y())

    def show_at(self, x: float, y: float | None = None) -> str:
        """Put the cursor on the data point nearest ``x``; returns the read-out text."""
        lines: list[str] = []
        snapped: float | None = None
        for curve in self._plot.listDataItems():
            if not curve.isVisible():
                continue
            xs, ys = curve.getOriginalDataset()
            if xs is None or len(xs) == 0:
                continue
            i = int(np.argmin(np.abs(np.asarray(xs) - x)))
            snapped = float(xs[i]) if snapped is None else snapped
            yv = ys[i]
            name = curve.name() or ""
            if yv is None or math.isnan(float(yv)):
                lines.append(f"{name}: —")  # a day without data
                continue
            lines.append(f"{name}: {self._formatter(name, float(yv))}")
        if snapped is None:
            self.hide()
            return ""
        self.cursor.setValue(snapped)
        self.cursor.setVisible(True)
        text = "\n".join([self._title(snapped), *lines])
        self.text.setText(text)
        (x0, x1), (_y0, y1) = self._plot.getViewBox().viewRange()
        # keep the box inside the view: flip to the left of the cursor in the right half
        self.text.setAnchor((1, 0) if snapped > (x0 + x1) / 2 else (0, 0))
        self.text.setPos(snapped, y1)
        self.text.setVisible(True)
        self.last_text = text
        return text

    def hide(self) -> None:
        self.cursor.setVisible(False)
        self.text.setVisible(False)


def _with_alpha(color: QColor, alpha: int) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


# ---- bar chart -----------------------------------------------------------------------------
class BarChart(pg.PlotWidget):
    """A labelled bar chart: ``horizontal=True`` for rankings, False for funnels.

    ``set_data(labels, values, colors=None, texts=None)`` replaces the bars (one
    ``BarGraphItem`` created once, updated with ``setOpts``); ``texts`` are printed at the end
    of each bar (e.g. formatted values). A ``target`` line can be shown with ``set_target``.
    """

    def __init__(self, parent: QWidget | None = None, *, horizontal: bool = True):
        super().__init__(parent, background=_background(parent))
        self.horizontal = horizontal
        self._item = pg.BarGraphItem(x=[], height=[], width=0.6, brush=series_color(0))
        self.addItem(self._item)
        self._texts: list[pg.TextItem] = []
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.showGrid(x=horizontal, y=not horizontal, alpha=0.15)
        vb = plot.getViewBox()
        vb.setMouseEnabled(x=False, y=False)
        fg = _foreground(parent)
        for name in ("bottom", "left"):
            ax = plot.getAxis(name)
            ax.setPen(pg.mkPen(fg))
            ax.setTextPen(pg.mkPen(fg))
        self.target = TargetOverlay(plot)
        if horizontal:
            # the target of a ranking is a vertical line
            self.target.line.setAngle(90)
        self.labels: list[str] = []
        self.values: list[float] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self,
        labels: Sequence[str],
        values: Sequence[float | None],
        colors: Sequence[QColor | str] | None = None,
        texts: Sequence[str] | None = None,
    ) -> None:
        """Replace the bars: one per label, in order (top to bottom when horizontal)."""
        self.labels = list(labels)
        self.values = [float(v) if v is not None else 0.0 for v in values]
        n = len(self.labels)
        positions = np.arange(n, dtype=float)
        if self.horizontal:
            positions = positions[::-1]  # first label at the top
        brushes = [pg.mkBrush(QColor(c)) for c in colors] if colors else None
        heights = np.asarray(self.values, dtype=float)
        if self.horizontal:
            self._item.setOpts(
                x0=np.zeros(n),
                y=positions,
                width=heights,
                height=0.6,
                x=None,
                brushes=brushes,
                brush=series_color(0),
            )
        else:
            self._item.setOpts(
                x=positions,
                height=heights,
                width=0.6,
                y0=np.zeros(n),
                brushes=brushes,
                brush=series_color(0),
            )
        ticks = [list(zip(positions.tolist(), self.labels, strict=True))]
        plot = self.getPlotItem()
        (plot.getAxis("left") if self.horizontal else plot.getAxis("bottom")).setTicks(ticks)
        for t in self._texts:
            plot.removeItem(t)
        self._texts = []
        if texts:
            fg = _foreground(self)
            for pos, value, text in zip(positions, heights, texts, strict=False):
                item = pg.TextItem(text, color=fg, anchor=(0, 0.5) if self.horizontal else (0.5, 1))
                item.setPos(value, pos) if self.horizontal else item.setPos(pos, value)
                plot.addItem(item)
                self._texts.append(item)
        top = max(heights.max() if n else 1.0, 1e-9) * 1.15
        if self.horizontal:
            plot.setXRange(0, top, padding=0)
            plot.setYRange(-0.6, max(n - 0.4, 0.6), padding=0)
        else:
            plot.setYRange(0, top, padding=0)
            plot.setXRange(-0.6, max(n - 0.4, 0.6), padding=0)


# ---- export --------------------------------------------------------------------------------
def export_widget_png(widget: QWidget, path: str | Path, scale: float = 1.0) -> Path:
    """Render ``widget`` (a chart or a whole view) to a PNG file; returns the path."""
    path = Path(path)
    image = widget.grab()
    if scale != 1.0:
        image = image.scaled(
            int(image.width() * scale),
            int(image.height() * scale),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    if not image.save(str(path), "PNG"):
        from workbench.errors import DiskFull

        raise DiskFull(
            "the picture could not be written", file=path, hint="choose a folder you can write to"
        )
    return path


if QApplication.instance() is not None:  # imported after start-up (views load lazily)
    configure()
