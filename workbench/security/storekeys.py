"""A store's keys: find the one that opens its file, convert a plain store, the personal-data key.

``connect(path, read_only)`` is how ``Store.open`` reaches its file: an encrypted file is tried
with the database key of each store id in the key home (the id last seen at this path first);
a plain file of an earlier version is converted first (``convert_plain``); a new file gets a
fresh id and key. The personal-data key lives in the key home too (``personal_data_key``); the
store keeps only a check value (``personal_key_check``, a hash of the key that says whether a
key in hand is the right one and reveals nothing of it).
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from workbench.errors import InputRejected, StoreUnavailable
from workbench.i18n import _
from workbench.security import database as db
from workbench.security.keys import KeyHome, new_store_id

if TYPE_CHECKING:
    from workbench.store import Store

log = logging.getLogger(__name__)

LEGACY_PERSONAL_KEY = "personal_data_key"  # the store_meta row of the first version
CHECK_META = "personal_key_check"


class KeyMissing(StoreUnavailable):
    """The store's key is not in this user's key home (exit 4)."""

    title = "Key missing"


def missing_key_error(path: Path) -> KeyMissing:
    return KeyMissing(
        _("the store is encrypted and its key is not on this machine"),
        file=path,
        hint=_(
            "on the machine that made it run 'workbench keys export FILE', then here "
            "'workbench keys import FILE'"
        ),
    )


@dataclass
class Opened:
    con: duckdb.DuckDBPyConnection
    alias: str
    store_id: str | None
    new: bool
    key: str | None = None


def connect(path: Path, read_only: bool, home: KeyHome | None = None) -> Opened:
    """Attach the store file ``path`` (see the module docstring); DuckDB errors pass through."""
    home = home or KeyHome.default()
    size = path.stat().st_size if path.exists() else 0
    if not db.ENCRYPTED and (size == 0 or not db.is_encrypted(path)):
        con, alias = db.attach(path, None, read_only=read_only)
        return Opened(con, alias, None, size == 0)
    if size == 0:
        store_id = new_store_id()
        key = home.new_secret(store_id, "database")
        con, alias = db.attach(path, key, read_only=read_only)
        return Opened(con, alias, store_id, True, key)
    if not db.is_encrypted(path):
        convert_plain(path, home)
    opened = _attach_with_a_home_key(path, home, read_only)
    if opened is None:
        raise missing_key_error(path)
    return opened


def _attach_with_a_home_key(path: Path, home: KeyHome, read_only: bool) -> Opened | None:
    """Attach the encrypted file ``path`` with the first key of ``home`` that opens it."""
    for store_id in home.candidates(path):
        key = home.get(store_id, "database")
        if not key:
            continue
        try:
            con, alias = db.attach(path, key, read_only=read_only)
        except duckdb.Error as exc:
            if db.is_wrong_key(exc):
                continue
            raise
        return Opened(con, alias, store_id, False, key)
    return None


def key_of_file(path: Path, home: KeyHome | None = None) -> str | None:
    """The database key that opens the (closed) encrypted file ``path``, or None."""
    opened = _attach_with_a_home_key(path, home or KeyHome.default(), read_only=True)
    if opened is None:
        return None
    opened.con.close()
    db.detach(opened.alias)
    return opened.key


def open_file(path: Path, *, read_only: bool = True) -> tuple[duckdb.DuckDBPyConnection, str]:
    """Attach any store or backup file with the key that opens it (``KeyMissing`` if none)."""
    if not db.is_encrypted(path):
        return db.attach(path, None, read_only=read_only)
    key = key_of_file(path)
    if key is None:
        raise missing_key_error(path)
    return db.attach(path, key, read_only=read_only)


# ---- converting a plain store -----------------------------------------------------------
def convert_plain(path: Path, home: KeyHome) -> str:
    """Encrypt the plain store file ``path`` in place (and its plain backups); its store id.

    A backup is made first; the encrypted copy is checked table by table (row counts) before
    it replaces the plain file; the personal-data key leaves the store for the key home.
    """
    from workbench.store.backups import backup_name

    con, alias = db.attach(path, None)
    try:
        con.execute("CHECKPOINT")
        store_id = _meta(con, "store_id") or new_store_id()
        key = home.get(store_id, "database") or home.new_secret(store_id, "database")
        _move_personal_key(con, store_id, home, delete=False)
        backup = backup_name(path, "before-encryption")
        backup.parent.mkdir(parents=True, exist_ok=True)
        db.copy_encrypted(con, backup.with_name(backup.name + ".part"), None)
        os.replace(backup.with_name(backup.name + ".part"), backup)
        target = path.with_name(path.name + ".encrypting")
        _encrypt_copy(con, target, key, store_id)
    finally:
        con.close()
        db.detach(alias)
    os.replace(target, path)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    home.remember_path(store_id, path)
    encrypt_plain_backups(path, key, store_id)
    log.info("encrypted the store %s (id %s)", path, store_id)
    return store_id


def encrypt_plain_backups(store_path: Path, key: str, store_id: str) -> int:
    """Encrypt every plain backup beside ``store_path`` in place; how many."""
    from workbench.paths import backup_dir

    folder = backup_dir(store_path)
    done = 0
    for file in sorted(folder.glob(f"*{store_path.suffix}")) if folder.exists() else []:
        if not file.is_file() or db.is_encrypted(file):
            continue
        try:
            con, alias = db.attach(file, None, read_only=True)
        except duckdb.Error as exc:  # a damaged backup stays as it is (restore skips it)
            log.warning("backup %s not encrypted: %s", file, exc)
            continue
        target = file.with_name(file.name + ".encrypting")
        try:
            _encrypt_copy(con, target, key, store_id)
        finally:
            con.close()
            db.detach(alias)
        os.replace(target, file)
        done += 1
    return done


def _encrypt_copy(con: duckdb.DuckDBPyConnection, target: Path, key: str, store_id: str) -> None:
    """Copy the database of ``con`` into ``target`` (encrypted), fix its meta, check the rows."""
    for leftover in (target, target.with_name(target.name + ".wal")):
        leftover.unlink(missing_ok=True)
    source = con.execute("SELECT current_database()").fetchone()[0]
    expected = _counts(con, source)
    db.copy_encrypted(con, target, key)
    copy, alias = db.attach(target, key)
    try:
        if "store_meta" in expected:
            copy.execute("DELETE FROM store_meta WHERE key = ?", [LEGACY_PERSONAL_KEY])
            copy.execute("INSERT OR REPLACE INTO store_meta VALUES ('store_id', ?)", [store_id])
        copy.execute("CHECKPOINT")
        got = _counts(copy, alias)
    finally:
        copy.close()
        db.detach(alias)
    data = {t: n for t, n in expected.items() if t != "store_meta"}
    if {t: n for t, n in got.items() if t != "store_meta"} != data:
        target.unlink(missing_ok=True)
        raise StoreUnavailable(
            _("the encrypted copy does not hold every row; the plain store was kept"),
            file=target,
            hint=_("report this; the store is unchanged"),
        )


def _counts(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, int]:
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ? "
            "AND schema_name = 'main' ORDER BY 1",
            [database],
        ).fetchall()
    ]
    return {
        t: con.execute(f'SELECT count(*) FROM "{database}".main."{t}"').fetchone()[0]
        for t in tables
    }


def _meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    try:
        row = con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


# ---- the personal-data key (#15.1) ------------------------------------------------------
def key_check(key_hex: str) -> str:
    """A value that tells whether a key is the store's, and nothing about the key."""
    return hashlib.sha256(b"workbench personal key check\x00" + bytes.fromhex(key_hex)).hexdigest()[
        :32
    ]


def _move_personal_key(
    con: duckdb.DuckDBPyConnection, store_id: str, home: KeyHome, *, delete: bool
) -> bool:
    """Move a first-version ``store_meta.personal_data_key`` to the key home; True if moved."""
    legacy = _meta(con, LEGACY_PERSONAL_KEY)
    if legacy is None:
        return False
    if home.get(store_id, "personal") is None:
        home.set(store_id, "personal", legacy)
    con.execute(
        "INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [CHECK_META, key_check(legacy)]
    )
    if delete:
        con.execute("DELETE FROM store_meta WHERE key = ?", [LEGACY_PERSONAL_KEY])
        con.execute("CHECKPOINT")
    return True


def migrate_personal_key(store: Store, home: KeyHome | None = None) -> bool:
    """Move the key out of an open writable store that still holds it (backup first)."""
    if store.read_only or store.store_id is None:
        return False
    if _meta(store.con, LEGACY_PERSONAL_KEY) is None:
        return False
    if store.path is not None:
        store.backup(reason="before-key-move")
    return _move_personal_key(store.con, store.store_id, home or KeyHome.default(), delete=True)


def personal_key_status(store: Store, home: KeyHome | None = None) -> str:
    """``present``, ``missing`` (the store has hashes made with a key not here) or ``none``."""
    home = home or KeyHome.default()
    check = _meta(store.con, CHECK_META)
    store_id = store.store_id or _meta(store.con, "store_id")
    key = home.get(store_id, "personal") if store_id else None
    if key is not None and (check is None or key_check(key) == check):
        return "present"
    return "missing" if check is not None else "none"


def personal_data_key(
    store: Store,
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    personal: bool | None = None,
    home: KeyHome | None = None,
) -> bytes:
    """The store's key for hashing personal data, from the key home (made on first use).

    When the store already holds hashes made with a key this machine does not have, importing
    personal data is refused (the new hashes could not be linked with the old ones); a file
    whose mapping has no personal column still imports (``personal`` False: the caller, the
    import job, knows the file's columns).
    """
    home = home or KeyHome.default()
    con = con or store.con
    store_id = store.store_id or _meta(con, "store_id")  # a worker's view of the store
    check = _meta(con, CHECK_META)
    key = home.get(store_id, "personal") if store_id else None
    if key is None and store_id is None:  # an in-memory store: a key for this session only
        key = getattr(store, "_session_personal_key", None) or secrets.token_hex(32)
        store._session_personal_key = key
        return bytes.fromhex(key)
    if key is not None and (check is None or key_check(key) == check):
        if check is None and not store.read_only:
            _record_check(con, key)
        return bytes.fromhex(key)
    if check is None:
        key = home.new_secret(store_id, "personal")
        if not store.read_only:
            _record_check(con, key)
        return bytes.fromhex(key)
    if personal is False:
        return secrets.token_bytes(32)  # never used: nothing personal to hash
    raise InputRejected(
        _("this store's personal-data key is not on this machine: customers cannot be linked"),
        file=store.path,
        hint=_("bring the key with 'workbench keys import FILE', then import again"),
    )


def _record_check(con: duckdb.DuckDBPyConnection, key: str) -> None:
    con.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [CHECK_META, key_check(key)])


class FileConnection:
    """A connection to one store or backup file opened with its key; ``close()`` detaches it."""

    def __init__(self, path: Path, *, read_only: bool = True):
        self._con, self._alias = open_file(Path(path), read_only=read_only)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def close(self) -> None:
        try:
            self._con.close()
        finally:
            db.detach(self._alias)

    def __enter__(self) -> FileConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
