# ruff: noqa: F811 (pytest fixtures imported from gui_store and requested by name)
"""The Intraday and Staffing views on a store imported from real xlsx workbooks."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
from gui_store import month_ctx, month_store, month_template, shown  # noqa: F401 (fixtures)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from workbench.planning.intraday import day_matrix, interval_table
from workbench.planning.staffing import Scenario, build_plan, what_if
from workbench.views.intraday import IntradayView
from workbench.views.staffing import StaffingView


def test_heat_map_is_the_day_by_interval_matrix_and_a_click_lists_contacts(
    qtbot, month_ctx, month_store
) -> None:
    view = shown(IntradayView(month_ctx), qtbot)
    expected = day_matrix(interval_table(month_store.con, month_ctx.filters, 15), "service_level")
    got = view.data.matrices["service_level"]
    assert got.days == expected.days and got.slots == expected.slots
    np.testing.assert_array_equal(np.isnan(got.values), np.isnan(expected.values))
    assert view.heat_item.image.shape[:2] == (len(got.slots), len(got.days))

    # a real mouse click on the cell of day 2, the interval with the most contacts that day
    row = 2
    col = int(np.nanargmax(view.data.matrices["offered"].values[row]))
    vb = view.heat.getPlotItem().vb
    scene = vb.mapViewToScene(QPointF(col + 0.5, row + 0.5))
    point = view.heat.mapFromScene(scene)
    with qtbot.waitSignal(view._contacts_runner.resultReady, timeout=20000):
        QTest.mouseClick(view.heat.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.selected == (row, col)
    hh, mm = (int(x) for x in got.slots[col].split(":"))
    start = datetime.combine(got.days[row], datetime.min.time()) + timedelta(hours=hh, minutes=mm)
    count = month_store.con.execute(
        "SELECT count(*) FROM contacts WHERE started_at >= ? AND started_at < ?",
        [start, start + timedelta(minutes=15)],
    ).fetchone()[0]
    assert count > 0
    assert view.contacts.rowCount() == count
    assert view.contacts.item(0, 1).text().startswith(got.slots[col])
    # the day chart shows that day's offered contacts per interval
    assert view.day_chart.values[col] == view.data.matrices["offered"].values[row, col]


def test_what_if_recomputes_every_interval(qtbot, month_ctx, month_store) -> None:
    view = shown(StaffingView(month_ctx), qtbot)
    plan = build_plan(month_store.con, month_ctx.filters, 30)
    assert view.data.plan.staffed is not None
    np.testing.assert_array_equal(view.result[0], plan.required)
    base_required = view.result[0].sum()
    base_sl = np.nanmean(view.result[1].sl)

    view.volume.setValue(50)  # +50 % calls: more agents required
    assert view.result[0].sum() > base_required
    expected, _ = what_if(plan, Scenario(volume_pct=50, threshold_s=20, target_sl=0.8))
    np.testing.assert_array_equal(view.result[0], expected)

    view.volume.setValue(0)
    view.agents.setValue(3)  # three more agents in every interval: better predicted SL
    assert np.nanmean(view.result[1].sl) > base_sl
    view.threshold.setValue(60)  # a longer T is easier to meet
    assert view.result[0].sum() <= base_required
    assert "ms" in view.result_label.text()
    view.reset.click()
    assert view.agents.value() == 0
    np.testing.assert_array_equal(view.result[0], plan.required)


def test_next_seven_days_staff_the_forecast(qtbot, month_ctx) -> None:
    view = shown(StaffingView(month_ctx), qtbot)
    with qtbot.waitSignal(view._runner.resultReady, timeout=30000):
        view.forecast_box.setChecked(True)
    plan = view.data.plan
    assert plan.forecast and plan.staffed is None
    days = sorted({str(d) for d in plan.table.start.astype("datetime64[D]")})
    assert days[0] == str(month_ctx.filters.end + timedelta(days=1))
    assert len(days) == 7 and view.result[0].sum() > 0
    assert "forecast" in view.headline.text()
