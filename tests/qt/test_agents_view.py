# ruff: noqa: F811 (pytest fixtures imported from gui_store and requested by name)
"""The agents view on a store imported from real xlsx workbooks: sorting, filters, drill-down."""

from __future__ import annotations

from dataclasses import replace

from gui_store import month_ctx, month_store, month_template, shown  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt

from workbench.domain import Filters
from workbench.models.table import RECORD_ROLE, SORT_ROLE
from workbench.views.agents import AgentDetailDialog, AgentsView


def _column_values(view: AgentsView, kpi_id: str, role=SORT_ROLE) -> list:
    col = view.model.column_index(kpi_id)
    return [view.proxy.index(r, col).data(role) for r in range(view.proxy.rowCount())]


def test_agents_table_sorts_numerically_and_passes_modeltester(
    qtbot, qtmodeltester, month_ctx
) -> None:
    view = shown(AgentsView(month_ctx), qtbot)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    assert view.model.rowCount() == 5  # abandoned contacts have no agent: not a row

    aht = view.model.column_index("aht")
    view.table.sortByColumn(aht, Qt.SortOrder.AscendingOrder)
    raw = _column_values(view, "aht")
    assert all(isinstance(v, float) for v in raw) and raw == sorted(raw)
    agents = [g.key for g in _column_values(view, "aht", RECORD_ROLE)]
    assert agents == ["A01", "A02", "A03", "A04", "A05"]  # talk time grows with the agent no.

    # counts sort as numbers even when their text would not ("77" vs "100")
    offered = view.model.column_index("offered")
    view.table.sortByColumn(offered, Qt.SortOrder.DescendingOrder)
    counts = _column_values(view, "offered")
    assert counts == sorted(counts, reverse=True)

    # the ranking chart shows the best AHT first (lowest is best)
    view.indicator.setCurrentIndex(view.indicator.findData("aht"))
    assert view.chart.labels[0] == "张伟" and view.chart.labels[-1] == "陈静"


def test_filters_change_the_numbers_shown(qtbot, month_ctx, month_store) -> None:
    view = shown(AgentsView(month_ctx), qtbot)
    before = {g.key: g.value("offered").value for g in view.model.rows()}
    sql_total = month_store.con.execute(
        "SELECT count(*) FROM contacts WHERE agent_id IS NOT NULL"
    ).fetchone()[0]
    assert sum(before.values()) == sql_total

    with qtbot.waitSignal(view._runner.resultReady, timeout=20000):
        month_ctx.set_filters(replace(month_ctx.filters, queues=("信用卡",)))
    view.wait()
    after = {g.key: g.value("offered").value for g in view.model.rows()}
    in_queue = month_store.con.execute(
        "SELECT count(*) FROM contacts WHERE agent_id IS NOT NULL AND queue = '信用卡'"
    ).fetchone()[0]
    assert sum(after.values()) == in_queue < sql_total
    assert after != before

    # the text filter narrows the rows without a new query
    view.search.setText("李娜")  # (QTest.keyClicks types ASCII only)
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 0).data(RECORD_ROLE).key == "A02"
    view.search.clear()
    assert view.proxy.rowCount() == 5


def test_double_click_opens_the_agents_contacts_and_trend(qtbot, month_ctx, month_store) -> None:
    view = shown(AgentsView(month_ctx), qtbot)
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    index = view.proxy.index(2, 0)
    group = index.data(RECORD_ROLE)
    view.table.doubleClicked.emit(index)
    dialogs = view.findChildren(AgentDetailDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.agent_id == group.key
    assert dialog.wait(20)
    expected = month_store.con.execute(
        "SELECT count(*) FROM contacts WHERE agent_id = ?", [group.key]
    ).fetchone()[0]
    assert dialog.total_contacts == expected == dialog.contacts_model.rowCount()
    masked = dialog.contacts_model.column_index("customer_masked")
    texts = {dialog.contacts_model.index(r, masked).data() for r in range(expected)}
    assert all("****" in t for t in texts)
    # no clear phone number anywhere in the table
    for r in range(expected):
        for c in range(dialog.contacts_model.columnCount()):
            assert "1380013" not in (dialog.contacts_model.index(r, c).data() or "")
    assert len(dialog.daily.groups) == 7
    assert dialog._curve.getData()[0] is not None and len(dialog._curve.getData()[0]) == 7


def test_agents_view_shows_no_data_for_an_empty_period(qtbot, month_ctx) -> None:
    view = shown(AgentsView(month_ctx), qtbot)
    with qtbot.waitSignal(view._runner.resultReady, timeout=20000):
        month_ctx.set_filters(Filters(start=month_ctx.filters.end.replace(year=2030)))
    assert view.model.rowCount() == 0
    assert view.chart.labels == []


def test_chart_axis_unit_is_translated(qtbot, month_ctx) -> None:
    """The ranking chart's unit in Chinese (it showed "seconds": lupdate had filed the
    texts under a context no widget has)."""
    from workbench.views.i18n import install_translator

    install_translator("zh_CN")
    try:
        view = shown(AgentsView(month_ctx), qtbot)
        view.indicator.setCurrentIndex(view.indicator.findData("aht"))
        axis = view.chart.getPlotItem().getAxis("bottom").labelText
        view.indicator.setCurrentIndex(view.indicator.findData("offered"))
        counted = view.chart.getPlotItem().getAxis("bottom").labelText
    finally:
        install_translator("en")
    assert axis == "秒" and counted == "通"
