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
