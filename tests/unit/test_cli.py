"""The command line's contract (cli.md): exit codes, one-line errors, ``--version``, JSON shapes.

Most cases call ``cli.main`` in-process (fast); the ones about what really reaches a terminal
(no traceback, the exit status) run ``python -m workbench`` in a subprocess.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import __version__, cli
from workbench.errors import UsageError
from workbench.store import Store

# cli.md: ``workbench: FILE[:SHEET[:ROW]]: what is wrong — what to do``
ONE_LINE = re.compile(r"^workbench: (?:[^\n]+?: )?[^\n]+ — [^\n]+\n$")


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def assert_one_line(err: str) -> None:
    assert ONE_LINE.match(err), repr(err)
    assert "Traceback" not in err


def test_version() -> None:
    out = run_process("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"workbench {__version__}"
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?\S*", __version__)


@pytest.mark.parametrize(
    "argv",
    [
        ["store", "frobnicate"],
        ["store"],
        ["kpis", "--from", "31/10/2026"],
        ["kpis", "--from", "2026-10-31", "--to", "2026-10-01"],
        ["kpis", "--by", "year"],
        ["targets", "--frobnicate"],
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str], store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, *argv[:1], "--store", str(store_path), *argv[1:])
    assert code == 2
    assert_one_line(err)
    assert out == ""


def test_store_unavailable_exits_4_in_a_real_process(tmp_path: Path) -> None:
    garbage = tmp_path / "not-a-store.duckdb"
    garbage.write_bytes(b"PK\x03\x04 this is a zip, not a store" * 200)
    out = run_process("kpis", "--store", str(garbage))
    assert out.returncode == 4
    assert_one_line(out.stderr)
    assert out.stderr.startswith(f"workbench: {garbage}: ")
    assert out.stdout == ""


def test_internal_error_exits_1_and_points_to_the_log(
    store_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.commands.store as store_cmd

    def broken(_args):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(store_cmd, "run", broken)
    code, _out, err = run_cli(capsys, "store", "--store", str(store_path), "info")
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "this is a bug" in err
    log_path = Path(err.split("details are in ")[1].strip())
    assert "ZeroDivisionError: simulated bug" in log_path.read_text(encoding="utf-8")
    assert "Traceback" in log_path.read_text(encoding="utf-8")


def test_store_info_json_shape(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Store.open(store_path).close()
    code, out, err = run_cli(capsys, "store", "--store", str(store_path), "--json", "info")
    assert (code, err) == (0, "")
    info = json.loads(out)
    assert info["path"] == str(store_path)
    assert isinstance(info["schema_version"], int) and info["schema_version"] >= 2
    assert info["rows"]["contacts"] == 0 and info["last_import_at"] is None


def test_store_backup_and_backups_json(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(store_path).close()
    code, out, _ = run_cli(capsys, "store", "--store", str(store_path), "--json", "backup")
    assert code == 0
    made = json.loads(out)["backup"]
    assert Path(made).exists() and Path(made).parent == store_path.parent / "backups"
    code, out, _ = run_cli(capsys, "store", "--store", str(store_path), "--json", "backups")
    listed = json.loads(out)["backups"]
    assert code == 0 and listed[0] == made  # newest first (the open also made today's daily)
    assert all(Path(p).exists() for p in listed)


def test_kpis_json_shape_on_an_empty_store(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(store_path).close()
    code, out, err = run_cli(capsys, "kpis", "--store", str(store_path), "--json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert set(doc) >= {"from", "to", "targets_version", "kpis", "groups"}
    assert doc["kpis"], "every indicator is listed, even without data"
    for kpi in doc["kpis"]:
        assert list(kpi)[:7] == [
            "id",
            "value",
            "unit",
            "numerator",
            "denominator",
            "target",
            "status",
        ]
        assert kpi["value"] is None and kpi["status"] == "no data"


# ---- import / export / verify ------------------------------------------------------------------
def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


GOOD_ROWS = [
    "Call Id,Start Time,Queue,Answered,Wait Time,Talk Time",
    "A1,2026-10-01 09:00:00,cards,Y,12,100",
    "A2,2026-10-01 09:05:00,cards,N,40,",
    "A3,yesterday-ish,cards,Y,5,80",  # one bad row: rejected, the rest imported
    "A4,2026-10-02 10:00:00,loans,Y,8,60",
]


def test_import_json_shape_and_exit_0_with_rejected_rows(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = write_csv(tmp_path / "calls.csv", GOOD_ROWS)
    code, out, _ = run_cli(capsys, "import", "--store", str(store_path), "--json", str(calls))
    assert code == 0
    doc = json.loads(out)
    assert list(doc) == ["files"] and len(doc["files"]) == 1
    file = doc["files"][0]
    assert set(file) >= {
        "path",
        "sha256",
        "kind",
        "status",
        "rows",
        "rejected",
        "skipped",
        "rejects",
        "error",
    }
    assert (file["kind"], file["status"], file["rows"], file["rejected"]) == (
        "contacts",
        "imported",
        3,
        1,
    )
    assert file["error"] is None and isinstance(file["skipped"], dict)
    assert len(file["sha256"]) == 64
    (reject,) = file["rejects"]
    assert set(reject) >= {"sheet", "row", "column", "reason"}
    assert reject["row"] == 4 and reject["column"] == "Start Time" and reject["reason"]
    # The same bytes again: duplicate, nothing changed, still exit 0.
    code, out, _ = run_cli(capsys, "import", "--store", str(store_path), "--json", str(calls))
    assert code == 0 and json.loads(out)["files"][0]["status"] == "duplicate"
    with Store.open(store_path, read_only=True) as store:
        assert store.row_counts()["contacts"] == 3


def test_rejected_file_exits_3_with_one_line_and_stores_nothing(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    no_ids = write_csv(tmp_path / "no-ids.csv", ["Queue,Wait Time", "cards,12", "loans,30"])
    code, out, err = run_cli(capsys, "import", "--store", str(store_path), str(no_ids))
    assert code == 3
    assert_one_line(err)
    assert err.startswith(f"workbench: {no_ids}")
    code, out, err = run_cli(capsys, "import", "--store", str(store_path), "--json", str(no_ids))
    assert code == 3
    file = json.loads(out)["files"][0]
    assert file["status"] == "rejected" and file["error"] and file["rows"] == 0
    with Store.open(store_path, read_only=True) as store:
        assert store.row_counts()["imports"] == 0 and store.row_counts()["contacts"] == 0


def test_import_into_a_damaged_store_exits_4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = write_csv(tmp_path / "calls.csv", GOOD_ROWS)
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"\0" * 20000)
    code, _, err = run_cli(capsys, "import", "--store", str(broken), str(calls))
    assert code == 4
    assert_one_line(err)
    assert broken.read_bytes() == b"\0" * 20000  # refused, not "repaired" into a new store


def test_export_json_and_verify_exit_0_then_5(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import hashlib

    from openpyxl import load_workbook

    calls = write_csv(tmp_path / "calls.csv", GOOD_ROWS)
    assert run_cli(capsys, "import", "--store", str(store_path), str(calls))[0] == 0
    out_file = tmp_path / "october.xlsx"
    code, out, err = run_cli(
        capsys,
        "export",
        "--store",
        str(store_path),
        "--period",
        "2026-10",
        "--out",
        str(out_file),
        "--json",
    )
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert set(doc) >= {"path", "sha256", "sheets", "kpis"}
    assert Path(doc["path"]) == out_file
    assert doc["sha256"] == hashlib.sha256(out_file.read_bytes()).hexdigest()
    assert isinstance(doc["sheets"], list) and doc["kpis"] > 0

    code, out, err = run_cli(capsys, "verify", str(out_file), "--store", str(store_path), "--json")
    assert code == 0, err
    assert json.loads(out)["ok"] is True and json.loads(out)["problems"] == []

    wb = load_workbook(out_file)
    ws = wb[wb.sheetnames[0]]
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float)))
    cell.value = cell.value + 1  # someone "corrects" a number
    wb.save(out_file)
    code, out, err = run_cli(capsys, "verify", str(out_file), "--store", str(store_path), "--json")
    assert code == 5
    doc = json.loads(out)
    assert doc["ok"] is False and doc["problems"]
    code, out, err = run_cli(capsys, "verify", str(out_file), "--store", str(store_path))
    assert code == 5 and out == ""
    assert err and all(line.startswith(str(out_file)) for line in err.splitlines())
    assert "Traceback" not in err


def test_a_command_is_parsed_the_same_with_only_its_own_options_built() -> None:
    """``main`` builds the options of the chosen sub-command only; every sub-command's options
    must parse as they do in the whole parser."""
    from workbench.cli import build_parser
    from workbench.commands import load_commands

    whole = build_parser()
    samples = {"import": ["a.xlsx", "--kind", "contacts", "--map", "agent_id=工号", "--json"],
               "kpis": ["--from", "2026-10-01", "--to", "2026-10-31", "--json"],
               "export": ["--period", "2026-10", "--out", "x.xlsx"]}  # fmt: skip
    def outcome(parser, words: list[str]) -> object:
        try:
            return vars(parser.parse_args(words))
        except UsageError as exc:  # a command with required options: the same refusal
            return str(exc)

    for module in load_commands():
        words = [module.NAME, *samples.get(module.NAME, [])]
        alone = build_parser(only=module.NAME)
        assert outcome(alone, words) == outcome(whole, words), module.NAME
    # the others are there by name only: their options are not built
    with pytest.raises(UsageError):
        build_parser(only="import").parse_args(["kpis", "--from", "2026-10-01"])
