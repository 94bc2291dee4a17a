"""``workbench import``: summary, JSON of cli.md, exit codes, --map / --strict / profiles."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from workbench.cli import main


def _xlsx(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return _xlsx(
        tmp_path / "good.xlsx",
        [
            ["话务明细"],
            ["Call Id", "Start Time", "Wait Time (s)", "Answered"],
            ["C1", "2026-10-01 09:00", 10, "Y"],
            ["C2", "2026-10-01 09:01", "x", "Y"],
            ["Total", None, 10, None],
        ],
    )


def test_json_shape_and_exit_zero(good: Path, store_path: Path, capsys) -> None:
    code = main(["import", str(good), "--store", str(store_path), "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    (f,) = out["files"]
    assert set(f) >= {"path", "sha256", "kind", "status", "rows", "rejected", "skipped",
                      "rejects", "error"}  # fmt: skip
    assert (f["kind"], f["status"], f["rows"], f["rejected"]) == ("contacts", "imported", 1, 1)
    assert f["skipped"] == {"title_rows": 1, "total_rows": 1}
    assert f["rejects"] == [
        {"sheet": "Sheet", "row": 4, "column": "Wait Time (s)", "reason": "'x' is not a duration"}
    ]
    assert len(f["sha256"]) == 64 and f["error"] is None
    code = main(["import", str(good), "--store", str(store_path), "--json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["status"] == "duplicate"


def test_human_summary_lists_kind_sheet_and_rejects(good: Path, store_path: Path, capsys) -> None:
    assert main(["import", str(good), "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "imported" in out and "contacts" in out and "sheet: Sheet" in out
    assert "rejected Sheet:4:Wait Time (s): 'x' is not a duration" in out
    assert "title rows 1" in out and "total rows 1" in out


def test_all_rejected_exits_3_with_one_line(tmp_path: Path, store_path: Path, capsys) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    code = main(["import", str(junk), "--store", str(store_path)])
    captured = capsys.readouterr()
    assert code == 3
    lines = [ln for ln in captured.err.splitlines() if ln]
    assert len(lines) == 1 and str(junk) in lines[0] and "—" in lines[0]
    assert "Traceback" not in captured.err


def test_mixed_results_exit_zero(good: Path, tmp_path: Path, store_path: Path, capsys) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert main(["import", str(empty), str(good), "--store", str(store_path), "--json"]) == 0
    statuses = [f["status"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert statuses == ["rejected", "imported"]


def test_strict_exits_3(good: Path, store_path: Path, capsys) -> None:
    assert main(["import", str(good), "--store", str(store_path), "--strict", "--json"]) == 3
    (f,) = json.loads(capsys.readouterr().out)["files"]
    assert f["status"] == "rejected" and f["rows"] == 0 and "--strict" in f["error"]


def test_map_save_profile_and_reuse(tmp_path: Path, store_path: Path, capsys) -> None:
    one = _xlsx(tmp_path / "v1.xlsx", [["编号", "时刻", "结果"], ["1", "2026-10-01 09:00", "是"]])
    two = _xlsx(tmp_path / "v2.xlsx", [["编号", "时刻", "结果"], ["2", "2026-10-02 09:00", "否"]])
    args = ["--store", str(store_path), "--json"]
    maps = ["--map", "contact_id=编号", "--map", "started_at=时刻", "--map", "answered=结果"]
    code = main(["import", str(one), *args, "--kind", "contacts", *maps, "--save-profile", "vx"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["rows"] == 1
    assert main(["import", str(two), *args, "--profile", "vx"]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["rows"] == 1
    assert main(["import", str(two), *args, "--profile", "nope"]) == 2
    assert "no mapping profile named 'nope'" in capsys.readouterr().err


def test_bad_map_syntax_is_a_usage_error(good: Path, store_path: Path, capsys) -> None:
    assert main(["import", str(good), "--store", str(store_path), "--map", "oops"]) == 2
    assert "FIELD=HEADER" in capsys.readouterr().err


def test_sheet_option(tmp_path: Path, store_path: Path, capsys) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Summary"
    wb.active.append(["nothing here"])
    data = wb.create_sheet("Calls")
    data.append(["Call Id", "Start Time"])
    data.append(["C1", "2026-10-01"])
    path = tmp_path / "s.xlsx"
    wb.save(path)
    assert (
        main(["import", str(path), "--store", str(store_path), "--sheet", "Calls", "--json"]) == 0
    )
    assert json.loads(capsys.readouterr().out)["files"][0]["sheet"] == "Calls"
