"""``verify``: the workbook against its manifest (names the changed cells) and the store."""

from __future__ import annotations

import openpyxl
import pytest

from workbench.cli import main
from workbench.errors import UsageError
from workbench.exporters import manifest as mf
from workbench.exporters.labels import LABELS
from workbench.exporters.verify import verify_workbook
from workbench.exporters.workbook import export
from workbench.store import Store

try:
    from test_export_support import END, START, fill_store
except ImportError:  # tests/unit made a package
    from .test_export_support import END, START, fill_store

EN = LABELS["en"]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One store and its English workbook for the tests that only edit copies of the workbook."""
    folder = tmp_path_factory.mktemp("verify")
    store = Store.open(folder / "store.duckdb")
    fill_store(store, days=31, per_day=12)
    result = export(store, folder / "book.xlsx", start=START, end=END, lang="en")
    yield store, result
    store.close()


@pytest.fixture
def exported(shared):
    return shared[1]


@pytest.fixture
def own(store, tmp_path):
    """A store of the test's own (the test changes it) and its workbook."""
    fill_store(store, days=31, per_day=6)
    return export(store, tmp_path / "book.xlsx", start=START, end=END, lang="en")


def _edit(path, out, sheet, cell, value):
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell].value = value
    wb.save(out)
    return out


def test_untouched_workbook_verifies_with_and_without_store(shared, exported) -> None:
    assert verify_workbook(exported.path).ok
    result = verify_workbook(exported.path, shared[0])
    assert result.ok and result.store_checked and result.problems == ()
    assert EN["sheet.summary"] in result.sheets


def test_a_resave_without_changes_still_verifies(exported, tmp_path) -> None:
    wb = openpyxl.load_workbook(exported.path)
    wb.save(tmp_path / "resaved.xlsx")
    assert verify_workbook(tmp_path / "resaved.xlsx").ok


def test_edited_cells_are_named(exported, tmp_path) -> None:
    out = _edit(exported.path, tmp_path / "e.xlsx", "Summary", "C5", 0.5)
    wb = openpyxl.load_workbook(out)
    wb["Exceptions"]["F3"].value = "something else"
    wb["Cover"]["B3"].value = "Another centre"
    wb.save(out)
    result = verify_workbook(out)
    assert not result.ok
    named = {p.split(":")[0] for p in result.problems}
    assert named == {"Summary!C5", "Exceptions!F3", "Cover!B3"}


def test_a_formula_typed_over_a_value_is_seen(exported, tmp_path) -> None:
    out = _edit(exported.path, tmp_path / "f.xlsx", "Trends", "B3", "=1+1")
    assert [p.split(":")[0] for p in verify_workbook(out).problems] == ["Trends!B3"]


def test_added_row_deleted_sheet_and_added_sheet(exported, tmp_path) -> None:
    wb = openpyxl.load_workbook(exported.path)
    ws = wb["Agents"]
    ws.cell(ws.max_row + 1, 1).value = "9999"
    del wb["Sources"]
    wb.create_sheet("Notes")
    wb.save(tmp_path / "g.xlsx")
    problems = verify_workbook(tmp_path / "g.xlsx").problems
    assert any(p.startswith("Agents row ") for p in problems)
    assert any(p.startswith("Sources: sheet missing") for p in problems)
    assert any(p.startswith("Notes: sheet added") for p in problems)


def test_an_edited_manifest_is_seen(exported, tmp_path) -> None:
    wb = openpyxl.load_workbook(exported.path)
    ws = wb["Manifest"]
    for row in ws.iter_rows():
        if row[0].value == "targets_version":
            row[1].value = "7"
    wb.save(tmp_path / "m.xlsx")
    problems = verify_workbook(tmp_path / "m.xlsx").problems
    assert any("manifest itself was changed" in p for p in problems)


def test_store_drift_names_tables_and_indicators(store, own) -> None:
    store.con.execute(
        "INSERT INTO contacts (contact_id, started_at, queue, wait_s, answered, import_id) "
        "VALUES ('NEW', TIMESTAMP '2026-10-10 10:00:00', '信用卡', 5, false, 1)"
    )
    result = verify_workbook(own.path, store)
    assert not result.ok
    assert any(p.startswith("store: contacts: rows of the period changed") for p in result.problems)
    drifted = {p.split()[1] for p in result.problems if p.startswith("indicator ")}
    assert {"offered", "answer_rate", "abandon_rate"} <= drifted
    assert "bot_share" not in drifted  # answered did not change


def test_a_changed_row_outside_the_period_is_not_drift(store, own) -> None:
    store.con.execute("UPDATE contacts SET answered = NOT answered WHERE contact_id LIKE 'P%'")
    result = verify_workbook(own.path, store)
    # the previous period is on the Summary sheet: its values moved, the period's rows did not
    assert not any(p.startswith("store: ") for p in result.problems)
    assert any(" previous period " in p for p in result.problems)


def test_an_empty_period_exports_and_verifies(store, tmp_path) -> None:
    result = export(store, tmp_path / "empty.xlsx", start=START, end=END)
    assert verify_workbook(result.path, store).ok


def test_not_a_workbook_and_missing_file(tmp_path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("hello")
    result = verify_workbook(bad)
    assert not result.ok and "not a readable xlsx" in result.problems[0]
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    assert "no manifest sheet" in verify_workbook(plain).problems[0]
    with pytest.raises(UsageError):
        verify_workbook(tmp_path / "missing.xlsx")
    assert main(["verify", str(tmp_path / "missing.xlsx")]) == 2
    assert main(["verify", str(plain)]) == 5


def test_changed_cells_localises_by_row_and_column() -> None:
    before = mf.sheet_digest("S", [("a", 1, 2.5), ("b", 2, None), ("c", 3, 4)])
    after = mf.sheet_digest("S", [("a", 1, 2.5), ("b", 9, None), ("c", 3, 4)])
    assert mf.changed_cells(before, after) == ["B2"]
    longer = mf.sheet_digest("S", [("a", 1, 2.5), ("b", 2, None), ("c", 3, 4), ("d",)])
    assert mf.changed_cells(before, longer) == ["row 4"]
    assert mf.changed_cells(before, before) == []


def test_canonical_text_survives_readers() -> None:
    from datetime import date, datetime, timedelta

    assert mf.canonical(0.1 + 0.2) == mf.canonical(0.3)
    assert mf.canonical(5) == mf.canonical(5.0) == "5"
    assert mf.canonical(-0.0) == "0"
    assert mf.canonical(datetime(2026, 10, 1)) == mf.canonical(date(2026, 10, 1)) == "2026-10-01"
    assert mf.canonical(timedelta(seconds=67.52)) == "67.520s"
    assert mf.canonical(None) == "" and mf.canonical(True) == "TRUE"
