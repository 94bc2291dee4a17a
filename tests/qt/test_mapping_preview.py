"""The mapping dialog shows the file's first rows *as they will be stored* and the headline
figures, through the real import job on a scratch store, before anything is written (#13.4).

The file is an ACD-style call log whose headers Workbench does not know: dates as YYMMDD text,
waits and talk times as h:mm:ss text, an outcome column. Figures are computed by hand below.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook

from workbench.readers import preview
from workbench.views.i18n import install_translator
from workbench.views.mapping_dialog import MappingDialog

# copies for people to look at (``docs/screenshots/`` in the repository) only when asked:
# WORKBENCH_SCREENSHOTS=docs/screenshots pytest tests/qt/…
SHOTS = os.environ.get("WORKBENCH_SCREENSHOTS")

HEADERS = ["Ref No", "Call Date", "Queue Name", "Hold Before Answer", "Outcome", "Talk"]
ROWS = [
    ["R1", "261001", "Cards", "0:00:15", "ANSWERED", "0:03:00"],
    ["R2", "261001", "Cards", "0:01:05", "NO ANSWER", None],
    ["R3", "261002", "Loans", "0:00:40", "ANSWERED", "0:02:10"],
    ["R4", "261002", "Loans", "0:00:20", "ANSWERED", "0:01:00"],
]
# by hand: 4 offered; R1, R3, R4 answered; R2 abandoned; ASA = (15 + 40 + 20) / 3 = 25 s


@pytest.fixture
def acd_file(tmp_path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in ROWS:
        ws.append(row)
    path = tmp_path / "acd-calls.xlsx"
    wb.save(path)
    return path


@pytest.fixture
def zh(qapp):
    install_translator("zh_CN")
    yield
    install_translator("en")


def column(dialog: MappingDialog, field: str) -> list[str]:
    result = dialog.stored.result
    index = result.columns.index(field)
    table = dialog.stored.table
    return [table.item(r, index).text() for r in range(table.rowCount())]


def figures(dialog: MappingDialog) -> dict[str, float | None]:
    return {f.key: f.value for f in dialog.stored.result.figures}


def test_preview_shows_stored_values_and_figures_and_follows_the_mapping(
    qtbot, acd_file, store, tmp_path
) -> None:
    found = preview(acd_file)
    assert found.missing == ["contact_id"]
    dialog = MappingDialog(acd_file, found, store=store)
    qtbot.addWidget(dialog)
    # nothing to preview while a required field has no column
    assert dialog.stored.result is None and dialog.stored.table.rowCount() == 0
    assert "required" in dialog.stored.status.text()

    dialog.set_field("Ref No", "contact_id")
    assert dialog.stored.settle(60)
    result = dialog.stored.result
    assert result.status == "imported" and result.stored == 4 and result.rejected == 0
    ids = column(dialog, "contact_id")
    assert sorted(ids) == ["R1", "R2", "R3", "R4"]
    by_id = {i: r for r, i in enumerate(ids)}
    # YYMMDD text shown as a date; h:mm:ss text shown as seconds; the outcome as yes/no
    dates = column(dialog, "started_at")
    assert dates[by_id["R1"]] == "2026-10-01" and dates[by_id["R3"]] == "2026-10-02"
    assert column(dialog, "talk_s")[by_id["R3"]] == "130"
    answered = column(dialog, "answered")
    assert answered[by_id["R2"]] == "no" and answered[by_id["R1"]] == "yes"
    assert figures(dialog) == {"offered": 4, "answered": 3, "abandoned": 1, "asa": None}
    assert "wait_s" not in result.columns

    # mapping the waiting time: stored as seconds, and the ASA appears
    dialog.set_field("Hold Before Answer", "wait_s")
    assert dialog.stored.settle(60)
    waits = column(dialog, "wait_s")
    assert waits[by_id["R2"]] == "65" and waits[by_id["R1"]] == "15"
    assert figures(dialog)["asa"] == pytest.approx(25.0)
    assert "0:25" in dialog.stored.figures.text()

    # the values meaning yes for 'answered' change what is stored, and the figures
    dialog.set_field("Outcome", "answered")
    dialog.yes_field_box.setCurrentIndex(dialog.yes_field_box.findData("answered"))
    dialog.yes_edit.setText("NO ANSWER")
    assert dialog.import_mapping()["@yes:answered"] == "NO ANSWER"
    assert dialog.stored.settle(60)
    assert figures(dialog) == {"offered": 4, "answered": 1, "abandoned": 3, "asa": 65.0}
    dialog.yes_edit.setText("ANSWERED")
    assert dialog.stored.settle(60)
    assert figures(dialog)["answered"] == 3

    # a date format that does not fit the values: the preview says the file would be refused
    dialog.date_box.setCurrentIndex(dialog.date_box.findData("YYYYMMDD"))
    assert dialog.stored.settle(60)
    assert dialog.stored.result.status == "rejected"
    assert dialog.stored.table.rowCount() == 0
    dialog.date_box.setCurrentIndex(dialog.date_box.findData("YYMMDD"))
    assert dialog.stored.settle(60)
    assert dialog.stored.result.stored == 4

    # nothing was written to the user's store
    assert store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
    assert store.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    dialog.reject()


def test_preview_in_chinese_screenshot(qtbot, zh, acd_file, tmp_path) -> None:
    dialog = MappingDialog(acd_file, preview(acd_file))
    qtbot.addWidget(dialog)
    dialog.set_field("Ref No", "contact_id")
    dialog.set_field("Hold Before Answer", "wait_s")
    assert dialog.stored.settle(60)
    dialog.resize(1040, 760)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.stored.figures.text()
    assert "平均应答速度" in text or "平均" in text
    assert "放弃" in text or "呼损" in text
    assert "0:25" in text
    assert column(dialog, "answered")[0] in ("是", "否")
    assert dialog.stored.title.text() != "As it will be stored (first rows):"
    shots = [Path(SHOTS) / "mapping-preview-zh.png"] if SHOTS else []
    for target in (tmp_path / "mapping-preview-zh.png", *shots):
        target.parent.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(target))
    dialog.reject()


def test_what_the_preview_shows_is_what_import_stores(qtbot, acd_file, store) -> None:
    from gui_store import settle, track
    from PySide6.QtWidgets import QDialogButtonBox

    from workbench.views.context import AppContext
    from workbench.workers.imports import ImportController

    ctx = AppContext(store)
    controller = ImportController(ctx)
    with qtbot.waitSignal(controller.finished, timeout=30000) as done:
        controller.import_files([str(acd_file)])
    assert [f.status for f in done.args[0].files] == ["rejected"]
    assert controller.wait(10)
    dialog = controller.mapping_dialog
    track(dialog)
    dialog.set_field("Ref No", "contact_id")
    dialog.set_field("Hold Before Answer", "wait_s")
    dialog.set_field("Outcome", "answered")
    dialog.yes_field_box.setCurrentIndex(dialog.yes_field_box.findData("answered"))
    dialog.yes_edit.setText("NO ANSWER")  # odd, but it shows the choice reaches the import
    dialog.save_check.setChecked(True)
    dialog.profile_name_edit.setText("ACD 话单")
    assert dialog.stored.settle(60)
    shown = dialog.stored.result
    with qtbot.waitSignal(controller.finished, timeout=30000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert [f.status for f in done.args[0].files] == ["imported"]
    # the saved profile keeps the dialog's choices, reading options included (as --save-profile)
    from workbench.jobs.profiles import load_profile

    saved = load_profile(store.con, "ACD 话单")
    assert saved.mapping.get("@yes:answered") == "NO ANSWER"
    assert saved.mapping.get("contact_id") == "Ref No"
    stored = store.con.execute(
        f"SELECT {', '.join(shown.columns)} FROM contacts ORDER BY started_at, contact_id"
    ).fetchall()
    assert sorted(stored, key=str) == sorted(shown.rows, key=str)
    assert store.con.execute(
        "SELECT count(*), count_if(answered), avg(wait_s) FILTER (WHERE answered) FROM contacts"
    ).fetchone() == (4, 1, 65.0)
    settle()
