"""Automatic and manual backups of the store file, their rotation, and restoring one.

Where: a ``backups`` folder beside the store file (``paths.backup_dir``). For the default store
that *is* the user data folder (``…/Workbench/backups``); a store kept elsewhere with
``--store`` (a shared drive, a USB stick) carries its backups with it, so moving the folder
moves both, and a backup never lands on another user's profile.

When:
- ``before-migration``: before Workbench upgrades an older store's schema (``Store.open``);
  if that backup cannot be made, the store is not upgraded.
- ``daily``: at most once a calendar day, when a store is first opened for writing that day
  (so before that day's first write); if it cannot be made (full disk) the store still opens,
  a warning is logged and kept in ``store.backup_warning``.
- ``manual``: ``workbench store backup``.

Each kind is rotated on its own (``KEEP``), so many manual backups never push out the daily
ones. Names sort by time: ``<stem>-YYYYmmdd-HHMMSS-ffffff-<reason>.duckdb``. A backup is written
by DuckDB (``COPY FROM DATABASE``, see ``copy_store_file`` for why not a file copy) to
``….part``, renamed when complete, then checked in full (every block read); a copy that fails
the check is deleted, so every listed backup was good when made.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from workbench.errors import StoreUnavailable
from workbench.io_safety import disk_error, errno_from_message
from workbench.paths import backup_dir
from workbench.store.integrity import check_file, damaged

if TYPE_CHECKING:
    from workbench.store import Store

log = logging.getLogger(__name__)

# How many backups of each kind to keep (newest first).
KEEP: dict[str, int] = {"daily": 7, "before-migration": 5, "manual": 10}
DEFAULT_KEEP = 10


def reason_kind(reason: str) -> str:
    """``before-migration-v1-to-v2`` → ``before-migration``; other reasons are their own kind."""
    for kind in KEEP:
        if reason == kind or reason.startswith(kind + "-"):
            return kind
    return reason


def backup_name(store_path: Path, reason: str, when: datetime | None = None) -> Path:
    """Where a backup of ``store_path`` made now (or ``when``) for ``reason`` goes."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return backup_dir(store_path) / f"{store_path.stem}-{stamp}-{reason}{store_path.suffix}"


def list_backups(store_path: Path) -> list[Path]:
    """Backups of the store at ``store_path``, newest first (half-written ``.part`` excluded)."""
    folder = backup_dir(store_path)
    if not folder.exists():
        return []
    found = [
        p
        for p in folder.glob(f"{store_path.stem}-*{store_path.suffix}")
        if p.is_file() and _parse(store_path, p) is not None
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _parse(store_path: Path, backup: Path) -> tuple[datetime, str] | None:
    """(time, reason) from a backup's name, or None when the name is not one of ours."""
    rest = backup.name[len(store_path.stem) + 1 : len(backup.name) - len(store_path.suffix)]
    try:
        when = datetime.strptime(rest[:22], "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None
    return when, rest[23:]


def copy_store_file(store: Store, reason: str, keep: int | None = None) -> Path:
    """Copy ``store`` into the backups folder through DuckDB, check the copy, rotate.

    The copy is made by the store's own connection (``COPY FROM DATABASE``), never by opening
    the file again: on Linux and macOS, closing *any* handle a process has on a file drops that
    process's lock on it, so a plain file copy would let a second Workbench open the store
    while this one still writes. Reading every row for the copy also verifies the store's
    blocks, and the copy comes out compacted.
    """
    if store.path is None:
        raise StoreUnavailable("an in-memory store has no file to back up")
    target = backup_name(store.path, reason)
    partial = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with store._write_lock:
            copy_database(store.con, partial)
        os.replace(partial, target)
    except (OSError, duckdb.Error) as exc:
        _discard(partial)
        if isinstance(exc, duckdb.Error):
            code = errno_from_message(str(exc))
            if code is None:
                raise damaged(store.path, exc) from exc
            exc = OSError(code, str(exc))
        raise disk_error(exc, partial, needed=_size(store.path)) from exc
    try:
        check_file(target)
    except StoreUnavailable:
        target.unlink(missing_ok=True)
        raise
    kind = reason_kind(reason)
    rotate(store.path, kind, KEEP.get(kind, DEFAULT_KEEP) if keep is None else keep)
    log.info("backed up %s to %s", store.path, target)
    return target


def copy_database(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    """Write the database ``con`` is connected to into a new DuckDB file ``target``."""
    alias = f"workbench_backup_{uuid.uuid4().hex[:8]}"
    source = con.execute("SELECT current_database()").fetchone()[0]
    con.execute(f"ATTACH '{_sql_text(target)}' AS {alias}")
    try:
        con.execute(f'COPY FROM DATABASE "{source}" TO {alias}')
    finally:
        con.execute(f"DETACH {alias}")


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")


def _discard(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + ".wal")):
        leftover.unlink(missing_ok=True)


def rotate(store_path: Path, kind: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``kind``; returns the deleted ones."""
    same_kind = [
        p
        for p in list_backups(store_path)
        if reason_kind((_parse(store_path, p) or (None, ""))[1]) == kind
    ]
    removed = same_kind[keep:]
    for old in removed:
        old.unlink(missing_ok=True)
    # A crash mid-copy leaves a .part behind: it is never a backup, drop it.
    for stale in backup_dir(store_path).glob(f"{store_path.stem}-*.part*"):
        stale.unlink(missing_ok=True)
    return removed


def daily_backup_due(store_path: Path, today: date | None = None) -> bool:
    """True when no backup of any kind was made today (so today's first write is not yet safe)."""
    today = today or date.today()
    for backup in list_backups(store_path):
        parsed = _parse(store_path, backup)
        if parsed and parsed[0].date() == today:
            return False
    return True


def ensure_daily_backup(store: Store) -> Path | None:
    """Make today's backup of a writable, non-empty store if none exists yet; never raises.

    A failure (full disk, unwritable folder) is logged and stored in ``store.backup_warning``:
    being unable to back up must not stop the supervisor from working.
    """
    if store.path is None or store.read_only or not daily_backup_due(store.path):
        return None
    try:
        return copy_store_file(store, "daily")
    except Exception as exc:  # see docstring: a failed backup never stops the open
        store.backup_warning = f"the daily backup could not be made: {exc}"
        log.warning("daily backup of %s failed: %s", store.path, exc, exc_info=True)
        return None


def restore_backup(store_path: Path, backup: Path | None = None) -> Path:
    """Replace the (closed) store file with ``backup``, or the newest backup that is whole.

    Every candidate is checked in full first; damaged ones are skipped (and named in the log).
    The file being replaced is kept in the backups folder as ``replaced-<stem>-<time>.duckdb``.
    Returns the backup used.
    """
    store_path = Path(store_path)
    if backup is not None:
        backup = Path(backup)
        if not backup.exists():
            raise StoreUnavailable("backup not found", file=backup, hint="check the path")
        check_file(backup)
    else:
        candidates = list_backups(store_path)
        if not candidates:
            raise StoreUnavailable(
                "no backup found", file=store_path, hint="there is nothing to restore from"
            )
        for candidate in candidates:
            try:
                check_file(candidate)
            except StoreUnavailable as exc:
                log.warning("skipping damaged backup %s: %s", candidate, exc)
                continue
            backup = candidate
            break
        if backup is None:
            raise StoreUnavailable(
                f"all {len(candidates)} backups are damaged",
                file=backup_dir(store_path),
                hint="choose another --store",
            )
    folder = backup_dir(store_path)
    partial = store_path.with_name(store_path.name + ".restoring")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(backup, partial)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        if store_path.exists():
            os.replace(store_path, folder / f"replaced-{store_path.stem}-{stamp}.duckdb")
        wal = store_path.with_name(store_path.name + ".wal")
        if wal.exists():
            # The log belongs to the file just set aside; replayed onto the backup it would
            # corrupt it.
            os.replace(wal, folder / f"replaced-{store_path.stem}-{stamp}.duckdb.wal")
        os.replace(partial, store_path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise disk_error(exc, store_path, needed=_size(backup)) from exc
    log.info("restored %s from %s", store_path, backup)
    return backup


def _size(path: Path | None) -> int | None:
    try:
        return path.stat().st_size if path else None
    except OSError:
        return None
