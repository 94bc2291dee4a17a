"""The dashboard (总览): one tile per headline indicator, grouped as the standard groups them.

A tile shows the value, the target, a status colour (met / at risk / missed / no data), the
change against the previous period of equal length and a sparkline by day. Clicking a tile
(or Enter on a focused tile) opens the indicator in Trends (``ctx.navigate("trends", id)``).

Numbers come from ``kpi.engine.compute`` run off the GUI thread (``LatestRunner``, the newest
request wins); tiles are created once and updated in place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Filters, KpiReport, KpiValue
from workbench.views import chart_style as charts  # not pyqtgraph: see chart_style
from workbench.views.context import AppContext
from workbench.views.filter_bar import previous_range
from workbench.views.i18n import current_lang, fmt_change, fmt_date
from workbench.views.lazy import RefreshWhenVisible
from workbench.workers.runner import LatestRunner

TILE_MIN_WIDTH = 230
NEUTRAL_COLOR = "#5b7fa6"


@dataclass(frozen=True)
class DashboardData:
    """What the worker hands the dashboard: current, previous and per-day reports."""

    filters: Filters
    current: KpiReport
    previous: KpiReport | None
    daily: KpiReport
    days: tuple[date, ...]
    previous_range: tuple[date, date] | None
    #: (day, queue) pairs from call detail, from summaries, and set aside (engine.source_mix)
    source_mix: dict | None = None


def headline_kpis() -> list[Any]:
    """The catalogue's headline indicators, in catalogue order."""
    from workbench.kpi.catalogue import KPIS

    return [k for k in KPIS if k.headline]


def load_dashboard(con: Any, filters: Filters) -> DashboardData:
    """Worker-thread query: the headline indicators now, before, and per day."""
    from workbench.kpi.engine import compute, source_mix

    ids = [k.id for k in headline_kpis()]
    current = compute(con, filters, kpi_ids=ids)
    previous = None
    prev_range = None
    if filters.start and filters.end:
        prev_range = previous_range(filters.start, filters.end)
        previous = compute(
            con, replace(filters, start=prev_range[0], end=prev_range[1]), kpi_ids=ids
        )
    daily = compute(con, filters, by="day", kpi_ids=ids)
    start = filters.start or current.start
    end = filters.end or current.end
    days: tuple[date, ...] = ()
    if start and end and (end - start).days <= 400:
        days = tuple(start + timedelta(days=i) for i in range((end - start).days + 1))
    elif daily.groups:
        days = tuple(date.fromisoformat(g.key[:10]) for g in daily.groups)
    mix = source_mix(con, filters)
    return DashboardData(filters, current, previous, daily, days, prev_range, mix)


def _status_name(status: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "met": QCoreApplication.translate("Dashboard", "Met"),
        "at_risk": QCoreApplication.translate("Dashboard", "At risk"),
        "missed": QCoreApplication.translate("Dashboard", "Missed"),
        "no_data": QCoreApplication.translate("Dashboard", "No data"),
        "no_target": QCoreApplication.translate("Dashboard", "No target"),
    }
    return names.get(status, status)


#: indicators whose contacts are the abandoned ones (the tile's menu offers that list)
ABANDON_KPIS = frozenset({"abandon_rate", "answer_rate", "service_level", "asa"})


class KpiTile(QFrame):
    """One indicator: name, value, target, status, change, sparkline. Emits ``clicked(id)``."""

    clicked = Signal(str)
    #: (view id, indicator id): the user chose a drill-down from the tile's menu
    drillRequested = Signal(str, str)

    def __init__(self, kpi: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kpi = kpi
        self.status = "no_data"
        self._neutral = False
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumWidth(TILE_MIN_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        lang = current_lang()
        self.name_label = QLabel(kpi.name(lang))
        self.name_label.setWordWrap(True)
        name_font = self.name_label.font()
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.status_label = QLabel()
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.value_label = QLabel("—")
        value_font = QFont(self.value_label.font())
        value_font.setPointSizeF(value_font.pointSizeF() * 1.9)
        value_font.setBold(True)
        self.value_label.setFont(value_font)
        self.target_label = QLabel()
        self.change_label = QLabel()
        self.sparkline = charts.Sparkline()
        for small in (self.target_label, self.change_label):
            small.setObjectName("tileSmall")

        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.status_label, 0)
        middle = QHBoxLayout()
        middle.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignBottom)
        middle.addSpacing(8)
        middle.addWidget(self.sparkline, 1, Qt.AlignmentFlag.AlignBottom)
        bottom = QHBoxLayout()
        bottom.addWidget(self.target_label, 1)
        bottom.addWidget(self.change_label, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addLayout(bottom)
        self._set_tooltip(None, None)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(lambda pos: self.drill_menu().popup(
            self.mapToGlobal(pos)))  # fmt: skip
        self._apply_style()

    def _set_tooltip(self, value: KpiValue | None, options: Any) -> None:
        """Name, formula, source, and how many records the figure covers."""
        lang = current_lang()
        kpi = self.kpi
        variant = value.variant if value else None
        formula = kpi.formula(lang)
        if variant and kpi.fallback:
            fb = kpi.fallback
            formula = fb.formula_zh if lang.startswith("zh") else fb.formula_en
        lines = [
            kpi.name(lang, options, variant),
            formula,
            self.tr("Source: %1").replace("%1", kpi.source),
        ]
        if value is not None and value.coverage_of:
            lines.append(
                self.tr("Covers %1 of %2 records (%3)")
                .replace("%1", f"{value.coverage_n or 0:,.0f}")
                .replace("%2", f"{value.coverage_of:,.0f}")
                .replace("%3", f"{(value.coverage_n or 0) / value.coverage_of:.0%}")
            )
        lines.append(self.tr("Click to see its trend; right-click for agents and contacts."))
        self.setToolTip("\n".join(lines))

    # ---- data ----------------------------------------------------------------------------
    def set_value(
        self,
        value: KpiValue | None,
        previous: KpiValue | None,
        daily: list[float | None],
        options: Any = None,
    ) -> None:
        from workbench.kpi.engine import format_value

        lang = current_lang()
        v = value.value if value else None
        self.value_label.setText(format_value(self.kpi, v, lang))
        self.name_label.setText(self.kpi.name(lang, options, value.variant if value else None))
        self._set_tooltip(value, options)
        self.status = (value.status if value else "no_data").replace(" ", "_")
        target = value.target if value else None
        # a volume without a target is information, not "no data"
        self._neutral = target is None and v is not None
        self.status_label.setText("" if self._neutral else _status_name(self.status))
        target_text = self._target_text(target, lang)
        share = value.coverage if value is not None else None
        if share is not None and share < 0.995:
            # a partly filled column is never mistaken for the whole period
            covers = self.tr("covers %1").replace("%1", f"{share:.0%}")
            target_text = f"{target_text} · {covers}" if target_text else covers
        self.target_label.setText(target_text)
        pv = previous.value if previous else None
        if v is not None and pv is not None:
            delta = v - pv
            change = fmt_change(delta, self.kpi.unit, lang)
            if change.startswith("±"):
                delta = 0.0  # too small to show: no arrow, no colour
            arrow = "▲" if delta > 0 else ("▼" if delta < 0 else "")
            self.change_label.setText(f"{arrow} {change}".strip())
            self.change_label.setToolTip(
                self.tr("Previous period: %1").replace("%1", format_value(self.kpi, pv, lang))
            )
            self.change_label.setStyleSheet(f"color: {self._change_color(delta).name()};")
        else:
            self.change_label.setText("")
            self.change_label.setToolTip("")
        self.sparkline.set_values(daily, self.status_color())
        self._apply_style()

    def _target_text(self, target: Any, lang: str) -> str:
        from workbench.kpi.engine import format_value

        if target is None:
            return self.tr("No target")
        text = target.text(lambda value: format_value(self.kpi, value, lang))
        return self.tr("Target %1").replace("%1", text)

    def _change_color(self, delta: float) -> QColor:
        direction = self.kpi.direction
        if delta == 0 or direction in ("none", "band"):
            return self.palette().color(self.foregroundRole())
        good = (delta > 0) == (direction == "higher")
        return charts.status_color("met" if good else "missed")

    def status_color(self) -> QColor:
        """The tile's colour: its status, or a neutral blue for a value without target."""
        if self._neutral:
            return QColor(NEUTRAL_COLOR)
        return charts.status_color(self.status)

    def _apply_style(self) -> None:
        color = self.status_color()
        tint = QColor(color)
        tint.setAlpha(34)
        self.setStyleSheet(
            "QFrame#kpiTile {"
            f" border: 1px solid rgba({color.red()},{color.green()},{color.blue()},110);"
            f" border-left: 6px solid {color.name()};"
            f" border-radius: 6px;"
            f" background: rgba({tint.red()},{tint.green()},{tint.blue()},{tint.alpha()});"
            "}"
            "QFrame#kpiTile:focus { border-width: 2px; border-left-width: 6px; }"
        )
        self.status_label.setStyleSheet(f"color: {color.name()}; font-weight: bold;")

    # ---- interaction ---------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit(self.kpi.id)
        super().mouseReleaseEvent(event)

    def drill_menu(self) -> QMenu:
        """Trend, this indicator by agent, and the contacts behind it (where there are any)."""
        from workbench.views.agents import AGENT_KPIS

        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        choices = [("trends", self.tr("Trend by day"))]
        if self.kpi.id in AGENT_KPIS:
            choices.append(("agents", self.tr("By agent (double-click an agent for contacts)")))
        if self.kpi.id in ABANDON_KPIS:
            choices.append(("abandoned", self.tr("The abandoned contacts")))
        for view_id, text in choices:
            action = menu.addAction(text)
            action.setData(view_id)
            action.triggered.connect(
                lambda _=False, v=view_id: self.drillRequested.emit(v, self.kpi.id)
            )
        return menu

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Menu:
            self.drill_menu().popup(self.mapToGlobal(self.rect().center()))
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.kpi.id)
            return
        super().keyPressEvent(event)


class DashboardView(RefreshWhenVisible, QWidget):
    """Tiles of the headline indicators in three groups, refreshed off the GUI thread."""

    #: the tiles were updated with a new result (tests, screenshots)
    updated = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: DashboardData | None = None
        self._dirty = True
        self._columns = 0
        self._runner = LatestRunner(self)
        self._runner.resultReady.connect(self._show)
        self._runner.failed.connect(self._failed)

        self.title = QLabel()
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        self.tiles: dict[str, KpiTile] = {}
        self._groups: list[tuple[QLabel, list[KpiTile]]] = []
        # one grid for every group, so columns line up from group to group
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(10)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(16, 12, 16, 16)
        body_layout.setSpacing(8)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.subtitle)
        body_layout.addWidget(self.message)
        from workbench.kpi.catalogue import GROUPS

        lang = current_lang()
        kpis = headline_kpis()
        for gid, zh, en in GROUPS:
            members = [k for k in kpis if k.group == gid]
            if not members:
                continue
            header = QLabel(zh if lang.startswith("zh") else en)
            header_font = header.font()
            header_font.setBold(True)
            header_font.setPointSizeF(header_font.pointSizeF() * 1.1)
            header.setFont(header_font)
            header.setContentsMargins(0, 10, 0, 2)
            group_tiles = []
            for kpi in members:
                tile = KpiTile(kpi)
                tile.clicked.connect(self._open_trend)
                tile.drillRequested.connect(self.ctx.navigate)
                self.tiles[kpi.id] = tile
                group_tiles.append(tile)
            self._groups.append((header, group_tiles))
        body_layout.addLayout(self._grid)
        note = QLabel(
            self.tr(
                "Default targets are drawn from industry figures, not from the standard: "
                "set your centre's own under Targets."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("dashboardNote")
        body_layout.addSpacing(6)
        body_layout.addWidget(note)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._scroll = scroll
        self._relayout(4)

        ctx.filtersChanged.connect(self._on_context_changed)
        ctx.dataChanged.connect(self._on_context_changed)

    # ---- refreshing ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._runner.busy

    def refresh(self) -> None:
        """Recompute the tiles for the current filters (off the GUI thread)."""
        self._dirty = False
        self._runner.submit_query(self.ctx.store, load_dashboard, self.ctx.filters)

    def wait(self, timeout_s: float = 20.0) -> bool:
        return self._runner.wait(timeout_s)

    def _show(self, data: DashboardData, _tag: object = None) -> None:
        self.data = data
        lang = current_lang()
        f = data.filters
        start = f.start or data.current.start
        end = f.end or data.current.end
        self.title.setText(
            self.tr("%1 – %2")
            .replace("%1", fmt_date(start, lang))
            .replace("%2", fmt_date(end, lang))
        )
        parts = []
        if data.previous_range:
            parts.append(
                self.tr("Changes compared with %1 – %2")
                .replace("%1", fmt_date(data.previous_range[0], lang))
                .replace("%2", fmt_date(data.previous_range[1], lang))
            )
        slices = [*f.queues, *f.channels]
        if slices:
            parts.append(self.tr("Only: %1").replace("%1", ", ".join(slices)))
        parts.append(self.tr("Targets version %1").replace("%1", str(data.current.targets_version)))
        mix = data.source_mix or {}
        if mix.get("summary"):
            source = (
                self.tr("Sources: call detail for %1 day×queue, summaries for %2")
                .replace("%1", str(mix.get("detail", 0)))
                .replace("%2", str(mix["summary"]))
            )
            if mix.get("overlap"):
                source += self.tr(" (%1 overlapping summaries set aside)").replace(
                    "%1", str(mix["overlap"])
                )
            parts.append(source)
        self.subtitle.setText(" · ".join(parts))
        daily = {g.key[:10]: g for g in data.daily.groups}
        any_value = False
        for kpi_id, tile in self.tiles.items():
            value = data.current.value(kpi_id)
            any_value = any_value or (value is not None and value.value is not None)
            previous = data.previous.value(kpi_id) if data.previous else None
            series = []
            for day in data.days:
                group = daily.get(day.isoformat())
                kv = group.value(kpi_id) if group else None
                series.append(kv.value if kv else None)
            tile.set_value(value, previous, series, data.current.options)
        if not any_value:
            self.message.setText(
                self.tr(
                    "No data for this period. Choose another period above, or import exports "
                    "with File → Import… (or drop the files on this window)."
                )
            )
        self.message.setVisible(not any_value)
        self.updated.emit()

    def _failed(self, exc: BaseException, _tag: object = None) -> None:
        text = str(exc).strip().splitlines()
        self.message.setText(
            self.tr("The figures could not be computed: %1").replace(
                "%1", text[0] if text else type(exc).__name__
            )
        )
        self.message.setVisible(True)

    def _open_trend(self, kpi_id: str) -> None:
        self.ctx.navigate("trends", kpi_id)

    # ---- layout --------------------------------------------------------------------------
    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        scrollbar = self._scroll.verticalScrollBar().sizeHint().width()
        width = event.size().width() - 32 - scrollbar
        columns = max(1, min(4, width // (TILE_MIN_WIDTH + 10)))
        if columns != self._columns:
            self._relayout(columns)

    def _relayout(self, columns: int) -> None:
        self._columns = columns
        grid = self._grid
        for header, tiles in self._groups:
            grid.removeWidget(header)
            for tile in tiles:
                grid.removeWidget(tile)
        row = 0
        for header, tiles in self._groups:
            grid.addWidget(header, row, 0, 1, columns)
            row += 1
            for i, tile in enumerate(tiles):
                grid.addWidget(tile, row + i // columns, i % columns)
            row += (len(tiles) + columns - 1) // columns
        for c in range(4):
            grid.setColumnStretch(c, 1 if c < columns else 0)
