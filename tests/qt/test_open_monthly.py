"""File → Open monthly file: a temporary in-memory store, the main store untouched."""

from __future__ import annotations

from desk_helpers import contacts_store, make_window, wait_idle
from gui_store import write_contacts


def _snapshot(store) -> tuple:
    con = store.con
    return (
        con.execute("SELECT count(*), sum(wait_s) FROM contacts").fetchone(),
        con.execute("SELECT count(*), max(imported_at) FROM imports").fetchone(),
    )


def test_opening_a_monthly_file_leaves_the_main_store_unchanged(tmp_path, qtbot) -> None:
    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    before = _snapshot(store)
    window = make_window(store, tmp_path / "s.ini", qtbot)
    monthly = write_contacts(tmp_path / "十月话单.xlsx", per_day=25, seed=3, days=4)

    with qtbot.waitSignal(window.temporaryWindowOpened, timeout=30000) as blocker:
        window.open_monthly(monthly)
    temp = blocker.args[0]
    qtbot.addWidget(temp)
    wait_idle()

    assert temp.ctx.temporary and temp.ctx.store is not store
    assert temp.ctx.store.path is None
    assert "temporary" in temp.windowTitle() and "十月话单.xlsx" in temp.windowTitle()
    assert "not saved" in temp.store_label.text()
    assert not temp.import_action.isEnabled()
    tile = temp.view("dashboard").tiles["offered"]
    assert tile.value_label.text() == "100"  # 4 days × 25 of the monthly file only
    assert window.view("dashboard").tiles["offered"].value_label.text() == "280"

    assert _snapshot(store) == before
    assert str(monthly) in window.settings.recent_files

    temp.close()
    wait_idle()
    assert _snapshot(store) == before
    window.close()
    store.close()


def test_a_file_that_is_not_an_export_opens_nothing(tmp_path, qtbot) -> None:
    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    window = make_window(store, tmp_path / "s.ini", qtbot)
    junk = tmp_path / "notes.csv"
    junk.write_text("hello,world\n1,2\n", encoding="utf-8")
    opened = []
    window.temporaryWindowOpened.connect(opened.append)
    window.open_monthly(junk)
    assert window._job.wait(30)
    wait_idle()
    assert opened == []
    assert "notes.csv" in window.statusBar().currentMessage()
    window.close()
    store.close()
