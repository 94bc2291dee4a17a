"""The dashboard on a real store: numbers follow the filters, colours follow the targets."""

from __future__ import annotations

from datetime import date

import pytest
from desk_helpers import contacts_store, make_window, wait_idle
from PySide6.QtCore import Qt

from workbench.domain import Filters, Target
from workbench.kpi.engine import compute, format_value
from workbench.kpi.targets import current_profile, save_profile
from workbench.views import charts


@pytest.fixture
def window(tmp_path, qtbot):
    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    win = make_window(store, tmp_path / "settings.ini", qtbot)
    yield win
    win.close()
    store.close()


def test_default_period_is_the_month_of_the_latest_data(window) -> None:
    f = window.ctx.filters
    assert (f.start, f.end) == (date(2026, 10, 1), date(2026, 10, 31))
    dashboard = window.view("dashboard")
    assert window.stack.currentWidget() is dashboard
    tile = dashboard.tiles["offered"]
    assert tile.value_label.text() == "280"  # 7 days × 40 contacts
    assert not dashboard.message.isVisible()


def test_filters_change_the_numbers_shown(window) -> None:
    dashboard = window.view("dashboard")
    offered = dashboard.tiles["offered"]
    answer_rate = dashboard.tiles["answer_rate"]
    whole = offered.value_label.text()

    window.filter_bar.set_range(date(2026, 10, 2), date(2026, 10, 3))
    wait_idle()
    assert offered.value_label.text() == "80"
    assert offered.value_label.text() != whole

    window.filter_bar.set_mode("latest_month")
    window.filter_bar.set_queue("信用卡")
    wait_idle()
    con = window.ctx.store.con
    expected = compute(
        con, Filters(date(2026, 10, 1), date(2026, 10, 31), queues=("信用卡",)),
        kpi_ids=["offered", "answer_rate"],
    )  # fmt: skip
    assert offered.value_label.text() == format_value("offered", expected.value("offered").value)
    assert answer_rate.value_label.text() == format_value(
        "answer_rate", expected.value("answer_rate").value
    )
    assert int(offered.value_label.text()) < 280


def test_tile_colour_follows_the_target(window) -> None:
    dashboard = window.view("dashboard")
    tile = dashboard.tiles["answer_rate"]
    con = window.ctx.store.con
    value = compute(con, window.ctx.filters, kpi_ids=["answer_rate"]).value("answer_rate").value
    assert value is not None

    targets = dict(current_profile(con).targets)
    targets["answer_rate"] = Target("answer_rate", ">=", low=round(value - 0.2, 4))
    save_profile(con, targets, note="easy")
    window.ctx.notify_data_changed()
    wait_idle()
    assert tile.status == "met"
    assert tile.status_color() == charts.status_color("met")
    assert "≥" in tile.target_label.text()

    targets["answer_rate"] = Target("answer_rate", ">=", low=min(round(value + 0.05, 4), 1.0))
    save_profile(con, targets, note="hard")
    window.ctx.notify_data_changed()
    wait_idle()
    assert tile.status == "missed"
    assert tile.status_color() == charts.status_color("missed")
    assert tile.status_color() != charts.status_color("met")
    assert tile.status_label.text() == "Missed"


def test_change_against_the_previous_period(window) -> None:
    dashboard = window.view("dashboard")
    window.filter_bar.set_range(date(2026, 10, 4), date(2026, 10, 6))
    wait_idle()
    data = dashboard.data
    assert data.previous_range == (date(2026, 10, 1), date(2026, 10, 3))
    tile = dashboard.tiles["answer_rate"]
    now = data.current.value("answer_rate").value
    before = data.previous.value("answer_rate").value
    if now != before:
        assert tile.change_label.text().startswith("▲" if now > before else "▼")
    assert "pp" in tile.change_label.text()
    assert len(tile.sparkline.values()) == 3


def test_clicking_a_tile_opens_its_trend(window, qtbot) -> None:
    dashboard = window.view("dashboard")
    tile = dashboard.tiles["asa"]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    wait_idle()
    trends = window.view("trends")
    assert window.stack.currentWidget() is trends
    assert trends.checked_kpis() == ("asa",)
    assert trends.plots["asa"].isVisible()
