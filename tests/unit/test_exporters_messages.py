"""The exporters speak the user's language: verify's problem lines and the export's progress
in Chinese with ``--lang zh_CN``, while the problem codes scripts match stay the same."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from workbench import i18n
from workbench.exporters.labels import LABELS
from workbench.exporters.workbook import export, export_workbook
from workbench.store import Store

try:
    from test_export_support import END, START, fill_store
except ImportError:  # tests/unit made a package
    from .test_export_support import END, START, fill_store


def _env() -> dict[str, str]:
    """The test's environment (its key home, XDG folders) with no language of its own."""
    drop = ("WORKBENCH_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
    return {k: v for k, v in os.environ.items() if k not in drop}


def _verify(tmp_path: Path, lang: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "--lang", lang, "verify", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=300,
    )


@pytest.fixture
def tampered(tmp_path: Path) -> tuple[Path, Path]:
    """A real export whose Summary value was edited afterwards and whose store gained a
    contact of the period."""
    store_path = tmp_path / "store.duckdb"
    with Store.open(store_path) as store:
        fill_store(store, days=31, per_day=6)
        book = Path(export(store, tmp_path / "book.xlsx", start=START, end=END).path)
        store.con.execute(
            "INSERT INTO contacts (contact_id, started_at, queue, wait_s, answered, import_id) "
            "VALUES ('NEW', TIMESTAMP '2026-10-10 10:00:00', '信用卡', 5, false, 1)"
        )
    wb = openpyxl.load_workbook(book)
    wb[LABELS["zh_CN"]["sheet.summary"]]["C4"].value = 0.5
    wb.save(book)
    return book, store_path


def test_verify_problems_are_chinese_with_lang_zh(tampered, tmp_path) -> None:
    book, store_path = tampered
    zh = _verify(tmp_path, "zh_CN", str(book), "--store", str(store_path))
    assert zh.returncode == 5, zh.stderr
    lines = zh.stderr.splitlines()
    summary = LABELS["zh_CN"]["sheet.summary"]
    assert any(f"{summary}!C4：导出后被改动 — 工作簿在导出后被改动" in line for line in lines)
    assert any("数据库：contacts：本期数据行在导出后发生变化" in line for line in lines)
    assert not any("changed since export" in line for line in lines)
    en = _verify(tmp_path, "en", str(book), "--store", str(store_path))
    assert en.returncode == 5
    assert any(f"{summary}!C4: changed since export" in line for line in en.stderr.splitlines())


def test_verify_codes_do_not_change_with_the_language(tampered, tmp_path) -> None:
    book, store_path = tampered
    answers = {}
    for lang in ("zh_CN", "en"):
        run = _verify(tmp_path, lang, str(book), "--store", str(store_path), "--json")
        assert run.returncode == 5, run.stderr
        answers[lang] = json.loads(run.stdout)
    zh, en = answers["zh_CN"], answers["en"]
    assert zh["codes"] == en["codes"] and len(zh["codes"]) == len(zh["problems"])
    assert {"cell_changed", "store_changed", "indicator_changed"} <= set(zh["codes"])
    assert zh["problems"] != en["problems"]


def test_export_progress_follows_the_message_language(store, tmp_path) -> None:
    fill_store(store, days=2, per_day=5)
    try:
        i18n.set_language("zh_CN")
        steps = list(export_workbook(store, tmp_path / "zh.xlsx", start=START, end=END))
    finally:
        i18n.set_language("en")
    messages = [s.message for s in steps]
    assert messages[0] == "读取目标与口径选项" and messages[-1] == "完成"
    assert "正在保存" in messages
    english = [
        s.message for s in export_workbook(store, tmp_path / "en.xlsx", start=START, end=END)
    ]
    assert english[0] == "reading targets and options" and english[-1] == "done"


def test_export_and_a_clean_verify_report_in_chinese(tmp_path: Path) -> None:
    """The command line's own lines ("wrote …", "ok: … matches") follow ``--lang`` too."""
    store_path = tmp_path / "store.duckdb"
    with Store.open(store_path) as store:
        fill_store(store, days=31, per_day=6)
    book = tmp_path / "月报.xlsx"
    run = subprocess.run(
        [sys.executable, "-m", "workbench", "--lang", "zh_CN", "export", "--out", str(book),
         "--from", START.isoformat(), "--to", END.isoformat(), "--store", str(store_path)],
        capture_output=True, text=True, encoding="utf-8", env=_env(), timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"已写入 {book}（") and "项指标" in run.stdout
    assert "wrote" not in run.stdout
    checked = _verify(tmp_path, "zh_CN", str(book), "--store", str(store_path))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"通过：{book} 与其清单及数据库一致")
