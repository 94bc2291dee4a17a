"""The catalogue (one entry per indicator of kpis.md), benchmarks and value formatting."""

from __future__ import annotations

import pytest

from workbench.domain import Filters, KpiOptions
from workbench.kpi import catalogue
from workbench.kpi.benchmarks import benchmark
from workbench.kpi.engine import compute, format_seconds, format_value

SPEC_IDS = {
    "service": [
        "offered", "answered", "answer_rate", "service_level", "asa", "abandon_rate", "aht",
        "acw", "fcr", "fcr_repeat", "transfer_rate", "csat", "csat_mean", "complaint_rate",
        "occupancy", "utilisation", "qa_score",
    ],
    "intelligent": [
        "bot_sessions", "bot_share", "bot_recognition", "bot_resolution", "bot_transfer",
        "bot_transfer_answered", "bot_csat",
    ],
    "operation": [
        "campaign_touches", "campaign_reach", "campaign_conversion", "campaign_amount",
        "campaign_complaint_rate", "campaign_violation_rate",
    ],
}  # fmt: skip


def test_one_entry_per_spec_indicator_in_order():
    assert [g[0] for g in catalogue.GROUPS] == list(SPEC_IDS)
    for group, ids in SPEC_IDS.items():
        assert [k.id for k in catalogue.by_group(group)] == ids
    assert len(catalogue.KPIS) == len(set(catalogue.ids())) == sum(map(len, SPEC_IDS.values()))


def test_entries_are_consistent():
    ops = {"higher": ">=", "lower": "<=", "band": "band"}
    for kpi in catalogue.KPIS:
        assert kpi.name_zh and kpi.name_en and kpi.source and kpi.formula_zh and kpi.formula_en
        # names follow the service-level threshold T (20 s by default)
        assert kpi.name("zh_CN") == kpi.name_zh.replace("{T}", "20")
        assert kpi.name("en") == kpi.name_en.replace("{T}", "20")
        assert kpi.numerator, kpi.id
        if kpi.kind == "sum":
            assert not kpi.denominator and kpi.unit in ("count", "yuan")
        else:
            assert kpi.denominator, kpi.id
        if kpi.default_target is not None:
            assert kpi.default_target.kpi_id == kpi.id
            assert kpi.default_target.op == ops[kpi.direction]
        if kpi.direction == "none":
            assert kpi.default_target is None
        for table in kpi.tables():
            assert table in catalogue.TIME_COLUMNS
    assert catalogue.get("asa").unit == "s"
    with pytest.raises(KeyError, match="unknown indicator"):
        catalogue.get("speed")
    assert catalogue.group_name("intelligent", "zh_CN") == "智能服务"


@pytest.mark.parametrize("variant", ["offered", "answered", "offered_minus_short"])
def test_every_term_is_valid_sql_on_every_table(store, variant):
    # one row in every table so every query really runs
    con = store.con
    con.execute(
        "INSERT INTO contacts (contact_id, started_at, answered, import_id) "
        "VALUES ('c', '2026-10-01', true, 1)"
    )
    con.execute(
        "INSERT INTO intervals (period_start, offered, answered, import_id) "
        "VALUES ('2026-10-02', 1, 1, 1)"
    )
    con.execute(
        "INSERT INTO agent_states (agent_id, period_start, import_id) VALUES ('a', '2026-10-01', 1)"
    )
    con.execute(
        "INSERT INTO bot_sessions (session_id, started_at, import_id) VALUES ('b', '2026-10-01', 1)"
    )
    con.execute(
        "INSERT INTO campaigns (campaign_id, touched_at, import_id) VALUES ('k', '2026-10-01', 1)"
    )
    con.execute(
        "INSERT INTO quality (agent_id, inspected_at, import_id) VALUES ('a', '2026-10-01', 1)"
    )
    options = KpiOptions(sl_threshold_s=15, short_abandon_s=3, sl_denominator=variant)
    for by in (None, "day", "week", "month", "queue", "agent", "channel", "campaign"):
        report = compute(con, Filters(), by=by, options=options)
        assert report.value("offered").value == 2  # one contact + one summary row
        assert report.value("campaign_touches").value == 1


def test_benchmarks():
    answer_rate = benchmark("answer_rate")
    assert answer_rate.value == pytest.approx(0.9418) and answer_rate.year == 2024
    assert "人工电话平均接通率" in answer_rate.label("zh_CN")
    assert benchmark("bot_share").value == pytest.approx(0.5013)
    assert benchmark("asa").value == 15
    assert benchmark("service_level").year == 2013
    assert benchmark("csat").value == pytest.approx(0.9946)
    assert benchmark("qa_score") is None
    for kpi_id in ("answer_rate", "bot_share", "asa", "service_level", "csat"):
        catalogue.get(kpi_id)


@pytest.mark.parametrize(
    ("kpi_id", "value", "text"),
    [
        ("answer_rate", 0.9418, "94.2%"),
        ("answer_rate", 1.0, "100.0%"),
        ("complaint_rate", 0.0015, "0.15%"),
        ("complaint_rate", 0.0, "0.0%"),
        ("asa", 65.0, "1:05"),
        ("asa", 67.52, "1:08"),
        ("aht", 3725, "1:02:05"),
        ("offered", 12345, "12,345"),
        ("campaign_amount", 12345.4, "¥12,345"),
        ("campaign_amount", 12.5, "¥12.50"),
        ("csat_mean", 3.4, "3.40"),
        ("qa_score", 91.25, "91.2"),
        ("asa", None, "—"),
    ],
)
def test_format_value(kpi_id, value, text):
    assert format_value(kpi_id, value) == text
    assert format_value(catalogue.get(kpi_id), value, "zh_CN") == text


def test_format_seconds_rounds():
    assert format_seconds(59.6) == "1:00"
    assert format_seconds(0) == "0:00"


def test_period_key_matches_engine_keys():
    from datetime import date

    from workbench.kpi.engine import period_key

    assert period_key(date(2026, 10, 1), "day") == "2026-10-01"
    assert period_key(date(2026, 10, 1), "week") == "2026-09-28"
    assert period_key(date(2026, 10, 31), "month") == "2026-10-01"
    with pytest.raises(ValueError):
        period_key(date(2026, 10, 1), "queue")
