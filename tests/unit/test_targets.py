"""Targets: expressions, status, the versioned profile in the store, options and profile files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from workbench.domain import KpiOptions, Target
from workbench.errors import InputRejected, UsageError
from workbench.kpi import catalogue
from workbench.kpi.targets import (
    current_profile,
    defaults_toml,
    format_target,
    load_options,
    option_history,
    parse_target,
    profile_history,
    profile_version,
    read_profile_file,
    save_options,
    save_profile,
    status_of,
    write_profile_file,
)

DEFAULTS_FILE = Path(__file__).parents[2] / "resources" / "targets" / "defaults.toml"


@pytest.mark.parametrize(
    ("value", "target", "status"),
    [
        (0.95, Target("x", ">=", low=0.94), "met"),
        (0.94, Target("x", ">=", low=0.94), "met"),
        (0.93, Target("x", ">=", low=0.94), "missed"),
        (0.95, Target("x", ">=", low=0.94, at_risk_margin=0.02), "at_risk"),
        (0.96, Target("x", ">=", low=0.94, at_risk_margin=0.02), "met"),
        (14.0, Target("x", "<=", high=15), "met"),
        (16.0, Target("x", "<=", high=15), "missed"),
        (14.0, Target("x", "<=", high=15, at_risk_margin=2), "at_risk"),
        (12.0, Target("x", "<=", high=15, at_risk_margin=2), "met"),
        (0.80, Target("x", "band", low=0.75, high=0.9), "met"),
        (0.70, Target("x", "band", low=0.75, high=0.9), "missed"),
        (0.95, Target("x", "band", low=0.75, high=0.9), "missed"),
        (0.76, Target("x", "band", low=0.75, high=0.9, at_risk_margin=0.02), "at_risk"),
        (0.89, Target("x", "band", low=0.75, high=0.9, at_risk_margin=0.02), "at_risk"),
        (0.80, Target("x", "band", low=0.75, high=0.9, at_risk_margin=0.02), "met"),
        (None, Target("x", ">=", low=0.94), "no_data"),
        (0.5, None, "no_data"),
    ],
)
def test_status_of(value, target, status):
    assert status_of(value, target) == status


def test_status_of_a_computed_ratio_at_the_edge():
    assert status_of(94 / 100, Target("x", ">=", low=0.94)) == "met"
    assert status_of(0.1 + 0.2, Target("x", "<=", high=0.3)) == "met"


@pytest.mark.parametrize(
    ("expr", "target"),
    [
        (">=0.94", Target("k", ">=", low=0.94)),
        (">= 0.94", Target("k", ">=", low=0.94)),
        ("≥94%", Target("k", ">=", low=0.94)),
        ("<=15", Target("k", "<=", high=15)),
        ("<=15~3", Target("k", "<=", high=15, at_risk_margin=3)),
        ("0.75-0.90", Target("k", "band", low=0.75, high=0.9)),
        ("0.75–0.90 ~0.02", Target("k", "band", low=0.75, high=0.9, at_risk_margin=0.02)),
        (">=0.94~0.02", Target("k", ">=", low=0.94, at_risk_margin=0.02)),
        ("none", None),
    ],
)
def test_parse_target(expr, target):
    assert parse_target("k", expr) == target


@pytest.mark.parametrize("expr", ["", "foo", ">=", "0.9-0.8", ">=0.9~-1", "=0.9", "1-2-3"])
def test_parse_target_refuses(expr):
    if expr == "":
        assert parse_target("k", expr) is None
        return
    with pytest.raises(UsageError):
        parse_target("k", expr)


def test_format_round_trips():
    for target in catalogue.default_targets().values():
        assert parse_target(target.kpi_id, format_target(target)) == target
    margin = Target("k", "band", low=0.75, high=0.9, at_risk_margin=0.02)
    assert parse_target("k", format_target(margin)) == margin
    assert format_target(None) == "none"


def test_defaults_are_version_0(store):
    profile = current_profile(store.con)
    assert profile.version == 0
    assert profile.targets == catalogue.default_targets()
    assert profile.targets["answer_rate"] == Target("answer_rate", ">=", low=0.94)
    assert profile.targets["occupancy"] == Target("occupancy", "band", low=0.75, high=0.9)
    assert "offered" not in profile.targets
    assert profile_history(store.con) == []


def test_save_makes_versions_with_history(store):
    con = store.con
    targets = catalogue.default_targets()
    targets["answer_rate"] = Target("answer_rate", ">=", low=0.9, at_risk_margin=0.02)
    v1 = save_profile(con, targets, note="bank's own", user="alice")
    assert v1 == 1
    del targets["asa"]
    v2 = save_profile(con, targets)
    assert v2 == 2
    assert current_profile(con).version == 2
    assert "asa" not in current_profile(con).targets
    assert profile_version(con, 1).targets["asa"] == Target("asa", "<=", high=15)
    history = profile_history(con)
    assert [h["version"] for h in history] == [2, 1]
    assert history[1]["changed_by"] == "alice"
    assert history[1]["note"] == "bank's own"
    assert isinstance(history[1]["changed_at"], datetime)
    assert history[1]["changes"] == [
        {"kpi_id": "answer_rate", "old": ">=0.94", "new": ">=0.9~0.02"}
    ]
    assert history[0]["changes"] == [{"kpi_id": "asa", "old": "<=15", "new": "none"}]
    assert history[0]["changed_by"]  # the OS user


def test_save_inside_a_store_transaction(store):
    with store.transaction() as con:
        version = save_profile(con, {"asa": Target("asa", "<=", high=20)})
    assert version == 1
    assert current_profile(store.con).targets == {"asa": Target("asa", "<=", high=20)}


def test_failed_save_leaves_nothing(store):
    with pytest.raises(KeyError):
        save_profile(store.con, {"nope": Target("nope", ">=", low=1)})
    assert current_profile(store.con).version == 0


def test_options_round_trip(store):
    assert load_options(store.con) == KpiOptions()
    options = KpiOptions(sl_threshold_s=30, short_abandon_s=5, sl_denominator="answered")
    assert save_options(store.con, options) == 1
    assert load_options(store.con) == options
    # every change is a new version, the newest in force
    assert save_options(store.con, KpiOptions(sl_threshold_s=10)) == 2
    assert load_options(store.con) == KpiOptions(sl_threshold_s=10)
    assert [h["version"] for h in option_history(store.con)] == [2, 1]
    with pytest.raises(UsageError):
        save_options(store.con, KpiOptions(sl_threshold_s=0))


def test_options_of_the_first_version_are_still_read(store):
    """A store whose options were saved as a setting (first version) keeps them."""
    store.set_setting("kpi_options", {"sl_threshold_s": 30, "short_abandon_s": 5})
    assert load_options(store.con) == KpiOptions(sl_threshold_s=30, short_abandon_s=5)


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_profile_files_round_trip(tmp_path, suffix):
    targets = catalogue.default_targets()
    targets["fcr"] = Target("fcr", ">=", low=0.8, at_risk_margin=0.05)
    path = write_profile_file(tmp_path / f"p{suffix}", targets)
    assert read_profile_file(path) == targets


def test_profile_file_with_tables_and_errors(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        '[targets]\nasa = "<=20"\n[targets.occupancy]\nop = "band"\nlow = 0.7\nhigh = 0.8\n',
        encoding="utf-8",
    )
    assert read_profile_file(path) == {
        "asa": Target("asa", "<=", high=20),
        "occupancy": Target("occupancy", "band", low=0.7, high=0.8),
    }
    path.write_text('[targets]\nspeed = "<=20"\n', encoding="utf-8")
    with pytest.raises(InputRejected, match="unknown indicator 'speed'"):
        read_profile_file(path)
    path.write_text('[targets]\nasa = "fast"\n', encoding="utf-8")
    with pytest.raises(InputRejected, match="asa"):
        read_profile_file(path)
    path.write_text("[targets\n", encoding="utf-8")
    with pytest.raises(InputRejected, match="TOML"):
        read_profile_file(path)
    bad_json = tmp_path / "p.json"
    bad_json.write_text(json.dumps({"targets": {"asa": 15}}), encoding="utf-8")
    with pytest.raises(InputRejected):
        read_profile_file(bad_json)
    with pytest.raises(InputRejected):
        read_profile_file(tmp_path / "missing.toml")


def test_shipped_defaults_file_is_generated_from_the_catalogue():
    assert DEFAULTS_FILE.read_text(encoding="utf-8") == defaults_toml()
    assert read_profile_file(DEFAULTS_FILE) == catalogue.default_targets()
