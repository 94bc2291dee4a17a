"""The shipped translations: both .qm files exist and every Chinese string is translated."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def _build_module():
    spec = importlib.util.spec_from_file_location("tr_build", TRANSLATIONS / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["tr_build"] = module
    spec.loader.exec_module(module)
    return module


def test_compiled_translations_are_shipped() -> None:
    for lang in ("zh_CN", "en"):
        qm = TRANSLATIONS / f"workbench_{lang}.qm"
        assert qm.exists() and qm.stat().st_size > 0
    assert (TRANSLATIONS / "workbench_zh_CN.qm").stat().st_size > 10_000


def test_every_chinese_message_is_translated() -> None:
    build = _build_module()
    missing = build.untranslated("zh_CN")
    assert missing == [], f"run resources/translations/build.py: {missing[:5]}"


def test_every_tr_call_is_where_lupdate_finds_it() -> None:
    """``pyside6-lupdate`` does not look inside f-strings: a ``tr("…")`` written there is
    never extracted, and Chinese users read it in English (the abandoned list's "target")."""
    import ast

    build = _build_module()
    hidden = []
    for name in build.source_files():
        tree = ast.parse((build.ROOT / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                func = getattr(call, "func", None)
                called = getattr(func, "attr", None) or getattr(func, "id", None)
                if isinstance(call, ast.Call) and called in ("tr", "translate"):
                    hidden.append(f"{name}:{call.lineno}")
    assert hidden == [], f"move these tr() calls out of their f-strings: {hidden}"
