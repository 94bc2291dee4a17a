"""Charts and drill-down (#14 item 6), in a real window with the event loop running:
m:ss duration axes, empty charts with a plain axis, target labels under the points, a tile's
drill-down to agents, and a warning before leaving Targets with unsaved edits."""

from __future__ import annotations

from datetime import date

import pytest
from desk_helpers import contacts_store, make_window, wait_idle
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.views import charts


@pytest.fixture
def window(tmp_path, qtbot):
    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    win = make_window(store, tmp_path / "settings.ini", qtbot)
    yield win
    win.close()
    wait_idle()
    store.close()


def test_duration_axis_reads_minutes_and_seconds(window, qtbot) -> None:
    window.ctx.navigate("trends", "aht")
    wait_idle()
    plot = window.view("trends").plots["aht"]
    axis = plot.plot.getPlotItem().getAxis("left")
    assert isinstance(axis, charts.DurationAxis)
    lo, hi = plot.plot.getPlotItem().viewRange()[1]
    ticks = [v for _spacing, values in axis.tickValues(lo, hi, 300) for v in values]
    texts = axis.tickStrings(ticks, 1.0, 0)
    assert texts and all(":" in t for t in texts), texts  # 2:30, not 150
    assert all(int(v) == v for v in ticks)  # whole seconds
    assert axis.tickStrings([150.0, 3725.0], 1.0, 0) == ["2:30", "1:02:05"]


def test_empty_chart_has_a_plain_axis_and_says_so(window, qtbot) -> None:
    window.ctx.navigate("trends", "answer_rate")
    wait_idle()
    window.filter_bar.set_range(date(2025, 1, 1), date(2025, 1, 7))  # no data then
    trends = window.view("trends")
    plot = trends.plots["answer_rate"]
    qtbot.waitUntil(lambda: plot.empty_text.isVisible(), timeout=20000)
    lo, hi = plot.plot.getPlotItem().viewRange()[1]
    assert lo >= -1 and 50 <= hi <= 110, (lo, hi)  # 0–100 %, not 2e-10…1e-09


def test_target_label_never_covers_the_points(window, qtbot) -> None:
    window.ctx.navigate("trends", "answer_rate")
    wait_idle()
    plot = window.view("trends").plots["answer_rate"]
    assert plot.target.line.isVisible()
    assert plot.target.line.zValue() < plot.curve.zValue()
    assert plot.target.line.label.zValue() <= plot.curve.zValue() or (
        plot.target.line.label.parentItem() is plot.target.line
    )


def test_tile_menu_drills_down_to_agents(window, qtbot) -> None:
    tile = window.view("dashboard").tiles["aht"]
    menu = tile.drill_menu()
    targets = [a.data() for a in menu.actions()]
    assert targets == ["trends", "agents"]
    next(a for a in menu.actions() if a.data() == "agents").trigger()
    wait_idle()
    agents = window.view("agents")
    assert window.stack.currentWidget() is agents
    assert agents.indicator.currentData() == "aht"
    header = agents.table.horizontalHeader()
    assert header.sortIndicatorSection() == agents.model.column_index("aht")
    abandon = window.view("dashboard").tiles["abandon_rate"].drill_menu()
    assert "abandoned" in [a.data() for a in abandon.actions()]


def test_leaving_targets_with_unsaved_edits_warns(window, qtbot) -> None:
    window.show_view("targets")
    wait_idle()
    view = window.view("targets")
    row = view.kpi_ids.index("fcr")
    assert view.model.setData(view.model.index(row, view.model.VALUE), "40")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(100, lambda: answer(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.nav.visualItemRect(window.nav.item(0)).center())  # fmt: skip
    assert asked and "not saved" in asked[0]
    assert window.current_view_id() == "targets" and view.has_edits()

    QTimer.singleShot(100, lambda: answer(QMessageBox.StandardButton.Discard))
    window.show_view("dashboard")
    assert len(asked) == 2
    assert window.current_view_id() == "dashboard" and not view.has_edits()
