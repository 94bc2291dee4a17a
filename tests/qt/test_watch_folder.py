"""The watched folder: complete new exports are imported and every view refreshes."""

from __future__ import annotations

import os
import time

from desk_helpers import contacts_store, make_window, wait_idle
from gui_store import CONTACT_HEADERS, contact_rows
from openpyxl import Workbook

from workbench.views.live import FolderWatcher, IntradayTimer, is_candidate
from workbench.views.store_settings import apply_live_settings


def write_new_contacts(path, per_day: int, days: int) -> None:
    """Contacts with ids of their own (the importer skips contacts it already holds)."""
    wb = Workbook()
    ws = wb.active
    ws.append(CONTACT_HEADERS)
    for row in contact_rows(per_day, seed=99, days=days):
        ws.append(["W" + row[0], *row[1:]])
    wb.save(path)


def test_only_export_files_are_candidates(tmp_path) -> None:
    assert is_candidate(tmp_path / "话单.xlsx")
    assert is_candidate(tmp_path / "calls.CSV")
    assert not is_candidate(tmp_path / "~$话单.xlsx")
    assert not is_candidate(tmp_path / "calls.xlsx.part")
    assert not is_candidate(tmp_path / "notes.docx")


def test_a_file_is_reported_once_it_stops_changing(tmp_path, qtbot) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "old.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    watcher = FolderWatcher(debounce_ms=50, poll_ms=60000)
    watcher.set_folder(folder)
    assert watcher.scan() == []  # files present at start are known

    growing = folder / "new.csv"
    growing.write_text("a,b\n", encoding="utf-8")
    assert watcher.scan() == []  # first sight: wait to see it unchanged
    with growing.open("a", encoding="utf-8") as fh:
        fh.write("3,4\n")
    os.utime(growing, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert watcher.scan() == []  # it changed in between: still being written
    with qtbot.waitSignal(watcher.filesReady, timeout=3000) as blocker:
        pass  # the debounce timer scans again and finds it stable
    assert blocker.args == [[str(growing)]]
    assert watcher.scan() == []  # reported once


def test_files_changed_since_the_last_import_are_picked_up_at_start(tmp_path, qtbot) -> None:
    from datetime import datetime, timedelta

    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "while-closed.csv").write_text("a\n1\n", encoding="utf-8")
    watcher = FolderWatcher(debounce_ms=50, poll_ms=60000)
    watcher.set_folder(folder, since=datetime.now() - timedelta(hours=1))
    watcher.scan()
    with qtbot.waitSignal(watcher.filesReady, timeout=3000) as blocker:
        pass
    assert blocker.args == [[str(folder / "while-closed.csv")]]


def test_new_export_in_the_watched_folder_updates_the_dashboard(tmp_path, qtbot) -> None:
    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    folder = tmp_path / "watch"
    folder.mkdir()
    window = make_window(store, tmp_path / "s.ini", qtbot)
    window.watcher._debounce.setInterval(150)
    store.set_setting("watched_folder", str(folder))
    store.set_setting("watched_folder_confirmed", str(folder))
    apply_live_settings(window)
    dashboard = window.view("dashboard")
    tile = dashboard.tiles["offered"]
    assert tile.value_label.text() == "280"

    # another export lands in the folder: 30 more contacts
    write_new_contacts(folder / "今日话单.xlsx", per_day=10, days=3)
    qtbot.waitUntil(lambda: tile.value_label.text() == "310", timeout=20000)
    assert store.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 2
    wait_idle()
    window.close()
    store.close()


def test_intraday_timer_ticks(qtbot) -> None:
    timer = IntradayTimer(interval_s=1)
    timer.start()
    assert timer.active
    with qtbot.waitSignal(timer.tick, timeout=3000):
        pass
    timer.stop()
    assert not timer.active
