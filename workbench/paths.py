"""Where things live: the store, logs, backups, settings. Nothing is created at import time.

Every function takes what it needs and creates folders only when asked for a path to write.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "Workbench"
APP_AUTHOR = "Workbench"
STORE_ENV = "WORKBENCH_STORE"
STORE_FILE = "workbench.duckdb"


def user_data_dir() -> Path:
    """The per-user data folder (not created)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def user_log_dir() -> Path:
    """The per-user log folder (not created)."""
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_store_path(cli_value: str | os.PathLike | None = None) -> Path:
    """``--store``, else ``$WORKBENCH_STORE``, else ``workbench.duckdb`` in the user data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    return user_data_dir() / STORE_FILE


def demo_store_path() -> Path:
    """The store ``workbench --demo`` creates once and reopens afterwards."""
    return user_data_dir() / "demo" / "demo.duckdb"


def backup_dir(store_path: Path) -> Path:
    """Backups of a store sit in a ``backups`` folder beside it."""
    return store_path.parent / "backups"


def log_file() -> Path:
    return user_log_dir() / "workbench.log"


def resource_path(*parts: str) -> Path:
    """A file shipped in ``resources/`` (installed as the ``workbench.resources`` package)."""
    return Path(str(resources.files("workbench.resources").joinpath(*parts)))
