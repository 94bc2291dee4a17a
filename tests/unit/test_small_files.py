"""Small files (issue 13): what the cuts in per-file fixed costs must keep.

- a batch (``workbench import A B C``) refreshes a current contacts rollup once, with the days
  of every file; between its files the rollup's fingerprint says it is stale, so no reader
  gets figures that miss a committed file; a batch whose last file is not stored still ends
  with a current rollup;
- a batch stores each file whole or, per file, nothing;
- ``drop_stage`` drops every staging object left, and nothing else;
- the store's open probe, now one or two statements, still refuses a garbled block;
- importing a small xlsx hands DuckDB no Arrow table to scan through ``pyarrow.dataset``.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
from test_kpi_rollup import assert_same, check_all

from workbench.domain import Filters, KpiOptions
from workbench.importing import import_files, run_import
from workbench.importing.stage import drop_stage
from workbench.kpi import rollup
from workbench.kpi.engine import compute
from workbench.kpi.targets import load_options
from workbench.store import Store
from workbench.store.integrity import StoreDamaged

HEADERS = ["流水号", "进线时间", "技能组", "坐席工号", "排队时长(秒)", "是否接通",
           "通话时长(秒)", "是否解决", "来电号码"]  # fmt: skip
OCT = Filters(start=date(2026, 10, 1), end=date(2026, 10, 31))


def _contacts(path: Path, first: int, rows: int, day: str, bad: bool = False) -> Path:
    """A call-detail CSV; the same phone numbers in every file (later files relink earlier
    contacts); ``bad``: every row's date unreadable (the file is refused whole)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for i in range(rows):
            answered = i % 5 != 0
            started = "not a date" if bad else f"{day} {8 + i % 9:02d}:{i % 60:02d}:00"
            out.writerow([
                f"C{first + i:06d}", started, ["信用卡", "理财"][i % 2],
                f"A{i % 3:02d}" if answered else "", 5 + i % 40, "是" if answered else "否",
                60 + i % 200 if answered else "", "是" if i % 3 else "否", f"1390000{i % 40:04d}",
            ])  # fmt: skip
    return path


def _stored_by_file(store: Store) -> dict[str, int]:
    return dict(
        store.con.execute(
            "SELECT i.file_name, count(c.contact_id) FROM imports i "
            "LEFT JOIN contacts c ON c.import_id = i.id GROUP BY 1"
        ).fetchall()
    )


def test_a_batch_refreshes_a_current_rollup_once_with_every_files_days(tmp_path: Path) -> None:
    first = _contacts(tmp_path / "first.csv", 1, 120, "2026-10-03")
    with Store.open(tmp_path / "s.duckdb") as store:
        con = store.con
        assert import_files(store, [first], kind="contacts").files[0].status == "imported"
        assert rollup.is_current(con, load_options(con))
        batch = [
            _contacts(tmp_path / "a.csv", 1000, 90, "2026-10-04"),  # relinks first.csv's
            _contacts(tmp_path / "b.csv", 2000, 80, "2026-10-20"),
            _contacts(tmp_path / "c.csv", 3000, 70, "2026-10-04"),
        ]
        job = run_import(store, batch, kind="contacts")
        stale_seen = []
        try:
            while True:
                progress = next(job)
                if progress.done == 4 and not stale_seen:  # a.csv committed, b.csv not begun
                    stale_seen.append(rollup.is_current(con, load_options(con)))
                    # the rollup is not read: the figures are the contacts', a.csv included
                    terms = rollup.contacts_terms()
                    assert rollup.fetch(con, terms, OCT, "day", KpiOptions()) is None
                    for by in (None, "day", "agent"):
                        raw = compute(con, OCT, by=by, use_rollup=False)
                        assert_same(raw, compute(con, OCT, by=by), f"mid-batch by={by}")
                    assert con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 210
        except StopIteration as stop:
            files = stop.value.files
        assert [f.status for f in files] == ["imported"] * 3
        assert stale_seen == [False]
        assert rollup.is_current(con, load_options(con))
        assert check_all(con, (OCT, Filters()), (None, "day", "agent", "queue")) > 0


def test_a_batch_whose_last_file_is_refused_still_ends_with_a_current_rollup(
    tmp_path: Path,
) -> None:
    first = _contacts(tmp_path / "first.csv", 1, 100, "2026-10-03")
    with Store.open(tmp_path / "s.duckdb") as store:
        con = store.con
        import_files(store, [first], kind="contacts")
        batch = [
            _contacts(tmp_path / "a.csv", 1000, 90, "2026-10-05"),
            _contacts(tmp_path / "bad.csv", 2000, 60, "", bad=True),
        ]
        files = import_files(store, batch, kind="contacts").files
        assert [f.status for f in files] == ["imported", "rejected"]
        assert rollup.is_current(con, load_options(con))
        check_all(con, (OCT, Filters()), (None, "day", "agent"))


def test_a_batch_stores_each_file_whole_or_nothing_of_it(tmp_path: Path) -> None:
    batch = [
        _contacts(tmp_path / "a.csv", 1, 50, "2026-10-05"),
        _contacts(tmp_path / "bad.csv", 500, 40, "", bad=True),
        _contacts(tmp_path / "b.csv", 1000, 30, "2026-10-06"),
    ]
    with Store.open(tmp_path / "s.duckdb") as store:
        files = import_files(store, batch, kind="contacts").files
        assert [f.status for f in files] == ["imported", "rejected", "imported"]
        assert _stored_by_file(store) == {"a.csv": 50, "b.csv": 30}
        assert store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 80
        assert rollup.is_current(store.con, load_options(store.con))


def test_drop_stage_drops_the_staging_objects_left_and_nothing_else() -> None:
    con = duckdb.connect()
    for table in ("wb_body", "wb_typed", "wb_rejects", "wb_map_csat", "wb_map_wait_s",
                  "wb_kept", "mine"):  # fmt: skip
        con.execute(f"CREATE TEMP TABLE {table} AS SELECT 1 AS k")
    con.execute("CREATE TEMP VIEW wb_stage AS SELECT * FROM wb_body")
    drop_stage(con)
    left = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary UNION ALL "
        "SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal ORDER BY 1"
    ).fetchall()
    assert [r[0] for r in left] == ["mine", "wb_kept"]
    drop_stage(con)  # nothing left to drop: no error
    con.execute("CREATE TEMP TABLE wb_stage AS SELECT 1 AS k")  # staged as a table this time
    drop_stage(con)
    assert (
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'wb_stage'"
        ).fetchone()[0]
        == 0
    )


_CHILD = """
import json, sys
from workbench.cli import main
from workbench.commands import load_commands
load_commands()
rc = main(["import", sys.argv[1], "--store", sys.argv[2], "--json"])
print(json.dumps({"rc": rc, "dataset": "pyarrow.dataset" in sys.modules}), file=sys.stderr)
"""


def test_a_small_xlsx_is_imported_without_pyarrow_dataset(tmp_path: Path) -> None:
    """DuckDB scans a registered Arrow table through pyarrow.dataset (imported on first use,
    with pyarrow.compute: ~0.1 s a process); the rows go to DuckDB as an Arrow stream."""
    path = tmp_path / "calls.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["人工服务话单"])  # a title row above the header
    sheet.append(HEADERS)
    for i in range(200):
        sheet.append([f"C{i:05d}", f"2026-10-05 {8 + i % 9:02d}:{i % 60:02d}:00", "理财",
                      "A01", 5 + i % 30, "是", 100 + i, "是", f"1380000{i:04d}"])  # fmt: skip
    book.save(path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(tmp_path / "s.duckdb")],
        capture_output=True, text=True, env=env, check=False, timeout=300,
    )  # fmt: skip
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    assert figures["rc"] == 0, done.stdout[-2000:]
    assert json.loads(done.stdout)["files"][0]["rows"] == 200
    assert figures["dataset"] is False


def test_the_open_probe_finds_a_damaged_block_wherever_it_is(tmp_path: Path) -> None:
    """The probe reads all tables in one or two statements now: garbling any one block of the
    file (one at a time) is refused at open with the one-line ``StoreDamaged``, unless the
    block holds no table data — then every table still reads whole. (An index block read by
    the open's own look-ups, store_meta's, used to escape as a raw DuckDB error.)"""
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        import_files(store, [_contacts(tmp_path / "a.csv", 1, 3000, "2026-10-05")])
        import_files(store, [_contacts(tmp_path / "b.csv", 5000, 3000, "2026-10-06")])
    original = path.read_bytes()
    block, first = 256 * 1024, 3 * 4096  # DuckDB's block size, after its three headers
    refused = 0
    for start in range(first, len(original), block):
        damaged = bytearray(original)
        middle = min(start + block // 2, len(original) - 64)
        damaged[middle : middle + 64] = os.urandom(64)
        path.write_bytes(bytes(damaged))
        try:
            with Store.open(path, read_only=True) as store:  # opened: the block held nothing
                for (table,) in store.con.execute(
                    "SELECT table_name FROM duckdb_tables() WHERE database_name = "
                    "current_database() AND schema_name = 'main'"
                ).fetchall():
                    store.con.execute(
                        f'SELECT count(*) FROM "{table}" WHERE hash(COLUMNS(*)) IS NOT NULL'
                    ).fetchone()
        except StoreDamaged:
            refused += 1
    path.write_bytes(original)
    assert refused >= 1
    with Store.open(path, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 6000


def test_a_small_sheet_is_coerced_on_one_thread_and_the_setting_restored(
    tmp_path: Path, monkeypatch
) -> None:
    """DuckDB cannot split a sheet smaller than a row group: its coercion runs on one thread
    (a second one only costs CPU); the database's setting is back afterwards, also when the
    file is refused while being staged."""
    import workbench.importing.job as job

    seen: list[str] = []
    real = job.coerce

    def spy(con, *args, **kwargs):  # the real coercion, noting the setting it runs under
        seen.append(con.execute("SELECT current_setting('threads')").fetchone()[0])
        return real(con, *args, **kwargs)

    monkeypatch.setattr(job, "coerce", spy)
    header_only = tmp_path / "empty.csv"
    header_only.write_text(",".join(HEADERS) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "s.duckdb") as store:
        store.con.execute("SET threads = 2")
        files = import_files(
            store, [_contacts(tmp_path / "a.csv", 1, 80, "2026-10-05"), header_only],
            kind="contacts",
        ).files  # fmt: skip
        assert [f.status for f in files] == ["imported", "rejected"]
        assert seen == [1]
        assert store.con.execute("SELECT current_setting('threads')").fetchone()[0] == 2
        assert store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 80
