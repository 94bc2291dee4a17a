"""Acceptance (issue 6): a store built from real xlsx files through the importer, exported,
reopened, verified; verify fails (exit 5) after a one-cell edit and after the store changes;
LibreOffice opens the workbook."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from workbench.cli import main
from workbench.domain import Filters
from workbench.exporters.labels import LABELS
from workbench.exporters.verify import verify_workbook
from workbench.exporters.workbook import export, from_cell
from workbench.importing import import_files
from workbench.kpi import catalogue, engine
from workbench.store import Store

try:
    from test_export_support import PHONE, all_cells
except ImportError:  # tests/unit made a package
    from .test_export_support import PHONE, all_cells

ZH = LABELS["zh_CN"]
EVIL = '=HYPERLINK("http://x","y")'
DAY0 = datetime(2026, 10, 1, 8, 0, 0)
AGENTS = [("8001", "张三"), ("8002", "李四"), ("8003", EVIL), ("8004", "@王五")]
CONTACT_HEADERS = [
    "流水号", "进线时间", "技能组", "坐席工号", "坐席姓名", "排队时长(秒)", "是否接通",
    "通话时长(秒)", "话后处理时长(秒)", "是否解决", "满意度", "是否投诉", "来电号码",
]  # fmt: skip


def phone(i: int) -> str:
    return f"139{i % 100:02d}{(i * 7919) % 1000000:06d}"


def contacts_file(path: Path, first: int, count: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "话单明细"
    ws.append(CONTACT_HEADERS)
    for i in range(first, first + count):
        agent_id, agent_name = AGENTS[i % len(AGENTS)]
        answered = i % 9 != 0
        row = [
            f"C{i:06d}",
            DAY0 + timedelta(days=i % 30, minutes=(i * 13) % 600),
            ["信用卡", "借记卡"][i % 2],
            agent_id if answered else None,
            agent_name if answered else None,
            (i * 7) % 50,
            "是" if answered else "否",
            120 + (i * 11) % 200 if answered else None,
            15 + i % 20 if answered else None,
            ("是" if i % 5 else "否") if answered else None,
            ["非常满意", "满意", "一般", "不满意", "未评价"][i % 5] if answered else None,
            "是" if i % 101 == 0 else "否",
            phone(i),
        ]
        ws.append(row)
    # the agent name must arrive as text: openpyxl would store it as a formula otherwise
    for cells in ws.iter_rows(min_row=2, min_col=5, max_col=5):
        if cells[0].value == EVIL:
            cells[0].data_type = "s"
    wb.save(path)
    return path


def bots_file(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["会话ID", "开始时间", "渠道", "提问数", "识别数", "是否解决", "转人工", "评价"])
    for i in range(300):
        ws.append(
            [
                f"S{i:05d}",
                DAY0 + timedelta(days=i % 30, minutes=i),
                ["手机银行", "微信银行"][i % 2],
                3,
                2 + i % 2,
                "是" if i % 4 else "否",
                "是" if i % 6 == 0 else "否",
                ["满意", "一般", "非常满意"][i % 3],
            ]
        )
    wb.save(path)
    return path


def campaigns_file(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "活动编号",
            "活动名称",
            "客户号",
            "外呼时间",
            "坐席工号",
            "是否接通",
            "是否成功",
            "成交金额",
        ]
    )
    for i in range(200):
        ws.append(
            [
                "K01",
                "信用卡分期",
                phone(i + 5000),
                DAY0 + timedelta(days=i % 30, minutes=i),
                AGENTS[i % 4][0],
                "是" if i % 3 else "否",
                "是" if i % 3 and i % 4 == 0 else "否",
                888.5 if i % 3 and i % 4 == 0 else None,
            ]
        )
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("acceptance")
    store = Store.open(folder / "store.duckdb")
    files = [
        contacts_file(folder / "话单-2026-10.xlsx", 0, 1500),
        bots_file(folder / "智能客服-2026-10.xlsx"),
        campaigns_file(folder / "营销外呼-2026-10.xlsx"),
    ]
    result = import_files(store, files)
    assert [f.status for f in result.files] == ["imported"] * 3, result.to_json()
    store.con.execute("CHECKPOINT")  # the tests copy the file as another process would see it
    yield folder, store
    store.close()


@pytest.fixture(scope="module")
def workbook(imported):
    folder, store = imported
    return export(store, folder / "合规报告.xlsx", start=date(2026, 10, 1), end=date(2026, 10, 31))


def test_imported_store_exports_values_equal_to_the_engine(imported, workbook) -> None:
    _folder, store = imported
    report = engine.compute(store.con, Filters(start=date(2026, 10, 1), end=date(2026, 10, 31)))
    assert report.value("offered").value == 1500
    ws = openpyxl.load_workbook(workbook.path)[ZH["sheet.summary"]]
    compared = 0
    for row in ws.iter_rows(min_row=3, values_only=True):
        if row[0] in catalogue.ids():
            kpi = catalogue.get(row[0])
            expected = report.value(row[0]).value
            got = from_cell(kpi.unit, row[2])
            assert (got is None) == (expected is None), row[0]
            if expected is not None:
                assert got == pytest.approx(expected, abs=1e-3), row[0]
                compared += 1
    assert compared >= 15
    names = openpyxl.load_workbook(workbook.path)[ZH["sheet.agents"]]
    cells = [c for r in names.iter_rows() for c in r if c.value == EVIL]
    assert cells and all(c.data_type == "s" for c in cells)


def test_nothing_is_a_formula_and_no_phone_in_clear(imported, workbook) -> None:
    phones = {phone(i) for i in range(1500)} | {phone(i + 5000) for i in range(200)}
    for ws, cell in all_cells(workbook.path):
        assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}"
        if isinstance(cell.value, str):
            assert not PHONE.search(cell.value), f"{ws.title}!{cell.coordinate}"
            assert not any(p in cell.value for p in phones)
    src = openpyxl.load_workbook(workbook.path)[ZH["sheet.sources"]]
    assert {src.cell(r, 1).value for r in range(3, 6)} == {
        "话单-2026-10.xlsx",
        "智能客服-2026-10.xlsx",
        "营销外呼-2026-10.xlsx",
    }


def test_verify_passes_untouched_and_fails_after_one_cell_edit(imported, workbook, capsys):
    folder, store = imported
    assert verify_workbook(workbook.path, store).ok
    edited = folder / "edited.xlsx"
    wb = openpyxl.load_workbook(workbook.path)
    ws = wb[ZH["sheet.agents"]]
    ws["C4"].value = (ws["C4"].value or 0) + 1
    wb.save(edited)
    capsys.readouterr()
    assert main(["verify", str(edited), "--json"]) == 5
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False
    assert any(p.startswith(f"{ZH['sheet.agents']}!C4:") for p in out["problems"])
    assert main(["verify", str(workbook.path)]) == 0


def test_verify_fails_after_the_store_changes(tmp_path, imported, workbook, capsys) -> None:
    folder, _store = imported
    copy = tmp_path / "store.duckdb"
    shutil.copy(folder / "store.duckdb", copy)
    with Store.open(copy) as store:
        assert verify_workbook(workbook.path, store).ok
        more = import_files(store, [contacts_file(tmp_path / "one-more.xlsx", 1500, 1)])
        assert more.files[0].status == "imported"
    capsys.readouterr()
    assert main(["verify", str(workbook.path), "--store", str(copy), "--json"]) == 5
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert any(p.startswith("store: contacts:") for p in problems)
    assert any(p.startswith("indicator offered ") for p in problems)


def test_export_command_json(imported, tmp_path, capsys) -> None:
    folder, _store = imported
    out = tmp_path / "cli.xlsx"
    # the module's store stays open for writing: export from a copy, as another process would
    copy = tmp_path / "copy.duckdb"
    shutil.copy(folder / "store.duckdb", copy)
    code = main(
        ["export", "--store", str(copy), "--period", "2026-10", "--out", str(out), "--json"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["path"] == str(out) and len(data["sha256"]) == 64
    assert data["sheets"][0] == ZH["sheet.cover"] and data["kpis"] == len(catalogue.KPIS)
    assert main(["verify", str(out), "--store", str(copy)]) == 0
    assert main(["export", "--store", str(copy), "--period", "2026-13"]) == 2
    assert main(["export", "--store", str(copy)]) == 2


@pytest.mark.slow
def test_libreoffice_opens_the_workbook(workbook, tmp_path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            workbook.path,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / (Path(workbook.path).stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")
    # A workbook LibreOffice opened and saved again still verifies: values survive the trip.
    resaved = tmp_path / "resaved"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(resaved),
            workbook.path,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    again = resaved / Path(workbook.path).name
    assert again.exists()
    assert verify_workbook(again).ok, verify_workbook(again).problems
