"""总部 — the headquarters view: a lake folder opened read-only, a centre filter, the centre
league table against the targets and the industry benchmarks, and trends per centre.

The lake comes from "Open lake folder…" or ``$WORKBENCH_LAKE``; nothing is written to it. All
figures are the KPI engine's over the lake (``workbench.lake.league``), computed off the GUI
thread. The league is ranked on the chosen indicator, in its own direction; the trend shows it
by month for the chosen centre, or for the best and worst ranked when all are chosen.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.kpi import catalogue
from workbench.kpi.benchmarks import benchmark
from workbench.kpi.engine import format_value
from workbench.lake.league import LEAGUE_KPIS, LeagueData, load_league
from workbench.models.kpi_table import KpiGroupTableModel
from workbench.views.charts import (
    BenchmarkLine,
    TargetOverlay,
    date_to_x,
    make_time_plot,
    series_color,
)
from workbench.views.context import AppContext
from workbench.views.dataview import KpiStrip, fit_columns, make_table, target_text
from workbench.views.i18n import current_lang
from workbench.views.lazy import RefreshWhenVisible
from workbench.workers.runner import LatestRunner

LAKE_ENV = "WORKBENCH_LAKE"
#: The cards above the league: the chosen centres' overall figures against the targets.
STRIP_KPIS: tuple[str, ...] = ("answer_rate", "service_level", "asa", "csat", "bot_share")


class CentresView(RefreshWhenVisible, QWidget):
    """Centre league table and trends over a lake folder (read-only)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lake: Path | None = Path(os.environ[LAKE_ENV]) if os.environ.get(LAKE_ENV) else None
        self.data: LeagueData | None = None

        self.lake_label = QLabel(self)
        self.lake_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open lake folder…"), self)
        self.open_button.clicked.connect(self._choose_lake)
        self.centre_box = QComboBox(self)
        self.centre_box.setMinimumWidth(180)
        self.centre_box.currentIndexChanged.connect(self._filter_changed)
        self.kpi_box = QComboBox(self)
        for kpi_id in LEAGUE_KPIS:
            self.kpi_box.addItem(catalogue.get(kpi_id).name(self.lang), kpi_id)
        self.kpi_box.setCurrentIndex(LEAGUE_KPIS.index("answer_rate"))
        self.kpi_box.currentIndexChanged.connect(self._filter_changed)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Lake:"), self))
        bar.addWidget(self.lake_label, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(QLabel(self.tr("Centre:"), self))
        bar.addWidget(self.centre_box)
        bar.addWidget(QLabel(self.tr("Rank by:"), self))
        bar.addWidget(self.kpi_box)

        self.strip = KpiStrip(STRIP_KPIS, self)
        self.model = KpiGroupTableModel(self.tr("Centre"), self)
        self.table, self.proxy = make_table(self.model, self)
        self.benchmarks = QLabel(self)
        self.benchmarks.setWordWrap(True)
        self.plot = make_time_plot(self)
        self.plot.getPlotItem().addLegend(offset=(10, 5), colCount=4)
        self.target_overlay = TargetOverlay(self.plot)
        self.benchmark_line = BenchmarkLine(self.plot)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)

        league = QWidget(self)
        ll = QVBoxLayout(league)
        ll.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Centre league table (against targets and industry benchmarks)"))
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        ll.addWidget(title)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.benchmarks)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(league)
        split.addWidget(self.plot)
        split.setSizes([380, 260])
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.strip)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

        self._runner = LatestRunner(self)
        self._runner.resultReady.connect(self._show)
        self._runner.failed.connect(self._failed)
        self._show_lake_path()

    # ---- state ---------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return current_lang()

    @property
    def kpi_id(self) -> str:
        return self.kpi_box.currentData() or "answer_rate"

    @property
    def centres(self) -> list[str] | None:
        code = self.centre_box.currentData()
        return [code] if code else None

    def open_lake(self, path: str | Path) -> None:
        """Show the lake at ``path`` (all centres)."""
        self.lake = Path(path)
        self.data = None
        self._show_lake_path()
        self.centre_box.blockSignals(True)
        self.centre_box.clear()
        self.centre_box.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        if self.lake is None:
            self.status_label.setText(
                self.tr("Open a lake folder made by 'workbench lake export' to compare centres.")
            )
            self.plot.setVisible(False)  # empty axes numbered 0.05 … 0.95 mean nothing
            return
        self.status_label.setText(self.tr("Computing…"))
        self._runner.submit(load_league, self.lake, self.centres, self.kpi_id)

    def wait(self, timeout_s: float = 60.0) -> bool:
        return self._runner.wait(timeout_s)

    # ---- events --------------------------------------------------------------------------
    def _choose_lake(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open lake folder"), str(self.lake or Path.home())
        )
        if folder:
            self.open_lake(folder)

    def _filter_changed(self, *_: object) -> None:
        if self.lake is not None:
            self.refresh()

    def _failed(self, exc: BaseException, _tag: object) -> None:
        text = str(exc).strip().splitlines()
        self.status_label.setText(
            self.tr("Could not load: %1").replace("%1", text[0] if text else type(exc).__name__)
        )

    # ---- showing -------------------------------------------------------------------------
    def _show_lake_path(self) -> None:
        self.lake_label.setText(str(self.lake) if self.lake else self.tr("(none)"))

    def _label(self, code: str) -> str:
        name = self.data.names.get(code, "") if self.data else ""
        return f"{name} ({code})" if name else code

    def _show(self, data: LeagueData, _tag: object) -> None:
        self.data = data
        lang = self.lang
        self._fill_centres(data)
        ranks = {code: i + 1 for i, code in enumerate(data.ranking)}
        names = {code: f"{ranks[code]}. {data.names.get(code) or code}" for code in ranks}
        self.model.set_report(data.league, LEAGUE_KPIS, lang, names=names)
        fit_columns(self.table, 240, 96)
        column = 1 + LEAGUE_KPIS.index(data.kpi_id)
        better_low = catalogue.get(data.kpi_id).direction == "lower"
        self.table.sortByColumn(
            column, Qt.SortOrder.AscendingOrder if better_low else Qt.SortOrder.DescendingOrder
        )
        self.strip.set_report(data.league, lang, self.tr("target"))
        self._show_benchmarks(lang)
        self._show_trend(data, lang)
        self.plot.setVisible(True)
        count = len(data.league.groups)
        self.status_label.setText(
            self.tr(
                "%1 centres, whole lake, read-only (the period bar applies to the store); "
                "targets are the standard profile; ranked on %2."
            )
            .replace("%1", str(count))
            .replace("%2", catalogue.get(data.kpi_id).name(lang))
        )

    def _fill_centres(self, data: LeagueData) -> None:
        current = self.centre_box.currentData()
        self.centre_box.blockSignals(True)
        self.centre_box.clear()
        self.centre_box.addItem(self.tr("All centres"), None)
        for code in data.centres:
            self.centre_box.addItem(self._label(code), code)
        index = self.centre_box.findData(current) if current else 0
        self.centre_box.setCurrentIndex(max(index, 0))
        self.centre_box.blockSignals(False)

    def _show_benchmarks(self, lang: str) -> None:
        parts = []
        for kpi_id in LEAGUE_KPIS:
            kpi = catalogue.get(kpi_id)
            bench = benchmark(kpi_id)
            target = kpi.default_target
            if bench is None and target is None:
                continue
            goal = target_text(kpi_id, target, lang) if target else "—"
            word = self.tr("target")  # outside the f-string, where lupdate finds it
            text = f"{kpi.name(lang)}: {word} {goal}"
            if bench is not None:
                text += f", {bench.label(lang)} {format_value(kpi, bench.value, lang)}"
            parts.append(text)
        self.benchmarks.setText(" · ".join(parts))

    def _show_trend(self, data: LeagueData, lang: str) -> None:
        item = self.plot.getPlotItem()
        for curve in list(item.listDataItems()):
            item.removeItem(curve)
        legend = item.legend
        if legend is not None:
            legend.clear()
        kpi = catalogue.get(data.kpi_id)
        scale = 100.0 if kpi.unit == "ratio" else 1.0
        for i, (code, report) in enumerate(data.trends.items()):
            xs, ys = [], []
            for group in report.groups:
                value = group.value(data.kpi_id)
                if value is not None and value.value is not None:
                    xs.append(date_to_x(group.key))
                    ys.append(value.value * scale)
            if xs:
                item.plot(
                    xs, ys, pen=series_color(i), symbol="o", symbolSize=5,
                    symbolBrush=series_color(i), name=self._label(code),
                )  # fmt: skip
        self.target_overlay.set_target(kpi.default_target, scale=scale, label=self.tr("target"))
        bench = benchmark(data.kpi_id)
        self.benchmark_line.set_benchmark(
            bench.value if bench else None, bench.label(lang) if bench else "", scale=scale
        )
        unit = "%" if kpi.unit == "ratio" else ""
        title = self.tr("%1 by month per centre").replace("%1", kpi.name(lang))
        item.setTitle(title + (f" ({unit})" if unit else ""))
