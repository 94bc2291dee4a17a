"""The pure layers' message catalogue: every ``_("…")`` in the code has Chinese, with the same
placeholders, and the command line speaks the language it is asked for."""

from __future__ import annotations

import ast
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
