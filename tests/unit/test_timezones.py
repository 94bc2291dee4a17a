"""Strange machines: the same files give the same indicators whatever ``TZ`` and locale say.

Timestamps are stored as the export's own wall-clock time, so nothing may move when the
machine's time zone changes — not across midnight, not across a month end, not at a daylight-
saving gap (2026-03-08 02:30 does not exist in New York) or overlap (2026-11-01 01:30 happens
twice there). Each environment runs import → kpis → export in a fresh interpreter; the
results must be identical, and a workbook exported under one zone verifies under another.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

# Wall-clock times that a time-zone conversion anywhere would shift or break.
TRICKY = [
    "2026-10-31 23:59:59",  # month end, one second before midnight
    "2026-11-01 00:00:00",  # ...and midnight (a UTC+8 → UTC shift moves it to October)
    "2026-11-01 01:30:00",  # happens twice in New York
    "2026-03-08 02:30:00",  # never happens in New York
    "2026-10-15 07:59:59",  # 23:59:59 UTC of the day before, seen from Shanghai
    "2026-10-15 08:00:00",
    "2026-10-15 16:00:00",  # midnight in Shanghai, seen from UTC
]

ENVIRONMENTS = {
    "utc": {"TZ": "UTC", "LANG": "en_US.ISO-8859-1", "LC_ALL": ""},
    "shanghai": {"TZ": "Asia/Shanghai", "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"},
    # A pipe that only takes ASCII (a scheduled task logging to a file on an English Windows).
    "new-york": {"TZ": "America/New_York", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
}

RUN = textwrap.dedent(
    """
    import contextlib, io, json, sys, time
    from pathlib import Path
    from workbench import cli
    from workbench.store import Store
    folder, *files = sys.argv[1:]
    store = str(Path(folder) / "store.duckdb")

    def run(*argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main([*argv])
        return code, out.getvalue(), err.getvalue()

    code, imported, err = run("import", "--store", store, "--json", *files)
    assert code == 0, err
    result = {"import": [
        {k: f[k] for k in ("kind", "status", "rows", "rejected")}
        for f in json.loads(imported)["files"]
    ]}
    for by in (None, "day", "month", "agent"):
        argv = ["kpis", "--store", store, "--json"] + (["--by", by] if by else [])
        code, out, err = run(*argv)
        assert code == 0, err
        result[f"kpis-{by}"] = json.loads(out)
    with Store.open(store, read_only=True) as s:
        result["stamps"] = [
            str(r[0]) for r in s.con.execute(
                "SELECT started_at FROM contacts ORDER BY contact_id").fetchall()
        ]
    workbook = str(Path(folder) / "october.xlsx")
    code, _, err = run("export", "--store", store, "--period", "2026-10", "--out", workbook)
    assert code == 0, err
    result["tz"] = time.tzname
    result["stdout_encoding"] = sys.stdout.encoding
    # (ASCII-only: this harness line must survive any stdout encoding.)
    print(json.dumps(result))
    """
)


def write_files(folder: Path) -> list[Path]:
    """The same calls as a GB18030 CSV with Chinese headers and as an xlsx with date cells."""
    rows = []
    for i, stamp in enumerate(TRICKY * 6):
        rows.append(
            (
                f"C{i:04d}",
                stamp,
                f"{800 + i % 3}",
                "技能组甲" if i % 2 else "信用卡",
                i % 50,
                "是" if i % 7 else "否",
                30 + i,
                "满意" if i % 3 else "一般",
            )
        )
    text = folder / "话单.csv"
    with open(text, "w", newline="", encoding="gb18030") as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "呼叫编号",
                "开始时间",
                "坐席工号",
                "技能组",
                "排队时长",
                "是否接通",
                "通话时长",
                "满意度",
            ]
        )
        out.writerows(rows[: len(rows) // 2])
    book = folder / "calls.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "Call Id",
            "Start Time",
            "Agent ID",
            "Queue",
            "Wait Time",
            "Answered",
            "Talk Time",
            "Satisfaction",
        ]
    )
    for row in rows[len(rows) // 2 :]:
        ws.append([row[0], datetime.fromisoformat(row[1]), *row[2:5], row[5] == "是", *row[6:]])
    wb.save(book)
    return [text, book]


def start_in(env_name: str, folder: Path, files: list[Path]) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "TZ")}
    env.update(ENVIRONMENTS[env_name])
    # names and messages follow the locale by design; the figures must not
    env["WORKBENCH_LANG"] = "en"
    return subprocess.Popen(
        [sys.executable, "-c", RUN, str(folder), *map(str, files)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every environment's results (the interpreters run side by side)."""
    files = write_files(tmp_path_factory.mktemp("files"))
    folders = {name: tmp_path_factory.mktemp(name) for name in ENVIRONMENTS}
    running = {name: start_in(name, folders[name], files) for name in ENVIRONMENTS}
    found = {}
    for name, proc in running.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode("utf-8", "replace")
        assert b"Traceback" not in err
        found[name] = json.loads(out)
        found[name]["folder"] = str(folders[name])
    return found


def test_the_environments_really_differ(results: dict[str, dict]) -> None:
    zones = {tuple(r["tz"]) for r in results.values()}
    assert len(zones) == len(ENVIRONMENTS), zones
    assert results["new-york"]["stdout_encoding"] == "ascii"


def test_timestamps_keep_the_wall_clock_time(results: dict[str, dict]) -> None:
    expected = TRICKY * 6  # in contact id order
    for name, result in results.items():
        assert [s[:19] for s in result["stamps"]] == expected, name


@pytest.mark.parametrize("key", ["import", "kpis-None", "kpis-day", "kpis-month", "kpis-agent"])
def test_same_indicators_in_every_time_zone_and_locale(key: str, results: dict[str, dict]) -> None:
    reference = results["utc"][key]
    assert reference, key
    for name, result in results.items():
        assert result[key] == reference, f"{key} differs under {name}"


def test_days_are_the_files_days(results: dict[str, dict]) -> None:
    days = {g["key"] for g in results["utc"]["kpis-day"]["groups"]}
    assert days == {s[:10] for s in TRICKY}
    months = {g["key"] for g in results["utc"]["kpis-month"]["groups"]}
    assert months == {"2026-03-01", "2026-10-01", "2026-11-01"}


def test_workbook_from_one_zone_verifies_in_another(results: dict[str, dict]) -> None:
    shanghai = Path(results["shanghai"]["folder"])
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "TZ")}
    env.update(ENVIRONMENTS["new-york"])
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "verify",
            str(shanghai / "october.xlsx"),
            "--store",
            str(shanghai / "store.duckdb"),
            "--json",
        ],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert json.loads(out.stdout)["ok"] is True


def test_an_ascii_only_pipe_gets_escapes_not_a_crash(
    results: dict[str, dict], tmp_path: Path
) -> None:
    """Chinese headers and names printed to a stdout that cannot show them (found: exit 1)."""
    files = [Path(p) for p in sorted(Path(results["utc"]["folder"]).parent.glob("files*/*"))]
    env = {**os.environ, **ENVIRONMENTS["new-york"]}
    store = str(tmp_path / "store.duckdb")
    for argv in (
        ["import", "--store", store, *map(str, files)],
        ["kpis", "--store", store, "--lang", "zh_CN"],
        ["kpis", "--store", store, "--json", "--by", "queue"],
    ):
        out = subprocess.run(
            [sys.executable, "-m", "workbench", *argv], capture_output=True, env=env, timeout=60
        )
        assert out.returncode == 0, out.stderr
        assert b"Traceback" not in out.stderr and out.stdout.isascii()
    doc = json.loads(out.stdout)
    assert {g["key"] for g in doc["groups"]} == {"技能组甲", "信用卡"}
