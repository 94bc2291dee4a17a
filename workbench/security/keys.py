"""The key home: one place for every secret of every store, never inside a store.

Each store carries an id (``store_meta.store_id``, made when the store is created or converted);
its secrets are kept under that id, so a copied store looks for the keys of its id:
- ``database``: the AES key DuckDB encrypts the store file and its backups with;
- ``personal``: the HMAC key of the customer hash (``readers.values.hash_personal``);
- ``signing``: the Ed25519 private key that signs exported workbooks (``signing.py``).

Where: the operating system's credential store through ``keyring`` (Windows Credential
Manager, macOS Keychain, Secret Service), or — where none is usable (keyring's fail/null
backend, a headless Linux box, CI) or ``$WORKBENCH_KEY_BACKEND=file`` — a key file
``keys/secrets.json`` in the user data folder, created readable by the user only (0600 on
POSIX; on Windows the per-user profile folder's ACL). A non-secret ``keys/index.json`` lists
the ids of the stores this user has keys for and where those stores were last seen: the
credential store cannot be listed, and an encrypted file cannot tell its id before it is opened.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from workbench.paths import user_data_dir

BACKEND_ENV = "WORKBENCH_KEY_BACKEND"  # "file" or "keyring"
HOME_ENV = "WORKBENCH_KEY_HOME"  # a folder for the key file (tests, portable setups)
SERVICE = "Workbench"
NAMES = ("database", "personal", "signing")


def key_folder() -> Path:
    """The folder of ``index.json`` (and ``secrets.json`` with the file backend)."""
    env = os.environ.get(HOME_ENV)
    return Path(env).expanduser() if env else user_data_dir() / "keys"


def _usable_keyring():
    """The keyring backend when it can really keep secrets, else None."""
    if os.environ.get(BACKEND_ENV, "").lower() == "file":
        return None
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # no keyring, or a broken configuration: the key file is the fallback
        return None
    name = type(backend).__module__ + "." + type(backend).__name__
    if isinstance(backend, fail.Keyring) or "null" in name.lower() or "fail" in name.lower():
        return None
    if getattr(backend, "priority", 1) <= 0:
        return None
    return backend


class KeyHome:
    """Secrets per store id, in the credential store or the user's key file."""

    def __init__(self, folder: Path | None = None, *, backend=None, use_keyring: bool = True):
        self.folder = folder or key_folder()
        self._keyring = backend if backend is not None else (
            _usable_keyring() if use_keyring else None
        )

    @classmethod
    def default(cls) -> KeyHome:
        return cls()

    @property
    def kind(self) -> str:
        """``keyring (BackendName)`` or ``file (path)``: what ``workbench keys show`` prints."""
        if self._keyring is not None:
            return f"keyring ({type(self._keyring).__name__})"
        return f"file ({self.secrets_file})"

    @property
    def secrets_file(self) -> Path:
        return self.folder / "secrets.json"

    @property
    def index_file(self) -> Path:
        return self.folder / "index.json"

    # ---- secrets -----------------------------------------------------------------------
    def get(self, store_id: str, name: str) -> str | None:
        """The secret ``name`` of store ``store_id`` (hex or PEM text), or None."""
        if self._keyring is not None:
            return self._keyring.get_password(SERVICE, f"{store_id}/{name}")
        return self._read_secrets().get(store_id, {}).get(name)

    def set(self, store_id: str, name: str, value: str) -> None:
        if self._keyring is not None:
            self._keyring.set_password(SERVICE, f"{store_id}/{name}", value)
        else:
            with _locked(self.folder):
                data = self._read_secrets()
                data.setdefault(store_id, {})[name] = value
                _write_private(self.secrets_file, data)
        self._index_add(store_id)

    def delete(self, store_id: str, name: str) -> None:
        if self._keyring is not None:
            with suppress(Exception):
                self._keyring.delete_password(SERVICE, f"{store_id}/{name}")
            return
        with _locked(self.folder):
            data = self._read_secrets()
            if data.get(store_id, {}).pop(name, None) is not None:
                _write_private(self.secrets_file, data)

    def secrets_of(self, store_id: str) -> dict[str, str]:
        """Every secret kept for ``store_id`` (for ``workbench keys export``)."""
        return {n: v for n in NAMES if (v := self.get(store_id, n)) is not None}

    def new_secret(self, store_id: str, name: str) -> str:
        """Make, keep and return a fresh 256-bit secret (hex)."""
        value = secrets.token_hex(32)
        self.set(store_id, name, value)
        return value

    # ---- which stores ------------------------------------------------------------------
    def store_ids(self) -> list[str]:
        ids = list(self._read_index())
        if self._keyring is None:
            ids += [i for i in self._read_secrets() if i not in ids]
        return ids

    def candidates(self, path: Path | None) -> Iterator[str]:
        """Store ids to try for the file at ``path``: the one last seen there first."""
        index = self._read_index()
        where = str(Path(path).resolve()) if path else None
        first = [i for i, seen in index.items() if where and where in seen.get("paths", [])]
        yield from first
        yield from (i for i in self.store_ids() if i not in first)

    def remember_path(self, store_id: str, path: Path) -> None:
        """Note that ``store_id`` lives at ``path`` (so it is tried first next time)."""
        where = str(Path(path).resolve())
        if self._read_index().get(store_id, {}).get("paths", [])[:1] == [where]:
            return
        with _locked(self.folder):
            index = self._read_index()
            paths = index.setdefault(store_id, {}).setdefault("paths", [])
            if where in paths:
                paths.remove(where)
            paths.insert(0, where)
            del paths[20:]
            _write_private(self.index_file, index)

    def _index_add(self, store_id: str) -> None:
        if store_id in self._read_index():
            return
        with _locked(self.folder):
            index = self._read_index()
            if store_id not in index:
                index[store_id] = {"paths": []}
                _write_private(self.index_file, index)

    def _read_index(self) -> dict[str, dict]:
        return _read_json(self.index_file)

    def _read_secrets(self) -> dict[str, dict[str, str]]:
        return _read_json(self.secrets_file)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One writer of the key files at a time, across processes (read-modify-write)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+b") as fh:
        if os.name == "nt":
            import msvcrt

            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_private(path: Path, data: dict) -> None:
    """Write ``data`` as JSON readable and writable by the user only, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with suppress(OSError):
        os.chmod(path.parent, 0o700)
    fd, tmp = tempfile.mkstemp(prefix=".keys-", dir=path.parent)
    try:
        with suppress(OSError):
            os.fchmod(fd, 0o600) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):  # no space or no permission in the key folder: one line
            from workbench.io_safety import disk_error

            raise disk_error(exc, path) from exc
        raise
    with suppress(OSError):
        os.chmod(path, 0o600)


def new_store_id() -> str:
    return secrets.token_hex(8)
