"""The main window: views, navigation, menus, status bar, drops, remembered state."""

from __future__ import annotations

from datetime import date

import pytest
from desk_helpers import contacts_store, make_window, wait_idle
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence

from workbench.views import registry
from workbench.views.settings import Settings
from workbench.views.window_geometry import on_a_screen


@pytest.fixture
def store(tmp_path):
    s = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    yield s
    s.close()


def test_window_shows_store_counts_and_title(store, tmp_path, qtbot) -> None:
    window = make_window(store, tmp_path / "s.ini", qtbot)
    assert "main.duckdb" in window.windowTitle()
    assert str(store.path) in window.store_label.text()
    assert "280" in window.rows_label.text()
    assert "never" not in window.import_label.text()
    ids = window._view_ids()
    assert ids[:2] == ["dashboard", "trends"]
    assert set(ids) <= set(registry.VIEW_IDS)
    queues = [window.filter_bar.queue.itemText(i) for i in range(window.filter_bar.queue.count())]
    assert queues[1:] == ["信用卡", "借记卡", "理财"] or sorted(queues[1:]) == sorted(
        ["信用卡", "借记卡", "理财"]
    )


def test_view_menu_shortcuts_and_navigation(store, tmp_path, qtbot) -> None:
    window = make_window(store, tmp_path / "s.ini", qtbot)
    assert window.view_actions["dashboard"].shortcut() == QKeySequence("Ctrl+1")
    assert window.view_actions["trends"].shortcut() == QKeySequence("Ctrl+2")
    assert window.import_action.shortcut() == QKeySequence("Ctrl+I")
    assert window.open_monthly_action.shortcut() == QKeySequence("Ctrl+O")
    window.view_actions["trends"].trigger()
    assert window.current_view_id() == "trends"
    window.ctx.navigate("dashboard", None)
    assert window.current_view_id() == "dashboard"
    window.ctx.navigate("trends", "abandon_rate")
    wait_idle()
    assert window.view("trends").checked_kpis() == ("abandon_rate",)
    window.nav.setCurrentRow(0)
    assert window.stack.currentWidget() is window.view("dashboard")


def test_every_view_of_the_build_opens(store, tmp_path, qtbot) -> None:
    window = make_window(store, tmp_path / "s.ini", qtbot)
    for view_id in window._view_ids():
        widget = window.show_view(view_id)
        assert window.stack.currentWidget() is widget
    wait_idle()


def test_dropping_files_requests_an_import(store, tmp_path, qtbot) -> None:
    window = make_window(store, tmp_path / "s.ini", qtbot)
    dropped = tmp_path / "files" / "话单明细.xlsx"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped)), QUrl.fromLocalFile(str(tmp_path / "nope"))])
    event = QDropEvent(
        QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(window.ctx.importRequested, timeout=2000) as blocker:
        window.dropEvent(event)
    assert blocker.args == [[str(dropped)]]
    if window.importer is not None:
        assert window.importer.wait(30)
    wait_idle()
    # the same bytes again: nothing changes
    assert store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 280


def test_settings_restore_filters_view_and_geometry(store, tmp_path, qtbot) -> None:
    ini = tmp_path / "s.ini"
    window = make_window(store, ini, qtbot)
    window.filter_bar.set_range(date(2026, 10, 2), date(2026, 10, 5))
    window.filter_bar.set_queue("理财")
    window.show_view("trends")
    window.resize(1000, 700)
    window.move(30, 40)
    wait_idle()
    window.close()

    saved = Settings(ini)
    assert saved.last_view == "trends"
    assert saved.filter_state()["mode"] == "custom"

    again = make_window(store, ini, qtbot)
    assert again.current_view_id() == "trends"
    f = again.ctx.filters
    assert (f.start, f.end, f.queues) == (date(2026, 10, 2), date(2026, 10, 5), ("理财",))
    assert again.size().width() == 1200  # make_window resizes after the restore
    again.close()


def test_geometry_off_every_screen_is_brought_back(store, tmp_path, qtbot) -> None:
    ini = tmp_path / "s.ini"
    window = make_window(store, ini, qtbot)
    window.move(QPoint(20000, 20000))  # as if saved on a monitor that is gone
    window.save_state()
    window.close()
    again = make_window(store, ini, qtbot)
    assert on_a_screen(again)
    again.close()


def test_export_and_verify_actions_follow_the_build(store, tmp_path, qtbot) -> None:
    import importlib.util

    window = make_window(store, tmp_path / "s.ini", qtbot)
    has_export = importlib.util.find_spec("workbench.exporters.workbook") is not None
    assert window.export_action.isEnabled() == has_export
    assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
    has_verify = importlib.util.find_spec("workbench.exporters.verify") is not None
    assert window.verify_action.isEnabled() == has_verify


def test_preferences_apply_title_and_watched_folder(store, tmp_path, qtbot) -> None:
    from workbench.views.preferences import Preferences

    ini = tmp_path / "s.ini"
    window = make_window(store, ini, qtbot)
    folder = tmp_path / "watch"
    folder.mkdir()
    prefs = Preferences("en", str(folder), "上海远程银行中心", False, 60)
    with qtbot.assertNotEmitted(window.languageChangeRequested):
        window.apply_preferences(prefs)
    assert "上海远程银行中心" in window.windowTitle()
    assert window.watcher.folder == folder
    # the folder belongs to the store, not to the user's settings (#14.5)
    assert store.setting("watched_folder") == str(folder)
    assert Settings(ini).watched_folder == ""
    with qtbot.waitSignal(window.languageChangeRequested) as blocker:
        window.apply_preferences(Preferences("zh_CN", "", "", False, 60))
    assert blocker.args == ["zh_CN"]
    assert window.watcher.folder is None


def test_the_window_speaks_chinese(store, tmp_path, qtbot) -> None:
    window = make_window(store, tmp_path / "s.ini", qtbot, lang="zh_CN")
    try:
        titles = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert titles[:2] == ["总览", "趋势"]
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus == ["文件(&F)", "视图(&V)", "设置(&S)", "帮助(&H)"]
        dashboard = window.view("dashboard")
        tile = dashboard.tiles["answer_rate"]
        assert tile.name_label.text() == "人工接通率"
        assert tile.status_label.text() in ("达标", "临界", "未达标")
        assert tile.target_label.text().startswith("目标")
        assert "2026年10月1日" in dashboard.title.text()
        assert window.filter_bar.period.currentText() == "最近一个月"
    finally:
        window.close()
        make_window(store, tmp_path / "en.ini", qtbot, lang="en").close()  # back to English


def test_export_then_verify_the_workbook(store, tmp_path, qtbot) -> None:
    pytest.importorskip("workbench.exporters.workbook")
    window = make_window(store, tmp_path / "s.ini", qtbot)
    out = tmp_path / "compliance.xlsx"
    assert window.export_to(out)
    assert window._job.wait(60)
    assert out.exists() and out.stat().st_size > 0
    assert "compliance.xlsx" in window.statusBar().currentMessage()
    assert window.verify_file(out)
    assert window._job.wait(60)
    assert window.last_verification.ok, window.last_verification.problems
    assert "matches" in window.last_message
    window.close()


def test_import_progress_shows_in_the_status_bar_and_cancel_keeps_nothing(
    store, tmp_path, qtbot, monkeypatch
) -> None:
    import threading

    from gui_store import CONTACT_HEADERS, contact_rows
    from openpyxl import Workbook

    import workbench.importing as importing

    window = make_window(store, tmp_path / "s.ini", qtbot)
    if window.importer is None:
        pytest.skip("this build has no import controller")
    big = tmp_path / "big.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(CONTACT_HEADERS)
    for row in contact_rows(per_day=100, seed=5, days=10):
        ws.append(["B" + row[0], *row[1:]])
    wb.save(big)
    before = store.con.execute("SELECT count(*) FROM contacts").fetchone()[0]

    # hold the real import just after its first step until the Cancel button was pressed,
    # so the test does not depend on how fast this machine imports
    real_run_import = importing.run_import
    pressed = threading.Event()

    def held_run_import(*args, **kwargs):
        job = real_run_import(*args, **kwargs)
        step = next(job)
        yield step
        pressed.wait(20)
        return (yield from job)

    monkeypatch.setattr(importing, "run_import", held_run_import)
    seen = []

    def on_progress(done: int, total: int, message: str) -> None:
        seen.append((done, total))
        if len(seen) == 1:
            assert window.progress.isVisible() and window.cancel_button.isVisible()
            window.cancel_button.click()
            pressed.set()

    window.importer.progress.connect(on_progress)
    with qtbot.waitSignal(window.importer.cancelled, timeout=60000):
        window.ctx.request_import([str(big)])
    assert window.importer.wait(30)
    wait_idle()
    assert seen
    assert store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == before
    assert not window.progress.isVisible()
    assert "cancelled" in window.statusBar().currentMessage().lower()
    window.close()


def test_switching_language_rebuilds_the_window(store, tmp_path, qtbot) -> None:
    from workbench.views.app import _Gui, build_app, dispose

    settings = Settings(tmp_path / "s.ini")
    app = build_app(lang="en", settings=settings)
    gui = _Gui(app, store, settings)
    gui.open()
    first = gui.window
    assert first.nav.item(0).text() == "Dashboard"
    first.languageChangeRequested.emit("zh_CN")
    wait_idle()
    assert gui.window is not first
    assert gui.window.nav.item(0).text() == "总览"
    assert gui.window.ctx.store is store
    dispose(gui.window)
    build_app(lang="en", settings=settings)


def test_files_dropped_on_a_text_box_are_imported_not_pasted(store, tmp_path, qtbot) -> None:
    from PySide6.QtWidgets import QApplication, QLineEdit

    window = make_window(store, tmp_path / "s.ini", qtbot)
    editor = window.filter_bar.start_edit.findChild(QLineEdit)
    before = editor.text()
    dropped = tmp_path / "files" / "话单明细.xlsx"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(
        QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    # Qt only delivers drop events during a real drag, so call the window's filter as Qt would
    with qtbot.waitSignal(window.ctx.importRequested, timeout=2000) as blocker:
        assert window.eventFilter(editor, event)
    assert blocker.args == [[str(dropped)]]
    assert QApplication.instance() is not None
    assert editor.text() == before
    if window.importer is not None:
        assert window.importer.wait(30)
    window.close()


def test_a_language_switch_still_queued_when_the_loop_ends_is_dropped(
    store, tmp_path, qtbot
) -> None:
    """Quitting just after choosing a language: the queued switch ran inside the closing
    ``dispose``, deleted the window being closed and ``run_gui`` failed (exit 1)."""
    from shiboken6 import isValid

    from workbench.i18n import language
    from workbench.views.app import _Gui, build_app

    settings = Settings(tmp_path / "s.ini")
    app = build_app(lang="en", settings=settings)
    gui = _Gui(app, store, settings)
    gui.open()
    window = gui.window
    window.languageChangeRequested.emit("zh_CN")  # queued: runs at the next event processing
    gui.close()  # what run_gui does once app.exec() returned
    assert gui.window is None and not isValid(window)
    assert language() == "en"
    build_app(lang="en", settings=settings)
