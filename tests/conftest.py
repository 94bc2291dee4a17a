"""Keep the developer's machine out of every test: user folders and the store live in tmp."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
PWC_SAMPLE = DATA / "pwc-call-centre-2021q1.xlsx"


@pytest.fixture(scope="session", autouse=True)
def _session_key_home(tmp_path_factory: pytest.TempPathFactory):
    """Keys: never the developer's credential store, but a key file in a temporary folder, one
    per test process and set before any fixture (module-scoped stores keep their keys)."""
    home = tmp_path_factory.mktemp("key-home")
    saved = {v: os.environ.get(v) for v in ("WORKBENCH_KEY_BACKEND", "WORKBENCH_KEY_HOME")}
    os.environ["WORKBENCH_KEY_BACKEND"] = "file"
    os.environ["WORKBENCH_KEY_HOME"] = str(home)
    yield home
    for var, value in saved.items():
        if value is None:
            os.environ.pop(var, None)
        else:
            os.environ[var] = value


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch, _session_key_home: Path
) -> None:
    """platformdirs follows XDG_* on Linux: point them all at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("WORKBENCH_STORE", raising=False)
    monkeypatch.setenv("WORKBENCH_KEY_BACKEND", "file")
    monkeypatch.setenv("WORKBENCH_KEY_HOME", str(_session_key_home))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


@pytest.fixture
def store(store_path: Path):
    from workbench.store import Store

    s = Store.open(store_path)
    yield s
    s.close()


def _qt_running() -> bool:
    """True when this test process has a QApplication (Qt never imported here otherwise)."""
    if "PySide6.QtWidgets" not in sys.modules:
        return False
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() is not None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Before any fixture is torn down (stores closed, windows closed by qtbot): let every
    background query of the test end, as the app does before it closes a store."""
    if not _qt_running():
        return
    from workbench.workers.runner import wait_for_idle

    wait_for_idle(timeout_s=20, settle_s=0.0)


@pytest.fixture(autouse=True)
def _dispose_windows():
    """After the test and its fixtures: delete the windows it left, while Qt still runs.

    Left to the garbage collector, a window holding pyqtgraph items may be collected during a
    later test's event processing, in an order that can crash CPython (see ``views.app``).
    """
    yield
    if not _qt_running():
        return
    from PySide6.QtWidgets import QApplication

    from workbench.views.app import dispose

    dispose(*QApplication.topLevelWidgets())
