# ruff: noqa: F811 (pytest fixtures imported from gui_store and requested by name)
"""The intelligent-service and campaigns views on a store imported from real xlsx workbooks."""

from __future__ import annotations

from dataclasses import replace

from gui_store import month_ctx, month_store, month_template, shown  # noqa: F401 (fixtures)

from workbench.models.table import RECORD_ROLE
from workbench.views.bots import BotsView
from workbench.views.campaigns import CampaignsView


def test_bot_funnel_share_and_channels(qtbot, qtmodeltester, month_ctx, month_store) -> None:
    view = shown(BotsView(month_ctx), qtbot)
    questions, recognized, sessions, resolved, transferred = month_store.con.execute(
        "SELECT sum(questions), sum(recognized), count(*), count(*) FILTER (WHERE resolved), "
        "count(*) FILTER (WHERE transferred) FROM bot_sessions"
    ).fetchone()
    assert view.funnel.values == [questions, recognized, sessions, resolved, transferred]
    answered = month_store.con.execute("SELECT count(*) FROM contacts WHERE answered").fetchone()[0]
    share = sessions / (sessions + answered)
    assert f"{share * 100:.1f}%" in view.strip.value_text("bot_share")
    assert f"{share * 100:.1f}%" in view.share.text()

    qtmodeltester.check(view.model)
    channels = {g.key for g in view.model.rows()}
    assert {"手机银行", "微信银行", "网上银行"} <= channels
    assert set(view.data.daily) == {"手机银行", "微信银行", "网上银行"}
    visible = [c for c in view._curves if c.isVisible()]
    assert len(visible) == 3 and all(len(c.getData()[0]) == 7 for c in visible)

    # a channel filter changes the funnel
    with qtbot.waitSignal(view._runner.resultReady, timeout=20000):
        month_ctx.set_filters(replace(month_ctx.filters, channels=("微信银行",)))
    in_channel = month_store.con.execute(
        "SELECT count(*) FROM bot_sessions WHERE channel = '微信银行'"
    ).fetchone()[0]
    assert view.funnel.values[2] == in_channel < sessions


def test_campaign_funnel_amount_and_agents(qtbot, qtmodeltester, month_ctx, month_store) -> None:
    view = shown(CampaignsView(month_ctx), qtbot)
    assert view.wait(20)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.agent_model)
    assert {g.key for g in view.model.rows()} == {"CP01", "CP02"}
    touches, reached, converted = month_store.con.execute(
        "SELECT count(*), count(*) FILTER (WHERE reached), count(*) FILTER (WHERE converted) "
        "FROM campaigns"
    ).fetchone()
    assert view.funnel.values == [touches, reached, converted]
    assert view.agent_model.rowCount() == 5
    # agents carry their names even though the campaign export has none
    assert "张伟 (A01)" in {view.agent_model.index(r, 0).data() for r in range(5)}

    # select one campaign: its funnel and its agents
    row = next(
        r
        for r in range(view.proxy.rowCount())
        if view.proxy.index(r, 0).data(RECORD_ROLE).key == "CP02"
    )
    with qtbot.waitSignal(view._detail_runner.resultReady, timeout=20000):
        view.table.selectRow(row)
    cp02 = month_store.con.execute(
        "SELECT count(*), count(*) FILTER (WHERE reached), count(*) FILTER (WHERE converted), "
        "sum(amount) FROM campaigns WHERE campaign_id = 'CP02'"
    ).fetchone()
    assert view.funnel.values == list(cp02[:3])
    assert f"¥{float(cp02[3]):,.0f}" in view.funnel.getPlotItem().titleLabel.text
    assert "理财推荐" in view.agents_title.text()
    agent_touches = sum(g.value("campaign_touches").value for g in view.agent_model.rows())
    assert agent_touches == cp02[0]
