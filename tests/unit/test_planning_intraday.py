"""Interval binning, the heat-map matrix and staffed agents on hand-built data in a real store.

Files are written here and imported through the real importer; figures are worked by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from workbench.domain import Filters
from workbench.importing import import_files
from workbench.kpi.engine import compute
from workbench.kpi.targets import current_profile
from workbench.planning.intraday import (
    contacts_in,
    day_matrix,
    interval_groups,
    interval_table,
)
from workbench.planning.staffing import build_plan, estimate_patience
from workbench.store import Store

D5, D6, D7 = dt.datetime(2026, 10, 5), dt.datetime(2026, 10, 6), dt.datetime(2026, 10, 7)


def _xlsx(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _at(day: dt.datetime, hh: int, mm: int, ss: int = 0) -> dt.datetime:
    return day.replace(hour=hh, minute=mm, second=ss)


@pytest.fixture
def planning_store(store: Store, tmp_path: Path) -> Store:
    contacts = [
        ["流水号", "进线时间", "技能组", "坐席工号", "排队时长(秒)", "是否接通", "通话时长(秒)"],
        ["C1", _at(D5, 8, 0, 10), "Q1", "A1", 10, "是", 100],
        ["C2", _at(D5, 8, 14, 59), "Q1", "A2", 30, "是", 200],
        ["C3", _at(D5, 8, 15, 0), "Q2", None, 40, "否", None],
        ["C4", _at(D5, 8, 40), "Q1", "A1", 5, "是", 60],
        ["C5", _at(D5, 9, 5), "Q2", "A2", 25, "是", 120],
        ["C6", _at(D6, 10, 0), "Q1", "A1", 3, "是", 90],
    ]
    summaries = [  # a summary day without contacts: used; one on D5: ignored (contacts win)
        ["统计日期", "时段", "技能组", "人工请求量", "人工接通量", "放弃量", "平均处理时长"],
        ["2026-10-07", "09:00-09:30", "Q1", 40, 38, 2, "0:04:00"],
        ["2026-10-05", "09:00-09:30", "Q1", 500, 400, 100, "0:04:00"],
    ]
    states = [  # 15-minute agent states: A1 and A2 logged in for 08:00–08:30 of D5
        ["坐席工号", "坐席姓名", "时段", "登录时长", "示闲时长", "通话时长"],
        ["A1", "甲", _at(D5, 8, 0), 900, 600, 100],
        ["A1", "甲", _at(D5, 8, 15), 900, 900, 0],
        ["A2", "乙", _at(D5, 8, 0), 450, 200, 200],
    ]
    for name, rows in (("c.xlsx", contacts), ("i.xlsx", summaries), ("s.xlsx", states)):
        (f,) = import_files(store, [_xlsx(tmp_path / name, rows)]).files
        assert f.status == "imported" and f.rejected == 0, (name, f.error, f.rejects)
    return store


def test_contacts_fall_in_the_interval_of_their_start(planning_store: Store) -> None:
    table = interval_table(planning_store.con, Filters(dt.date(2026, 10, 5), D5.date()), 15)
    rows = {(str(s), q): i for i, (s, q) in enumerate(zip(table.start, table.queue, strict=True))}
    assert set(rows) == {
        ("2026-10-05T08:00:00", "Q1"),
        ("2026-10-05T08:15:00", "Q2"),
        ("2026-10-05T08:30:00", "Q1"),
        ("2026-10-05T09:00:00", "Q2"),
    }  # the D5 summary (500 calls at 09:00) is ignored: that day has contacts
    first = rows[("2026-10-05T08:00:00", "Q1")]
    assert table.offered[first] == 2
    assert table.value("service_level")[first] == pytest.approx(0.5)  # 10 s ≤ 20 < 30 s
    assert table.value("asa")[first] == pytest.approx(20.0)
    assert table.value("aht")[first] == pytest.approx(150.0)
    abandoned = rows[("2026-10-05T08:15:00", "Q2")]
    assert table.value("abandon_rate")[abandoned] == 1.0
    assert table.value("service_level")[rows[("2026-10-05T09:00:00", "Q2")]] == 0.0
    # patience = total wait of all callers / abandons = (10+30+40+5+25) / 1
    assert estimate_patience(table) == pytest.approx(110.0)


def test_hourly_bins_and_summary_days(planning_store: Store) -> None:
    table = interval_table(planning_store.con, Filters(), 60).aggregate()
    got = {
        str(s)[:16]: (o, sl)
        for s, o, sl in zip(table.start, table.offered, table.value("service_level"), strict=True)
    }
    assert got["2026-10-05T08:00"] == (4, pytest.approx(2 / 4))
    assert got["2026-10-05T09:00"] == (1, 0.0)
    assert got["2026-10-06T10:00"] == (1, 1.0)
    assert got["2026-10-07T09:00"][0] == 40  # from the summary
    # the per-interval sums add up to the KPI engine's totals (one formula, two groupings)
    report = compute(planning_store.con, Filters())
    overall = {v.kpi_id: v for v in report.values}
    assert table.offered.sum() == overall["offered"].value
    assert table.sums["answered"][0].sum() == overall["answered"].value


def test_heat_map_matrix_is_day_by_time_of_day(planning_store: Store) -> None:
    table = interval_table(planning_store.con, Filters(D5.date(), D6.date()), 60)
    matrix = day_matrix(table, "service_level")
    assert matrix.days == [D5.date(), D6.date()]
    assert matrix.slots == ["08:00", "09:00", "10:00"]
    expected = np.array([[0.5, 0.0, np.nan], [np.nan, np.nan, 1.0]])
    np.testing.assert_array_equal(np.isnan(matrix.values), np.isnan(expected))
    ok = ~np.isnan(expected)
    np.testing.assert_allclose(matrix.values[ok], expected[ok])


def test_clicking_an_interval_lists_its_contacts(planning_store: Store) -> None:
    rows = contacts_in(planning_store.con, _at(D5, 8, 0), 15)
    assert [r[0] for r in rows] == ["C1", "C2"]
    assert [r[0] for r in contacts_in(planning_store.con, _at(D5, 8, 0), 60, "Q2")] == ["C3"]


def test_kpi_groups_per_interval(planning_store: Store) -> None:
    con = planning_store.con
    table = interval_table(con, Filters(D5.date(), D5.date()), 30)
    groups = interval_groups(table, current_profile(con))
    assert [g.key for g in groups] == ["2026-10-05T08:00", "2026-10-05T08:30", "2026-10-05T09:00"]
    first = groups[0]
    assert first.value("offered").value == 3
    assert first.value("service_level").numerator == 1
    assert first.value("service_level").status == "missed"


def test_staffed_agents_from_interval_agent_states(planning_store: Store) -> None:
    plan = build_plan(planning_store.con, Filters(D5.date(), D5.date()), 15, model="erlang_c")
    staffed = {str(s)[11:16]: x for s, x in zip(plan.table.start, plan.staffed, strict=True)}
    # 08:00: A1 900 s + A2 450 s = 1.5 agents; 08:15: A1 900 s = 1 agent; later: nobody
    assert staffed == {"08:00": 1.5, "08:15": 1.0, "08:30": 0.0, "09:00": 0.0}
    assert plan.required.tolist() == [2, 1, 1, 1]
    one_queue = build_plan(planning_store.con, Filters(D5.date(), D5.date()), 15, queue="Q1")
    assert one_queue.table.queue.tolist() == ["Q1", "Q1"]
    assert one_queue.staffed[0] == pytest.approx(1.5)  # Q1 did all the work at 08:00


def test_daily_agent_states_spread_over_active_or_busy_intervals(
    planning_store: Store, tmp_path: Path
) -> None:
    """Daily rows (one per agent and day, at midnight): over the agent's first-to-last answered
    contact, else over the centre's busy intervals of that day."""
    more = [
        ["流水号", "进线时间", "技能组", "坐席工号", "排队时长(秒)", "是否接通", "通话时长(秒)"],
        ["C7", _at(D6, 10, 40), "Q1", "A1", 5, "是", 60],
        ["C8", _at(D6, 11, 10), "Q2", None, 50, "否", None],
    ]
    daily = [
        ["坐席工号", "坐席姓名", "时段", "登录时长", "示闲时长", "通话时长"],
        ["A1", "甲", D6, 3600, 3000, 150],  # answered 10:00 and 10:40: 10:00, 10:15, 10:30
        ["A3", "丙", D6, 1800, 1800, 0],  # answered nothing: D6's busy 10:00, 10:30, 11:00
    ]
    for name, rows in (("c2.xlsx", more), ("s2.xlsx", daily)):
        (f,) = import_files(planning_store, [_xlsx(tmp_path / name, rows)]).files
        assert f.status == "imported" and f.rejected == 0, (name, f.error, f.rejects)
    plan = build_plan(planning_store.con, Filters(D6.date(), D6.date()), 15, model="erlang_c")
    staffed = {str(s)[11:16]: x for s, x in zip(plan.table.start, plan.staffed, strict=True)}
    # A1: 3600 s / 3 intervals = 1200 s = 1.333 agents at 10:00, 10:15 (no contacts: no row)
    # and 10:30; A3: 1800 s / 3 busy intervals = 600 s = 0.667 agents at 10:00, 10:30, 11:00
    assert staffed == pytest.approx({"10:00": 2.0, "10:30": 2.0, "11:00": 2 / 3})


# ---- the command line (subprocesses, JSON shapes of cli.md) ------------------------------------
def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True, timeout=120
    )


def test_staffing_and_kpis_by_interval_json(planning_store: Store) -> None:
    path = str(planning_store.path)
    planning_store.close()
    done = _cli("staffing", "--store", path, "--from", "2026-10-05", "--to", "2026-10-05",
                "--interval", "15", "--model", "erlang_c", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [row["start"] for row in data["intervals"]] == [
        "2026-10-05T08:00", "2026-10-05T08:15", "2026-10-05T08:30", "2026-10-05T09:00",
    ]  # fmt: skip
    first = data["intervals"][0]
    assert list(first) == [
        "start", "queue", "offered", "aht_s", "required", "staffed", "predicted_sl",
        "actual_sl", "predicted_asa_s", "predicted_abandon",
    ]  # fmt: skip
    assert (first["offered"], first["staffed"], first["actual_sl"]) == (2, 1.5, 0.5)
    done = _cli("kpis", "--store", path, "--from", "2026-10-05", "--to", "2026-10-05",
                "--by", "interval", "--interval", "30", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    groups = json.loads(done.stdout)["groups"]
    assert (groups[0]["by"], groups[0]["key"]) == ("interval", "2026-10-05T08:00")
    sl = next(k for k in groups[0]["kpis"] if k["id"] == "service_level")
    assert (sl["numerator"], sl["denominator"]) == (1, 3)
    bad = _cli("staffing", "--store", path, "--from", "2026-10-06", "--to", "2026-10-05")
    assert bad.returncode == 2 and "--from" in bad.stderr


def test_erlang_calculator_json() -> None:
    done = _cli("erlang", "--calls", "100", "--aht", "300", "--interval-min", "30",
                "--target-sl", "0.8", "--target-t", "20", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"required", "sl", "asa_s", "abandon", "occupancy"} <= set(data)
    assert data["required"] == 21 and data["abandon"] == 0.0 and data["sl"] >= 0.8
    with_patience = json.loads(
        _cli("erlang", "--calls", "100", "--aht", "300", "--interval-min", "30",
             "--target-sl", "0.8", "--target-t", "20", "--patience", "100", "--json").stdout
    )  # fmt: skip
    assert with_patience["required"] < data["required"] and with_patience["abandon"] > 0
    bad = _cli("erlang", "--calls", "100", "--aht", "300", "--target-sl", "80", "--target-t", "20")
    assert bad.returncode == 2 and "--target-sl" in bad.stderr


def test_staffing_after_the_data_staffs_the_forecast(planning_store: Store) -> None:
    path = str(planning_store.path)
    planning_store.close()
    done = _cli("staffing", "--store", path, "--from", "2027-01-01", "--to", "2027-01-01",
                "--interval", "15", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["forecast"] is True
    # New Year's Day is a holiday: the mean of the store's three days, all in golden week
    # 2026 (5–7 Oct); at 09:00 those held 1 contact, none and 40 (the 7 Oct summary)
    rows = {row["start"][11:]: row for row in data["intervals"]}
    assert all(row["start"].startswith("2027-01-01") for row in data["intervals"])
    assert rows["09:00"]["offered"] == 14 and rows["09:00"]["staffed"] is None
    assert rows["09:00"]["aht_s"] == pytest.approx((120 + 38 * 240) / 39, abs=0.1)
    assert rows["09:00"]["required"] >= 2
