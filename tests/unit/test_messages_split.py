"""Reject reasons, the kind reason, the missing-field message and the demo's progress lines
speak the user's language (issue 16, item 6): a real import and a real demo build under
``--lang zh_CN`` / ``set_language("zh_CN")``, and rejects still grouped by reason."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import i18n
from workbench.importing import import_files
from workbench.store import Store

HEADER = "通话ID,开始时间,队列,坐席工号,等待时长,是否接通,通话时长"
GOOD = [f"C{i:03d},2026-10-01 09:{i:02d}:00,信用卡,8001,12,是,120" for i in range(1, 9)]
BAD = [
    "C101,not a date,信用卡,8002,20,否,0",  # Python parser: not a date
    "C102,also wrong,信用卡,8002,20,否,0",  # the same reason, another value: one group
    "C103,2026-13-45,信用卡,8002,20,否,0",  # Python parser: not a valid date
    "C104,2026-10-01 10:00:00,信用卡,8001,-5,是,90",  # SQL check: negative duration
    "C105,2026-10-01 10:10:00,信用卡,8001,25,也许,90",  # Python parser: not yes/no
]


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language("en")


def _bad_file(folder: Path) -> Path:
    path = folder / "bad_dates.csv"
    path.write_text("\n".join([HEADER, *GOOD, *BAD]) + "\n", encoding="utf-8")
    return path


def _import(folder: Path):
    with Store.open(folder / "s.duckdb") as store:
        (result,) = import_files(store, [_bad_file(folder)]).files
        stored = store.con.execute("SELECT reason FROM rejects ORDER BY row_number").fetchall()
    return result, [r for (r,) in stored]


def test_reject_reasons_and_kind_reason_are_chinese_and_still_grouped(tmp_path, chinese):
    result, stored = _import(tmp_path)
    assert (result.status, result.rows, result.rejected) == ("imported", 8, 5)
    reasons = {(g.column, g.reason): (g.rows, g.first_rows) for g in result.reasons}
    assert reasons == {
        ("开始时间", "'not a date' 不是日期"): (2, (10, 11)),
        ("开始时间", "'2026-13-45' 不是有效日期"): (1, (12,)),
        ("等待时长", "时长为负数 -5"): (1, (13,)),
        ("是否接通", "'也许' 不是“是/否”值"): (1, (14,)),
    }
    assert stored[1] == "'also wrong' 不是日期"  # each row keeps its own value in the store
    assert result.kind_reason.startswith("contacts：匹配了 7 个字段（contact_id ← '通话ID'")
    text = json.dumps(result.to_json(), ensure_ascii=False)
    assert "is not" not in text and "matched" not in text


def test_the_same_file_groups_alike_in_english(tmp_path):
    result, _stored = _import(tmp_path)
    reasons = {(g.column, g.reason): g.rows for g in result.reasons}
    assert reasons == {
        ("开始时间", "'not a date' is not a date"): 2,
        ("开始时间", "'2026-13-45' is not a valid date"): 1,
        ("等待时长", "negative duration -5"): 1,
        ("是否接通", "'也许' is not a yes/no value"): 1,
    }
    assert result.kind_reason.startswith("contacts: matched 7 fields (contact_id ← '通话ID'")


def test_missing_required_field_is_chinese(tmp_path, chinese):
    path = tmp_path / "no_time.csv"
    path.write_text("通话ID,队列\nC001,信用卡\nC002,贷款\n", encoding="utf-8")
    with Store.open(tmp_path / "s.duckdb") as store:
        (result,) = import_files(store, [path], kind="contacts").files
    assert result.status == "rejected"
    assert "contacts：缺少必需字段：started_at（最接近的表头：'通话ID'）" in result.error
    assert "missing required" not in result.error


def test_demo_progress_is_chinese(tmp_path, chinese):
    from workbench.demo import ensure_demo_store

    lines: list[str] = []
    ensure_demo_store(tmp_path / "demo.duckdb", contacts=300, progress=lines.append)
    assert lines[0].startswith("正在把演示月份 2026-10 写成 Excel 文件")
    assert any(line.startswith("正在导入 contacts：") for line in lines)
    assert lines[-1].startswith("演示数据库已就绪：")
    assert not any("writing" in line or "importing" in line for line in lines)


def test_cli_import_json_has_chinese_reasons(tmp_path):
    env = {**os.environ, "WORKBENCH_STORE": str(tmp_path / "s.duckdb"), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "--lang", "zh_CN", "import", "--json",
         str(_bad_file(tmp_path))],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (entry,) = json.loads(done.stdout)["files"]
    assert entry["reasons"][0]["reason"] == "'not a date' 不是日期"
    assert entry["reasons"][0]["rows"] == 2
    assert {r["reason"] for r in entry["rejects"]} >= {"时长为负数 -5", "'也许' 不是“是/否”值"}


def test_sheet_reason_of_a_typed_xlsx_read_is_chinese(tmp_path, chinese):
    """An xlsx read by the typed fast path names its sheet in Chinese too (the PwC sample)."""
    from conftest import PWC_SAMPLE

    with Store.open(tmp_path / "s.duckdb") as store:
        (result,) = import_files(store, [PWC_SAMPLE]).files
    assert result.status == "imported"
    assert "工作表 'Sheet1'" in result.kind_reason
    assert "sheet '" not in result.kind_reason
