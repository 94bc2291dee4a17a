"""``workbench kpis`` and ``workbench targets`` (cli.md): JSON shape, tables, exit codes."""

from __future__ import annotations

import json

import pytest

from workbench import cli
from workbench.kpi import catalogue
from workbench.store import Store

ROWS = [
    ("c1", "2026-10-01 09:00", "A", "8001", "张三", 10.0, True, 100.0),
    ("c2", "2026-10-01 10:00", "A", "8002", "李四", 40.0, True, 200.0),
    ("c3", "2026-10-02 09:00", "B", "8001", "张三", 5.0, False, None),
]


@pytest.fixture
def filled(store_path):
    with Store.open(store_path) as store:
        store.con.executemany(
            "INSERT INTO contacts (contact_id, started_at, queue, agent_id, agent_name, wait_s, "
            "answered, talk_s, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
            ROWS,
        )
    return store_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_kpis_json_shape(capsys, filled):
    code, out, err = run(capsys, "kpis", "--store", str(filled), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["from", "to", "targets_version", "options", "kpis", "groups"]
    assert (data["from"], data["to"], data["targets_version"]) == ("2026-10-01", "2026-10-02", 0)
    assert [k["id"] for k in data["kpis"]] == list(catalogue.ids())
    answer_rate = next(k for k in data["kpis"] if k["id"] == "answer_rate")
    assert answer_rate == {
        "id": "answer_rate",
        "value": pytest.approx(2 / 3, abs=1e-6),
        "unit": "ratio",
        "numerator": 2,
        "denominator": 3,
        "target": ">= 0.94",
        "status": "missed",
        "name": "Answer rate",
        "coverage": {"n": 3, "of": 3},
    }
    fcr = next(k for k in data["kpis"] if k["id"] == "fcr")
    assert fcr["value"] is None and fcr["status"] == "no data"
    assert data["groups"] == []


def test_kpis_by_agent_and_period(capsys, filled):
    code, out, _ = run(
        capsys, "kpis", "--store", str(filled), "--by", "agent", "--json",
        "--from", "2026-10-01", "--to", "2026-10-01",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert (data["from"], data["to"]) == ("2026-10-01", "2026-10-01")
    assert [(g["by"], g["key"], g["label"]) for g in data["groups"]] == [
        ("agent", "8001", "张三"),
        ("agent", "8002", "李四"),
    ]
    asa = {g["key"]: next(k for k in g["kpis"] if k["id"] == "asa") for g in data["groups"]}
    assert asa["8001"]["value"] == 10 and asa["8002"]["value"] == 40
    assert asa["8002"]["status"] == "missed"


def test_kpis_table(capsys, filled):
    code, out, _ = run(capsys, "kpis", "--store", str(filled), "--by", "day")
    assert code == 0
    assert "Answer rate" in out and "66.7%" in out and "0:25" in out
    assert "day 2026-10-02" in out
    code, out, _ = run(capsys, "kpis", "--store", str(filled), "--lang", "zh_CN")
    assert "人工接通率" in out and "未达标" in out
    # targets as people read them, in the indicator's unit (not the ">=0.94" of targets set)
    assert "≥ 94.0%" in out and "≤ 0:15" in out and ">=0.94" not in out


@pytest.mark.parametrize(
    "argv",
    [
        ["kpis", "--by", "year"],
        ["kpis", "--from", "2026-02-30"],
        ["kpis", "--from", "2026-10-03", "--to", "2026-10-01"],
        ["targets", "set", "answer_rate", "lots"],
        ["targets", "set", "speed", ">=1"],
        ["targets"],
    ],
)
def test_usage_errors_exit_2(capsys, filled, argv):
    code, _out, err = run(capsys, *argv[:1], "--store", str(filled), *argv[1:])
    assert code == 2
    assert err.startswith("workbench: ") and err.count("\n") == 1


def test_targets_set_show_history_save_load(capsys, store_path, tmp_path):
    store = ["--store", str(store_path)]
    code, out, _ = run(capsys, "targets", *store, "show")
    assert code == 0 and "version 0" in out and ">=0.94" in out
    code, out, _ = run(capsys, "targets", *store, "set", "answer_rate", ">=0.9~0.02")
    assert code == 0 and "version 1" in out
    code, out, _ = run(capsys, "targets", *store, "--json", "show")
    shown = json.loads(out)
    assert shown["version"] == 1 and shown["targets"]["answer_rate"] == ">=0.9~0.02"
    code, out, _ = run(capsys, "targets", *store, "set", "asa", "none", "--note", "no ASA goal")
    assert code == 0
    code, out, _ = run(capsys, "targets", *store, "history")
    assert "version 2" in out and "no ASA goal" in out and "asa: <=15 → none" in out
    saved = tmp_path / "profile.toml"
    code, out, _ = run(capsys, "targets", *store, "save", str(saved))
    assert code == 0 and 'answer_rate = ">=0.9~0.02"' in saved.read_text(encoding="utf-8")
    assert "asa" not in saved.read_text(encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"targets": {"asa": "<=20"}}), encoding="utf-8")
    code, out, _ = run(capsys, "targets", *store, "load", str(other))
    assert code == 0 and "version 3" in out
    code, out, _ = run(capsys, "kpis", *store, "--json")
    data = json.loads(out)
    assert data["targets_version"] == 3
    targets = {k["id"]: k["target"] for k in data["kpis"]}
    assert targets["asa"] == "<= 20" and targets["answer_rate"] is None


def test_targets_load_bad_file_exits_3(capsys, store_path, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[targets]\nnope = ">=1"\n', encoding="utf-8")
    code, _, err = run(capsys, "targets", "--store", str(store_path), "load", str(bad))
    assert code == 3
    assert "bad.toml" in err and "nope" in err
    code, out, _ = run(capsys, "targets", "--store", str(store_path), "--json", "show")
    assert json.loads(out)["version"] == 0


def test_missing_store_for_kpis_is_empty_not_an_error(capsys, tmp_path):
    code, out, _ = run(capsys, "kpis", "--store", str(tmp_path / "new.duckdb"), "--json")
    assert code == 0
    assert all(k["status"] == "no data" for k in json.loads(out)["kpis"])
