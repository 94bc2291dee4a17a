"""The compliance workbook: sheets, values against the engine, formats, charts, safety, writing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import openpyxl
import pytest

from workbench.domain import Filters
from workbench.errors import DiskFull
from workbench.exporters import workbook as wbk
from workbench.exporters.cells import write
from workbench.exporters.labels import LABELS
from workbench.exporters.workbook import UNIT_FORMATS, export, export_workbook, from_cell
from workbench.kpi import catalogue, engine
from workbench.store import Store

try:
    from test_export_support import END, EVIL_AGENT, PHONE, START, all_cells, fill_store
except ImportError:  # tests/unit made a package
    from .test_export_support import END, EVIL_AGENT, PHONE, START, all_cells, fill_store

ZH = LABELS["zh_CN"]
EN = LABELS["en"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One store and one exported workbook (zh_CN) shared by the read-only tests."""
    folder = tmp_path_factory.mktemp("export")
    store = Store.open(folder / "store.duckdb")
    fill_store(store)
    result = export(
        store, folder / "out.xlsx", start=START, end=END, centre_name="总行远程银行中心"
    )
    yield store, result
    store.close()


def test_sheets_are_present_in_order(exported) -> None:
    _store, result = exported
    keys = ("cover", "summary", "trends", "agents", "bots", "campaigns", "exceptions")
    keys += ("methodology", "sources", "compliance", "audit", "manifest")
    assert list(result.sheets) == [ZH[f"sheet.{k}"] for k in keys]
    wb = openpyxl.load_workbook(result.path)
    assert wb.sheetnames == list(result.sheets)
    assert result.to_json().keys() == {"path", "sha256", "sheets", "kpis", "signed_by"}
    assert result.kpis == len(catalogue.KPIS)


def test_summary_values_equal_the_engine(exported) -> None:
    store, result = exported
    report = engine.compute(store.con, Filters(start=START, end=END))
    ws = openpyxl.load_workbook(result.path)[ZH["sheet.summary"]]
    seen = {}
    for row in ws.iter_rows(min_row=3):
        kpi_id = row[0].value
        if kpi_id not in catalogue.ids():
            continue
        seen[kpi_id] = row
    assert set(seen) == set(catalogue.ids())
    for kpi_id, row in seen.items():
        kpi = catalogue.get(kpi_id)
        expected = report.value(kpi_id)
        got = from_cell(kpi.unit, row[2].value)
        if expected.value is None:
            assert got is None
        else:
            tolerance = 1e-3 if kpi.unit == "s" else 1e-9
            assert got == pytest.approx(expected.value, abs=tolerance), kpi_id
        assert row[1].value == kpi.name("zh_CN")
        assert row[2].number_format == UNIT_FORMATS[kpi.unit]
        if expected.numerator is not None:
            assert row[5].value == pytest.approx(expected.numerator)
        if expected.target is not None:
            assert row[4].value == ZH[f"status.{expected.status}"]
    # the formats readers see
    assert seen["answer_rate"][2].number_format == "0.00%"
    assert seen["asa"][2].number_format == "[m]:ss"
    assert seen["offered"][2].number_format == "#,##0"
    assert seen["campaign_amount"][2].number_format == '"¥"#,##0.00'
    # the previous period and the benchmark with its year
    assert seen["offered"][7].value == 30
    assert "2024" in seen["answer_rate"][9].value
    assert seen["answer_rate"][8].value == pytest.approx(0.9418)
    # status conditional formatting is there
    assert len(ws.conditional_formatting) >= 1


def test_summary_is_grouped_as_the_standard(exported) -> None:
    _store, result = exported
    ws = openpyxl.load_workbook(result.path)[ZH["sheet.summary"]]
    firsts = [r[0].value for r in ws.iter_rows(min_row=3)]
    group_rows = [firsts.index(zh) for _gid, zh, _en in catalogue.GROUPS]
    assert group_rows == sorted(group_rows)
    assert firsts.index("offered") > group_rows[0]
    assert group_rows[1] < firsts.index("bot_share") < group_rows[2]


def test_trends_have_native_line_charts_with_target_series(exported) -> None:
    _store, result = exported
    ws = openpyxl.load_workbook(result.path)[ZH["sheet.trends"]]
    headline = [k for k in catalogue.KPIS if k.headline]
    assert len(ws._charts) == len(headline)
    assert ws["A3"].value.date() == START
    assert ws.cell(3 + (END - START).days, 1).value.date() == END
    with_target = sum(1 for k in headline if k.default_target is not None)
    series = [len(c.series) for c in ws._charts]
    assert sum(1 for n in series if n >= 2) == with_target


def test_grouped_tables_and_exceptions(exported) -> None:
    store, result = exported
    wb = openpyxl.load_workbook(result.path)
    agents = wb[ZH["sheet.agents"]]
    ids = [agents.cell(r, 1).value for r in range(3, agents.max_row + 1)]
    assert ids[:5] == ["800", "801", "802", "803", "804"]
    assert agents.cell(7, 2).value == EVIL_AGENT
    report = engine.compute(store.con, Filters(start=START, end=END), by="agent")
    offered_col = [c.value for c in agents[2]].index(catalogue.get("offered").name("zh_CN")) + 1
    assert agents.cell(3, offered_col).value == report.groups[0].value("offered").value
    assert wb[ZH["sheet.bots"]].cell(3, 1).value in ("微信银行", "手机银行")
    assert wb[ZH["sheet.campaigns"]].cell(3, 1).value == "K0"
    ex = wb[ZH["sheet.exceptions"]]
    shortfalls = [ex.cell(r, 9).value for r in range(3, ex.max_row + 1)]
    assert shortfalls and shortfalls == sorted(shortfalls, reverse=True)
    scopes = {ex.cell(r, 1).value for r in range(3, ex.max_row + 1)}
    assert {ZH["scope.day_queue"], ZH["scope.agent"]} <= scopes


def test_methodology_and_sources_come_from_catalogue_and_imports(exported) -> None:
    _store, result = exported
    wb = openpyxl.load_workbook(result.path)
    ws = wb[ZH["sheet.methodology"]]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    for kpi in catalogue.KPIS:
        assert rows[kpi.id][5].value == kpi.formula_zh
        assert rows[kpi.id][6].value == kpi.source
    texts = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert "T = 20 秒" in texts and "S = 0 秒" in texts
    src = wb[ZH["sheet.sources"]]
    names = [src.cell(r, 1).value for r in range(3, src.max_row + 1)]
    assert "calls-2026-10.xlsx" in names
    assert "old.xlsx" not in names  # only imports with rows in the period
    assert src.cell(3, 2).value == "a" * 64


def test_no_data_cell_is_a_formula_and_injected_text_stays_text(exported) -> None:
    _store, result = exported
    found = []
    for ws, cell in all_cells(result.path):
        assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
        if cell.value in (EVIL_AGENT, "=cmd|calc", "-理财"):
            found.append(cell)
            assert cell.data_type == "s"
            assert cell.quotePrefix
    assert {c.value for c in found} == {EVIL_AGENT, "=cmd|calc", "-理财"}


def test_no_phone_number_in_clear(exported) -> None:
    _store, result = exported
    for ws, cell in all_cells(result.path):
        if isinstance(cell.value, str):
            assert not PHONE.search(cell.value), f"{ws.title}!{cell.coordinate}: {cell.value}"
            assert "13812345" not in cell.value


def test_form_print_setup_protection_frozen_headers(exported) -> None:
    _store, result = exported
    wb = openpyxl.load_workbook(result.path)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1
        assert "&P" in ws.oddFooter.center.text
        assert "2026-10-01" in ws.oddFooter.left.text
        assert ws.protection.sheet and not ws.protection.password
    summary = wb[ZH["sheet.summary"]]
    assert summary.freeze_panes == "C3"
    assert summary.print_title_rows == "$1:$2"
    assert summary.column_dimensions["B"].width >= 20


def test_cover_says_masked_or_shown_in_red(store, tmp_path) -> None:
    fill_store(store, days=3, per_day=10)
    masked = export(store, tmp_path / "a.xlsx", start=START, end=END, lang="en")
    shown = export(
        store, tmp_path / "b.xlsx", start=START, end=END, lang="en", show_personal_data=True
    )
    cover = openpyxl.load_workbook(masked.path)[EN["sheet.cover"]]
    values = {cover.cell(r, 1).value: cover.cell(r, 2) for r in range(3, cover.max_row + 1)}
    assert values[EN["personal_data"]].value == EN["personal_masked"]
    assert values[EN["period"]].value == "2026-10-01 – 2026-10-31"
    cover = openpyxl.load_workbook(shown.path)[EN["sheet.cover"]]
    values = {cover.cell(r, 1).value: cover.cell(r, 2) for r in range(3, cover.max_row + 1)}
    cell = values[EN["personal_data"]]
    assert cell.value == EN["personal_shown"]
    assert cell.font.color.rgb.endswith("C00000")
    assert openpyxl.load_workbook(shown.path).sheetnames[-1] == "Manifest"


def test_password_protects_sheets_when_given(store, tmp_path) -> None:
    fill_store(store, days=2, per_day=5)
    result = export(store, tmp_path / "p.xlsx", start=START, end=END, password="s3cret")
    ws = openpyxl.load_workbook(result.path).worksheets[1]
    assert ws.protection.sheet and ws.protection.password


def test_progress_is_reported(store, tmp_path) -> None:
    fill_store(store, days=2, per_day=5)
    job = export_workbook(store, tmp_path / "x.xlsx", start=START, end=END)
    steps = []
    with pytest.raises(StopIteration) as stop:
        while True:
            steps.append(next(job))
    assert stop.value.value.path.endswith("x.xlsx")
    assert steps[-1].done == steps[-1].total and len(steps) >= 8
    assert [s.done for s in steps] == sorted(s.done for s in steps)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("store"))


@pytest.mark.parametrize("cancel_after", [1, 5, "saving"])
def test_cancelled_export_leaves_no_file(store, tmp_path, cancel_after) -> None:
    fill_store(store, days=2, per_day=5)
    out = tmp_path / "out"
    out.mkdir()
    steps = list(export_workbook(store, out / "probe.xlsx", start=START, end=END))
    (out / "probe.xlsx").unlink()
    saving = [s.message for s in steps].index("saving") + 1
    stop_at = saving if cancel_after == "saving" else cancel_after
    job = export_workbook(store, out / "c.xlsx", start=START, end=END)
    messages = [next(job).message for _ in range(stop_at)]
    if cancel_after == "saving":
        assert messages[-1] == "saving"  # the temporary file exists at this point
        assert any(p.suffix == ".part" for p in out.iterdir())
    job.close()
    assert _leftovers(out) == []


def test_disk_full_leaves_no_file_and_names_the_path(store, tmp_path, monkeypatch) -> None:
    fill_store(store, days=2, per_day=5)

    def full_disk(wb, path):
        Path(path).write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(wbk.job, "_save_workbook", full_disk)
    target = tmp_path / "full.xlsx"
    with pytest.raises(DiskFull) as err:
        export(store, target, start=START, end=END)
    assert str(target) in str(err.value) and "full" in str(err.value)
    assert _leftovers(tmp_path) == []


def test_no_permission_on_rename_leaves_no_file(store, tmp_path, monkeypatch) -> None:
    fill_store(store, days=2, per_day=5)

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DiskFull) as err:
        export(store, tmp_path / "locked.xlsx", start=START, end=END)
    assert "permission" in str(err.value)
    assert _leftovers(tmp_path) == []


def test_missing_folder_is_our_error(store, tmp_path) -> None:
    with pytest.raises(DiskFull):
        export(store, tmp_path / "nope" / "x.xlsx", start=START, end=END)


def test_cells_write_every_formula_trigger_as_text() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row, text in enumerate(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok", "a\x01b"], 1):
        write(ws, row, 1, text)
    write(ws, 9, 1, 3.5, "0.0")
    assert [ws.cell(r, 1).data_type for r in range(1, 9)] == ["s"] * 8
    assert [bool(ws.cell(r, 1).quotePrefix) for r in range(1, 8)] == [True] * 6 + [False]
    assert ws.cell(8, 1).value == "ab"  # a control character xlsx cannot hold is dropped
    assert ws.cell(9, 1).value == 3.5 and ws.cell(9, 1).number_format == "0.0"
