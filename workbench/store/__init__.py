"""The store: one DuckDB file holding every import, its rejects, targets and settings.

``Store.open`` resolves locking, damage and schema version into our own errors
(``StoreLocked``, ``StoreUnavailable``), probes the file so a damaged one fails at open
(``integrity.py``), backs the file up before migrating it and once a day before the first write
(``backups.py``; at open, or — ``defer_daily_backup``, the window — after the first paint, with
every write waiting for it), and applies the numbered SQL migrations in ``migrations/``. One
connection per process; worker threads use ``store.cursor()``. ``Store.open_snapshot`` gives a
read-only view of a store another process holds, through a private copy of its file.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from workbench.errors import StoreLocked, StoreUnavailable
from workbench.i18n import N_, _
from workbench.io_safety import disk_error, errno_from_message, is_disk_error
from workbench.security import database as _db
from workbench.security import storekeys as _storekeys
from workbench.store import backups as _backups
from workbench.store import integrity as _integrity
from workbench.store.backups import list_backups, restore_backup
from workbench.store.integrity import (
    FULL_CHECK_MAX_BYTES,
    StoreDamaged,
    damaged,
    is_lock_error,
    probe,
)

__all__ = [
    "AuditBroken",
    "Store",
    "StoreDamaged",
    "latest_version",
    "list_backups",
    "list_migrations",
    "restore_backup",
]

log = logging.getLogger(__name__)

MIGRATION_PACKAGE = "workbench.store.migrations"
#: The centre of a store whose centre was never set (``Store.centre``).
DEFAULT_CENTRE: dict[str, str] = {"code": "C01", "name": ""}
#: What a centre code may be: it becomes a folder name in the lake (``centre=C01``).
CENTRE_CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
_MIGRATION_NAME = re.compile(r"^(\d{3})_[\w-]+\.sql$")


def list_migrations() -> list[tuple[int, str, str]]:
    """Every migration shipped with this version: (number, file name, SQL), in order."""
    found = []
    for entry in resources.files(MIGRATION_PACKAGE).iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def latest_version() -> int:
    """The schema version this build of Workbench writes."""
    return list_migrations()[-1][0]


def current_user() -> str:
    """The OS user, recorded with imports and target changes."""
    try:
        return getpass.getuser()
    except Exception:  # no user name on some locked-down machines
        return "unknown"


class Store:
    """An open store. Use ``Store.open(path)`` or ``Store.memory()``; close it when done."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | None, read_only: bool):
        self.con = con
        self.path = path
        self.read_only = read_only
        self._write_lock = threading.RLock()
        # Set when the automatic daily backup failed (full disk…): the GUI may show it.
        self.backup_warning: str | None = None
        # Today's backup when it was deferred at open (``defer_daily_backup``): writes wait for it.
        self.daily_backup: _backups.DeferredBackup | None = None
        # For a snapshot (``open_snapshot``): the original file, and the temp folder to remove.
        self.snapshot_of: Path | None = None
        self._temp_dir: Path | None = None
        # A handle on the file kept for backups (``backups.write_copy``): never closed while
        # DuckDB holds its lock, since closing any handle would release that lock (POSIX).
        self._file_fd: int | None = None
        # An encrypted store is attached to the process's host DuckDB under ``alias``
        # (``security/database.py``); ``store_id`` names its keys in the key home.
        self.alias: str | None = None
        self.store_id: str | None = None
        self._db_key: str | None = None
        # Cursors running work in other threads (``in_use``): ``close`` interrupts them and
        # waits, so a file is never detached under a running query (DuckDB would crash).
        self._working: list[duckdb.DuckDBPyConnection] = []
        self._idle = threading.Condition()

    # ---- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        migrate: bool = True,
        daily_backup: bool = True,
        check_audit: bool = True,
        defer_daily_backup: bool = False,
        refresh_derived: bool = True,
    ) -> Store:
        """Open (creating when missing), check and migrate the store at ``path``.

        A writable store that already held data is backed up once a day (``backups.py``):
        here, or with ``defer_daily_backup`` when ``start_daily_backup()`` is called or, at the
        latest, before the first write (``_before_write``); the window defers it until its first
        view is painted.
        ``check_audit`` refuses a store whose audit log was edited or cut (``AuditBroken``);
        ``workbench verify --store`` turns it off to report the break itself.
        ``refresh_derived=False`` leaves stale derived tables to the caller (an import brings
        the rollup up to date in its own transaction, so checking it here is paid twice).
        """
        path = Path(path)
        if read_only and not path.exists():
            raise StoreUnavailable(
                _("no store here"), file=path, hint=_("import a file first or check --store")
            )
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(
                    _("cannot create the store folder ({reason})").format(reason=exc.strerror),
                    file=path,
                    hint=_("choose a writable location with --store"),
                ) from exc
        size = path.stat().st_size if path.exists() else 0
        existed = size > 0
        opened = _connect(path, read_only)
        store = cls(opened.con, path, read_only)
        store.alias, store.store_id = opened.alias, opened.store_id
        store._db_key = opened.key
        try:
            if not read_only:
                store._file_fd = _open_fd(path)
            if existed:
                probe(store.con, full=size <= FULL_CHECK_MAX_BYTES, path=path)
            try:
                store._check_and_migrate(existed=existed, migrate=migrate)
            except duckdb.Error as exc:
                raise damaged(path, exc) from exc
            _keys_after_open(store)
            if existed and check_audit:
                _check_audit(store)
            if existed and not read_only and refresh_derived:
                _refresh_derived(store)
        except duckdb.Error as exc:
            store.close()
            # a block the probe does not read (an index's: the audit check looks its head up
            # by key) can be the damaged one: the same one-line refusal as the probe's
            if _integrity.is_damage_message(str(exc)):
                raise damaged(path, exc) from exc
            raise
        except BaseException:
            store.close()
            raise
        if existed and daily_backup and not read_only:
            if defer_daily_backup:
                if _backups.daily_backup_due(path):
                    store.daily_backup = _backups.DeferredBackup(store)
                return store
            try:
                _backups.ensure_daily_backup(store)
            except BaseException:
                store.close()
                raise
        return store

    @classmethod
    def open_snapshot(cls, path: str | Path) -> Store:
        """A read-only view of the store at ``path`` even while another process writes to it.

        DuckDB refuses a second process even read-only, so this copies the file (and its
        write-ahead log, so the other process's committed imports are included) to a private
        temporary folder and opens the copy; the copy is deleted on ``close()``. The view does
        not follow later changes: open a new snapshot to refresh.
        """
        path = Path(path)
        if not path.exists():
            raise StoreUnavailable(
                _("no store here"), file=path, hint=_("import a file first or check --store")
            )
        last_error: StoreUnavailable | None = None
        # A copy taken while the writer checkpoints can be torn; one retry is enough in practice.
        for _attempt in range(2):
            folder = Path(tempfile.mkdtemp(prefix="workbench-snapshot-"))
            copy = folder / path.name
            try:
                try:
                    shutil.copyfile(path, copy)
                    wal = path.with_name(path.name + ".wal")
                    if wal.exists():
                        shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
                except OSError as exc:
                    error = disk_error(exc, folder, needed=path.stat().st_size)
                    if isinstance(error, OSError):
                        raise StoreUnavailable(
                            _("the store cannot be copied ({reason})").format(
                                reason=exc.strerror
                            ),
                            file=path,
                            hint=_("check the file's permissions"),
                        ) from exc
                    raise error from exc
                try:
                    store = cls.open(copy, read_only=True)
                except StoreUnavailable as exc:
                    if isinstance(exc, StoreDamaged):
                        raise
                    # An older schema: upgrade the private copy once, then view it.
                    cls.open(copy, daily_backup=False).close()
                    store = cls.open(copy, read_only=True)
            except StoreUnavailable as exc:
                shutil.rmtree(folder, ignore_errors=True)
                last_error = exc
                continue
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            store.snapshot_of = path
            store._temp_dir = folder
            return store
        assert last_error is not None
        last_error.file = str(path)
        raise last_error

    @classmethod
    def memory(cls) -> Store:
        """A fresh in-memory store (used for 'open without importing' and tests)."""
        store = cls(duckdb.connect(":memory:"), None, False)
        store._check_and_migrate(existed=False, migrate=True)
        return store

    def _check_and_migrate(self, *, existed: bool, migrate: bool) -> None:
        version = self.schema_version()
        latest = latest_version()
        if version > latest:
            raise StoreUnavailable(
                _(
                    "the store has schema version {version}, newer than this Workbench knows "
                    "({latest})"
                ).format(version=version, latest=latest),
                file=self.path,
                hint=_("update Workbench, or open another store with --store"),
            )
        if version == latest or not migrate:
            return
        if self.read_only:
            raise StoreUnavailable(
                _("the store has an older schema ({version}) and is open read-only").format(
                    version=version
                ),
                file=self.path,
                hint=_("open it once for writing so it can be upgraded"),
            )
        if existed and version > 0 and self.path is not None:
            self.backup(reason=f"before-migration-v{version}-to-v{latest}")
        for number, name, sql in list_migrations():
            if number <= version:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                if number == 1:
                    self.con.execute(
                        "CREATE TABLE IF NOT EXISTS schema_version ("
                        "version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
                    )
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?)", [number, name, datetime.now()]
                )
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise

    # ---- facts ---------------------------------------------------------------------------
    def schema_version(self) -> int:
        """The highest applied migration (0 for an empty file)."""
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version' "
            "AND table_catalog = current_database()"
        ).fetchone()[0]
        if not exists:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[
            0
        ]

    def row_counts(self) -> dict[str, int]:
        """Rows per data-kind table, plus imports and rejects."""
        from workbench.domain import KIND_NAMES
        from workbench.store.queries import row_counts

        return row_counts(self.con, (*KIND_NAMES, "imports", "rejects"))

    def last_import_at(self) -> datetime | None:
        """When the newest import was stored (None before the first)."""
        from workbench.store.queries import last_import_at

        return last_import_at(self.con)

    def info(self) -> dict[str, Any]:
        """What ``workbench store info`` prints."""
        size = self.path.stat().st_size if self.path and self.path.exists() else 0
        last = self.last_import_at()
        return {
            "path": str(self.path) if self.path else ":memory:",
            "schema_version": self.schema_version(),
            "size_bytes": size,
            "read_only": self.read_only,
            "rows": self.row_counts(),
            "last_import_at": last.isoformat(sep=" ") if last else None,
            "centre": self.centre(),
            "encrypted": self.alias is not None and self._db_key is not None,
            "personal_data_key": _storekeys.personal_key_status(self),
        }

    # ---- meta and settings ---------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._write("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [key, value])

    def centre(self) -> dict[str, str]:
        """This store's centre: ``{"code": ..., "name": ...}`` (``DEFAULT_CENTRE`` until set)."""
        return {
            "code": self.meta("centre_code") or DEFAULT_CENTRE["code"],
            "name": self.meta("centre_name") or DEFAULT_CENTRE["name"],
        }

    def set_centre(self, code: str, name: str = "") -> None:
        """Name this store's centre; the code goes into lake paths (``workbench.lake``)."""
        from workbench.errors import UsageError

        if not CENTRE_CODE.match(code):
            raise UsageError(
                _("'{code}' is not a centre code").format(code=code),
                hint=_("use 1-16 letters, digits, '-' or '_', e.g. C01"),
            )
        self.set_meta("centre_code", code)
        self.set_meta("centre_name", name.strip())

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        self._write("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, json.dumps(value)])

    def _write(self, sql: str, params: list[Any]) -> None:
        """One small write (its own transaction, or the caller's); a full disk → ``DiskFull``."""
        self._refuse_if_read_only()
        self._before_write(self.con)
        try:
            self.con.execute(sql, params)
        except duckdb.Error as exc:
            self._raise_disk_full(exc)
            raise

    # ---- writing -------------------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for another thread (DuckDB connections are not shared across threads)."""
        alias = self.alias
        if alias is None:  # a Store made over another's cursor (workers): follow its database
            alias = self.con.execute("SELECT current_database()").fetchone()[0]
        return _db.use(self.con.cursor(), None if alias == "memory" else alias)

    @contextmanager
    def in_use(self, cursor: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
        """Mark ``cursor`` as working for this store while the block runs (worker threads).

        ``close`` interrupts such cursors and waits for their blocks to end before it lets the
        file go.
        """
        with self._idle:
            self._working.append(cursor)
        try:
            yield cursor
        finally:
            with self._idle:
                self._working.remove(cursor)
                self._idle.notify_all()

    def _wait_for_work(self, timeout_s: float = 30.0) -> None:
        with self._idle:
            for cursor in self._working:
                with suppress(Exception):
                    cursor.interrupt()
            self._idle.wait_for(lambda: not self._working, timeout=timeout_s)

    @contextmanager
    def transaction(
        self, con: duckdb.DuckDBPyConnection | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """One writer at a time, one transaction: committed on success, rolled back otherwise."""
        self._refuse_if_read_only()
        con = con or self.con
        self._before_write(con)
        with self._write_lock:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException as exc:
                # A failed write may already have ended (or invalidated) the transaction.
                with suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                self._raise_disk_full(exc)
                raise
            try:
                con.execute("COMMIT")
            except duckdb.Error as exc:
                self._raise_disk_full(exc)
                raise

    def start_daily_backup(self) -> None:
        """Take today's deferred backup now, in a background thread (nothing when none is due)."""
        if self.daily_backup is not None:
            self.daily_backup.start()

    def _before_write(self, con: duckdb.DuckDBPyConnection | None = None) -> None:
        """Every write's first step: today's deferred backup exists first, taken through the
        writer's connection ``con`` (this thread's) if not yet; ``StoreDamaged`` when its full
        check found the file damaged: nothing is written to a damaged store."""
        if self.daily_backup is not None:
            self.daily_backup.wait(con if con is not None else self.con)

    def _refuse_if_read_only(self) -> None:
        if not self.read_only:
            return
        if self.snapshot_of is not None:
            raise StoreUnavailable(
                _("this window shows a read-only copy of the store"),
                file=self.snapshot_of,
                hint=_("close the other Workbench window, then reopen to make changes"),
            )
        raise StoreUnavailable(
            _("the store is open read-only"),
            file=self.path,
            hint=_("open it for writing to change it"),
        )

    def _raise_disk_full(self, exc: BaseException) -> None:
        """Turn 'no space' / 'not allowed' while writing the store into ``DiskFull``."""
        if isinstance(exc, OSError) and is_disk_error(exc):
            raise disk_error(exc, self.path or ":memory:") from exc
        if isinstance(exc, duckdb.Error) and not isinstance(exc, duckdb.InterruptException):
            code = errno_from_message(str(exc))
            if code is not None:
                raise disk_error(OSError(code, str(exc)), self.path or ":memory:") from exc

    # ---- backup --------------------------------------------------------------------------
    def backup(self, reason: str = "manual", keep: int | None = None) -> Path:
        """Copy the store file to ``backups/`` beside it (see ``backups.py``); returns the copy."""
        return _backups.copy_store_file(self, reason, keep)

    def close(self) -> None:
        """Stop the work running on this store, then close it (and detach its file)."""
        if self.daily_backup is not None:
            self.daily_backup.join()  # a backup under way is finished, never cut off
        self._wait_for_work()
        with suppress(duckdb.Error):
            self.con.close()
        if self.alias is not None:
            with suppress(duckdb.Error):
                _db.detach(self.alias)
            self.alias = None
        if self._file_fd is not None:  # only now: DuckDB has released its lock
            with suppress(OSError):
                os.close(self._file_fd)
            self._file_fd = None
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AuditBroken(StoreUnavailable):
    """The audit log was edited or an entry deleted outside Workbench (exit 4)."""

    title = "Audit log broken"


def _check_audit(store: Store) -> None:
    """Refuse a store whose audit chain is broken, naming the first broken entry."""
    from workbench.store.audit import check_chain

    broken = check_chain(store.con)
    if broken is not None:
        raise AuditBroken(
            broken.message(),
            file=store.path,
            hint=_(
                "the store was changed outside Workbench: restore a backup with "
                "'workbench store restore' and keep this file for the auditor"
            ),
        )


def _refresh_derived(store: Store) -> None:
    """Rebuild the derived tables (``derived.py``) that an older version or a write outside
    Workbench left stale; a failure only leaves them stale (their readers check)."""
    from workbench.store import derived

    try:
        derived.refresh(store.con)
    except duckdb.Error as exc:
        log.warning("derived tables not refreshed: %s", exc)


_PID = re.compile(r"PID (\d+)")
_IN_USE_HINT = N_("close the other window or wait for its import to finish, then try again")


def _keys_after_open(store: Store) -> None:
    """Record a new store's id, move a first-version personal-data key out, note the path."""
    from workbench.security.keys import KeyHome
    from workbench.security.storekeys import migrate_personal_key

    if store.read_only or store.path is None:
        return
    if store.store_id is None:  # encryption switched off (benchmarks): an id all the same
        store.store_id = store.meta("store_id")
    if store.store_id is None:
        from workbench.security.keys import new_store_id

        store.store_id = new_store_id()
    if store.meta("store_id") != store.store_id:
        store.set_meta("store_id", store.store_id)
    migrate_personal_key(store)
    home = KeyHome.default()
    home.remember_path(store.store_id, store.path)
    if home.get(store.store_id, "signing") is None:  # so `keys export-public` works at once
        from workbench.security.signing import signing_key

        signing_key(store.store_id, home)


def _connect(path: Path, read_only: bool) -> _storekeys.Opened:
    """Attach the store's file with its key, turning DuckDB's errors into ours."""
    try:
        return _storekeys.connect(path, read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if is_lock_error(exc):
            pid = _PID.search(text)
            message = (
                _("the store is in use by another Workbench (process {pid})").format(
                    pid=pid.group(1)
                )
                if pid
                else _("the store is in use by another Workbench")
            )
            raise StoreLocked(message, file=path, hint=_(_IN_USE_HINT)) from exc
        if _integrity.is_damage_message(text):
            raise damaged(path, exc) from exc
        raise StoreUnavailable(
            _("the store cannot be opened ({reason})").format(reason=_first_line(text)),
            file=path,
            hint=_(_integrity.DAMAGED_HINT),
        ) from exc
    except duckdb.Error as exc:  # checksum mismatch, serialization errors: a damaged file
        if is_lock_error(exc):
            raise StoreLocked(
                _("the store is already open in this Workbench"),
                file=path,
                hint=_(_IN_USE_HINT),
            ) from exc
        raise damaged(path, exc) from exc


def _open_fd(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None  # backups then go through DuckDB (backups.write_copy)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:200] if text.strip() else "unknown error"
