"""Small files (issue 13): a file is read while other work runs, and that changes nothing.

- a batch reads the next file on the read-ahead thread while the current one is stored, and
  stores exactly what one import per file stores;
- ``workbench import`` reads the first file while the store opens;
- a file changed after it was read ahead, one the read-ahead could not read, and one too big
  to be read ahead are all read by the job itself, with the same outcome as without it;
- coercion asks the staged rows for every field's left-over texts in one scan.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import openpyxl
import pytest

from workbench.cli import main
from workbench.commands import load_commands
from workbench.importing import coerce as coerce_module
from workbench.importing import import_files
from workbench.importing import job as job_module
from workbench.importing import read_ahead as read_ahead_module
from workbench.importing.read_ahead import ReadAhead
from workbench.store import Store

HEADERS = ["流水号", "进线时间", "技能组", "坐席工号", "排队时长", "是否接通", "通话时长",
           "满意度", "来电号码"]  # fmt: skip


def _xlsx(path: Path, first: int, rows: int, day: int) -> Path:
    """A small call-detail export: typed dates, durations as text (``1分05秒``), satisfaction
    as labels, phone numbers (some with a dash): fields that take the Python parsers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["话务明细"])
    sheet.append(HEADERS)
    for i in range(rows):
        answered = i % 4 != 0
        sheet.append([
            f"C{first + i:05d}",
            f"2026-10-{day:02d} {8 + i % 9:02d}:{i % 60:02d}:00",
            ["信用卡", "理财"][i % 2],
            f"A{i % 3:02d}" if answered else None,
            f"{i % 50}秒",
            "是" if answered else "否",
            f"{1 + i % 5}分{i % 60:02d}秒" if answered else None,
            ["非常满意", "满意", "一般", "不满意"][i % 4] if answered else None,
            f"139-0000-{i % 30:04d}" if i % 7 == 0 else f"1390000{i % 30:04d}",
        ])  # fmt: skip
    book.save(path)
    return path


def _files(folder: Path, count: int = 3) -> list[Path]:
    return [_xlsx(folder / f"话单_{n}.xlsx", n * 1000, 40 + n, 1 + n) for n in range(count)]


def _table(store: Store, table: str) -> list[tuple]:
    """The rows of ``table``; a customer's keyed hash (each store has its own key) as the
    contact ids that share it."""
    if table != "contacts":
        return store.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
    return store.con.execute(
        "SELECT * EXCLUDE (customer_hash), list(contact_id ORDER BY contact_id) "
        "OVER (PARTITION BY customer_hash) FROM contacts ORDER BY contact_id"
    ).fetchall()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(file name, thread name) of every ``locate_for_import``, wherever it is called from."""
    seen: list[tuple[str, str]] = []
    real = read_ahead_module.locate_for_import

    def recorded(path, **kwargs):
        seen.append((Path(path).name, threading.current_thread().name))
        return real(path, **kwargs)

    monkeypatch.setattr(read_ahead_module, "locate_for_import", recorded)
    monkeypatch.setattr(job_module, "locate_for_import", recorded)
    return seen


def test_a_batch_reads_the_next_file_while_one_is_stored_and_stores_the_same(
    tmp_path: Path, reads: list[tuple[str, str]]
) -> None:
    files = _files(tmp_path)
    with Store.open(tmp_path / "one-by-one.duckdb") as store:
        for path in files:
            assert import_files(store, [path]).files[0].status == "imported"
        alone = {t: _table(store, t) for t in ("contacts", "rejects")}
    reads.clear()
    with Store.open(tmp_path / "batch.duckdb") as store:
        result = import_files(store, files)
        batch = {t: _table(store, t) for t in ("contacts", "rejects")}
    assert [f.status for f in result.files] == ["imported"] * 3
    # the first file by the job, each later one once, on the read-ahead thread
    by_file = dict(reads)
    assert len(reads) == len(by_file) == 3
    assert by_file[files[0].name] == threading.main_thread().name
    assert all(by_file[p.name].startswith("read-ahead") for p in files[1:])
    assert batch == alone
    assert len(batch["contacts"]) == sum(40 + n for n in range(3))


def test_the_command_reads_the_first_file_while_the_store_opens(
    tmp_path: Path, reads: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _files(tmp_path, 1)[0]
    opening: list[float] = []
    real_open = Store.open.__func__

    def timed_open(cls, *args, **kwargs):
        opening.append(time.perf_counter())
        store = real_open(cls, *args, **kwargs)
        opening.append(time.perf_counter())
        return store

    started: list[float] = []
    real_read = read_ahead_module._read

    def timed_read(*args):
        started.append(time.perf_counter())
        return real_read(*args)

    monkeypatch.setattr(Store, "open", classmethod(timed_open))
    monkeypatch.setattr(read_ahead_module, "_read", timed_read)
    load_commands()
    store = tmp_path / "s.duckdb"
    assert main(["import", str(path), "--store", str(store), "--json"]) == 0
    assert reads == [(path.name, reads[0][1])] and reads[0][1].startswith("read-ahead")
    assert started[0] < opening[1]  # begun before the store was open
    with Store.open(store, read_only=True) as opened:
        assert opened.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 40


def test_a_file_changed_after_it_was_read_ahead_is_read_again(
    tmp_path: Path, reads: list[tuple[str, str]]
) -> None:
    path = _xlsx(tmp_path / "话单.xlsx", 0, 30, 1)
    ahead = ReadAhead()
    assert ahead.start(path)
    deadline = time.monotonic() + 30
    while not reads and time.monotonic() < deadline:
        time.sleep(0.01)
    ahead._reads[next(iter(ahead._reads))].result()  # the read is over
    _xlsx(path, 0, 50, 2)  # rewritten: 50 rows, another day
    with Store.open(tmp_path / "s.duckdb") as store:
        result = import_files(store, [path], read_ahead=ahead)
        days = store.con.execute("SELECT DISTINCT CAST(started_at AS DATE) FROM contacts")
        assert [str(d[0]) for d in days.fetchall()] == ["2026-10-02"]
    assert result.files[0].rows == 50
    assert [thread for _name, thread in reads][-1] == threading.main_thread().name


def test_a_file_the_read_ahead_cannot_read_is_reported_as_without_it(tmp_path: Path) -> None:
    good = _xlsx(tmp_path / "a.xlsx", 0, 20, 1)
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with Store.open(tmp_path / "alone.duckdb") as store:
        alone = import_files(store, [broken]).files[0]
    with Store.open(tmp_path / "batch.duckdb") as store:
        batch = import_files(store, [good, broken]).files
    assert alone.status == batch[1].status == "rejected"
    assert batch[1].error == alone.error
    assert batch[0].status == "imported"


def test_only_small_files_are_read_ahead(
    tmp_path: Path, reads: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(tmp_path, 2)
    monkeypatch.setattr(read_ahead_module, "MAX_BYTES", files[1].stat().st_size - 1)
    with ReadAhead() as ahead:
        assert not ahead.start(files[1])
    with Store.open(tmp_path / "s.duckdb") as store:
        assert [f.status for f in import_files(store, files).files] == ["imported"] * 2
    assert [thread for _name, thread in reads] == [threading.main_thread().name] * 2


def test_coercion_reads_every_fields_left_over_texts_in_one_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scans: list[int] = []
    real = coerce_module._all_leftovers

    def counted(con, wanted):
        scans.append(sum(item is not None for item in wanted))
        return real(con, wanted)

    monkeypatch.setattr(coerce_module, "_all_leftovers", counted)
    path = _xlsx(tmp_path / "话单.xlsx", 0, 60, 3)
    with Store.open(tmp_path / "s.duckdb") as store:
        result = import_files(store, [path]).files[0]
        row = store.con.execute(
            "SELECT count(*), sum(talk_s), count(csat_score), count(csat_satisfied), "
            "count(DISTINCT customer_hash) FROM contacts"
        ).fetchone()
    assert result.status == "imported", result.error
    # one scan, asking for several fields at once (wait and talk as text, satisfaction
    # labels, phone numbers with a dash)
    assert len(scans) == 1 and scans[0] >= 4
    # talk: 45 answered rows (i % 4 != 0 of 60), (1 + i % 5) minutes and i % 60 seconds
    answered = [i for i in range(60) if i % 4 != 0]
    assert row[0] == 60
    assert row[1] == sum(60 * (1 + i % 5) + i % 60 for i in answered)
    assert row[2] == 0 and row[3] == len(answered)  # labels: no score, satisfied known
    assert row[4] == 30  # 139-0000-0001 and 13900000001 are one customer


def test_a_cancelled_batch_does_not_wait_for_the_next_files_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window cancels an import by closing its generator: that must not wait for the
    read of the next file (released here only after the cancel returned)."""
    from workbench.importing import run_import

    files = _files(tmp_path, 2)
    began, release, finished = threading.Event(), threading.Event(), threading.Event()
    real = read_ahead_module.locate_for_import

    def slow(path, **kwargs):
        began.set()
        release.wait(30)
        try:
            return real(path, **kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(read_ahead_module, "locate_for_import", slow)
    with Store.open(tmp_path / "s.duckdb") as store:
        job = run_import(store, files)
        next(job)  # the first file's job has begun; the second file's read is under way
        assert began.wait(30)
        job.close()
        assert not finished.is_set()  # the cancel did not wait for it
        release.set()
        assert finished.wait(30)
        assert store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
