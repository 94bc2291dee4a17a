"""Outbound compliance: hand-built campaign and DNC files through the real importer, every rule
hit and counted, rule versions, the KPI, and the command line's JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from compliance_files import EXPECTED, TOUCHES, VIOLATING, write_campaigns, write_dnc

from workbench import cli
from workbench.compliance.evaluate import summary, violations
from workbench.compliance.rules import ContactRules, current_rules, rules_history, save_rules
from workbench.domain import Filters
from workbench.importing import import_files
from workbench.kpi.engine import compute
from workbench.store import Store, audit

OCT = (date(2026, 10, 1), date(2026, 10, 31))


@pytest.fixture()
def store(tmp_path: Path):
    files = [write_campaigns(tmp_path / "外呼明细.xlsx"), write_dnc(tmp_path / "免打扰名单.xlsx")]
    s = Store.open(tmp_path / "store.duckdb")
    result = import_files(s, files)
    assert [f.status for f in result.files] == ["imported", "imported"]
    assert [f.kind for f in result.files] == ["campaigns", "dnc"]
    yield s
    s.close()


def test_every_rule_is_hit_and_counted(store: Store) -> None:
    result = summary(store.con, *OCT)
    counts = {r["rule"]: r["violations"] for r in result.rules}
    assert counts == EXPECTED
    assert result.touches == TOUCHES and result.violating == VIOLATING
    assert result.violation_rate == pytest.approx(VIOLATING / TOUCHES)
    assert all(r["touches"] == TOUCHES for r in result.rules)


def test_dnc_is_hashed_with_the_campaigns_key_and_masked(store: Store) -> None:
    rows = store.con.execute("SELECT customer_hash, customer_masked FROM dnc").fetchall()
    assert len(rows) == 2
    assert all("13800000006" not in str(r) and "13800000008" not in str(r) for r in rows)
    joined = store.con.execute(
        "SELECT count(DISTINCT d.customer_hash) FROM dnc d JOIN campaigns c USING (customer_hash)"
    ).fetchone()[0]
    assert joined == 2


def test_violations_list_masked_customers(store: Store) -> None:
    listed = violations(store.con, *OCT)
    assert len(listed) == VIOLATING
    assert {row["customer"] for row in listed if "dnc" in row["rules"]} == {
        "138****0006",
        "138****0008",
    }
    assert listed[0]["rules"] == ["calling_window"]  # 5 October 07:30, the first breach
    by_rule = sorted(r for row in listed for r in row["rules"])
    assert by_rule.count("dnc") == 2 and by_rule.count("after_refusal") == 2


def test_the_kpi_counts_the_flags_stored_at_import(store: Store) -> None:
    report = compute(store.con, Filters(*OCT), kpi_ids=["campaign_violation_rate"])
    value = report.value("campaign_violation_rate")
    assert value.value == pytest.approx(VIOLATING / TOUCHES)
    assert value.status == "missed"  # the target is 0


def test_rules_are_versioned_and_a_change_reflags_the_touches(store: Store) -> None:
    assert current_rules(store.con) == (0, ContactRules())
    # 1 October a holiday with a 10:00–18:00 window: the 09:30 touch on it breaks the window.
    rules = ContactRules(holiday_window="10:00-18:00", holidays=("2026-10-01",))
    with store.transaction() as con:
        assert save_rules(con, rules, note="国庆") == 1
    assert current_rules(store.con) == (1, rules)
    counts = {r["rule"]: r["violations"] for r in summary(store.con, *OCT).rules}
    assert counts["calling_window"] == 2
    report = compute(store.con, Filters(*OCT), kpi_ids=["campaign_violation_rate"])
    assert report.value("campaign_violation_rate").value == pytest.approx(9 / TOUCHES)
    history = rules_history(store.con)
    assert [h["version"] for h in history] == [1] and history[0]["note"] == "国庆"
    assert audit.entries(store.con)[-1].event == "contact_rules_change"


def test_cli_json_shape(store: Store, tmp_path: Path, capsys) -> None:
    path = str(store.path)
    store.close()
    code = cli.main(
        ["compliance", "--store", path, "--from", "2026-10-01", "--to", "2026-10-31", "--json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["rule"] for r in out["rules"]] == list(EXPECTED)
    assert {r["rule"]: r["violations"] for r in out["rules"]} == EXPECTED
    assert out["violation_rate"] == pytest.approx(VIOLATING / TOUCHES)
    code = cli.main(["compliance", "--store", path, "--set-rule", "max_per_day=3", "--json"])
    assert code == 0 and json.loads(capsys.readouterr().out)["rules_version"] == 1
    cli.main(
        ["compliance", "--store", path, "--from", "2026-10-01", "--to", "2026-10-31", "--json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert {r["rule"]: r["violations"] for r in out["rules"]}["frequency_day"] == 0
    code = cli.main(["compliance", "--store", path, "--set-rule", "weekday_window=9-20"])
    assert code == 2


def test_rules_travel_in_the_target_profile_file(store: Store, tmp_path: Path, capsys) -> None:
    import tomllib

    path = str(store.path)
    store.close()
    profile = tmp_path / "profile.toml"
    assert cli.main(["targets", "--store", path, "save", str(profile)]) == 0
    data = tomllib.loads(profile.read_text(encoding="utf-8"))
    assert data["contact_rules"] == ContactRules().to_json() and "targets" in data
    text = profile.read_text(encoding="utf-8").replace("max_per_day = 2", "max_per_day = 3")
    profile.write_text(text, encoding="utf-8")
    assert cli.main(["targets", "--store", path, "load", str(profile)]) == 0
    capsys.readouterr()
    with Store.open(path, read_only=True) as again:
        version, rules = current_rules(again.con)
        counts = {r["rule"]: r["violations"] for r in summary(again.con, *OCT).rules}
    assert version == 1 and rules.max_per_day == 3
    assert counts["frequency_day"] == 0
    # a file whose rules are wrong is refused whole, naming the section
    profile.write_text(text.replace('"09:00-20:00"', '"9-20"', 1), encoding="utf-8")
    assert cli.main(["targets", "--store", path, "load", str(profile)]) == 3
    assert "contact_rules" in capsys.readouterr().err
    with Store.open(path, read_only=True) as again:
        assert again.con.execute("SELECT max(version) FROM target_versions").fetchone()[0] == 1


def test_a_reflag_writes_only_the_touches_whose_flag_changes(tmp_path: Path, monkeypatch) -> None:
    from workbench.compliance import evaluate, hooks

    written: list[int] = []

    def counted(con) -> int:
        written.append(evaluate.refresh(con))
        return written[-1]

    monkeypatch.setattr(hooks, "refresh", counted)
    files = [write_campaigns(tmp_path / "外呼明细.xlsx"), write_dnc(tmp_path / "免打扰名单.xlsx")]
    with Store.open(tmp_path / "store.duckdb") as s:
        assert [f.status for f in import_files(s, files).files] == ["imported", "imported"]
        stored = s.con.execute(
            "SELECT count(*), count(violation), count_if(violation) FROM campaigns"
        ).fetchone()
        assert evaluate.refresh(s.con) == 0  # every flag is right: nothing is written
    # new touches are stored unflagged; the campaigns import then writes the ones breaking a
    # rule, the list import those it makes break one (none stops breaking one): each once
    assert stored == (TOUCHES, TOUCHES, VIOLATING)
    assert len(written) == 2 and 0 < written[0] < TOUCHES
    assert written[0] + written[1] == VIOLATING


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_frequency_rules_count_as_a_plain_count_over_each_customers_touches(
    seed: int,
) -> None:
    """Random touches (few customers, many on one day, equal times) against counting in
    Python: the touch's number on its day (by time, then row), and the touches of the 6 / 29
    days before its day."""
    import random
    from datetime import datetime, timedelta

    import duckdb

    from workbench.compliance.evaluate import flags_sql

    rng = random.Random(seed)
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE campaigns (campaign_id VARCHAR, customer_hash VARCHAR, customer_masked "
        "VARCHAR, agent_id VARCHAR, touched_at TIMESTAMP, refused BOOLEAN, complaint BOOLEAN)"
    )
    con.execute(
        "CREATE TABLE contacts (customer_hash VARCHAR, started_at TIMESTAMP, complaint BOOLEAN)"
    )
    con.execute("CREATE TABLE dnc (customer_hash VARCHAR, listed_on TIMESTAMP)")
    start = datetime(2026, 9, 1, 9)
    touches = []
    for _ in range(400):
        customer = rng.choice(["a", "b", "c", None])
        at = start + timedelta(days=rng.randrange(45), hours=rng.choice([0, 1, 1, 5]))
        touches.append((customer, at))
    con.executemany(
        "INSERT INTO campaigns VALUES ('c1', ?, NULL, NULL, ?, FALSE, FALSE)", touches
    )
    rules = ContactRules(max_per_day=2, max_per_7d=4, max_per_30d=8)
    got = {
        rid: (day, d7, d30)
        for rid, day, d7, d30 in con.execute(
            f"SELECT rid, frequency_day, frequency_7d, frequency_30d FROM ({flags_sql(rules)})"
        ).fetchall()
    }
    for rid, (customer, at) in enumerate(touches):
        if customer is None:
            assert got[rid] == (False, False, False)
            continue
        mine = [(a, r) for r, (c, a) in enumerate(touches) if c == customer]
        nth = sum(1 for a, r in mine if a.date() == at.date() and (a, r) <= (at, rid))
        before = [(at.date() - a.date()).days for a, _r in mine]
        d7 = sum(1 for days in before if 1 <= days <= 6)
        d30 = sum(1 for days in before if 1 <= days <= 29)
        assert got[rid] == (nth > 2, d7 + nth > 4, d30 + nth > 8), (rid, customer, at)
