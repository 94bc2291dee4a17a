"""Export consistency (#14 item 8) through the real window: where the save dialog opens, the
comparison period the workbook uses, the agents sheet without an "(unassigned)" row of every
abandon (abandons shown per queue), and a print layout that fits a page's width."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from desk_helpers import contacts_store, make_window, wait_idle

from workbench.exporters.labels import label, sheet_name
from workbench.periods import previous_range
from workbench.views.task_export import LAST_FOLDER_KEY, export_folder


def test_export_from_the_window_matches_the_dashboard(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    window = make_window(store, tmp_path / "s.ini", qtbot, lang="zh_CN")
    # first time: Documents, not the program's folder
    assert export_folder(window.settings) == tmp_path / "Documents"

    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    out = out_dir / "十月.xlsx"
    filters = window.ctx.filters
    with qtbot.waitSignal(window._job.busyChanged, timeout=60000, check_params_cb=lambda b: not b):
        assert window.export_to(out)
    wait_idle()
    assert out.exists()
    # the next dialog opens where the last workbook went
    assert window.settings.value(LAST_FOLDER_KEY) == str(out_dir)
    assert export_folder(window.settings) == out_dir

    wb = openpyxl.load_workbook(out)
    dashboard = window.view("dashboard")
    shown = dashboard.data.previous_range
    assert shown == previous_range(filters.start, filters.end)
    cover = wb[sheet_name("zh_CN", "cover")]
    texts = " ".join(str(c.value) for row in cover.iter_rows() for c in row if c.value)
    assert f"{shown[0].isoformat()} – {shown[1].isoformat()}" in texts

    agents = wb[sheet_name("zh_CN", "agents")]
    first_column = [agents.cell(r, 1).value for r in range(1, agents.max_row + 1)]
    assert label("zh_CN", "no_key") not in first_column  # no "(未分配)" row of abandons
    headers = [c.value for c in agents[2]]
    assert "人工接通率" not in headers  # 100 % for every agent says nothing
    block = first_column.index("按队列（放弃的来电属于队列，不属于坐席）") + 1
    queue_headers = [c.value for c in agents[block + 1]]
    assert "呼损率" in queue_headers
    queues = {agents.cell(r, 1).value for r in range(block + 2, agents.max_row + 1)}
    assert {"信用卡", "借记卡", "理财"} <= queues
    setup = agents.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth == 1
    assert agents.sheet_properties.pageSetUpPr.fitToPage
    assert agents.print_title_rows == "$1:$2"  # the header rows repeat on every page
    window.close()
    wait_idle()
    store.close()


def test_export_folder_falls_back_when_the_last_one_is_gone(qtbot, tmp_path, monkeypatch):
    from workbench.views.settings import Settings

    monkeypatch.setenv("HOME", str(tmp_path))
    settings = Settings(tmp_path / "s.ini")
    settings.set_value(LAST_FOLDER_KEY, str(tmp_path / "removed"))
    assert export_folder(settings) in (tmp_path / "Documents", Path(tmp_path))
