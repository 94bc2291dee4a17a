"""Full disks and unwritable folders: a clear message naming the path, nothing half-written.

Two ways of running out of room are used: ``OSError(ENOSPC/EACCES/EROFS)`` raised at the write
call (monkeypatched), and a real limit — a subprocess with ``RLIMIT_FSIZE`` set just above the
current file sizes, so the kernel itself refuses the write (EFBIG) in the middle of DuckDB's or
openpyxl's work, exactly where a full disk would stop it.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.errors import DiskFull
from workbench.io_safety import atomic_path, atomic_write_bytes, atomic_write_text, disk_error
from workbench.store import Store

# Run ``body`` in a fresh interpreter whose files may grow only ``room`` bytes past ``anchor``.
LIMITED = textwrap.dedent(
    """
    import json, os, resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # get EFBIG instead of being killed
    anchor, room = sys.argv[1], int(sys.argv[2])
    limit = max(os.path.getsize(anchor) if os.path.exists(anchor) else 0, 0) + room
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    from workbench.errors import WorkbenchError
    try:
    {body}
    except WorkbenchError as exc:
        print(json.dumps({{"error": type(exc).__name__, "message": str(exc)}}))
        sys.exit(0)
    print(json.dumps({{"error": None}}))
    """
)


def run_limited(body: str, anchor: Path, room: int, *args: str) -> dict:
    """Run ``body`` (code using ``sys.argv[3:]``) under a file-size limit; its outcome as JSON."""
    code = LIMITED.format(body=textwrap.indent(textwrap.dedent(body), "    "))
    out = subprocess.run(
        [sys.executable, "-c", code, str(anchor), str(room), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# ---- io_safety: the helpers every file write goes through -----------------------------------
def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "targets.toml"
    atomic_write_text(target, "a = 1\n")
    atomic_write_bytes(target, b"b = 2\n")
    assert target.read_text() == "b = 2\n"
    assert leftovers(target.parent, {"targets.toml"}) == []
    assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "disk is full"),
        (errno.EACCES, "no permission"),
        (errno.EROFS, "read-only"),
        (errno.EFBIG, "larger than"),
    ],
)
def test_failed_write_leaves_old_file_and_names_the_path(
    tmp_path: Path, code: int, words: str
) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the earlier export")
    with pytest.raises(DiskFull) as caught, atomic_path(target, needed=5_000_000) as tmp:
        tmp.write_bytes(b"half a workb")
        raise OSError(code, os.strerror(code))
    message = str(caught.value)
    assert str(target) in message and words in message and "\n" not in message
    if code == errno.ENOSPC:
        assert "needs 5.0 MB" in message and "free" in message
    assert target.read_bytes() == b"the earlier export"
    assert leftovers(tmp_path, {"report.xlsx"}) == []


def test_unwritable_folder_is_refused_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*_a, **_k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("workbench.io_safety.tempfile.mkstemp", denied)
    with pytest.raises(DiskFull, match="no permission to write here"):
        atomic_write_text(tmp_path / "settings.json", "{}")
    assert not (tmp_path / "settings.json").exists()


def test_other_errors_are_not_disguised(tmp_path: Path) -> None:
    with pytest.raises(ValueError), atomic_path(tmp_path / "x.txt") as tmp:
        tmp.write_text("partial")
        raise ValueError("a bug stays a bug")
    assert list(tmp_path.iterdir()) == []
    assert isinstance(disk_error(OSError(errno.ENOENT, "x"), tmp_path), OSError)


def test_real_size_limit_during_atomic_write(tmp_path: Path) -> None:
    target = tmp_path / "big.bin"
    target.write_bytes(b"old")
    outcome = run_limited(
        """
        from workbench.io_safety import atomic_write_bytes
        atomic_write_bytes(sys.argv[3], b"x" * 2_000_000)
        """,
        target,
        100_000,
        str(target),
    )
    assert outcome["error"] == "DiskFull" and str(target) in outcome["message"]
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path, {"big.bin"}) == []


# ---- the store ------------------------------------------------------------------------------
BIG_WRITE = """
from workbench.store import Store
store = Store.open(sys.argv[3])
with store.transaction() as con:
    con.execute(
        "INSERT INTO imports (file_name, sha256, kind, rows, rejected, imported_at) "
        "VALUES ('big.csv', 'big', 'contacts', 1, 0, now())"
    )
    con.execute(
        "INSERT INTO contacts (contact_id, started_at, answered, import_id) "
        "SELECT md5(i::varchar) || md5(i::varchar), TIMESTAMP '2026-01-01', true, 1 "
        "FROM range(2000000) t(i)"
    )
store.close()
"""


def test_store_write_on_full_disk_is_rolled_back(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.set_setting("kept", True)
    before = store_path.read_bytes()
    outcome = run_limited(BIG_WRITE, store_path, 300_000, str(store_path))
    assert outcome["error"] == "DiskFull", outcome
    assert str(store_path) in outcome["message"]
    with Store.open(store_path) as store:
        assert store.row_counts()["contacts"] == 0
        assert store.row_counts()["imports"] == 0
        assert store.setting("kept") is True
    assert len(before) > 0


def test_setting_save_on_full_disk_names_the_store(
    store: Store, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    class FullCon:
        def __init__(self, real):
            self.real = real

        def execute(self, sql, params=None):
            if sql.startswith("INSERT"):
                raise duckdb.IOException(
                    f'IO Error: Could not write file "{store_path}.wal": No space left on device'
                )
            return self.real.execute(sql, params or [])

    real = store.con
    store.con = FullCon(real)
    try:
        with pytest.raises(DiskFull) as caught:
            store.set_setting("lang", "zh_CN")
    finally:
        store.con = real
    assert str(store_path) in str(caught.value) and "disk is full" in str(caught.value)
    assert store.setting("lang") is None


# ---- import, export, targets and mapping profiles through their real code -------------------
def write_calls(path: Path, rows: int, first: int = 0) -> Path:
    lines = ["Call Id,Start Time,Queue,Agent ID,Wait Time,Answered,Talk Time"]
    lines += [
        f"C{i:07d},2026-10-{1 + i % 28:02d} 09:{i % 60:02d}:00,q{i % 4},{8000 + i % 30},"
        f"{i % 60},{'Y' if i % 8 else 'N'},{i % 300}"
        for i in range(first, first + rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_on_full_disk_is_rolled_back_with_one_line(store_path: Path, tmp_path: Path) -> None:
    from workbench.importing import import_files

    small = write_calls(tmp_path / "small.csv", 50)
    big = write_calls(tmp_path / "big.csv", 60_000, first=50)
    with Store.open(store_path) as store:
        import_files(store, [small])
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            LIMITED.format(
                body="    from workbench import cli\n    sys.exit(cli.main(sys.argv[3:]))"
            ),
            str(store_path),
            "200000",
            "import",
            "--store",
            str(store_path),
            str(big),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1, out.stderr  # DiskFull's exit status
    assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1
    assert out.stderr.startswith(f"workbench: {store_path}: cannot write")
    with Store.open(store_path) as store:
        assert store.row_counts()["contacts"] == 50 and store.row_counts()["imports"] == 1
        result = import_files(store, [big])  # room again: the same import simply works
        assert result.files[0].status == "imported" and result.files[0].rows == 60_000


def test_export_on_full_disk_leaves_no_half_workbook(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from workbench.exporters import workbook
    from workbench.importing import import_files

    with Store.open(store_path) as store:
        import_files(store, [write_calls(tmp_path / "calls.csv", 200)])
    out = tmp_path / "reports" / "2026-10.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"September's workbook")
    real_save = workbook.job._save_workbook

    def full_disk(wb, path):
        real_save(wb, path)  # most of it is written...
        with open(path, "r+b") as fh:
            fh.truncate(path.stat().st_size // 2)
        raise OSError(errno.ENOSPC, "No space left on device")  # ...then the disk is full

    monkeypatch.setattr(workbook.job, "_save_workbook", full_disk)
    with Store.open(store_path, read_only=True) as store, pytest.raises(DiskFull) as caught:
        workbook.export(store, out, start=date(2026, 10, 1), end=date(2026, 10, 31))
    assert str(out) in str(caught.value) and "\n" not in str(caught.value)
    assert out.read_bytes() == b"September's workbook"
    assert leftovers(out.parent, {"2026-10.xlsx"}) == []


def test_export_on_a_really_full_disk(store_path: Path, tmp_path: Path) -> None:
    from workbench.importing import import_files

    with Store.open(store_path) as store:
        import_files(store, [write_calls(tmp_path / "calls.csv", 200)])
    out = tmp_path / "2026-10.xlsx"
    outcome = run_limited(
        """
        from workbench import cli
        code = cli.main(["export", "--store", sys.argv[3], "--period", "2026-10",
                         "--out", sys.argv[4]])
        print(json.dumps({"error": "exit", "message": code}))
        sys.exit(0)
        """,
        tmp_path / "nothing",
        20_000,
        str(store_path),
        str(out),
    )
    assert outcome == {"error": "exit", "message": 1}
    assert not out.exists()
    assert leftovers(tmp_path, {"calls.csv", "store.duckdb", "backups"}) == []


def test_target_file_save_on_full_disk_keeps_the_old_file(tmp_path: Path) -> None:
    target_file = tmp_path / "targets.toml"
    target_file.write_text("# last year's targets\n", encoding="utf-8")
    outcome = run_limited(
        """
        from workbench.kpi import catalogue, targets
        targets.write_profile_file(sys.argv[3], catalogue.default_targets())
        """,
        target_file,
        0,
        str(target_file),
    )
    assert outcome["error"] is not None and str(target_file) in outcome["message"]
    assert target_file.read_text(encoding="utf-8") == "# last year's targets\n"
    assert leftovers(tmp_path, {"targets.toml"}) == []


def test_target_change_on_full_disk_keeps_the_current_version(
    store: Store, store_path: Path
) -> None:
    import duckdb

    from workbench.kpi import targets

    before = targets.current_profile(store.con)
    full = FailingCursor(store.cursor(), "INSERT INTO target_versions", store_path)
    with pytest.raises(DiskFull), store.transaction(full) as con:
        targets.save_profile(con, dict(before.targets), note="raise everything")
    assert targets.current_profile(store.con) == before
    assert store.con.execute("SELECT count(*) FROM targets").fetchone()[0] == 0
    assert isinstance(full.raised, duckdb.IOException)


def test_mapping_profile_save_on_full_disk(store: Store, store_path: Path) -> None:
    from workbench.jobs import profiles

    full = FailingCursor(store.cursor(), "INSERT OR REPLACE INTO mapping_profiles", store_path)
    with pytest.raises(DiskFull, match="disk is full"), store.transaction(full) as con:
        profiles.save_profile(con, "月报", "contacts", {"contact_id": "呼叫编号"})
    assert profiles.list_profiles(store.con) == []


class FailingCursor:
    """A DuckDB cursor whose matching statement fails the way DuckDB does on a full disk."""

    def __init__(self, cursor, prefix: str, store_path: Path) -> None:
        self.cursor, self.prefix, self.store_path = cursor, prefix, store_path
        self.raised: Exception | None = None

    def execute(self, sql: str, params=None):
        import duckdb

        if sql.startswith(self.prefix):
            self.raised = duckdb.IOException(
                f'IO Error: Could not write file "{self.store_path}.wal": No space left on device'
            )
            raise self.raised
        return self.cursor.execute(sql, params) if params is not None else self.cursor.execute(sql)

    def __getattr__(self, name: str):
        return getattr(self.cursor, name)
