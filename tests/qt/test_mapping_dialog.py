"""The mapping dialog maps an unknown header, saves a profile, and the profile is reused."""

from __future__ import annotations

import json

import pytest
from gui_store import CONTACT_HEADERS, _save, contact_rows, settle, track
from PySide6.QtWidgets import QDialogButtonBox

from workbench.jobs.profiles import list_profiles
from workbench.readers import preview
from workbench.views.context import AppContext
from workbench.views.mapping_dialog import MappingDialog
from workbench.workers.imports import ImportController

# a bank whose platform calls the contact id "记录标识" (no synonym knows it)
ODD_HEADERS = ["记录标识", *CONTACT_HEADERS[1:]]


@pytest.fixture
def ctx(store, qapp):
    yield AppContext(store)
    settle()


def test_dialog_lists_headers_previews_rows_and_validates(qtbot, tmp_path) -> None:
    path = _save(tmp_path / "odd.xlsx", ODD_HEADERS, contact_rows(per_day=5, days=1))
    found = preview(path)
    dialog = MappingDialog(path, found)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.kind() == "contacts"
    assert dialog.headers == ODD_HEADERS
    assert dialog.table.rowCount() == len(ODD_HEADERS)
    assert dialog.preview_table.rowCount() == 5
    assert dialog.preview_table.item(0, 0).text() == "C000001"
    assert dialog.missing() == ["contact_id"] and not ok.isEnabled()
    # the field by its name, never its internal id (#14 item 7)
    assert "Call Id" in dialog.missing_label.text()
    assert "contact_id" not in dialog.missing_label.text()
    assert dialog.mapping()["started_at"] == "进线时间"  # what the reader found is preselected

    dialog.set_field("记录标识", "contact_id")
    assert dialog.missing() == [] and ok.isEnabled()
    # one column per field: choosing contact_id elsewhere frees the first column
    dialog.set_field("技能组", "contact_id")
    assert list(dialog.mapping().values()).count("记录标识") == 0
    dialog.set_field("记录标识", "contact_id")
    dialog.set_field("技能组", "queue")
    # naming a profile is required once "save" is ticked
    dialog.save_check.setChecked(True)
    assert not ok.isEnabled()
    dialog.profile_name_edit.setText("分行A话单")
    assert ok.isEnabled() and dialog.profile_name() == "分行A话单"


def test_mapping_imports_saves_a_profile_and_the_next_file_reuses_it(
    qtbot, ctx, store, tmp_path
) -> None:
    controller = ImportController(ctx)
    first = _save(tmp_path / "2026-10.xlsx", ODD_HEADERS, contact_rows(per_day=10, days=2))
    needed: list[str] = []
    controller.mappingNeeded.connect(lambda p, _preview: needed.append(p))
    with qtbot.waitSignal(controller.finished, timeout=30000) as done:
        controller.import_files([first])
    assert [f.status for f in done.args[0].files] == ["rejected"]
    assert controller.wait(10)
    assert needed == [str(first)]
    dialog = controller.mapping_dialog
    assert isinstance(dialog, MappingDialog) and dialog.isVisible()
    track(dialog)
    assert dialog.missing() == ["contact_id"]

    dialog.set_field("记录标识", "contact_id")
    dialog.save_check.setChecked(True)
    dialog.profile_name_edit.setText("分行A话单")
    # the satisfaction scale is declared in the dialog, and saved with the profile
    dialog.scale_box.setCurrentIndex(dialog.scale_box.findData("10"))
    assert dialog.csat_scale() == "10"
    with qtbot.waitSignal(controller.finished, timeout=30000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert [f.status for f in done.args[0].files] == ["imported"]
    assert store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 20
    assert (
        store.con.execute("SELECT count(*) FROM contacts WHERE contact_id = 'C000001'").fetchone()[
            0
        ]
        == 1
    )
    profiles = list_profiles(store.con)
    assert [p.name for p in profiles] == ["分行A话单"]
    assert profiles[0].mapping["contact_id"] == "记录标识"
    assert profiles[0].options == {"csat_scale": "10"}
    scales = store.con.execute(
        "SELECT DISTINCT csat_scale FROM contacts WHERE csat_scale IS NOT NULL"
    ).fetchall()
    assert scales == [(10,)]

    # next month's file: same odd header, different rows → imported with the saved profile,
    # without asking again
    controller.mapping_dialog = None
    needed.clear()
    rows = contact_rows(per_day=7, days=1, seed=99)
    for row in rows:
        row[0] = "N" + row[0][1:]  # new contacts
    second = _save(tmp_path / "2026-11.xlsx", ODD_HEADERS, rows)
    with qtbot.waitSignal(controller.finished, timeout=30000):
        controller.import_files([second])
    assert controller.wait(30)
    assert needed == [] and controller.mapping_dialog is None
    assert store.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 2
    assert store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 27
    mapping = json.loads(
        store.con.execute("SELECT mapping FROM imports ORDER BY id DESC LIMIT 1").fetchone()[0]
    )
    assert mapping["contact_id"] == "记录标识"


def test_files_rejected_together_are_asked_about_one_at_a_time(qtbot, ctx, tmp_path) -> None:
    controller = ImportController(ctx)
    rows = contact_rows(per_day=4, days=1)
    first = _save(tmp_path / "a.xlsx", ODD_HEADERS, rows)
    second = _save(tmp_path / "b.xlsx", ODD_HEADERS, [[*r[:-1], "13900000000"] for r in rows])
    with qtbot.waitSignal(controller.finished, timeout=30000):
        controller.import_files([first, second])
    dialog = controller.mapping_dialog
    track(dialog)
    assert dialog.path == str(first) and dialog.isVisible()
    dialog.reject()  # the user gives up on the first file
    following = controller.mapping_dialog
    track(following)
    assert following is not dialog and following.path == str(second) and following.isVisible()
