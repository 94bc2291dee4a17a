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
  a warning is logged and kept in ``store.backup_warning``. The window opens the store with
  ``defer_daily_backup`` (``DeferredBackup``): the backup is then taken in a background thread
  once the first view is painted, and every write waits for it first (``Store.transaction``,
  ``Store._write``), so it still exists before that day's first write.
- ``manual``: ``workbench store backup``.

Each kind is rotated on its own (``KEEP``), so many manual backups never push out the daily
ones. Names sort by time: ``<stem>-YYYYmmdd-HHMMSS-ffffff-<reason>.duckdb``. A backup is written
to ``….part`` (how, without dropping the store's lock: ``write_copy``), renamed when complete,
then checked in full (every block read); a copy that fails the check is deleted, so every
listed backup was good when made — and since the copy has the store's own bytes, the daily
backup is also the store's daily full integrity check.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from workbench.errors import StoreLocked, StoreUnavailable
from workbench.i18n import _
from workbench.io_safety import disk_error, errno_from_message, is_disk_error
from workbench.paths import backup_dir
from workbench.security.storekeys import KeyMissing, open_file
from workbench.store import audit
from workbench.store.integrity import StoreDamaged, check_file, damaged, is_lock_error

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


def copy_store_file(
    store: Store, reason: str, keep: int | None = None, con: duckdb.DuckDBPyConnection | None = None
) -> Path:
    """Copy ``store`` into the backups folder, check the copy in full, rotate; the copy's path.

    A copy that fails the check means the store itself is damaged (the bytes are the same):
    the copy is deleted and ``StoreDamaged`` raised, so a damaged file never pushes a good
    backup out of the rotation. ``con``: the connection to use (a cursor of the store's own,
    in another thread); the store's connection by default.
    """
    con = con if con is not None else store.con
    if store.path is None:
        raise StoreUnavailable(_("an in-memory store has no file to back up"))
    target = backup_name(store.path, reason)
    partial = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with store._write_lock:
            write_copy(store, partial, con)
        os.replace(partial, target)
    except (OSError, duckdb.Error) as exc:
        _discard(partial)
        if isinstance(exc, duckdb.Error):
            code = errno_from_message(str(exc))
            if code is None:
                raise damaged(store.path, exc) from exc
            exc = OSError(code, str(exc))
        error = disk_error(exc, target, needed=_size(store.path))
        if isinstance(error, OSError):
            raise StoreUnavailable(
                _("the backup cannot be written ({reason})").format(reason=exc.strerror or exc),
                file=target,
                hint=_("check the backups folder beside the store"),
            ) from exc
        raise error from exc
    try:
        check_file(target, key=getattr(store, "_db_key", None))
    except StoreUnavailable as exc:
        target.unlink(missing_ok=True)
        raise damaged(store.path, exc.__cause__ or exc) from exc
    kind = reason_kind(reason)
    rotate(store.path, kind, KEEP.get(kind, DEFAULT_KEEP) if keep is None else keep)
    log.info("backed up %s to %s", store.path, target)
    if not store.read_only:
        with store._write_lock:
            audit.record(con, "backup", {"reason": reason, "file": target.name})
    return target


def write_copy(store: Store, target: Path, con: duckdb.DuckDBPyConnection | None = None) -> None:
    """Write a copy of the open ``store`` to ``target`` without releasing the store's lock.

    Fast path (POSIX, writable store): checkpoint, then copy the bytes through the handle the
    store keeps open for exactly this (``Store._file_fd``). Opening and closing a *new* handle
    would not do: on Linux and macOS closing any handle a process has on a file drops that
    process's lock on it, and a second Workbench could then open the store while this one
    writes. Elsewhere (Windows locks byte ranges per handle; a read-only store cannot
    checkpoint) DuckDB writes the copy itself (``COPY FROM DATABASE``: slower, recompresses).
    """
    con = con if con is not None else store.con
    fd = getattr(store, "_file_fd", None)
    if fd is not None and not store.read_only and hasattr(os, "pread"):
        con.execute("CHECKPOINT")
        try:
            _copy_fd(fd, target)
            return
        except OSError as exc:
            if is_disk_error(exc):
                raise
            log.info("plain copy of %s failed (%s); copying through DuckDB", store.path, exc)
            _discard(target)
    copy_database(con, target, getattr(store, "_db_key", None))


def _copy_fd(fd: int, target: Path) -> None:
    size = os.fstat(fd).st_size
    with open(target, "wb") as out:
        offset = 0
        while offset < size:
            chunk = os.pread(fd, min(1 << 22, size - offset), offset)
            if not chunk:
                break
            out.write(chunk)
            offset += len(chunk)
        out.flush()
        os.fsync(out.fileno())


def copy_database(con: duckdb.DuckDBPyConnection, target: Path, key: str | None = None) -> None:
    """Write the database ``con`` is on into a new DuckDB file ``target`` (encrypted with
    ``key``, the store's own, so a backup is as protected as the store)."""
    from workbench.security.database import copy_encrypted

    copy_encrypted(con, target, key)


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


def ensure_daily_backup(store: Store, con: duckdb.DuckDBPyConnection | None = None) -> Path | None:
    """Make today's backup of a writable, non-empty store if none exists yet.

    A failure (full disk, unwritable folder) is logged and stored in ``store.backup_warning``:
    being unable to back up must not stop the supervisor from working. Only ``StoreDamaged``
    is raised: the copy failed its full check, so the store's own file is damaged.
    """
    if store.path is None or store.read_only or not daily_backup_due(store.path):
        return None
    try:
        return copy_store_file(store, "daily", con=con)
    except StoreDamaged:
        raise  # the copy failed its check: the store itself is damaged
    except Exception as exc:  # see docstring: a failed backup never stops the open
        store.backup_warning = f"the daily backup could not be made: {exc}"
        log.warning("daily backup of %s failed: %s", store.path, exc, exc_info=True)
        return None


class DeferredBackup:
    """Today's daily backup, taken after the window's first paint rather than at open.

    ``start()`` takes it in a background thread; ``wait()``, which every write calls first,
    returns once it was taken (taking it on the writer's own thread when nobody started it,
    waiting when the thread is at it). A ``StoreDamaged`` from its full check is kept and
    raised to every later writer, so a damaged store is never written to; ``error`` lets the
    window say so at once.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.done = False
        self.made: Path | None = None
        self.error: StoreDamaged | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Take the backup in a background thread (once; nothing when already taken)."""
        if self._thread is not None or self.done:
            return
        con = self.store.cursor()  # made on the caller's (GUI) thread, used by the backup's
        self._thread = threading.Thread(
            target=self._take, args=(con, True), name="workbench-daily-backup", daemon=True
        )
        self._thread.start()

    def wait(self, con: duckdb.DuckDBPyConnection) -> None:
        """Return once today's backup exists (or could not be made: ``backup_warning``),
        taking it through a cursor of the writer's own connection ``con`` when nobody has yet;
        ``StoreDamaged`` when its full check found the store damaged."""
        if not self.done:
            # a cursor of the writer's own connection: this thread's, and outside any
            # transaction the writer may have open (a checkpoint needs none)
            alias = con.execute("SELECT current_database()").fetchone()[0]
            cursor = con.cursor()
            if alias != "memory":
                cursor.execute(f'USE "{alias}"')
            self._take(cursor, True)
        if self.error is not None:
            raise self.error

    def join(self, timeout_s: float | None = None) -> None:
        """Wait for a started backup to finish (``Store.close``)."""
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _take(self, con: duckdb.DuckDBPyConnection, own: bool) -> None:
        """Take the backup unless done; ``own``: ``con`` was made for it, close it after."""
        with self._lock:
            try:
                if not self.done:
                    try:
                        self.made = ensure_daily_backup(self.store, con)
                    except StoreDamaged as exc:
                        self.error = exc
                        log.error("daily backup: %s", exc)
                    finally:
                        self.done = True
            finally:
                if own:
                    con.close()


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
            raise StoreUnavailable(_("backup not found"), file=backup, hint=_("check the path"))
        check_file(backup)
    else:
        candidates = list_backups(store_path)
        if not candidates:
            raise StoreUnavailable(
                _("no backup found"), file=store_path, hint=_("there is nothing to restore from")
            )
        missing_key: StoreUnavailable | None = None
        for candidate in candidates:
            try:
                check_file(candidate)
            except KeyMissing as exc:  # never restore what cannot be opened here
                missing_key = missing_key or exc
                continue
            except StoreUnavailable as exc:
                log.warning("skipping damaged backup %s: %s", candidate, exc)
                continue
            backup = candidate
            break
        if backup is None and missing_key is not None:
            raise missing_key
        if backup is None:
            raise StoreUnavailable(
                _("all {count} backups are damaged").format(count=len(candidates)),
                file=backup_dir(store_path),
                hint=_("choose another --store"),
            )
    _refuse_if_in_use(store_path)
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
    _record_restore(store_path, backup)
    return backup


def _record_restore(store_path: Path, backup: Path) -> None:
    """Append a ``restore`` entry to the restored store's audit log (schema 3 and later)."""
    from workbench.security import database as db

    try:
        con, alias = open_file(store_path, read_only=False)  # with the key that opens it
    except (duckdb.Error, KeyMissing) as exc:  # the file was checked above; log and go on
        log.warning("cannot record the restore of %s: %s", store_path, exc)
        return
    try:
        audit.record(con, "restore", {"backup": backup.name})
        con.execute("CHECKPOINT")
    finally:
        con.close()
        db.detach(alias)


def _refuse_if_in_use(store_path: Path) -> None:
    """``StoreLocked`` when another process has the store open: never swap a file in use."""
    if not store_path.exists():
        return
    from workbench.security import database as db

    try:
        con, alias = open_file(store_path, read_only=True)
        con.close()
        db.detach(alias)
    except KeyMissing:
        return
    except duckdb.Error as exc:
        if is_lock_error(exc):
            raise StoreLocked(
                _("the store is in use by another Workbench; it was not replaced"),
                file=store_path,
                hint=_("close the other window first, then restore again"),
            ) from exc
        # Any other failure: the file is damaged, which is why it is being restored.


def _size(path: Path | None) -> int | None:
    try:
        return path.stat().st_size if path else None
    except OSError:
        return None
