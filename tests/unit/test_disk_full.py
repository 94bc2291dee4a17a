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
