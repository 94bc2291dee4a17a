"""Bad days in the window: unexpected errors, a store held by another window, a damaged store.

An exception in a slot, a plain thread or a background query is logged with its traceback and
shown as one dialog naming the log file, and the window keeps working. A second window on a
held store gets a read-only copy; a damaged store is restored from its newest good backup.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from desk_helpers import contacts_store, make_window, wait_idle
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.errors import DiskFull, StoreLocked
from workbench.paths import log_file
from workbench.store import Store, StoreDamaged, list_backups
from workbench.views.errors import install_exception_hook, open_store_interactively, show_error

pytestmark = pytest.mark.qt_no_exception_capture  # these tests install their own hook


@pytest.fixture
def store(tmp_path: Path):
    s = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    yield s
    s.close()


@pytest.fixture
def window(store: Store, tmp_path: Path, qtbot):
    w = make_window(store, tmp_path / "s.ini", qtbot)
    saved = sys.excepthook, threading.excepthook
    yield w
    sys.excepthook, threading.excepthook = saved
    for box in visible_boxes():
        box.close()


def visible_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def assert_window_responds(window, qtbot) -> None:
    """Navigation, a timer and a fresh background query all still work."""
    window.ctx.navigate("trends", None)
    assert window.current_view_id() == "trends"
    window.ctx.navigate("dashboard", None)
    assert window.current_view_id() == "dashboard"
    fired = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)
    window.view("dashboard").refresh()
    wait_idle()
    dashboard = window.view("dashboard")
    assert dashboard.message.isHidden() or "could not" not in dashboard.message.text()


def test_exception_in_a_slot_is_logged_shown_once_and_window_keeps_working(window, qtbot) -> None:
    reporter = install_exception_hook(window)

    def buggy_slot() -> None:
        raise ZeroDivisionError("simulated slot bug")

    QTimer.singleShot(0, buggy_slot)
    QTimer.singleShot(0, buggy_slot)  # a second one while the dialog is open
    qtbot.waitUntil(lambda: len(reporter.reported) == 2, timeout=5000)
    boxes = visible_boxes()
    assert len(boxes) == 1, "errors are counted in one dialog, never stacked"
    text = boxes[0].text()
    assert "ZeroDivisionError: simulated slot bug" in text
    assert str(log_file()) in text and "\n" not in text
    assert "1 more error" in boxes[0].informativeText()
    logged = log_file().read_text(encoding="utf-8")
    assert "Traceback" in logged and "simulated slot bug" in logged and "buggy_slot" in logged
    assert_window_responds(window, qtbot)
    boxes[0].close()
    QTimer.singleShot(0, buggy_slot)
    qtbot.waitUntil(lambda: len(visible_boxes()) == 1, timeout=5000)  # a new dialog after close


def test_exception_in_a_background_query_is_reported(window, qtbot, monkeypatch) -> None:
    from workbench.kpi import engine

    reporter = install_exception_hook(window)
    real = engine.compute

    def broken(*args, **kwargs):
        raise KeyError("simulated engine bug")

    monkeypatch.setattr(engine, "compute", broken)
    window.view("dashboard").refresh()
    qtbot.waitUntil(lambda: bool(reporter.reported), timeout=10_000)
    assert isinstance(reporter.reported[0], KeyError)
    assert "simulated engine bug" in log_file().read_text(encoding="utf-8")
    assert len(visible_boxes()) == 1
    monkeypatch.setattr(engine, "compute", real)
    assert_window_responds(window, qtbot)


def test_exception_in_a_plain_thread_is_reported(window, qtbot) -> None:
    reporter = install_exception_hook(window)

    def worker() -> None:
        raise RuntimeError("simulated thread bug")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(reporter.reported), timeout=5000)
    assert "simulated thread bug" in visible_boxes()[0].text()
    assert_window_responds(window, qtbot)


def test_our_own_errors_show_their_one_line(window, qtbot) -> None:
    reporter = install_exception_hook(window)
    problem = DiskFull("cannot write: the disk is full", file="/x/report.xlsx", hint="free space")

    def slot() -> None:
        raise problem

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(reporter.reported), timeout=5000)
    (box,) = visible_boxes()
    assert box.windowTitle() == DiskFull.title
    assert box.text() == str(problem)
    box.close()
    box = show_error(window, ValueError("caught by a view"))
    assert "ValueError: caught by a view" in box.text() and str(log_file()) in box.text()
    box.close()


# ---- opening the store -----------------------------------------------------------------------
HOLDER = textwrap.dedent(
    """
    import sys
    from workbench.store import Store
    store = Store.open(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    store.close()
    """
)


def test_second_window_gets_a_read_only_copy(store: Store, tmp_path: Path, qtbot) -> None:
    path = store.path
    rows = store.row_counts()["contacts"]
    store.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked):
            open_store_interactively(path, ask=lambda kind, exc: False)
        asked = []
        snapshot = open_store_interactively(path, ask=lambda kind, exc: asked.append(kind) or True)
        assert asked == ["read_only"]
        try:
            assert snapshot.read_only and snapshot.snapshot_of == path
            window = make_window(snapshot, tmp_path / "s2.ini", qtbot)
            assert f"{rows:,}" in window.rows_label.text() or str(rows) in window.rows_label.text()
            window.close()
        finally:
            snapshot.close()
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)


def test_damaged_store_is_restored_from_its_newest_backup(store: Store) -> None:
    path = store.path
    rows = store.row_counts()["contacts"]
    store.backup("manual")
    store.close()
    with open(path, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xff" * 8192)
    with pytest.raises(StoreDamaged):
        open_store_interactively(path, ask=lambda kind, exc: False)
    asked = []
    restored = open_store_interactively(path, ask=lambda kind, exc: asked.append(kind) or True)
    try:
        assert asked == ["restore"]
        assert restored.row_counts()["contacts"] == rows
        assert list((path.parent / "backups").glob("replaced-*.duckdb"))
    finally:
        restored.close()
    assert len(list_backups(path)) >= 1
