"""Removing one import (``workbench import --undo IMPORT_ID``, ``store.imports.undo_import``):
exactly that import's rows go, in one transaction; the same file can be imported again."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.errors import UsageError
from workbench.importing import import_files
from workbench.importing.undo import undo_import
from workbench.store import Store

HEADERS = ["流水号", "进线时间", "技能组", "坐席工号", "排队时长(秒)", "是否接通", "通话时长(秒)"]


def write_csv(path: Path, first: int, n: int, day: str, bad: int = 0) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for i in range(n):
            wait = "abc" if i < bad else 10 + i % 30
            out.writerow([f"C{first + i:06d}", f"{day} 09:{i % 60:02d}:00", "信用卡", "A01",
                          wait, "是", 120])  # fmt: skip
    return path


def counts(store: Store) -> tuple[int, int, int]:
    return tuple(
        store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("contacts", "rejects", "imports")
    )


def cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench", *argv], capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def test_undo_removes_exactly_that_import_and_allows_reimport(tmp_path: Path) -> None:
    keep = write_csv(tmp_path / "oct.csv", 1, 40, "2026-10-05")
    wrong = write_csv(tmp_path / "nov.csv", 1000, 30, "2026-11-05", bad=3)
    with Store.open(tmp_path / "s.duckdb") as store:
        first, second = import_files(store, [keep, wrong], kind="contacts").files
        assert (first.rows, second.rows, second.rejected) == (40, 27, 3)
        assert counts(store) == (67, 3, 2)

        undone = undo_import(store, second.import_id)
        assert undone.rows == 27 and undone.removed == {"contacts": 27, "rejects": 3}
        assert counts(store) == (40, 0, 1)
        left = store.con.execute("SELECT DISTINCT import_id FROM contacts").fetchall()
        assert left == [(first.import_id,)]

        again = import_files(store, [wrong], kind="contacts").files[0]
        assert again.status == "imported" and again.rows == 27  # not "duplicate"
        with pytest.raises(UsageError):
            undo_import(store, 999)


def test_undo_is_one_transaction(tmp_path: Path, monkeypatch) -> None:
    """A failure half-way (after contacts were deleted) leaves every row in place."""
    import workbench.store.imports as module

    path = write_csv(tmp_path / "oct.csv", 1, 20, "2026-10-05", bad=2)
    with Store.open(tmp_path / "s.duckdb") as store:
        import_id = import_files(store, [path], kind="contacts").files[0].import_id
        monkeypatch.setattr(module, "KIND_NAMES", ("contacts", "no_such_table"))
        with pytest.raises(Exception, match="no_such_table"):
            undo_import(store, import_id)
        assert counts(store) == (18, 2, 1)


def test_cli_undo_and_json_carry_the_import_id(tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    path = write_csv(tmp_path / "oct.csv", 1, 25, "2026-10-05")
    done = cli("--store", store, "import", str(path), "--json")
    assert done.returncode == 0, done.stderr
    import_id = json.loads(done.stdout)["files"][0]["import_id"]
    assert isinstance(import_id, int)

    done = cli("--store", store, "import", "--undo", str(import_id), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["undone"]["rows"] == 25

    done = cli("--lang", "zh_CN", "--store", store, "import", "--undo", str(import_id))
    assert done.returncode == 2 and f"没有编号为 {import_id} 的导入" in done.stderr
    again = cli("--store", store, "import", str(path))
    assert again.returncode == 0 and "imported" in again.stdout


def test_an_import_whose_rows_a_later_file_also_held_is_not_removed_alone(tmp_path: Path) -> None:
    """A month's file after one of its days: the day's 40 calls are skipped in the month as
    already present. Removing the day alone would leave 60 of the month's 100 calls."""
    day = write_csv(tmp_path / "day.csv", 1, 40, "2026-10-05")
    month = write_csv(tmp_path / "month.csv", 1, 100, "2026-10-05")
    with Store.open(tmp_path / "s.duckdb") as store:
        first = import_files(store, [day], kind="contacts").files[0]
        second = import_files(store, [month], kind="contacts").files[0]
        assert (second.rows, second.skipped["already_present"]) == (60, 40)
        details = store.con.execute(
            "SELECT details FROM imports WHERE id = ?", [second.import_id]
        ).fetchone()[0]
        assert json.loads(details)["present_in"] == {str(first.import_id): 40}

        with pytest.raises(UsageError, match=r"40 .*month\.csv") as refused:
            undo_import(store, first.import_id)
        assert f"remove import {second.import_id} first" in refused.value.hint
        assert counts(store) == (100, 0, 2)  # nothing was removed

        undo_import(store, second.import_id)  # the later file first, then the day
        undo_import(store, first.import_id)
        assert counts(store) == (0, 0, 0)
        again = import_files(store, [month], kind="contacts").files[0]
        assert again.rows == 100 and counts(store) == (100, 0, 1)


def test_a_corrected_reexport_is_named_and_its_values_can_replace_the_stored_ones(
    tmp_path: Path,
) -> None:
    """The same calls exported again with other values: the stored values stay (the key says
    they are the same calls), the summary says how many differ and how to use the new ones."""

    def export(path: Path, wait: int, note: str = "") -> Path:
        with path.open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(HEADERS)
            for i in range(10):
                out.writerow([f"C{i:06d}", f"2026-10-05 09:{i:02d}:00", "信用卡", "A01",
                              wait if i < 4 else 10, "是", 120])  # fmt: skip
            fh.write(note)
        return path

    first = export(tmp_path / "first.csv", 10)
    corrected = export(tmp_path / "corrected.csv", 99)  # 4 calls waited 99 s, not 10 s
    again = export(tmp_path / "again.csv", 10, note="\n")  # the same values, other bytes
    waits = "SELECT sum(wait_s) FROM contacts"
    with Store.open(tmp_path / "s.duckdb") as store:
        kept = import_files(store, [first], kind="contacts").files[0]
        same = import_files(store, [again], kind="contacts").files[0]
        assert (same.rows, same.skipped["already_present"], same.warnings) == (0, 10, ())
        fixed = import_files(store, [corrected], kind="contacts").files[0]
        assert (fixed.rows, fixed.skipped["already_present"]) == (0, 10)
        assert len(fixed.warnings) == 1
        assert f"4 rows have the key of rows already stored by import {kept.import_id} " \
               "(first.csv)" in fixed.warnings[0]  # fmt: skip
        assert store.con.execute(waits).fetchone()[0] == 10 * 10  # the stored values
        # what the warning says: remove this import and the first, import this file again
        undo_import(store, fixed.import_id)
        undo_import(store, same.import_id)
        undo_import(store, kept.import_id)
        assert import_files(store, [corrected], kind="contacts").files[0].rows == 10
        assert store.con.execute(waits).fetchone()[0] == 4 * 99 + 6 * 10


def test_a_later_import_of_an_earlier_version_that_skipped_rows_also_holds_them(
    tmp_path: Path,
) -> None:
    """Imports stored before ``present_in`` was recorded say only how many rows they skipped
    as already present: they may be any earlier import's, so those imports are not removed
    alone either (an import of another kind does not count)."""
    day = write_csv(tmp_path / "day.csv", 1, 40, "2026-10-05")
    month = write_csv(tmp_path / "month.csv", 1, 100, "2026-10-05")
    with Store.open(tmp_path / "s.duckdb") as store:
        first = import_files(store, [day], kind="contacts").files[0]
        second = import_files(store, [month], kind="contacts").files[0]
        store.con.execute(  # as an earlier version wrote it
            "UPDATE imports SET details = json_object('key', ['contact_id']) WHERE id = ?",
            [second.import_id],
        )
        with pytest.raises(UsageError, match=r"month\.csv.* 40 ") as refused:
            undo_import(store, first.import_id)
        assert f"remove import {second.import_id} first" in refused.value.hint
        assert counts(store) == (100, 0, 2)
        undo_import(store, second.import_id)
        assert undo_import(store, first.import_id).rows == 40
