"""Today's backup in the window: taken after the first paint, before the first write.

The window opens the store with the daily backup deferred (``open_store_interactively``); the
backup starts once the first view shows its data (``window_after_paint``), and an import through
the window waits for it, so the backup holds the store as it was before the day's first write.
A store whose damage only the backup's full check finds is reported in the window and refuses
writes.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))  # test_store's helper

import openpyxl
import pytest
from desk_helpers import contacts_store
from PySide6.QtWidgets import QApplication, QMessageBox
from test_store import damage_a_data_block

from workbench.security.storekeys import FileConnection
from workbench.store import Store, StoreDamaged, list_backups
from workbench.views import window_after_paint
from workbench.views.app import build_app, create_main_window, dispose
from workbench.views.errors import open_store_interactively
from workbench.views.settings import Settings
from workbench.workers.runner import wait_for_idle


def _closed_store(tmp_path: Path, **kwargs) -> tuple[Path, int]:
    """A store file with one contacts import and no backups: (path, contacts)."""
    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "files", **kwargs)
    rows = store.row_counts()["contacts"]
    path = store.path
    store.close()
    shutil.rmtree(path.parent / "backups", ignore_errors=True)
    return path, rows


def _window(store: Store, tmp_path: Path):
    settings = Settings(tmp_path / "s.ini")
    build_app(lang="en", settings=settings)
    window = create_main_window(store, settings=settings)
    window.resize(1200, 800)
    return window


def _contacts_in(backup: Path) -> int:
    con = FileConnection(str(backup))
    try:
        return con.execute("SELECT count(*) FROM contacts").fetchone()[0]
    finally:
        con.close()


def test_daily_backup_starts_after_the_first_paint(tmp_path: Path, qtbot) -> None:
    path, rows = _closed_store(tmp_path)
    store = open_store_interactively(path, ask=lambda *_: False)
    try:
        assert store.daily_backup is not None and list_backups(path) == []  # not at open
        seen_at_start: list[object] = []
        start = store.start_daily_backup

        def start_and_note() -> None:
            seen_at_start.append(window.view("dashboard").data)
            start()

        store.start_daily_backup = start_and_note
        window = _window(store, tmp_path)
        assert list_backups(path) == []  # nor while the window is built
        window.show()
        qtbot.waitUntil(lambda: not window.after_paint.active, timeout=60_000)
        assert seen_at_start and seen_at_start[0] is not None  # the dashboard had its figures
        (backup,) = list_backups(path)
        assert backup.name.endswith("-daily.duckdb") and _contacts_in(backup) == rows
        dispose(window)
    finally:
        store.close()


def test_first_import_through_the_window_waits_for_the_backup(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when the window has not started the backup yet, the day's first write takes it."""
    monkeypatch.setattr(window_after_paint.AfterFirstPaint, "_tick", lambda self: None)
    path, rows = _closed_store(tmp_path)
    book = openpyxl.Workbook()
    book.active.append(["流水号", "进线时间", "技能组", "坐席工号", "排队时长(秒)", "是否接通"])
    for i in range(5):
        book.active.append([f"N{i}", dt.datetime(2026, 10, 9, 9, i), "Q1", "A1", 5, "是"])
    book.save(tmp_path / "more.xlsx")
    store = open_store_interactively(path, ask=lambda *_: False)
    try:
        window = _window(store, tmp_path)
        window.show()
        assert wait_for_idle(30)
        assert list_backups(path) == []  # nothing started it
        window.ctx.request_import([str(tmp_path / "more.xlsx")])
        qtbot.waitUntil(lambda: not window.importer.busy, timeout=60_000)
        assert store.row_counts()["contacts"] == rows + 5
        (backup,) = list_backups(path)
        assert _contacts_in(backup) == rows  # taken before the import wrote
        dispose(window)
    finally:
        store.close()


def test_damage_found_by_the_deferred_backup_is_shown_and_writes_refused(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.store as store_mod

    monkeypatch.setattr(store_mod, "FULL_CHECK_MAX_BYTES", 0)  # as for a big store
    path, _rows = _closed_store(tmp_path, per_day=1500, days=7)  # a table the quick probe skips
    damage_a_data_block(path)
    store = open_store_interactively(path, ask=lambda *_: False)  # the quick probe passes
    try:
        window = _window(store, tmp_path)
        window.show()
        qtbot.waitUntil(lambda: not window.after_paint.active, timeout=60_000)
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]  # fmt: skip
        assert any("damaged" in box.text() for box in boxes)
        with pytest.raises(StoreDamaged):
            store.set_setting("x", 1)
        assert list_backups(path) == []  # the damaged copy was not kept
        for box in boxes:
            box.close()
        dispose(window)
    finally:
        store.close()
