"""Every table model passes qtmodeltester and sorts numbers as numbers (real DuckDB stores)."""

from __future__ import annotations

from datetime import date

import pytest
from gui_store import insert_contacts_sql
from PySide6.QtCore import Qt

from workbench.domain import Filters, Target
from workbench.kpi import catalogue
from workbench.kpi.engine import compute
from workbench.kpi.targets import current_profile, profile_history, save_profile
from workbench.models.kpi_table import KpiGroupTableModel
from workbench.models.records import (
    AbandonedTableModel,
    ContactsTableModel,
    ImportHistoryModel,
    RejectsModel,
)
from workbench.models.table import RECORD_ROLE, SORT_ROLE, STATUS_ROLE, SortFilterProxy
from workbench.models.targets import TargetHistoryModel, TargetProfileModel
from workbench.store import queries

AGENT_KPIS = ("offered", "answered", "aht", "fcr", "csat")


@pytest.fixture
def filled(store):
    insert_contacts_sql(store, per_day=40)
    return store


def test_kpi_group_model_passes_modeltester_and_sorts_numerically(qtmodeltester, filled) -> None:
    report = compute(filled.con, Filters(), by="agent", kpi_ids=AGENT_KPIS)
    model = KpiGroupTableModel("Agent")
    model.set_report(report, AGENT_KPIS, "en")
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.columnCount() == 1 + len(AGENT_KPIS)

    proxy = SortFilterProxy(model)
    aht = model.column_index("aht")
    proxy.sort(aht, Qt.SortOrder.AscendingOrder)
    raw = [proxy.index(r, aht).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert all(isinstance(v, float) for v in raw)
    assert raw == sorted(raw)
    # the display text is "m:ss": sorting the text would not give the same order in general,
    # but the raw order must follow the engine's values exactly
    groups = [proxy.index(r, 0).data(RECORD_ROLE) for r in range(proxy.rowCount())]
    assert [g.value("aht").value for g in groups] == raw
    # A01 is the fastest agent in the fixture, A05 the slowest
    assert groups[0].key == "A01" and groups[-1].key == "A05"
    proxy.sort(aht, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data(RECORD_ROLE).key == "A05"

    # status roles follow the engine
    status = model.index(0, aht).data(STATUS_ROLE)
    assert status == groups[-1].value("aht").status or status in ("met", "at_risk", "missed")

    proxy.setFilterFixedString("李娜")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data(RECORD_ROLE).key == "A02"


def test_numbers_sort_as_numbers_not_text(qtmodeltester) -> None:
    """'9' > '10' as text; the sort role must compare 9 < 10."""
    model = ImportHistoryModel()
    model.set_rows(
        [
            {"id": i, "file_name": f"f{i}.xlsx", "kind": "contacts", "rows": n, "rejected": 0}
            for i, n in enumerate([9, 10, 100, 2])
        ]
    )
    qtmodeltester.check(model)
    proxy = SortFilterProxy(model)
    col = model.column_index("rows")
    proxy.sort(col, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, col).data() for r in range(4)] == ["2", "9", "10", "100"]


def test_contacts_and_abandoned_models_show_masked_customers(qtmodeltester, filled) -> None:
    rows, total = queries.contacts(filled.con, Filters())
    assert total == 40 * 7 and len(rows) == total
    contacts = ContactsTableModel()
    contacts.set_rows(rows)
    qtmodeltester.check(contacts)
    col = contacts.column_index("customer_masked")
    shown = {contacts.index(r, col).data() for r in range(contacts.rowCount())}
    assert all("****" in s for s in shown)
    assert not any("customer_hash" in r for r in rows)

    ab_rows, ab_total, per_hour = queries.abandoned(filled.con, Filters())
    answered = filled.con.execute("SELECT count(*) FROM contacts WHERE NOT answered").fetchone()[0]
    assert ab_total == answered == len(ab_rows) == sum(per_hour)
    abandoned = AbandonedTableModel()
    abandoned.set_rows(ab_rows)
    qtmodeltester.check(abandoned)

    one_day, _, _ = queries.abandoned(
        filled.con, Filters(start=date(2026, 10, 2), end=date(2026, 10, 2))
    )
    assert 0 < len(one_day) < ab_total
    assert all(r["started_at"].date() == date(2026, 10, 2) for r in one_day)


def test_import_history_and_rejects_models(qtmodeltester, filled) -> None:
    history = ImportHistoryModel()
    history.set_rows(queries.imports(filled.con))
    qtmodeltester.check(history)
    assert history.rowCount() == 1
    assert history.index(0, history.column_index("kind")).data() == "contacts"
    rejects = RejectsModel()
    rejects.set_rows(queries.rejects(filled.con, 1))
    qtmodeltester.check(rejects)
    assert rejects.index(0, rejects.column_index("row_number")).data() == "12"


def test_target_profile_model_edits_validates_and_converts(qtmodeltester, store) -> None:
    profile = current_profile(store.con)
    ids = [k.id for k in catalogue.KPIS if k.direction != "none"]
    model = TargetProfileModel("en")
    model.set_profile(profile.targets, catalogue.default_targets(), ids)
    qtmodeltester.check(model)
    row = ids.index("answer_rate")
    value = model.index(row, model.VALUE)
    assert value.data() == "94"  # edited in percent
    assert model.setData(value, "96.5")
    assert model.targets()["answer_rate"].low == pytest.approx(0.965)
    assert not model.setData(value, "lots")
    assert model.setData(value, "120")
    assert "answer_rate" in model.problems()
    assert "answer_rate" not in model.targets()
    assert model.index(row, model.VALUE).data(STATUS_ROLE) == "missed"
    assert model.setData(value, "95")
    assert not model.problems()

    occ = ids.index("occupancy")
    assert model.index(occ, model.RULE).data(Qt.ItemDataRole.EditRole) == "band"
    assert model.setData(model.index(occ, model.UPPER), "70")  # below the lower end (75)
    assert model.problems() == {"occupancy": model.problem(model.record(occ))}
    assert model.setData(model.index(occ, model.UPPER), "88")
    t = model.targets()["occupancy"]
    assert (t.op, t.low, t.high) == ("band", pytest.approx(0.75), pytest.approx(0.88))

    asa = ids.index("asa")
    assert model.setData(model.index(asa, model.RULE), "")
    assert "asa" not in model.targets()
    assert not model.flags(model.index(asa, model.VALUE)) & Qt.ItemFlag.ItemIsEditable
    qtmodeltester.check(model)


def test_target_history_model(qtmodeltester, store) -> None:
    save_profile(store.con, {"asa": Target("asa", "<=", high=20)}, note="first try")
    model = TargetHistoryModel("en")
    model.set_rows(profile_history(store.con))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.index(0, model.column_index("note")).data() == "first try"
    assert "ASA" in model.index(0, model.column_index("changes")).data() or "asa" in str(
        model.record(0)["changes"]
    )


def test_rows_without_a_value_sort_last_and_selection_follows(qtmodeltester, qtbot) -> None:
    from PySide6.QtWidgets import QTableView

    model = AbandonedTableModel()
    qtmodeltester.check(model)
    model.set_rows(
        [{"contact_id": f"C{i}", "wait_s": w} for i, w in enumerate([30.0, None, 5.0, 120.0])]
    )
    proxy = SortFilterProxy(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.selectRow(0)  # C0 (30 s) before sorting
    col = model.column_index("wait_s")
    waits = lambda: [proxy.index(r, col).data(SORT_ROLE) for r in range(4)]  # noqa: E731
    view.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    assert waits() == [5.0, 30.0, 120.0, None]
    view.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    assert waits() == [120.0, 30.0, 5.0, None]
    selected = view.selectionModel().selectedRows()
    assert [i.data(RECORD_ROLE)["contact_id"] for i in selected] == ["C0"]
    # new rows keep the chosen order
    model.set_rows([{"contact_id": "X", "wait_s": w} for w in (1.0, 9.0, 3.0)])
    assert [proxy.index(r, col).data(SORT_ROLE) for r in range(3)] == [9.0, 3.0, 1.0]
