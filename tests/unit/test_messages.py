"""The pure layers' message catalogue: every ``_("…")`` in the code has Chinese, with the same
placeholders, and the command line speaks the language it is asked for."""

from __future__ import annotations

import ast
import json
import string
import subprocess
import sys
from pathlib import Path

from workbench import i18n

ROOT = Path(__file__).resolve().parents[2]
QT_PACKAGES = ("views", "models", "workers")  # translated by Qt's .ts/.qm


def _message_ids() -> dict[str, str]:
    """Every literal passed to ``_()`` or ``N_()`` in the pure layers → where it stands."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "workbench").rglob("*.py")):
        if path.relative_to(ROOT / "workbench").parts[0] in QT_PACKAGES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_has_chinese_with_the_same_placeholders():
    catalogue = i18n.catalogue("zh_CN")
    ids = _message_ids()
    assert ids
    missing = [f"{where}: {text!r}" for text, where in ids.items() if not catalogue.get(text)]
    assert not missing, "no Chinese for:\n" + "\n".join(missing)
    different = [
        f"{where}: {text!r}"
        for text, where in ids.items()
        if _fields(text) != _fields(catalogue[text])
    ]
    assert not different, "placeholders differ:\n" + "\n".join(different)


def test_language_follows_the_option_then_the_environment(monkeypatch):
    monkeypatch.setenv("WORKBENCH_LANG", "")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert i18n.set_language(None) == "zh_CN"
    assert i18n._("no log could be written") == "无法写入日志"
    assert i18n.set_language("en") == "en"
    assert i18n._("no log could be written") == "no log could be written"
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    assert i18n.set_language(None) == "zh_CN"
    i18n.set_language("en")


def test_usage_error_is_chinese_with_lang_zh(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "--lang", "zh_CN", "kpis", "--by", "nonsense"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PATH": "", "WORKBENCH_STORE": str(tmp_path / "s.duckdb"), "HOME": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "查看用法" in result.stderr
    assert result.stderr.count("\n") == 1


def _cli(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={
            "PATH": "",
            "WORKBENCH_STORE": str(tmp_path / "s.duckdb"),
            "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
        },
    )


def test_an_empty_workbook_is_refused_in_chinese_in_one_line(tmp_path):
    import openpyxl

    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    result = _cli(tmp_path, "--lang", "zh_CN", "import", str(tmp_path / "empty.xlsx"))
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1
    assert "没有找到带表头的表格" in result.stderr and "请确认" in result.stderr


def test_a_file_whose_every_row_fails_exits_3_with_one_grouped_reason(tmp_path):
    rows = ["Call Id,Start Time,Answered"] + [f"C{i},99020{i % 9 + 1}x,Y" for i in range(40)]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = _cli(tmp_path, "--lang", "zh_CN", "import", "--json", str(path))
    assert result.returncode == 3
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["status"] == "rejected" and entry["rows"] == 0
    # forty bad dates are one reason, counted, with the first rows named
    assert entry["reasons"][0]["rows"] == 40 and entry["reasons"][0]["first_rows"] == [2, 3, 4]
    assert "40 行" in entry["error"] and "未保存" in entry["error"]
    assert result.stderr.count("\n") == 1
    store = _cli(tmp_path, "kpis", "--json")
    assert json.loads(store.stdout)["kpis"][0]["value"] is None  # nothing was stored
