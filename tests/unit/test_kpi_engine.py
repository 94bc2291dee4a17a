"""The KPI engine against hand-computed values on small real DuckDB stores."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.domain import Filters, KpiOptions, Target
from workbench.errors import UsageError
from workbench.kpi import catalogue
from workbench.kpi.engine import compute, filter_choices
from workbench.kpi.targets import TargetProfile
from workbench.store import Store

CONTACT_COLUMNS = (
    "contact_id, started_at, channel, queue, agent_id, agent_name, wait_s, answered, talk_s, "
    "hold_s, acw_s, resolved, csat_score, csat_scale, csat_satisfied, complaint, import_id"
)

# id, started_at, channel, queue, agent, name, wait, answered, talk, hold, acw, resolved,
# csat score, scale, satisfied, complaint
N, Y, F = None, True, False
D1, D2 = "2026-10-01 ", "2026-10-02 "
CONTACTS = [
    ("c1", D1 + "09:00", "voice", "A", "8001", "张三", 10, Y, 100, 10, 20, Y, 5, 5, Y, F),
    ("c2", D1 + "10:00", "voice", "A", "8001", "张三", 30, Y, 200, 0, 40, F, 3, 5, F, Y),
    ("c3", D1 + "11:00", "voice", "A", N, N, 3, F, N, N, N, N, N, N, N, N),
    # csat as a label: 满意 (no score, no scale, satisfied)
    ("c4", D2 + "09:00", "voice", "B", "8002", "李四", 20, Y, 300, N, N, N, N, N, Y, F),
    ("c5", D2 + "09:30", "在线", "B", "8002", "李四", 50, Y, 60, 0, 0, Y, 4, 5, Y, N),
    ("c6", D2 + "10:00", "voice", "B", N, N, 45, F, N, N, N, N, N, N, N, N),
    # csat as a label: 不满意
    ("c7", D2 + "11:00", "voice", "A", "8001", "张三", 25, Y, 100, 5, 10, Y, N, N, F, F),
]


def add_contacts(con, rows) -> None:
    con.executemany(
        f"INSERT INTO contacts ({CONTACT_COLUMNS}) VALUES ({', '.join(['?'] * 17)})",
        [[*row, 1] for row in rows],
    )


def add_intervals(con, rows) -> None:
    """rows: (period_start, queue, offered, answered, in_sl, wait_sum, handle_sum)."""
    con.executemany(
        "INSERT INTO intervals (period_start, interval_s, queue, offered, answered, abandoned, "
        "answered_in_sl, sl_threshold_s, answer_wait_sum_s, handle_sum_s, import_id) "
        "VALUES (?, 86400, ?, ?, ?, NULL, ?, 20, ?, ?, 2)",
        rows,
    )


def add_bots(con) -> None:
    con.executemany(
        "INSERT INTO bot_sessions (session_id, started_at, channel, questions, recognized, "
        "resolved, transferred, rating_score, rating_scale, rating_satisfied, import_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 3)",
        [
            ("b1", "2026-10-01 08:00", "手机银行", 4, 3, True, False, 5, 5, True),
            ("b2", "2026-10-01 08:10", "手机银行", 2, 2, False, True, 2, 5, False),
            ("b3", "2026-10-02 08:00", "微信银行", None, None, True, False, None, None, None),
            ("b4", "2026-10-02 08:30", "在线", 3, 1, None, None, 9, 10, True),
        ],
    )


def add_campaigns(con) -> None:
    con.executemany(
        "INSERT INTO campaigns (campaign_id, campaign_name, touched_at, channel, agent_id, "
        "reached, converted, amount, complaint, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 4)",
        [
            ("K1", "基金定投", "2026-10-01 14:00", "voice", "8001", True, True, 1000.50, False),
            ("K1", "基金定投", "2026-10-01 14:10", "voice", "8001", True, False, None, True),
            ("K1", "基金定投", "2026-10-02 14:00", "voice", "8002", False, None, None, None),
            ("K2", "信用卡分期", "2026-10-02 15:00", "sms", "8002", True, True, 2000, False),
        ],
    )


def add_agent_states(con) -> None:
    con.executemany(
        "INSERT INTO agent_states (agent_id, agent_name, period_start, logged_in_s, available_s, "
        "talk_s, hold_s, acw_s, not_ready_s, scheduled_s, import_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 5)",
        [
            ("8001", "张三", "2026-10-01", 28800, 7200, 14400, 1800, 1800, 3600, 28800),
            ("8002", "李四", "2026-10-02", 10000, 2000, 5000, 0, 1000, 2000, 10000),
        ],
    )


def add_quality(con) -> None:
    con.executemany(
        "INSERT INTO quality (agent_id, inspected_at, contact_id, score, fatal, import_id) "
        "VALUES (?, ?, ?, ?, ?, 6)",
        [
            ("8001", "2026-10-01 16:00", "c1", 90, False),
            ("8001", "2026-10-02 16:00", "c2", 80, False),
            ("8002", "2026-10-02 16:00", "c4", 100, False),
        ],
    )


@pytest.fixture
def full(store):
    """A store with every kind of data for 1–2 October 2026."""
    con = store.con
    add_contacts(con, CONTACTS)
    add_bots(con)
    add_campaigns(con)
    add_agent_states(con)
    add_quality(con)
    return store


def values(report) -> dict:
    return {v.kpi_id: v for v in report.values}


def test_every_indicator_by_hand(full):
    report = compute(full.con, Filters())
    v = values(report)
    assert set(v) == set(catalogue.ids())
    expected = {
        "offered": 7,
        "answered": 5,
        "answer_rate": 5 / 7,
        "service_level": 2 / 7,
        "asa": 135 / 5,
        "abandon_rate": 2 / 7,
        # AHT over answered contacts that carry ACW (c4 has none): coverage 4 of 5
        "aht": (130 + 240 + 60 + 115) / 4,
        "acw": (20 + 40 + 0 + 10) / 4,
        "fcr": 3 / 4,
        "csat": 3 / 5,
        "csat_mean": (5 + 3 + 4) / 3,
        "complaint_rate": 1 / 4,
        "transfer_rate": None,  # no transferred column
        "fcr_repeat": None,  # no customer column
        "bot_transfer_answered": None,  # no customer column in the bot sessions
        "occupancy": 24000 / 33200,
        "utilisation": 24000 / 38800,
        "qa_score": 90,
        "bot_sessions": 4,
        "bot_share": 4 / 9,
        "bot_recognition": 6 / 9,
        "bot_resolution": 2 / 3,
        "bot_transfer": 1 / 3,
        "bot_csat": 2 / 3,
        "campaign_touches": 4,
        "campaign_reach": 3 / 4,
        "campaign_conversion": 2 / 3,
        "campaign_amount": 3000.50,
        "campaign_complaint_rate": 1 / 3,
        "campaign_violation_rate": 0 / 4,  # no flag stored (see test_compliance.py for 8 / 25)
    }
    assert set(expected) == set(catalogue.ids())
    for kpi_id, value in expected.items():
        if value is None:
            assert v[kpi_id].value is None and v[kpi_id].status == "no_data", kpi_id
            continue
        assert v[kpi_id].value == pytest.approx(value), kpi_id
    assert (v["aht"].coverage_n, v["aht"].coverage_of, v["aht"].variant) == (4, 5, None)
    assert (v["fcr"].coverage_n, v["fcr"].coverage_of) == (4, 5)
    assert (v["answer_rate"].numerator, v["answer_rate"].denominator) == (5, 7)
    assert v["offered"].denominator is None
    assert report.start == date(2026, 10, 1) and report.end == date(2026, 10, 2)
    assert report.targets_version == 0


def test_status_against_default_targets(full):
    v = values(compute(full.con, Filters()))
    assert v["answer_rate"].status == "missed"  # 0.714 < 0.94
    assert v["aht"].status == "met"  # 169 <= 360
    assert v["acw"].status == "met"  # 17.5 <= 30
    assert v["occupancy"].status == "missed"  # 0.723 outside 0.75–0.90
    assert v["qa_score"].status == "met"  # 90 >= 90
    assert v["offered"].status == "no_target"  # a value without a target
    assert v["answer_rate"].target == Target("answer_rate", ">=", low=0.94)


def test_profile_passed_in_is_used(full):
    profile = TargetProfile(7, {"answer_rate": Target("answer_rate", ">=", low=0.7)})
    report = compute(full.con, Filters(), profile=profile)
    assert report.targets_version == 7
    assert values(report)["answer_rate"].status == "met"
    assert values(report)["asa"].target is None


def test_empty_store_is_no_data_everywhere(store):
    report = compute(store.con, Filters())
    for v in report.values:
        assert v.value is None and v.status == "no_data", v.kpi_id
    assert report.start is None and report.groups == ()


def test_zero_denominators_are_no_data(store):
    # only abandoned contacts without any rating, resolution, complaint or ACW
    add_contacts(
        store.con,
        [("x1", "2026-10-01 09:00", "voice", "A", None, None, 5, False, None, None, None,
          None, None, None, None, None)],
    )  # fmt: skip
    v = values(compute(store.con, Filters()))
    assert v["answer_rate"].value == 0 and v["answer_rate"].status == "missed"
    for kpi_id in ("asa", "aht", "acw", "fcr", "csat", "csat_mean", "complaint_rate"):
        assert v[kpi_id].value is None and v[kpi_id].status == "no_data", kpi_id
        assert v[kpi_id].denominator == 0
    # bot share: answered is 0 and there are no bot sessions
    assert v["bot_share"].value is None


def test_service_level_variants_and_threshold(full):
    con = full.con
    sl = {}
    for variant in ("offered", "answered", "offered_minus_short"):
        for threshold in (20, 60):
            options = KpiOptions(sl_threshold_s=threshold, sl_denominator=variant)
            sl[variant, threshold] = compute(con, Filters(), options=options).value("service_level")
    assert sl["offered", 20].value == pytest.approx(2 / 7)
    assert sl["answered", 20].value == pytest.approx(2 / 5)
    # abandoned within 20 s: c3 (3 s); c6 waited 45 s
    assert sl["offered_minus_short", 20].value == pytest.approx(2 / 6)
    assert sl["offered", 60].value == pytest.approx(5 / 7)
    assert sl["answered", 60].value == pytest.approx(5 / 5)
    assert sl["offered_minus_short", 60].value == pytest.approx(5 / 5)
    assert (sl["offered_minus_short", 20].numerator, sl["offered_minus_short", 20].denominator) == (
        2,
        6,
    )


def test_short_abandons_leave_numerator_and_denominator(full):
    v = values(compute(full.con, Filters(), options=KpiOptions(short_abandon_s=5)))
    assert v["offered"].value == 7  # S changes only the three rates, never the count
    assert v["answer_rate"].value == pytest.approx(5 / 6)
    assert v["abandon_rate"].value == pytest.approx(1 / 6)
    assert v["service_level"].value == pytest.approx(2 / 6)
    # ASA and the rest are over answered contacts: unchanged
    assert v["asa"].value == pytest.approx(27)
    # a threshold at exactly the wait counts as short (<= S)
    v = values(compute(full.con, Filters(), options=KpiOptions(short_abandon_s=3)))
    assert v["answer_rate"].denominator == 6
    v = values(compute(full.con, Filters(), options=KpiOptions(short_abandon_s=2)))
    assert v["answer_rate"].denominator == 7


def test_options_saved_in_store_are_the_default(full):
    from workbench.kpi.targets import save_options

    save_options(full.con, KpiOptions(sl_threshold_s=60, short_abandon_s=5))
    report = compute(full.con, Filters())
    assert report.options.sl_threshold_s == 60
    assert report.value("service_level").value == pytest.approx(5 / 6)


def test_satisfaction_on_a_ten_point_scale(store):
    rows = []
    for i, score in enumerate((9, 10, 7, 3)):
        rows.append(
            (f"t{i}", "2026-10-05 09:00", "voice", "A", "8001", None, 5, True, 60, 0, 0, True,
             score, 10, score >= 9, False)
        )  # fmt: skip
    add_contacts(store.con, rows)
    v = values(compute(store.con, Filters()))
    assert v["csat"].value == pytest.approx(2 / 4)
    # normalised to 1–5: 1 + (s − 1) × 4 / 9 for each 10-point answer
    assert v["csat_mean"].value == pytest.approx(
        sum(1 + (s - 1) * 4 / 9 for s in (9, 10, 7, 3)) / 4
    )


def test_labels_count_for_csat_but_not_for_the_mean(full):
    v = values(compute(full.con, Filters(), kpi_ids=["csat", "csat_mean"]))
    assert [x.kpi_id for x in compute(full.con, Filters(), kpi_ids=["csat"]).values] == ["csat"]
    assert (v["csat"].numerator, v["csat"].denominator) == (3, 5)  # c4 满意, c7 不满意 included
    assert v["csat_mean"].denominator == 3  # labels have no score


def test_month_from_daily_summaries_is_weighted(store):
    # two days in November without contacts: one busy good day, one quiet bad day
    add_intervals(
        store.con,
        [
            ("2026-11-02", "A", 100, 90, 80, 900.0, 90 * 300.0),
            ("2026-11-03", "A", 10, 5, 1, 500.0, 5 * 100.0),
        ],
    )
    report = compute(store.con, Filters(), by="month")
    v = values(report)
    assert v["answer_rate"].value == pytest.approx(95 / 110)  # not (0.9 + 0.5) / 2 = 0.7
    assert v["asa"].value == pytest.approx(1400 / 95)  # not (10 + 100) / 2 = 55
    assert v["service_level"].value == pytest.approx(81 / 110)
    assert v["aht"].value == pytest.approx((27000 + 500) / 95)
    assert v["abandon_rate"].value == pytest.approx(15 / 110)
    assert v["offered"].value == 110
    assert v["fcr"].value is None  # summaries carry no resolution
    [month] = report.groups
    assert month.key == "2026-11-01"
    assert month.value("answer_rate").value == pytest.approx(95 / 110)
    days = compute(store.con, Filters(), by="day").groups
    assert [g.key for g in days] == ["2026-11-02", "2026-11-03"]
    assert days[1].value("answer_rate").value == pytest.approx(0.5)


def test_contacts_take_precedence_over_summaries_per_day(full):
    add_intervals(
        full.con,
        [
            ("2026-10-01", "A", 1000, 1000, 1000, 0.0, 0.0),  # a contacts day: ignored
            ("2026-10-03", "A", 10, 8, 8, 80.0, 800.0),  # no contacts that day: used
        ],
    )
    report = compute(full.con, Filters(), by="day")
    v = values(report)
    assert v["offered"].value == 7 + 10
    assert v["answered"].value == 5 + 8
    assert v["asa"].value == pytest.approx((135 + 80) / (5 + 8))
    assert v["service_level"].value == pytest.approx((2 + 8) / (7 + 10))
    assert [g.key for g in report.groups] == ["2026-10-01", "2026-10-02", "2026-10-03"]
    assert report.groups[0].value("offered").value == 3
    assert report.groups[2].value("offered").value == 10
    # a queue filter that removes that day's contacts does not bring the summary back
    only_b = values(compute(full.con, Filters(queues=("B",)), by="day"))
    assert only_b["offered"].value == 3


def test_group_by_queue_agent_channel(full):
    by_queue = compute(full.con, Filters(), by="queue")
    assert [g.key for g in by_queue.groups] == ["A", "B"]
    a, b = by_queue.groups
    assert (a.value("offered").value, a.value("answered").value) == (4, 3)
    assert (b.value("offered").value, b.value("answered").value) == (3, 2)
    # tables without a queue feed the overall figure only
    assert a.value("bot_sessions").value is None
    assert values(by_queue)["bot_sessions"].value == 4
    assert a.by == "queue"

    by_agent = compute(full.con, Filters(), by="agent")
    assert [g.key for g in by_agent.groups] == ["", "8001", "8002"]
    none, zhang, li = by_agent.groups
    assert none.value("offered").value == 2 and none.value("answer_rate").value == 0
    assert zhang.label == "张三" and li.label == "李四"
    assert zhang.value("answer_rate").value == 1
    assert zhang.value("asa").value == pytest.approx((10 + 30 + 25) / 3)
    assert zhang.value("occupancy").value == pytest.approx(18000 / 25200)
    assert zhang.value("qa_score").value == pytest.approx(85)
    assert li.value("campaign_touches").value == 2
    assert li.value("campaign_amount").value == pytest.approx(2000)
    # the overall figures do not depend on the grouping
    assert values(by_agent)["answer_rate"].value == pytest.approx(5 / 7)

    by_channel = compute(full.con, Filters(), by="channel")
    keys = [g.key for g in by_channel.groups]
    assert keys == sorted(["voice", "在线", "手机银行", "微信银行", "sms"])
    online = by_channel.groups[keys.index("在线")]
    assert online.value("answered").value == 1
    assert online.value("bot_sessions").value == 1
    assert online.value("bot_share").value == pytest.approx(1 / 2)


def test_group_by_week_month_campaign(full):
    weeks = compute(full.con, Filters(), by="week")
    assert [g.key for g in weeks.groups] == ["2026-09-28"]  # Monday of the week
    assert weeks.groups[0].value("offered").value == 7
    months = compute(full.con, Filters(), by="month")
    assert [g.key for g in months.groups] == ["2026-10-01"]
    campaigns = compute(full.con, Filters(), by="campaign")
    assert [(g.key, g.label) for g in campaigns.groups] == [
        ("K1", "基金定投"),
        ("K2", "信用卡分期"),
    ]
    k1 = campaigns.groups[0]
    assert k1.value("campaign_reach").value == pytest.approx(2 / 3)
    assert k1.value("campaign_conversion").value == pytest.approx(1 / 2)
    assert k1.value("answer_rate").value is None


def test_filters(full):
    con = full.con
    day2 = values(compute(con, Filters(start=date(2026, 10, 2), end=date(2026, 10, 2))))
    assert day2["offered"].value == 4  # c4..c7; end day inclusive
    assert day2["bot_sessions"].value == 2
    assert day2["qa_score"].value == pytest.approx(90)  # 80 and 100
    queue_a = values(compute(con, Filters(queues=("A",))))
    assert queue_a["offered"].value == 4
    assert queue_a["bot_sessions"].value == 4  # bots are not in a queue: not filtered
    agent = values(compute(con, Filters(agents=("8002",))))
    assert agent["answered"].value == 2
    assert agent["campaign_touches"].value == 2
    assert agent["occupancy"].value == pytest.approx(6000 / 8000)
    channel = values(compute(con, Filters(channels=("手机银行",))))
    assert channel["bot_sessions"].value == 2 and channel["offered"].value is None
    campaign = values(compute(con, Filters(campaigns=("K2",))))
    assert campaign["campaign_touches"].value == 1
    assert campaign["offered"].value == 7  # contacts have no campaign


def test_agent_filter_leaves_out_interval_summaries(full):
    add_intervals(full.con, [("2026-10-03", "A", 10, 8, 8, 80.0, 800.0)])
    assert values(compute(full.con, Filters()))["offered"].value == 17
    assert values(compute(full.con, Filters(agents=("8001",))))["offered"].value == 3
    by_agent = compute(full.con, Filters(), by="agent")
    assert values(by_agent)["offered"].value == 17
    assert sum(g.value("offered").value or 0 for g in by_agent.groups) == 7


def test_bad_arguments(full):
    with pytest.raises(UsageError):
        compute(full.con, Filters(), by="year")
    with pytest.raises(UsageError):
        compute(full.con, Filters(start=date(2026, 10, 3), end=date(2026, 10, 1)))
    with pytest.raises(KeyError):
        compute(full.con, Filters(), kpi_ids=["nope"])


def test_works_on_a_cursor(full):
    cursor = full.cursor()
    assert compute(cursor, Filters()).value("offered").value == 7


def test_filter_choices(full):
    choices = filter_choices(full.con)
    assert choices["queues"] == ["A", "B"]
    assert choices["agents"] == ["8001", "8002"]
    assert choices["campaigns"] == ["K1", "K2"]
    assert "手机银行" in choices["channels"] and "voice" in choices["channels"]
    assert choices["first_day"] == date(2026, 10, 1)
    assert choices["last_day"] == date(2026, 10, 2)
    assert choices["agent_names"] == {"8001": "张三", "8002": "李四"}
    assert choices["campaign_names"] == {"K1": "基金定投", "K2": "信用卡分期"}
    empty = filter_choices(Store.memory().con)
    assert empty["queues"] == [] and empty["first_day"] is None


def test_fast_value_records_equal_normal_ones(full):
    from workbench.domain import KpiValue
    from workbench.kpi.engine import _new_value

    target = Target("asa", "<=", high=15)
    fast = _new_value("asa", 1.0, 2, 2, target, "met", 2, 3, None)
    assert fast == KpiValue("asa", 1.0, 2, 2, target, "met", 2, 3, None)
    assert type(fast) is KpiValue and fast.to_json()["status"] == "met"


def test_collector_is_paused_only_while_the_report_is_assembled(full):
    import gc

    from workbench.kpi import engine

    seen = []
    assemble = engine._assemble

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return assemble(*args, **kwargs)

    engine._assemble = spy
    try:
        assert gc.isenabled()
        compute(full.con, Filters(), by="agent")
        assert seen == [False] and gc.isenabled()
        gc.disable()  # a caller that holds the collector off keeps it off
        compute(full.con, Filters(), by="agent")
        assert not gc.isenabled()
        gc.enable()

        def failing(*args, **kwargs):
            raise RuntimeError("assembly failed")

        engine._assemble = failing
        with pytest.raises(RuntimeError):  # an error leaves it on again
            compute(full.con, Filters(), by="agent")
        assert gc.isenabled()
    finally:
        gc.enable()
        engine._assemble = assemble
