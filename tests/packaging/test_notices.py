"""THIRD-PARTY-NOTICES.txt lists what the bundle carries, with licences and their texts."""

from __future__ import annotations

import importlib.util
from importlib import metadata
from pathlib import Path

NOTICES = Path(__file__).resolve().parents[2] / "packaging" / "notices.py"
_spec = importlib.util.spec_from_file_location("_packaging_notices", NOTICES)
notices = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(notices)


def test_notices_name_versions_licences_and_texts(tmp_path: Path) -> None:
    path = notices.write_notices(tmp_path / "N.txt", ["openpyxl", "duckdb", "PySide6", "workbench"])
    text = path.read_text(encoding="utf-8")
    assert f"openpyxl {metadata.version('openpyxl')} — MIT" in text
    assert f"duckdb {metadata.version('duckdb')} — MIT" in text
    assert "LGPL-3.0" in text and "GNU Lesser General Public License" in text
    assert "Permission is hereby granted" in text  # the MIT licence text itself
    assert "\nworkbench " not in text  # our own package is not third-party
