# ruff: noqa: F811 (pytest fixtures imported from gui_store and requested by name)
"""Editing targets creates a new profile version, options are saved, and views refresh."""

from __future__ import annotations

import pytest
from gui_store import month_ctx, month_store, month_template, shown  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt

from workbench.kpi.targets import current_profile, load_options, profile_history
from workbench.models.table import STATUS_ROLE
from workbench.views.agents import AgentsView
from workbench.views.targets import TargetsView


def _row(view: TargetsView, kpi_id: str) -> int:
    return view.kpi_ids.index(kpi_id)


def test_editing_a_target_saves_a_new_version_and_views_refresh(
    qtbot, qtmodeltester, month_ctx, month_store
) -> None:
    agents = shown(AgentsView(month_ctx), qtbot)
    fcr_col = agents.model.column_index("fcr")
    before = [agents.model.index(r, fcr_col).data(STATUS_ROLE) for r in range(5)]
    assert "missed" in before  # the fixture's slower agents miss the 85 % default
    assert agents.report.targets_version == 0

    view = shown(TargetsView(month_ctx), qtbot)
    qtmodeltester.check(view.model)
    assert not view.save_button.isEnabled()  # nothing changed yet
    row = _row(view, "fcr")
    assert view.model.setData(view.model.index(row, view.model.VALUE), "40")
    assert view.save_button.isEnabled()
    view.note.setText("2027 targets agreed with HQ")

    with qtbot.waitSignal(agents._runner.resultReady, timeout=20000):
        view.save_button.click()
        assert view.wait(20)
    assert view.saved_version == 1
    profile = current_profile(month_store.con)
    assert profile.version == 1
    assert profile.targets["fcr"].low == pytest.approx(0.40)
    assert profile.targets["answer_rate"].low == pytest.approx(0.94)  # untouched: kept
    history = profile_history(month_store.con)
    assert history[0]["note"] == "2027 targets agreed with HQ"
    assert [c["kpi_id"] for c in history[0]["changes"]] == ["fcr"]

    # the agents view refreshed against version 1: every agent now meets FCR
    assert agents.wait(20)
    assert agents.report.targets_version == 1
    after = [agents.model.index(r, fcr_col).data(STATUS_ROLE) for r in range(5)]
    assert after == ["met"] * 5
    # the targets view shows the new version and its history
    assert view.history_model.rowCount() == 1
    assert "1" in view.version_label.text()
    assert not view.save_button.isEnabled()


def test_invalid_values_block_saving(qtbot, month_ctx, month_store) -> None:
    view = shown(TargetsView(month_ctx), qtbot)
    row = _row(view, "occupancy")
    assert view.model.setData(view.model.index(row, view.model.UPPER), "60")  # below 75
    assert not view.save_button.isEnabled()
    assert view.problems_label.text()
    assert view.model.index(row, view.model.UPPER).data(STATUS_ROLE) == "missed"
    view.save()  # refused while a row is invalid
    assert view.wait(10)
    assert current_profile(month_store.con).version == 0
    view.revert_button.click()
    assert not view.problems_label.text()


def test_service_level_options_are_saved(qtbot, month_ctx, month_store) -> None:
    view = shown(TargetsView(month_ctx), qtbot)
    assert [view.threshold.itemData(i) for i in range(view.threshold.count())] == [
        10,
        15,
        20,
        30,
        60,
    ]
    view.threshold.setCurrentIndex(view.threshold.findData(30))
    view.short_abandon.setValue(5)
    view.denominator.setCurrentIndex(view.denominator.findData("offered_minus_short"))
    assert view.save_button.isEnabled()
    changed: list[bool] = []
    month_ctx.dataChanged.connect(lambda: changed.append(True))
    view.save()
    assert view.wait(20)
    options = load_options(month_store.con)
    assert (options.sl_threshold_s, options.short_abandon_s, options.sl_denominator) == (
        30,
        5,
        "offered_minus_short",
    )
    assert current_profile(month_store.con).version == 0  # options alone: no new version
    assert changed


def test_rule_column_has_a_combo_editor(qtbot, month_ctx) -> None:
    view = shown(TargetsView(month_ctx), qtbot)
    index = view.model.index(_row(view, "asa"), view.model.RULE)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.indexWidget(index) or view.table.focusWidget()
    from PySide6.QtWidgets import QComboBox

    assert isinstance(editor, QComboBox)
    assert [editor.itemData(i) for i in range(editor.count())] == [">=", "<=", "band", ""]
    editor.setCurrentIndex(3)
    view.table.commitData(editor)
    assert view.model.index(index.row(), view.model.RULE).data(Qt.ItemDataRole.EditRole) == ""
    assert "asa" not in view.model.targets()


def test_edits_survive_a_refresh_and_filters_are_ignored(qtbot, month_ctx) -> None:
    view = shown(TargetsView(month_ctx), qtbot)
    row = _row(view, "asa")
    assert view.model.setData(view.model.index(row, view.model.VALUE), "25")
    with qtbot.waitSignal(view._runner.resultReady, timeout=20000):
        month_ctx.notify_data_changed()  # e.g. the watched folder imported a file
    assert view.model.index(row, view.model.VALUE).data() == "25"
    assert view.save_button.isEnabled()
    with qtbot.assertNotEmitted(view._runner.resultReady, wait=300):
        month_ctx.set_filters(type(month_ctx.filters)())
    view.revert_button.click()
    assert view.model.index(row, view.model.VALUE).data() == "15"
