"""Encrypted DuckDB files: the signed extension, one host instance per process, attaching.

DuckDB encrypts a database file with AES-GCM when it is attached with ``ENCRYPTION_KEY``; it
writes such files only with its ``httpfs`` extension loaded (OpenSSL), while reading needs
nothing more. The extension comes from the installed ``duckdb-extension-httpfs`` package (a
wheel of DuckDB's own signed build, matching the pinned DuckDB version) and is loaded by file
path with DuckDB's signature check on; extensions are never downloaded or auto-loaded.

Loading the extension costs about 0.4 s per DuckDB instance, so a process keeps one in-memory
*host* instance (``host()``) and every open store is a connection to it with the store's file
attached under its own alias and made the default (``USE``). Queries of the catalogue must
therefore name ``current_database()``: other stores may be attached to the same host.
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import uuid
from pathlib import Path

import duckdb

# Benchmarks only (BENCHMARKS.md, "encryption on vs off"): new stores are written plain and a
# plain store stays plain. Never set for real use; an encrypted store still needs its key.
PLAIN_ENV = "WORKBENCH_BENCHMARK_PLAIN_STORES"
ENCRYPTED = os.environ.get(PLAIN_ENV) != "1"
EXTENSIONS = ("httpfs",)
_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_unsigned_extensions": False,
}
_host: duckdb.DuckDBPyConnection | None = None
_host_lock = threading.Lock()
_instances = itertools.count(1)


def extension_file(name: str) -> Path:
    """The ``.duckdb_extension`` file of ``name`` shipped by its ``duckdb-extension-*`` wheel."""
    version = f"v{duckdb.__version__}"
    package = f"duckdb_extension_{name}"
    relative = Path(package) / "extensions" / version / f"{name}.duckdb_extension"
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / relative).is_file():
        return Path(bundle) / relative
    import importlib.util

    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the package duckdb-extension-{name}=={duckdb.__version__} is missing")
    found = Path(next(iter(spec.submodule_search_locations))) / relative.relative_to(
        relative.parts[0]
    )
    if not found.is_file():
        raise RuntimeError(f"{found} is missing: install duckdb-extension-{name}=={version[1:]}")
    return found


def new_instance() -> duckdb.DuckDBPyConnection:
    """A fresh in-memory DuckDB with the signed extensions loaded (signature check on)."""
    con = duckdb.connect(":memory:", config=dict(_CONFIG))
    for name in EXTENSIONS:
        con.execute(f"LOAD '{sql_text(extension_file(name))}'")
    # An in-memory host has nowhere to spill by default: large imports (staged under a memory
    # limit) and big sorts need a folder, readable by this user only.
    if ENCRYPTED:
        # what spills is the rows being imported, customer numbers still in clear: DuckDB
        # writes its temporary files in plain text unless told otherwise (measured). Set
        # before the folder: DuckDB refuses the change once a folder holds temporary files.
        con.execute("SET temp_file_encryption = true")
    # one folder per instance too: a second instance in the process (tests) would otherwise
    # reuse, and on closing delete, the host's temporary files
    spill = spill_dir() / f"i{next(_instances)}"
    spill.mkdir(exist_ok=True)
    con.execute(f"SET temp_directory = '{sql_text(str(spill))}'")
    return con


def spill_dir() -> Path:
    """DuckDB's folder for temporary files: one per process (DuckDB names its files the same
    in every process, so two processes sharing a folder overwrote and deleted each other's:
    "Could not read enough bytes from file …duckdb_temp_storage…"), under the user cache
    folder (mode 0700), removed when the process ends; folders of ended processes go too."""
    import atexit
    import shutil

    import platformdirs

    from workbench.paths import APP_AUTHOR, APP_NAME

    base = Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / "duckdb-spill"
    base.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        base.chmod(0o700)
    for old in base.glob("p*"):
        if old.is_dir() and old.name[1:].isdigit() and not _alive(int(old.name[1:])):
            shutil.rmtree(old, ignore_errors=True)
    folder = base / f"p{os.getpid()}"
    folder.mkdir(exist_ok=True)
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (on Windows, always assumed)."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def host() -> duckdb.DuckDBPyConnection:
    """The process's host instance (made on first use)."""
    global _host
    with _host_lock:
        if _host is None:
            _host = new_instance()
        return _host


def attach(
    path: Path, key: str | None, *, read_only: bool = False
) -> tuple[duckdb.DuckDBPyConnection, str]:
    """A connection whose default database is the file ``path`` (encrypted with ``key``).

    Returns (connection, alias); ``detach(alias)`` when done. DuckDB's errors pass through.
    """
    con = host().cursor()
    alias = f"wb_{uuid.uuid4().hex[:12]}"
    options = []
    if key is not None:
        options.append(f"ENCRYPTION_KEY '{key}'")
    if read_only:
        options.append("READ_ONLY")
    suffix = f" ({', '.join(options)})" if options else ""
    try:
        con.execute(f"ATTACH '{sql_text(path)}' AS {alias}{suffix}")
        con.execute(f"USE {alias}")
    except BaseException:
        con.close()
        raise
    return con, alias


def use(con: duckdb.DuckDBPyConnection, alias: str | None) -> duckdb.DuckDBPyConnection:
    """Make ``alias`` the default database of ``con`` (a new cursor starts on ``memory``)."""
    if alias:
        con.execute(f"USE {alias}")
    return con


def detach(alias: str) -> None:
    """Detach (and so checkpoint and unlock) the file attached as ``alias``."""
    con = host().cursor()
    try:
        con.execute(f"DETACH DATABASE IF EXISTS {alias}")
    finally:
        con.close()


def is_encrypted(path: Path) -> bool:
    """True when the DuckDB file at ``path`` is encrypted (its main header's flag)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(28)
    except OSError:
        return False
    return len(head) >= 28 and head[8:12] == b"DUCK" and bool(head[20] & 1)


def copy_encrypted(con: duckdb.DuckDBPyConnection, target: Path, key: str | None) -> None:
    """Write the database ``con`` is on into a new file ``target`` encrypted with ``key``."""
    alias = f"wb_copy_{uuid.uuid4().hex[:8]}"
    source = con.execute("SELECT current_database()").fetchone()[0]
    suffix = f" (ENCRYPTION_KEY '{key}')" if key else ""
    con.execute(f"ATTACH '{sql_text(target)}' AS {alias}{suffix}")
    try:
        con.execute(f'COPY FROM DATABASE "{source}" TO {alias}')
    finally:
        con.execute(f"USE {source}")
        con.execute(f"DETACH {alias}")


def sql_text(path: Path | str) -> str:
    return str(path).replace("'", "''")


def is_wrong_key(exc: BaseException) -> bool:
    text = str(exc)
    return "Wrong encryption key" in text or "without a key" in text
