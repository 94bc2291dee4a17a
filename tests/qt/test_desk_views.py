"""The supervisor's desk off the happy path, in real widgets with the event loop running:
removing an import from the Imports view, per-store settings, period presets (#14)."""

from __future__ import annotations

from datetime import date

from desk_helpers import contacts_store, make_window, wait_idle
from gui_store import CONTACT_HEADERS, _save, contact_rows, settle, track, write_contacts
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.store import Store
from workbench.views.context import AppContext
from workbench.views.imports import ImportsView


def answer_yes_soon() -> None:
    """Click Yes in the question box the next action opens (the real box, 200 ms later)."""
    from PySide6.QtCore import QTimer

    def answer_yes() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(200, answer_yes)


def counts(store: Store) -> tuple[int, int]:
    con = store.con
    return (con.execute("SELECT count(*) FROM contacts").fetchone()[0],
            con.execute("SELECT count(*) FROM imports").fetchone()[0])  # fmt: skip


def test_removing_an_import_in_the_imports_view(qtbot, store, tmp_path) -> None:
    ctx = AppContext(store)
    view = track(ImportsView(ctx))
    view.resize(1366, 700)
    view.show()
    first = write_contacts(tmp_path / "十月.xlsx", per_day=20, days=3)
    rows = contact_rows(per_day=10, days=2, seed=5)
    for row in rows:
        row[0] = "W" + row[0]  # other contacts than the first file's
    wrong = _save(tmp_path / "错月.xlsx", CONTACT_HEADERS, rows)
    for path in (first, wrong):
        with qtbot.waitSignal(view.controller.finished, timeout=30000):
            ctx.request_import([str(path)])
    assert view.wait(20)
    assert counts(store) == (80, 2)
    wrong_id = store.con.execute(
        "SELECT id FROM imports WHERE file_name = '错月.xlsx'"
    ).fetchone()[0]
    view.select_import(wrong_id)
    qtbot.waitUntil(lambda: view.history.selectionModel().hasSelection(), timeout=5000)
    view.history.selectRow(0)  # newest first: the wrong month
    assert view.undo_button.isEnabled()

    answer_yes_soon()  # the real button: confirm in the real question box
    with qtbot.waitSignal(ctx.dataChanged, timeout=30000):
        view.undo_button.click()
    assert counts(store) == (60, 1)
    assert "错月.xlsx" in view.outcome.text()
    qtbot.waitUntil(lambda: view.history_model.rowCount() == 1, timeout=10000)

    # the same file imports again (not "already imported")
    with qtbot.waitSignal(view.controller.finished, timeout=30000) as done:
        ctx.request_import([str(wrong)])
    assert done.args[0].files[0].status == "imported"
    assert counts(store) == (80, 2)
    settle()


def test_an_import_whose_rows_a_later_file_repeats_is_not_removed_in_the_view(
    qtbot, store, tmp_path
) -> None:
    """A day's file, then its month: removing the day alone would lose 20 of the month's
    calls, so the view says which import to remove first and nothing changes."""
    ctx = AppContext(store)
    view = track(ImportsView(ctx))
    view.resize(1366, 700)
    view.show()
    rows = contact_rows(per_day=20, days=3)
    day = _save(tmp_path / "一日.xlsx", CONTACT_HEADERS, rows[:20])
    month = _save(tmp_path / "整月.xlsx", CONTACT_HEADERS, rows)
    for path in (day, month):
        with qtbot.waitSignal(view.controller.finished, timeout=30000):
            ctx.request_import([str(path)])
    assert view.wait(20)
    assert counts(store) == (60, 2)
    day_id = store.con.execute("SELECT id FROM imports WHERE file_name = '一日.xlsx'").fetchone()[0]
    view.select_import(day_id)
    qtbot.waitUntil(lambda: view.history.selectionModel().hasSelection(), timeout=5000)
    view.history.selectRow(1)  # newest first: the day is the second row
    assert view.undo_button.isEnabled()

    answer_yes_soon()
    view.outcome.setText("")
    view.undo_button.click()
    qtbot.waitUntil(lambda: "整月.xlsx" in view.outcome.text(), timeout=30000)
    assert counts(store) == (60, 2)
    assert view.undo_button.isEnabled()  # still selected: the button is back
    settle()


def test_watched_folder_and_centre_belong_to_the_store(qtbot, tmp_path) -> None:
    """The demo store's folder and centre never apply to another store (#14 item 5)."""
    from workbench.views.preferences import Preferences

    demo = contacts_store(tmp_path / "demo.duckdb", tmp_path / "a")
    folder = tmp_path / "demo-watch"
    folder.mkdir()
    window = make_window(demo, tmp_path / "s.ini", qtbot)
    window.apply_preferences(Preferences("en", str(folder), "演示中心", False, 60))
    assert window.watcher.folder == folder and "演示中心" in window.windowTitle()
    window.close()
    wait_idle()
    demo.close()

    real = contacts_store(tmp_path / "real.duckdb", tmp_path / "b")
    write_contacts(folder / "demo-export.xlsx", per_day=5, days=1)
    other = make_window(real, tmp_path / "s.ini", qtbot)  # same user settings
    assert other.watcher.folder is None
    assert "演示中心" not in other.windowTitle()
    qtbot.wait(500)
    assert counts(real) == (280, 1)  # nothing of the demo folder imported
    other.close()
    wait_idle()
    real.close()


def test_first_import_from_a_watched_folder_asks_once(qtbot, tmp_path) -> None:
    from workbench.views import store_settings

    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "a")
    folder = tmp_path / "watch"
    folder.mkdir()
    store.set_setting("watched_folder", str(folder))  # e.g. set by an older version
    window = make_window(store, tmp_path / "s.ini", qtbot)
    export = write_contacts(folder / "今日.xlsx", per_day=5, days=1, seed=9)
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        asked.append(box.text())
        box.button(button).click()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(200, lambda: answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(window.importer.finished, timeout=30000):
        store_settings.watched_import(window, [str(export)])
    assert len(asked) == 1 and str(folder) in asked[0]
    assert store.setting("watched_folder_confirmed") == str(folder)
    # the second time: no question
    second = write_contacts(folder / "明日.xlsx", per_day=5, days=1, seed=11)
    with qtbot.waitSignal(window.importer.finished, timeout=30000):
        store_settings.watched_import(window, [str(second)])
    assert len(asked) == 1
    window.close()
    wait_idle()
    store.close()


def test_period_presets_in_the_filter_bar(qtbot, store) -> None:
    from workbench.periods import period_range
    from workbench.views.filter_bar import FilterBar

    bar = FilterBar(AppContext(store), today=date(2026, 11, 18))
    qtbot.addWidget(bar)
    modes = [bar.period.itemData(i) for i in range(bar.period.count())]
    assert {"yesterday", "last_week", "last_month", "quarter"} <= set(modes)
    for mode, expected in {
        "yesterday": (date(2026, 11, 17), date(2026, 11, 17)),
        "last_week": (date(2026, 11, 9), date(2026, 11, 15)),
        "last_month": (date(2026, 10, 1), date(2026, 10, 31)),
        "quarter": (date(2026, 10, 1), date(2026, 12, 31)),
    }.items():
        bar.set_mode(mode)
        filters = bar.filters()
        assert (filters.start, filters.end) == expected, mode
        assert period_range(mode, date(2026, 11, 18), None) == expected
