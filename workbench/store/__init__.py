"""The store: one DuckDB file holding every import, its rejects, targets and settings.

``Store.open`` resolves locking, damage and schema version into our own errors
(``StoreLocked``, ``StoreUnavailable``), backs the file up before migrating it, and applies the
numbered SQL migrations in ``migrations/``. One connection per process; worker threads use
``store.cursor()``.
"""

from __future__ import annotations

import getpass
import json
import re
import secrets
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from workbench.errors import StoreLocked, StoreUnavailable
from workbench.paths import backup_dir

MIGRATION_PACKAGE = "workbench.store.migrations"
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

    # ---- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, migrate: bool = True) -> Store:
        """Open (creating when missing) and migrate the store at ``path``."""
        path = Path(path)
        if read_only and not path.exists():
            raise StoreUnavailable(
                "no store here", file=path, hint="import a file first or check --store"
            )
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(
                    f"cannot create the store folder ({exc.strerror})",
                    file=path,
                    hint="choose a writable location with --store",
                ) from exc
        existed = path.exists() and path.stat().st_size > 0
        con = _connect(path, read_only)
        store = cls(con, path, read_only)
        try:
            store._check_and_migrate(existed=existed, migrate=migrate)
        except BaseException:
            con.close()
            raise
        return store

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
                f"the store has schema version {version}, newer than this Workbench knows "
                f"({latest})",
                file=self.path,
                hint="update Workbench, or open another store with --store",
            )
        if version == latest or not migrate:
            return
        if self.read_only:
            raise StoreUnavailable(
                f"the store has an older schema ({version}) and is open read-only",
                file=self.path,
                hint="open it once for writing so it can be upgraded",
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
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[
            0
        ]

    def row_counts(self) -> dict[str, int]:
        """Rows per data-kind table, plus imports and rejects."""
        from workbench.domain import KIND_NAMES

        counts = {}
        for table in (*KIND_NAMES, "imports", "rejects"):
            counts[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return counts

    def last_import_at(self) -> datetime | None:
        return self.con.execute("SELECT max(imported_at) FROM imports").fetchone()[0]

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
        }

    # ---- meta and settings ---------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [key, value])

    def secret_key(self) -> bytes:
        """The store's key for hashing personal data (made once, kept in the store)."""
        key = self.meta("personal_data_key")
        if key is None:
            key = secrets.token_hex(32)
            if not self.read_only:
                self.set_meta("personal_data_key", key)
        return bytes.fromhex(key)

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        self.con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, json.dumps(value)])

    # ---- writing -------------------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for another thread (DuckDB connections are not shared across threads)."""
        return self.con.cursor()

    @contextmanager
    def transaction(
        self, con: duckdb.DuckDBPyConnection | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """One writer at a time, one transaction: committed on success, rolled back otherwise."""
        con = con or self.con
        with self._write_lock:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    # ---- backup --------------------------------------------------------------------------
    def backup(self, reason: str = "manual", keep: int = 10) -> Path:
        """Copy the store file to ``backups/`` beside it; keep the newest ``keep`` copies."""
        if self.path is None:
            raise StoreUnavailable("an in-memory store has no file to back up")
        folder = backup_dir(self.path)
        folder.mkdir(parents=True, exist_ok=True)
        if not self.read_only:
            self.con.execute("CHECKPOINT")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{self.path.stem}-{stamp}-{reason}{self.path.suffix}"
        partial = target.with_suffix(target.suffix + ".part")
        shutil.copyfile(self.path, partial)
        partial.replace(target)
        _rotate(folder, self.path.stem, keep)
        return target

    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error:
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def list_backups(store_path: Path) -> list[Path]:
    """Backups of the store at ``store_path``, newest first."""
    folder = backup_dir(store_path)
    if not folder.exists():
        return []
    found = [p for p in folder.glob(f"{store_path.stem}-*{store_path.suffix}") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def restore_backup(store_path: Path, backup: Path | None = None) -> Path:
    """Replace the (closed) store file with ``backup`` or the newest backup; returns the one used.

    The file being replaced is kept beside the backups as ``…-replaced-….duckdb``.
    """
    if backup is None:
        candidates = list_backups(store_path)
        if not candidates:
            raise StoreUnavailable(
                "no backup found", file=store_path, hint="there is nothing to restore from"
            )
        backup = candidates[0]
    backup = Path(backup)
    if not backup.exists():
        raise StoreUnavailable("backup not found", file=backup, hint="check the path")
    _check_readable(backup)
    if store_path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        folder = backup_dir(store_path)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.move(str(store_path), folder / f"replaced-{store_path.stem}-{stamp}.duckdb")
    wal = store_path.with_name(store_path.name + ".wal")
    if wal.exists():
        wal.unlink()
    partial = store_path.with_name(store_path.name + ".restoring")
    shutil.copyfile(backup, partial)
    partial.replace(store_path)
    return backup


def _check_readable(path: Path) -> None:
    con = _connect(path, read_only=True)
    con.close()


def _rotate(folder: Path, stem: str, keep: int) -> None:
    found = sorted(
        (p for p in folder.glob(f"{stem}-*") if p.suffix != ".part"),
        key=lambda p: p.name,
        reverse=True,
    )
    for old in found[keep:]:
        old.unlink(missing_ok=True)


_PID = re.compile(r"PID (\d+)")


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Connect, turning DuckDB's errors into ours."""
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            pid = _PID.search(text)
            who = f" (process {pid.group(1)})" if pid else ""
            raise StoreLocked(
                f"the store is in use by another Workbench{who}",
                file=path,
                hint="close the other window or wait for its import to finish, then try again",
            ) from exc
        raise StoreUnavailable(
            f"the store cannot be opened ({_first_line(text)})",
            file=path,
            hint="restore a backup with 'workbench store restore' or choose another --store",
        ) from exc
    except (duckdb.SerializationException, duckdb.InternalException, duckdb.Error) as exc:
        raise StoreUnavailable(
            f"the store file is damaged or not a Workbench store ({_first_line(str(exc))})",
            file=path,
            hint="restore a backup with 'workbench store restore' or choose another --store",
        ) from exc


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:200] if text.strip() else "unknown error"
