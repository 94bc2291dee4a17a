"""The store on bad days: creation, migration with a backup, newer schemas, locks, damage, restore.

Every store here is a real DuckDB file under ``tmp_path``; damage is done to the bytes on disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from workbench import cli
from workbench.errors import DiskFull, StoreLocked, StoreUnavailable
from workbench.security.storekeys import FileConnection
from workbench.store import Store, StoreDamaged, latest_version, list_backups, list_migrations
from workbench.store import backups as backups_mod
from workbench.store.integrity import check_file

CONTACT_ROWS = 60_000
STAMP = "%Y%m%d-%H%M%S-%f"


def no_space_copy(store: Store, target: Path, con: object = None) -> None:
    """Stands in for ``backups.write_copy`` on a full disk: DuckDB's own error text."""
    target.write_bytes(b"partial")
    raise duckdb.IOException(f'IO Error: Could not write file "{target}": No space left on device')


def fill(store: Store, rows: int = CONTACT_ROWS, sha: str = "sha-1") -> None:
    """One import of ``rows`` contacts, written the way the importer does (one transaction)."""
    with store.transaction() as con:
        import_id = con.execute(
            "INSERT INTO imports (file_name, sha256, kind, rows, rejected, imported_at) "
            "VALUES ('calls.xlsx', ?, 'contacts', ?, 0, now()) RETURNING id",
            [sha, rows],
        ).fetchone()[0]
        con.execute(
            "INSERT INTO contacts (contact_id, started_at, queue, agent_id, wait_s, answered, "
            "talk_s, import_id) SELECT 'c' || i, TIMESTAMP '2026-10-01 08:00' + "
            "INTERVAL (i) SECOND, 'q' || (i % 7), 'a' || (i % 40), i % 90, i % 9 <> 0, "
            "i % 300, ? FROM range(?) t(i)",
            [import_id, rows],
        )


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert err.startswith("workbench: ")
    return err.strip()


def age_backups(store_path: Path, days: int = 1) -> None:
    """Rename every backup as if it had been made ``days`` ago."""
    for backup in list_backups(store_path):
        stamp = datetime.strptime(backup.name[len(store_path.stem) + 1 :][:22], "%Y%m%d-%H%M%S-%f")
        older = (stamp - timedelta(days=days)).strftime("%Y%m%d-%H%M%S-%f")
        backup.rename(
            backup.with_name(backup.name.replace(stamp.strftime("%Y%m%d-%H%M%S-%f"), older))
        )


@pytest.fixture
def filled_path(store_path: Path) -> Path:
    """A closed store file holding one import of contacts (no backups yet)."""
    with Store.open(store_path) as store:
        fill(store)
    shutil.rmtree(store_path.parent / "backups", ignore_errors=True)
    return store_path


# ---- creation and migration -------------------------------------------------------------------
def test_new_store_is_at_latest_schema_with_every_table(store: Store, store_path: Path) -> None:
    assert store.schema_version() == latest_version() >= 2
    assert set(store.row_counts()) >= {"contacts", "intervals", "imports", "rejects"}
    assert store.row_counts()["contacts"] == 0
    assert list_backups(store_path) == []  # nothing to lose yet, so nothing backed up


def build_v1_store(path: Path) -> None:
    """A store as the first release wrote it: only migration 001 applied."""
    number, name, sql = list_migrations()[0]
    assert number == 1
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, "
        "applied_at TIMESTAMP)"
    )
    con.execute(sql)
    con.execute("INSERT INTO schema_version VALUES (1, ?, now())", [name])
    con.execute(
        "INSERT INTO imports (file_name, sha256, kind, rows, rejected, imported_at) "
        "VALUES ('old.csv', 'old-sha', 'contacts', 1, 0, TIMESTAMP '2025-01-02 03:04:05')"
    )
    con.execute(
        "INSERT INTO contacts (contact_id, started_at, answered, import_id) "
        "VALUES ('x1', TIMESTAMP '2025-01-02 09:00', true, 1)"
    )
    con.close()


def test_old_schema_is_migrated_after_a_backup(store_path: Path) -> None:
    build_v1_store(store_path)
    with Store.open(store_path) as store:
        assert store.schema_version() == latest_version()
        assert store.row_counts()["contacts"] == 1
        assert store.setting("anything", "default") == "default"  # v2 table exists
    backups = list_backups(store_path)
    # a plain first-version store is encrypted first (its own backup), then migrated
    assert len(backups) == 2
    assert "before-migration-v1-to-v" in backups[0].name
    assert backups[1].name.endswith("-before-encryption.duckdb")
    con = FileConnection(str(backups[0]))
    try:  # the backup is the old store, untouched
        assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1
    finally:
        con.close()


def test_migration_is_refused_when_its_backup_cannot_be_written(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_v1_store(store_path)
    original = backups_mod.write_copy
    monkeypatch.setattr(backups_mod, "write_copy", no_space_copy)
    with pytest.raises(DiskFull) as caught:
        Store.open(store_path)
    assert "backups" in str(caught.value) and "disk is full" in str(caught.value)
    # (not monkeypatch.undo(): that would also undo the isolated key home of conftest.py)
    monkeypatch.setattr(backups_mod, "write_copy", original)
    con = FileConnection(str(store_path))
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 1
    con.close()
    left = list(store_path.parent.glob("backups/*"))  # only the encryption's own backup
    assert len(left) == 1 and left[0].name.endswith("-before-encryption.duckdb")


def test_newer_schema_is_refused_with_exit_4(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(store_path) as store:
        store.con.execute("INSERT INTO schema_version VALUES (99, '099_future.sql', now())")
    with pytest.raises(StoreUnavailable, match="newer"):
        Store.open(store_path)
    assert cli.main(["store", "--store", str(store_path), "info"]) == 4
    line = one_line_error(capsys)
    assert str(store_path) in line and "schema version 99" in line and "update Workbench" in line


# ---- locks ------------------------------------------------------------------------------------
HOLDER = textwrap.dedent(
    """
    import sys
    from workbench.store import Store
    store = Store.open(sys.argv[1])
    with store.transaction() as con:
        con.execute("INSERT INTO settings VALUES ('held', '1')")
    print("ready", flush=True)
    sys.stdin.readline()
    store.close()
    """
)


@pytest.fixture
def held_store(filled_path: Path):
    """``filled_path`` held open for writing by another process while the test runs."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(filled_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        yield filled_path, proc
    finally:
        proc.stdin.close()
        proc.wait(timeout=20)


def test_store_held_by_another_process_gives_exit_4_and_one_line(
    held_store, capsys: pytest.CaptureFixture[str]
) -> None:
    path, proc = held_store
    # The holder made its daily backup on open: backing up must not have released its lock
    # (closing any handle on a file drops a POSIX lock, so backups go through DuckDB).
    assert len(list_backups(path)) == 1
    with pytest.raises(StoreLocked):
        Store.open(path)
    with pytest.raises(StoreLocked):
        Store.open(path, read_only=True)
    assert cli.main(["store", "--store", str(path), "info"]) == 4
    line = one_line_error(capsys)
    assert f"process {proc.pid}" in line and "in use" in line and "close the other" in line
    # The same through a real second process: exit 4, one line, no traceback.
    out = subprocess.run(
        [sys.executable, "-m", "workbench", "store", "--store", str(path), "info"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 4
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert "in use by another Workbench" in out.stderr
    calls = path.parent / "calls.csv"
    calls.write_text("Call Id,Start Time,Answered\nA1,2026-10-01 09:00,Y\n", encoding="utf-8")
    assert cli.main(["import", "--store", str(path), str(calls)]) == 4
    assert "in use" in one_line_error(capsys)


def test_restore_refuses_to_replace_a_store_in_use(
    held_store, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _proc = held_store
    before = path.stat().st_ino, path.stat().st_size
    assert cli.main(["store", "--store", str(path), "restore"]) == 4
    assert "not replaced" in one_line_error(capsys)
    assert (path.stat().st_ino, path.stat().st_size) == before


def test_snapshot_gives_read_only_view_while_another_process_writes(held_store) -> None:
    path, _proc = held_store
    before = list_backups(path)  # the holder made today's backup when it opened the store
    assert len(before) == 1
    snap = Store.open_snapshot(path)
    try:
        assert snap.read_only and snap.snapshot_of == path
        assert snap.row_counts()["contacts"] == CONTACT_ROWS
        # The holder's committed (not yet checkpointed) write is in the view too.
        assert snap.setting("held") == 1
        copy_folder = snap.path.parent
        assert copy_folder != path.parent
        with pytest.raises(duckdb.Error):
            snap.con.execute("DELETE FROM contacts")
        with pytest.raises(StoreUnavailable, match="read-only copy") as caught:
            snap.set_setting("lang", "en")
        assert caught.value.file == str(path)
        with pytest.raises(StoreUnavailable, match="read-only copy"), snap.transaction():
            pass
    finally:
        snap.close()
    assert not copy_folder.exists()
    assert list_backups(path) == before  # a snapshot never backs up or touches the original


def test_snapshot_of_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="no store here"):
        Store.open_snapshot(tmp_path / "nothing.duckdb")


# ---- damage -----------------------------------------------------------------------------------
def _truncate(to: int):
    def damage(path: Path) -> None:
        with open(path, "r+b") as fh:
            fh.truncate(to if to >= 0 else path.stat().st_size // 2)

    return damage


def _overwrite(offset: int, length: int | None, random: bool):
    def damage(path: Path) -> None:
        size = path.stat().st_size
        n = length if length is not None else size - offset - 4096
        with open(path, "r+b") as fh:
            fh.seek(offset)
            fh.write(os.urandom(n) if random else b"\0" * n)

    return damage


DAMAGE = {
    "empty": _truncate(0),
    "truncated-100": _truncate(100),
    "truncated-4096": _truncate(4096),
    "truncated-12288": _truncate(12288),
    "truncated-half": _truncate(-1),
    "zeroed-header": _overwrite(0, 4096, random=False),
    "zeroed-database-header": _overwrite(4096, 8192, random=False),
    "garbage-first-data-block": _overwrite(12288, 16384, random=True),
    "garbage-blocks": _overwrite(12288, None, random=True),
}


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_damaged_store_fails_at_open_with_one_line(
    how: str, filled_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    DAMAGE[how](filled_path)
    with pytest.raises(StoreDamaged) as caught:
        Store.open(filled_path)
    assert "damaged" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert cli.main(["store", "--store", str(filled_path), "info"]) == 4
    line = one_line_error(capsys)
    assert "workbench store restore" in line
    # Refused at open means refused before any write: no backup of the damaged file was kept.
    assert list_backups(filled_path) == []


def test_damaged_store_is_refused_by_a_real_process_without_traceback(filled_path: Path) -> None:
    DAMAGE["garbage-first-data-block"](filled_path)
    out = subprocess.run(
        [sys.executable, "-m", "workbench", "store", "--store", str(filled_path), "backup"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 4, out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert "damaged" in out.stderr


# ---- automatic backups and restore --------------------------------------------------------
def test_daily_backup_is_made_once_a_day_before_the_first_write(filled_path: Path) -> None:
    with Store.open(filled_path, read_only=True):
        pass
    assert list_backups(filled_path) == []  # read-only opens never back up
    with Store.open(filled_path) as store:
        fill(store, rows=10, sha="sha-2")  # today's first write...
    backups = list_backups(filled_path)
    assert len(backups) == 1 and backups[0].name.endswith("-daily.duckdb")
    con = FileConnection(str(backups[0]))
    assert con.execute("SELECT count(*) FROM contacts").fetchone()[0] == CONTACT_ROWS  # ...after
    con.close()
    with Store.open(filled_path):
        pass
    assert len(list_backups(filled_path)) == 1  # at most daily
    age_backups(filled_path)
    with Store.open(filled_path):
        pass
    assert len(list_backups(filled_path)) == 2  # a new day, a new backup


def test_backups_are_rotated_per_kind(store_path: Path) -> None:
    filled_path = store_path
    with Store.open(filled_path) as store:
        fill(store, rows=10)
    with Store.open(filled_path) as store:
        for _ in range(backups_mod.KEEP["manual"] + 3):
            store.backup("manual")
    names = [p.name for p in list_backups(filled_path)]
    assert sum(n.endswith("-manual.duckdb") for n in names) == backups_mod.KEEP["manual"]
    # The daily backup made at that open was not pushed out by the many manual ones.
    assert sum(n.endswith("-daily.duckdb") for n in names) == 1
    for _ in range(backups_mod.KEEP["daily"] + 2):
        age_backups(filled_path)
        Store.open(filled_path).close()
    names = [p.name for p in list_backups(filled_path)]
    assert sum(n.endswith("-daily.duckdb") for n in names) == backups_mod.KEEP["daily"]
    assert sum(n.endswith("-manual.duckdb") for n in names) == backups_mod.KEEP["manual"]


def test_failed_daily_backup_does_not_stop_work(
    filled_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups_mod, "write_copy", no_space_copy)
    with Store.open(filled_path) as store:
        assert store.backup_warning and "disk is full" in store.backup_warning
        fill(store, rows=5, sha="sha-3")
        assert store.row_counts()["contacts"] == CONTACT_ROWS + 5
    assert not list((filled_path.parent / "backups").glob("*"))


def test_restore_brings_back_the_newest_good_backup(
    filled_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(filled_path) as store:  # makes today's daily backup (60,000 contacts)
        fill(store, rows=7, sha="sha-2")
    older = list_backups(filled_path)[0]
    with Store.open(filled_path) as store:  # a newer manual backup (60,007 contacts)
        newest = store.backup("manual")
    newest.write_bytes(newest.read_bytes()[:20000])  # ...which then got damaged
    DAMAGE["garbage-blocks"](filled_path)
    assert cli.main(["store", "--store", str(filled_path), "info"]) == 4
    capsys.readouterr()

    assert cli.main(["store", "--store", str(filled_path), "--json", "restore"]) == 0
    out = capsys.readouterr().out
    assert str(older) in out  # skipped the damaged newest one
    with Store.open(filled_path) as store:
        assert store.row_counts()["contacts"] == CONTACT_ROWS
    set_aside = list((filled_path.parent / "backups").glob("replaced-*.duckdb"))
    assert len(set_aside) == 1  # the damaged file is kept, not deleted
    with pytest.raises(StoreUnavailable):
        check_file(set_aside[0])


def test_restore_named_backup_and_no_backup_at_all(
    filled_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lonely = tmp_path / "other" / "lonely.duckdb"
    assert cli.main(["store", "--store", str(lonely), "restore"]) == 4
    assert "no backup found" in one_line_error(capsys)
    with Store.open(filled_path) as store:
        chosen = store.backup("manual")
        fill(store, rows=3, sha="sha-4")
    assert cli.main(["store", "--store", str(filled_path), "restore", str(chosen)]) == 0
    with Store.open(filled_path) as store:
        assert store.row_counts()["imports"] == 1


def test_restore_drops_a_stale_write_ahead_log(filled_path: Path) -> None:
    with Store.open(filled_path) as store:
        good = store.backup("manual")
    wal = filled_path.with_name(filled_path.name + ".wal")
    wal.write_bytes(os.urandom(3000))
    backups_mod.restore_backup(filled_path, good)
    assert not wal.exists()
    with Store.open(filled_path) as store:
        assert store.row_counts()["contacts"] == CONTACT_ROWS


def damage_a_data_block(path: Path) -> int:
    """Garble one block that only a full read notices (DuckDB opens fine); its offset.

    Where the data blocks lie depends on DuckDB's layout, so look for one: overwrite a block,
    keep it when a bare open and the quick probe pass but the full probe fails.
    """
    from workbench.store.integrity import probe

    original = path.read_bytes()
    for offset in range(12288, len(original) - 4096, 4096 * 4):
        garbled = original[:offset] + b"\xa5" * 4096 + original[offset + 4096 :]
        path.write_bytes(garbled)
        try:
            con = FileConnection(str(path))
        except duckdb.Error:
            continue
        try:
            probe(con, full=False)
            try:
                probe(con, full=True)
            except StoreDamaged:
                return offset
        except StoreDamaged:
            pass
        finally:
            con.close()
    raise AssertionError("no data block found to damage")


def test_big_store_damage_is_caught_by_the_daily_backup(
    filled_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above FULL_CHECK_MAX_BYTES the open probe is quick; the daily backup's check is full."""
    import workbench.store as store_mod

    monkeypatch.setattr(store_mod, "FULL_CHECK_MAX_BYTES", 0)
    damage_a_data_block(filled_path)
    with Store.open(filled_path, read_only=True) as store:  # quick probe: not noticed yet
        assert store.row_counts()["contacts"] == CONTACT_ROWS
    with pytest.raises(StoreDamaged):
        Store.open(filled_path)  # today's first writable open: the backup's full check
    assert list_backups(filled_path) == []  # the damaged copy was not kept


def _daily_backup_rows(store_path: Path) -> list[int]:
    """Contacts in each daily backup of ``store_path`` (newest first)."""
    counts = []
    for backup in list_backups(store_path):
        if backup.name.endswith("-daily.duckdb"):
            con = FileConnection(str(backup))
            counts.append(con.execute("SELECT count(*) FROM contacts").fetchone()[0])
            con.close()
    return counts


def test_deferred_daily_backup_is_taken_before_the_first_write(filled_path: Path) -> None:
    """The window defers today's backup past its first paint; a write still finds it made."""
    with Store.open(filled_path, defer_daily_backup=True) as store:
        assert list_backups(filled_path) == []  # opening did not copy the file
        assert store.row_counts()["contacts"] == CONTACT_ROWS  # reads do not wait for it
        assert list_backups(filled_path) == []
        fill(store, rows=10, sha="sha-2")  # today's first write: the backup comes first
        assert _daily_backup_rows(filled_path) == [CONTACT_ROWS]
        store.set_setting("x", 1)  # later writes do not make another
    assert _daily_backup_rows(filled_path) == [CONTACT_ROWS]
    with Store.open(filled_path, defer_daily_backup=True) as store:
        assert store.daily_backup is None  # already made today: nothing deferred


def test_deferred_daily_backup_in_the_background_comes_before_a_worker_write(
    filled_path: Path,
) -> None:
    """Started after the paint, the backup runs in a thread; an import in a worker thread
    (its own cursor, ``worker_store``) waits for it, so the backup holds the store before it."""
    import threading

    from workbench.workers.imports import worker_store

    store = Store.open(filled_path, defer_daily_backup=True)
    try:
        store.start_daily_backup()
        errors: list[BaseException] = []

        def import_in_worker() -> None:
            cursor = store.cursor()
            try:
                fill(worker_store(store, cursor), rows=7, sha="sha-3")
            except BaseException as exc:  # reported below
                errors.append(exc)
            finally:
                cursor.close()

        worker = threading.Thread(target=import_in_worker)
        worker.start()
        worker.join(60)
        assert not errors
        assert store.daily_backup is not None and store.daily_backup.done
        assert _daily_backup_rows(filled_path) == [CONTACT_ROWS]
        assert store.row_counts()["contacts"] == CONTACT_ROWS + 7
    finally:
        store.close()
    check_file(list_backups(filled_path)[0])


def test_close_finishes_a_deferred_backup_under_way(filled_path: Path) -> None:
    store = Store.open(filled_path, defer_daily_backup=True)
    store.start_daily_backup()
    store.close()  # right away: the backup is finished, not cut off
    backups = list_backups(filled_path)
    assert len(backups) == 1 and not list((filled_path.parent / "backups").glob("*.part*"))
    check_file(backups[0])


def test_deferred_backup_that_finds_damage_refuses_every_write(
    filled_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big store's full check is the daily backup's: deferred, it still stops all writes."""
    import workbench.store as store_mod

    monkeypatch.setattr(store_mod, "FULL_CHECK_MAX_BYTES", 0)
    damage_a_data_block(filled_path)
    store = Store.open(filled_path, defer_daily_backup=True)  # the quick probe passes
    try:
        store.start_daily_backup()
        store.daily_backup.join(60)
        assert isinstance(store.daily_backup.error, StoreDamaged)
        with pytest.raises(StoreDamaged):
            fill(store, rows=3, sha="sha-4")
        with pytest.raises(StoreDamaged):
            store.set_setting("x", 1)
    finally:
        store.close()
    assert list_backups(filled_path) == []  # the damaged copy was not kept


def test_backup_through_duckdb_where_the_file_cannot_be_read_directly(
    filled_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows locks the file per handle: there the copy is written by DuckDB itself."""
    monkeypatch.delattr(os, "pread")
    with Store.open(filled_path) as store:
        fill(store, rows=5, sha="sha-5")
        made = store.backup("manual")
    check_file(made)
    con = FileConnection(str(made))
    assert con.execute("SELECT count(*) FROM contacts").fetchone()[0] == CONTACT_ROWS + 5
    assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 2
    con.close()


def test_close_interrupts_and_waits_for_work_running_in_another_thread(store_path: Path) -> None:
    """A store is never detached under a running query: ``close`` interrupts the query, waits
    for the worker's block to end, and the worker sees an interruption, not a crash."""
    import threading

    import duckdb

    store = Store.open(store_path)
    store.con.execute("CREATE TABLE big AS SELECT range AS i FROM range(2000000)")
    cursor = store.cursor()
    started, outcome = threading.Event(), []

    def work() -> None:
        with store.in_use(cursor):
            started.set()
            try:  # a cross join far too long to finish by itself
                cursor.execute("SELECT count(*) FROM big a, big b WHERE a.i + b.i = -1").fetchall()
                outcome.append("finished")
            except duckdb.InterruptException:
                outcome.append("interrupted")
            time.sleep(0.2)  # still inside the block: close must wait for it
            outcome.append("block ended")
        cursor.close()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    assert started.wait(10)
    time.sleep(0.3)
    store.close()
    outcome.append("closed")
    thread.join(10)
    assert outcome == ["interrupted", "block ended", "closed"]
    again = Store.open(store_path)  # the file was let go cleanly
    assert again.con.execute("SELECT count(*) FROM big").fetchone() == (2_000_000,)
    again.close()
