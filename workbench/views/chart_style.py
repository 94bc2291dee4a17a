"""Chart colours, date positions and the dashboard's sparkline: plain Qt, no pyqtgraph.

Split from ``charts.py`` (which re-exports all of it) so the dashboard — the first view painted
— does not import pyqtgraph (about half a second of a cold start); the chart views do.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

_EPOCH = date(1970, 1, 1)
DAY_S = 86400.0

# Colour-blind-friendly-ish: green / amber / red / grey, and a categorical set for curves.
_STATUS = {
    "met": "#2e9d52",
    "at_risk": "#e0a100",
    "missed": "#d64541",
    "no_data": "#8a8f98",
}
_SERIES = (
    "#2f6fdf",
    "#e8710a",
    "#1e9e74",
    "#c2185b",
    "#7b4fd6",
    "#00838f",
    "#8d6e0b",
    "#5f6368",
)


def is_dark(widget: QWidget | None = None) -> bool:
    """True when the palette in use is dark (window colour darker than text)."""
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _foreground(widget: QWidget | None = None) -> QColor:
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.WindowText)


def palette_foreground(widget: QWidget | None = None) -> QColor:
    """The text colour of the current palette (light or dark)."""
    return _foreground(widget)


def _background(widget: QWidget | None = None) -> QColor:
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Base)


def status_color(status: str | None) -> QColor:
    """The colour for a KPI status: ``met``, ``at_risk``, ``missed`` or ``no_data``."""
    return QColor(_STATUS.get((status or "no_data").replace(" ", "_"), _STATUS["no_data"]))


def series_color(index: int) -> QColor:
    """The ``index``-th colour of the categorical palette (cycles)."""
    return QColor(_SERIES[index % len(_SERIES)])


# ---- dates ---------------------------------------------------------------------------------
def date_to_x(day: date | datetime | str) -> float:
    """A day (or ISO date string) as seconds since 1970-01-01 UTC, for ``DateAxisItem``."""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    if isinstance(day, datetime):
        return day.replace(tzinfo=UTC).timestamp()
    return (day - _EPOCH).days * DAY_S


def x_to_date(x: float) -> date:
    """The day a date-axis position falls on."""
    return _EPOCH + timedelta(days=math.floor(x / DAY_S + 1e-9))


# ---- sparkline -----------------------------------------------------------------------------
class Sparkline(QWidget):
    """A small painted line of daily values (None = gap) with the last point marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[float | None] = []
        self._color = series_color(0)
        self.setMinimumHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(120, 26)

    def set_values(self, values: Sequence[float | None], color: QColor | str | None = None) -> None:
        self._values = list(values)
        if color is not None:
            self._color = QColor(color)
        self.update()

    def values(self) -> list[float | None]:
        return list(self._values)

    def paintEvent(self, _event: object) -> None:
        points = [(i, v) for i, v in enumerate(self._values) if v is not None]
        if len(points) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(2, 3, -4, -3)
        lo = min(v for _, v in points)
        hi = max(v for _, v in points)
        span = hi - lo or 1.0
        n = max(len(self._values) - 1, 1)

        def to_point(i: int, v: float) -> QPointF:
            return QPointF(
                rect.left() + rect.width() * i / n, rect.bottom() - rect.height() * (v - lo) / span
            )

        path = QPainterPath()
        first = True
        previous = -2
        for i, v in points:
            p = to_point(i, v)
            if first or i != previous + 1:
                path.moveTo(p)
                first = False
            else:
                path.lineTo(p)
            previous = i
        painter.setPen(QPen(self._color, 1.5))
        painter.drawPath(path)
        painter.setBrush(self._color)
        painter.drawEllipse(to_point(*points[-1]), 2.5, 2.5)
        painter.end()
