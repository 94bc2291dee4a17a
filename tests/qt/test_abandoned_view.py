# ruff: noqa: F811 (pytest fixtures imported from gui_store and requested by name)
"""The abandoned-contacts view on a store imported from real xlsx workbooks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gui_store import month_ctx, month_store, month_template, shown  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt

from workbench.kpi.engine import compute, format_value
from workbench.models.table import SORT_ROLE
from workbench.views.abandoned import AbandonedView


def test_lists_every_abandoned_contact_with_masked_customer(
    qtbot, qtmodeltester, month_ctx, month_store
) -> None:
    view = shown(AbandonedView(month_ctx), qtbot)
    qtmodeltester.check(view.model)
    expected = month_store.con.execute(
        "SELECT count(*) FROM contacts WHERE NOT answered"
    ).fetchone()[0]
    assert expected > 0
    assert view.model.rowCount() == expected == view.data.total
    assert sum(view.histogram.values) == expected
    by_hour = month_store.con.execute(
        "SELECT hour(started_at), count(*) FROM contacts WHERE NOT answered GROUP BY 1"
    ).fetchall()
    for hour, count in by_hour:
        assert view.histogram.values[hour] == count
    masked = view.model.column_index("customer_masked")
    assert all("****" in view.model.index(r, masked).data() for r in range(view.model.rowCount()))
    # the headline's rate is the engine's
    rate = compute(month_store.con, month_ctx.filters, kpi_ids=("abandon_rate",)).value(
        "abandon_rate"
    )
    assert format_value("abandon_rate", rate.value, "en") in view.summary.text()


def test_wait_sorts_numerically_and_filters_narrow_the_list(qtbot, month_ctx, month_store) -> None:
    view = shown(AbandonedView(month_ctx), qtbot)
    wait = view.model.column_index("wait_s")
    view.table.sortByColumn(wait, Qt.SortOrder.AscendingOrder)
    waits = [view.proxy.index(r, wait).data(SORT_ROLE) for r in range(view.proxy.rowCount())]
    assert waits == sorted(waits) and isinstance(waits[0], float)
    assert waits[0] < 10 < waits[-1]  # "0:09" < "1:05" would also hold as text; 9 < 65 here

    total = view.model.rowCount()
    day = date(2026, 10, 3)
    with qtbot.waitSignal(view._runner.resultReady, timeout=20000):
        month_ctx.set_filters(replace(month_ctx.filters, start=day, end=day))
    expected = month_store.con.execute(
        "SELECT count(*) FROM contacts WHERE NOT answered AND CAST(started_at AS DATE) = ?", [day]
    ).fetchone()[0]
    assert view.model.rowCount() == expected < total
    time_col = view.model.column_index("started_at")
    assert all(
        view.model.index(r, time_col).data().startswith("2026-10-03")
        for r in range(view.model.rowCount())
    )

    with qtbot.waitSignal(view._runner.resultReady, timeout=20000):
        month_ctx.set_filters(replace(month_ctx.filters, channels=("电话",)))
    channel = view.model.column_index("channel")
    assert {view.model.index(r, channel).data() for r in range(view.model.rowCount())} == {"电话"}
