"""The branch manager's file: the demo month exported, then reopened from the workbook alone
(File → Open, drop, ``screenshot --open``) as read-only dashboards with its verification."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from desk_helpers import contacts_store, make_window, wait_idle
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage

from workbench.domain import Filters
from workbench.exporters.workbook import export
from workbench.kpi.engine import compute, format_value
from workbench.store import Store

SMALL = 3000
PERIOD = (date(2026, 10, 1), date(2026, 10, 31))


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, Path]:
    """(the demo store, its October workbook)."""
    from workbench.demo import ensure_demo_store

    folder = tmp_path_factory.mktemp("monthly-workbook")
    store_path = ensure_demo_store(folder / "demo.duckdb", contacts=SMALL)
    out = folder / "compliance-2026-10.xlsx"
    with Store.open(store_path) as store:
        export(store, out, start=PERIOD[0], end=PERIOD[1], lang="zh_CN")
    return store_path, out


def _open(window, path: Path, qtbot):
    with qtbot.waitSignal(window.temporaryWindowOpened, timeout=60000) as blocker:
        window.open_monthly(path)
    temp = blocker.args[0]
    qtbot.addWidget(temp)
    wait_idle()
    return temp


def test_workbook_opens_as_dashboards_with_the_stores_figures(demo, tmp_path, qtbot) -> None:
    store_path, workbook = demo
    with Store.open(store_path, read_only=True) as source:
        truth = compute(source.con, Filters(*PERIOD))
        by_day = compute(source.con, Filters(*PERIOD), by="day", kpi_ids=["answer_rate"])
    main = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    window = make_window(main, tmp_path / "s.ini", qtbot)
    temp = _open(window, workbook, qtbot)

    assert temp.ctx.temporary and temp.ctx.store.path is None
    assert "compliance-2026-10.xlsx" in temp.windowTitle()
    assert "verified" in temp.windowTitle() and "NOT" not in temp.windowTitle()
    assert not temp.import_action.isEnabled()
    # nothing raw was imported: the figures come from the workbook alone
    assert temp.ctx.store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
    dashboard = temp.view("dashboard")
    for kpi_id in ("offered", "answer_rate", "service_level", "campaign_reach"):
        expected = format_value(kpi_id, truth.value(kpi_id).value, "en")
        assert dashboard.tiles[kpi_id].value_label.text() == expected, kpi_id
    # the trend series per day are the store's daily values (to the workbook's precision)
    daily = compute(temp.ctx.store.con, Filters(*PERIOD), by="day", kpi_ids=["answer_rate"])
    assert [g.key for g in daily.groups] == [g.key for g in by_day.groups]
    for mine, theirs in zip(daily.groups, by_day.groups, strict=True):
        assert mine.values[0].value == pytest.approx(theirs.values[0].value, abs=1e-9)
    agents = compute(temp.ctx.store.con, Filters(*PERIOD), by="agent", kpi_ids=["aht"])
    assert len([g for g in agents.groups if g.key]) == 60
    temp.close()
    window.close()
    main.close()


def test_an_edited_workbook_says_so_in_the_title(demo, tmp_path, qtbot) -> None:
    from openpyxl import load_workbook

    _store, workbook = demo
    edited = tmp_path / "edited.xlsx"
    wb = load_workbook(workbook)
    ws = wb["指标汇总"]
    ws["C5"] = 12345
    wb.save(edited)
    main = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    window = make_window(main, tmp_path / "s.ini", qtbot)
    temp = _open(window, edited, qtbot)
    assert "NOT verified" in temp.windowTitle()
    temp.close()
    window.close()
    main.close()


def test_dropping_the_workbook_opens_it_instead_of_importing(demo, tmp_path, qtbot) -> None:
    _store, workbook = demo
    main = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    before = main.con.execute("SELECT count(*) FROM imports").fetchone()[0]
    window = make_window(main, tmp_path / "s.ini", qtbot)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(workbook))])
    event = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(window.temporaryWindowOpened, timeout=60000) as blocker:
        window.dropEvent(event)
    temp = blocker.args[0]
    qtbot.addWidget(temp)
    wait_idle()
    assert "verified" in temp.windowTitle()
    assert main.con.execute("SELECT count(*) FROM imports").fetchone()[0] == before
    temp.close()
    window.close()
    main.close()


def test_screenshot_open_renders_the_workbook(demo, tmp_path) -> None:
    _store, workbook = demo
    out = tmp_path / "dashboard.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "screenshot", "--open", str(workbook), "--view",
         "dashboard", "--out", str(out), "--size", "1024x700", "--lang", "zh_CN"],
        capture_output=True, text=True, env=env, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1024, 16) for y in range(0, 700, 16)}
    assert len(colours) > 8  # tiles, sparklines and text, not an empty window
