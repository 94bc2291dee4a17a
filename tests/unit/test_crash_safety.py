"""kill -9 in the middle of an import, an export and a target change: nothing half-done survives.

Each case runs the real job in a subprocess and SIGKILLs it at a chosen point: either while it
waits at a progress step *inside* its transaction (deterministic: the job is paused exactly
where a supervisor's laptop would lose power), or after a short delay (wherever it is). Then
the store is reopened here: it must open cleanly (no damage), hold nothing of the interrupted
work, and the same import must simply run again and give the same rows as an uninterrupted one.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from workbench.importing import import_files
from workbench.store import Store, list_backups

ROWS = 30_000
SMALL_ROWS = 500

IMPORT_CHILD = textwrap.dedent(
    """
    import sys
    from workbench.store import Store
    from workbench.importing import run_import
    store_path, pause_at, *files = sys.argv[1:]
    store = Store.open(store_path)
    print("opened", flush=True)
    for progress in run_import(store, files):
        print(progress.message, flush=True)
        if pause_at and progress.message.startswith(pause_at):
            sys.stdin.readline()  # wait here, inside the job, until killed
    print("finished", flush=True)
    """
)


def write_contacts(path: Path, rows: int, first: int = 0) -> Path:
    """A contacts export as a CSV, ``rows`` calls with ids from ``first``."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "Call Id",
                "Start Time",
                "Queue",
                "Agent ID",
                "Wait Time",
                "Answered",
                "Talk Time",
                "Satisfaction",
                "Phone",
            ]
        )
        for i in range(first, first + rows):
            out.writerow(
                [
                    f"C{i:07d}",
                    f"2026-10-{1 + i % 28:02d} {8 + i % 10:02d}:{i % 60:02d}:{(i * 7) % 60:02d}",
                    f"q{i % 5}",
                    str(8000 + i % 40),
                    i % 90,
                    "Y" if i % 9 else "N",
                    i % 400,
                    i % 5 + 1,
                    f"138{i:08d}",
                ]
            )
    return path


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    return {
        "big": write_contacts(folder / "calls-big.csv", ROWS),
        "small": write_contacts(folder / "calls-small.csv", SMALL_ROWS, first=ROWS),
    }


@pytest.fixture(scope="module")
def reference(exports, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What an uninterrupted import of both files stores."""
    path = tmp_path_factory.mktemp("reference") / "ref.duckdb"
    with Store.open(path) as store:
        result = import_files(store, [exports["small"], exports["big"]])
        assert [f.status for f in result.files] == ["imported", "imported"]
        return fingerprint(store)


def fingerprint(store: Store) -> dict:
    """Counts and sums that any half-written row would change."""
    con = store.con
    return {
        "counts": store.row_counts(),
        "contacts": con.execute(
            "SELECT count(*), count(DISTINCT contact_id), sum(talk_s), sum(wait_s), "
            "count(customer_hash), min(started_at), max(started_at) FROM contacts"
        ).fetchone(),
        "imports": con.execute(
            "SELECT file_name, rows, rejected FROM imports ORDER BY file_name"
        ).fetchall(),
    }


def start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_when(
    proc: subprocess.Popen[str], prefix: str, delay: float = 0.0, *, may_finish: bool = False
) -> list[str]:
    """Read progress lines until one starts with ``prefix``, wait ``delay``, SIGKILL.

    With ``may_finish`` the job may end on its own before the kill lands.
    """
    seen = []
    for line in proc.stdout:
        seen.append(line.strip())
        if line.startswith(prefix):
            break
    else:
        proc.wait(timeout=30)
        raise AssertionError(f"never reached {prefix!r}: {seen} {proc.stderr.read()}")
    if delay:
        time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    finished = may_finish and proc.returncode == 0
    assert finished or proc.returncode == -signal.SIGKILL, (proc.returncode, seen)
    return seen


def assert_nothing_of(store: Store, file_name: str) -> None:
    assert (
        store.con.execute(
            "SELECT count(*) FROM imports WHERE file_name = ?", [file_name]
        ).fetchone()[0]
        == 0
    )


@pytest.mark.parametrize(
    ("pause_at", "delay"),
    [
        ("checking calls-big.csv:", 0.0),  # values coerced, nothing inserted yet
        ("storing", 0.0),  # every row inserted, not yet committed
        ("checking calls-big.csv", 0.3),  # wherever it is 0.3 s into the work
    ],
)
def test_import_killed_midway_leaves_nothing_and_can_be_rerun(
    pause_at: str, delay: float, exports, reference, store_path: Path
) -> None:
    with Store.open(store_path) as store:  # the small file is already in the store
        assert import_files(store, [exports["small"]]).files[0].status == "imported"
    proc = start(IMPORT_CHILD, str(store_path), "" if delay else pause_at, str(exports["big"]))
    # A timed kill may land after a fast machine already committed: then the file is in whole.
    seen = kill_when(
        proc, pause_at if not delay else "checking calls-big.csv", delay, may_finish=bool(delay)
    )
    finished = proc.returncode == 0
    if not finished:
        assert "finished" not in seen and not any(s.startswith("imported") for s in seen)

    with Store.open(store_path) as store:  # opens cleanly: no damage, no lock left behind
        counts = store.row_counts()
        if finished or (delay and counts["contacts"] == SMALL_ROWS + ROWS):
            # committed before the kill landed: the whole file is there, exactly once
            assert counts["contacts"] == SMALL_ROWS + ROWS and counts["imports"] == 2
            assert fingerprint(store) == reference
            return
        assert counts["contacts"] == SMALL_ROWS and counts["imports"] == 1
        assert_nothing_of(store, "calls-big.csv")
        result = import_files(store, [exports["small"], exports["big"]])
        assert [f.status for f in result.files] == ["duplicate", "imported"]
        assert result.files[1].rows == ROWS
        assert fingerprint(store) == reference
    leftovers = [p.name for p in store_path.parent.iterdir() if p.name != "backups"]
    assert sorted(leftovers) == ["store.duckdb"]
    assert all(p.suffix == ".duckdb" for p in list_backups(store_path))


def test_import_killed_at_random_points_never_damages_the_store(
    exports, reference, tmp_path: Path
) -> None:
    """Kills at spread-out moments (reading, coercing, inserting, committing, closing)."""
    for delay in (0.05, 0.6, 1.2):
        path = tmp_path / f"store-{delay}.duckdb"
        proc = start(IMPORT_CHILD, str(path), "", str(exports["small"]), str(exports["big"]))
        kill_when(proc, "opened", delay, may_finish=True)
        with Store.open(path) as store:
            counts = store.row_counts()
            # Either a file is in whole, or not at all.
            assert counts["contacts"] in (0, SMALL_ROWS, SMALL_ROWS + ROWS), (delay, counts)
            expected_imports = {0: 0, SMALL_ROWS: 1, SMALL_ROWS + ROWS: 2}[counts["contacts"]]
            assert counts["imports"] == expected_imports
            import_files(store, [exports["small"], exports["big"]])
            assert fingerprint(store) == reference


# ---- target changes -----------------------------------------------------------------------
TARGETS_CHILD = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from workbench.store import Store
    from workbench.kpi import targets
    store = Store.open(sys.argv[1])
    n = 0
    while True:
        profile = targets.current_profile(store.con)
        changed = {
            k: replace(t, low=(t.low or 0) * 0.999 if t.low is not None else None)
            for k, t in profile.targets.items()
        }
        with store.transaction() as con:
            targets.save_profile(con, changed, note=f"change {n}")
        n += 1
        print(n, flush=True)
    """
)


def test_target_change_killed_leaves_whole_versions(store_path: Path) -> None:
    from workbench.kpi import targets

    Store.open(store_path).close()
    for after in ("3", "17"):
        proc = start(TARGETS_CHILD, str(store_path))
        kill_when(proc, after, delay=0.05)
    with Store.open(store_path) as store:
        con = store.con
        versions = [r[0] for r in con.execute("SELECT version FROM target_versions").fetchall()]
        assert len(versions) >= 20
        sizes = con.execute(
            "SELECT count(*) FROM targets GROUP BY version HAVING version IN "
            "(SELECT version FROM target_versions)"
        ).fetchall()
        assert {s[0] for s in sizes} == {len(targets.current_profile(con).targets)}
        orphans = con.execute(
            "SELECT count(*) FROM targets WHERE version NOT IN (SELECT version FROM "
            "target_versions)"
        ).fetchone()[0]
        assert orphans == 0
        history = targets.profile_history(con)
        assert history[0]["version"] == max(versions)
        new = targets.save_profile(con, dict(targets.current_profile(con).targets), note="after")
        assert new == max(versions) + 1


# ---- export -------------------------------------------------------------------------------
EXPORT_CHILD = textwrap.dedent(
    """
    import sys
    from datetime import date
    from workbench.store import Store
    from workbench.exporters.workbook import export_workbook
    store_path, out, pause_at = sys.argv[1:]
    store = Store.open(store_path, read_only=True)
    job = export_workbook(store, out, start=date(2026, 10, 1), end=date(2026, 10, 31))
    for progress in job:
        print(progress.message, flush=True)
        if pause_at and progress.message.startswith(pause_at):
            sys.stdin.readline()
    print("finished", flush=True)
    """
)


@pytest.fixture(scope="module")
def export_store(exports, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export-store") / "store.duckdb"
    with Store.open(path) as store:
        import_files(store, [exports["small"]])
    return path


@pytest.mark.parametrize(
    ("pause_at", "delay"), [("saving", 0.0), ("indicators", 0.0), ("reading", 0.5)]
)
def test_export_killed_midway_leaves_the_earlier_workbook(
    pause_at: str, delay: float, export_store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "monthly.xlsx"
    out.write_bytes(b"last month's workbook")
    proc = start(EXPORT_CHILD, str(export_store), str(out), "" if delay else pause_at)
    kill_when(proc, pause_at, delay, may_finish=bool(delay))
    if proc.returncode == 0:  # the timed kill came after the rename: a whole new workbook
        from openpyxl import load_workbook

        assert len(load_workbook(out, read_only=True).sheetnames) >= 3
        return
    assert out.read_bytes() == b"last month's workbook"
    # At most a hidden temporary file is left beside it, never a file under the asked name.
    assert all(p.name.startswith(".") for p in tmp_path.iterdir() if p != out)
    proc = start(EXPORT_CHILD, str(export_store), str(out), "")
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    from openpyxl import load_workbook

    assert len(load_workbook(out, read_only=True).sheetnames) >= 3
    os.utime(out)


def test_no_phone_number_is_stored_in_clear(exports, tmp_path: Path) -> None:
    """Every text column of every table, searched for the callers' numbers."""
    with Store.open(tmp_path / "store.duckdb") as store:
        import_files(store, [exports["small"]])
        phones = {f"138{i:08d}" for i in range(ROWS, ROWS + SMALL_ROWS)}
        columns = store.con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' "
            "AND database_name = current_database()"
        ).fetchall()
        seen = 0
        for table, column in columns:
            values = store.con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
            texts = {str(v[0]) for v in values if v[0] is not None}
            leaked = {t for t in texts if any(p in t for p in phones)}
            assert not leaked, f"{table}.{column}: {sorted(leaked)[:3]}"
            seen += len(texts)
        masked = store.con.execute("SELECT DISTINCT customer_masked FROM contacts").fetchall()
        assert {m[0][:3] + m[0][3:7] for m in masked} == {"138****"}
        assert seen > SMALL_ROWS
