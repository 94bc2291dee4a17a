"""Importing from the window: the controller's worker, progress, cancel, history and rejects."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_store import CONTACT_HEADERS, _save, contact_rows, settle, track, write_contacts
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from workbench.views.context import AppContext
from workbench.views.imports import ImportsView
from workbench.workers.imports import ImportController, import_controller_for


@pytest.fixture
def ctx(store, qapp):
    yield AppContext(store)
    settle()


def _contacts_with_bad_rows(path: Path) -> Path:
    rows = contact_rows(per_day=30, days=2)
    rows[4][6] = "abc"  # wait: not a duration → Excel row 6 is rejected
    rows[9][1] = "not a time"  # started_at → Excel row 11 is rejected
    return _save(path, CONTACT_HEADERS, rows)


def _counts(store) -> tuple[int, int, int]:
    return tuple(
        store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("contacts", "imports", "rejects")
    )


def test_import_shows_progress_history_and_rejects(qtbot, qtmodeltester, ctx, store, tmp_path):
    view = ImportsView(ctx)
    track(view)
    view.resize(1400, 900)
    view.show()
    assert view.controller is import_controller_for(ctx)  # one controller per window
    steps: list[tuple[int, int, str]] = []
    view.controller.progress.connect(lambda d, t, m: steps.append((d, t, m)))
    changed: list[bool] = []
    ctx.dataChanged.connect(lambda: changed.append(True))

    path = _contacts_with_bad_rows(tmp_path / "话单明细.xlsx")
    with qtbot.waitSignal(view.controller.finished, timeout=30000) as done:
        ctx.request_import([str(path)])
        assert view.progress.isVisibleTo(view) and view.cancel_button.isEnabled()
    result = done.args[0]
    assert [f.status for f in result.files] == ["imported"]
    assert result.files[0].rejected == 2
    assert steps and steps[-1][0] == steps[-1][1] > 0  # progress reached its total
    assert changed  # every view is told to refresh
    assert not view.progress.isVisibleTo(view)
    assert "58" in view.outcome.text() and "2" in view.outcome.text()
    # the reasons, grouped by column, with their counts and first rows
    assert "'排队时长(秒)'" in view.outcome.text() and "(rows 6)" in view.outcome.text()

    assert view.wait(20)
    qtmodeltester.check(view.history_model)
    assert view.history_model.rowCount() == 1
    record = view.history_model.record(0)
    assert record["rows"] == 58 and record["rejected"] == 2 and record["kind"] == "contacts"
    # the newest file is selected: its rejects show with sheet, row and column
    assert view.wait(20)
    qtmodeltester.check(view.rejects_model)
    rejects = view.rejects_model.rows()
    assert sorted(r["row_number"] for r in rejects) == [6, 11]
    assert {r["column_name"] for r in rejects} == {"排队时长(秒)", "进线时间"}
    assert all(r["sheet"] == "Sheet1" and r["reason"] for r in rejects)


def test_cancel_in_the_middle_leaves_nothing_in_the_store(qtbot, ctx, store, tmp_path) -> None:
    controller = ImportController(ctx, ask_mapping=False)
    path = write_contacts(tmp_path / "big.xlsx", per_day=600, days=7)
    seen: list[str] = []
    asked: list[bool] = []

    def cancel_while_storing(done: int, total: int, message: str) -> None:
        seen.append(message)
        # "checking big.xlsx: 4,200 rows" comes once the file's transaction is open; the job
        # then stores the rows and stops at its next step, inside the transaction
        if "rows" in message and not asked:
            asked.append(True)
            controller.cancel()

    controller.progress.connect(cancel_while_storing)
    with qtbot.waitSignal(controller.cancelled, timeout=60000):
        controller.import_files([path])
    assert controller.wait(30)
    assert any("rows" in m for m in seen)
    assert not any(m.startswith("imported") for m in seen)
    assert _counts(store) == (0, 0, 0)

    # nothing remembers the cancelled file: importing it again stores it whole
    controller.progress.disconnect(cancel_while_storing)
    with qtbot.waitSignal(controller.finished, timeout=60000) as done:
        controller.import_files([path])
    assert [f.status for f in done.args[0].files] == ["imported"]
    assert _counts(store)[0] == 600 * 7


def test_dropping_files_on_the_view_imports_them(qtbot, ctx, store, tmp_path) -> None:
    view = ImportsView(ctx)
    track(view)
    path = write_contacts(tmp_path / "dropped.xlsx", per_day=10, days=1)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(tmp_path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(view.controller.finished, timeout=30000):
        view.dropEvent(event)
    assert _counts(store)[:2] == (10, 1)  # the folder in the drop was left out
    assert view.wait(20)


def test_one_controller_answers_the_windows_requests(qtbot, ctx, store, tmp_path) -> None:
    """The main window's controller is the one views use; a second one never doubles a file."""
    window_controller = ImportController(ctx)
    assert import_controller_for(ctx) is window_controller
    other = ImportController(ctx)  # e.g. a view made its own by mistake
    started: list[list[str]] = []
    other.started.connect(started.append)
    path = write_contacts(tmp_path / "once.xlsx", per_day=5, days=1)
    with qtbot.waitSignal(window_controller.finished, timeout=30000):
        ctx.request_import([str(path)])
    assert started == []
    assert _counts(store)[:2] == (5, 1)
