"""Trends on a real store: per-day curves, target line/band, benchmark, hover, export."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from desk_helpers import contacts_store, make_window, wait_idle
from PySide6.QtGui import QImage

from workbench.domain import Filters
from workbench.kpi.engine import compute
from workbench.views import charts


@pytest.fixture
def trends(tmp_path, qtbot):
    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    window = make_window(store, tmp_path / "settings.ini", qtbot)
    window.show_view("trends")
    view = window.view("trends")
    wait_idle()
    yield window, view
    window.close()
    store.close()


def _curve_values(view, kpi_id: str) -> np.ndarray:
    return view.plots[kpi_id].curve.getData()[1]


def test_one_point_per_day_matching_the_engine(trends) -> None:
    window, view = trends
    assert view.checked_kpis() == ("answer_rate", "service_level")
    xs, ys = view.plots["answer_rate"].curve.getData()
    assert len(xs) == 31  # the whole month, days without data are gaps
    assert charts.x_to_date(xs[0]) == date(2026, 10, 1)
    report = compute(window.ctx.store.con, window.ctx.filters, by="day", kpi_ids=["answer_rate"])
    first_day = report.groups[0].value("answer_rate").value
    assert ys[0] == pytest.approx(first_day * 100)
    assert np.isnan(ys[10])  # 2026-10-11: no contacts in the file


def test_filters_change_the_curves(trends) -> None:
    window, view = trends
    before = _curve_values(view, "answer_rate").copy()
    window.filter_bar.set_channel("电话")
    wait_idle()
    after = _curve_values(view, "answer_rate")
    expected = compute(
        window.ctx.store.con,
        Filters(date(2026, 10, 1), date(2026, 10, 31), channels=("电话",)),
        by="day",
        kpi_ids=["answer_rate"],
    )
    assert after[0] == pytest.approx(expected.groups[0].value("answer_rate").value * 100)
    assert not np.allclose(before[:7], after[:7])


def test_target_line_band_and_benchmark(trends) -> None:
    _window, view = trends
    plot = view.plots["answer_rate"]
    assert plot.target.line.isVisible()
    assert plot.target.line.value() == pytest.approx(94.0)
    assert plot.benchmark.line.isVisible()
    assert plot.benchmark.line.value() == pytest.approx(94.18)
    assert "2024" in plot.benchmark.line.label.format

    view.set_kpis(["occupancy", "asa"])
    wait_idle()
    # occupancy has no agent-hours data here, but its band target is still drawn
    occupancy = view.plots["occupancy"]
    assert occupancy.target.band.isVisible()
    assert occupancy.target.band.getRegion() == pytest.approx((75.0, 90.0))
    asa = view.plots["asa"]
    assert asa.target.line.value() == pytest.approx(15.0)  # seconds are not scaled
    assert not view.plots["answer_rate"].isVisible()


def test_hover_readout_names_the_day_and_value(trends) -> None:
    _window, view = trends
    plot = view.plots["answer_rate"]
    xs, ys = plot.curve.getData()
    text = plot.hover.show_at(xs[2] + 3600)
    assert text.splitlines()[0] == "2026-10-03"
    assert f"{ys[2]:.1f}%" in text


def test_export_chart_to_png(trends, tmp_path) -> None:
    _window, view = trends
    out = view.export_png(tmp_path / "trend.png")
    image = QImage(str(out))
    assert not image.isNull()
    assert image.width() > 300 and image.height() > 200


def test_no_indicator_ticked_says_so(trends) -> None:
    _window, view = trends
    view.set_kpis([])
    assert view.message.isVisible()
    assert "Tick" in view.message.text()


def test_moving_the_mouse_over_a_plot_shows_the_readout(trends, qtbot) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    _window, view = trends
    plot = view.plots["answer_rate"]
    viewport = plot.plot.viewport()
    pos = QPointF(viewport.width() * 0.12, viewport.height() / 2)  # a day with data
    move = QMouseEvent(
        QMouseEvent.Type.MouseMove, pos, viewport.mapToGlobal(pos), Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(viewport, move)
    qtbot.waitUntil(lambda: plot.hover.text.isVisible(), timeout=3000)
    lines = plot.hover.last_text.splitlines()
    assert lines[0].startswith("2026-10-")
    assert lines[1].startswith("Answer rate: ") and lines[1].endswith("%")
