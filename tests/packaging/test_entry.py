"""The frozen entry script (packaging/entry.py) in a windowed process, where Windows gives
Python no stdout/stderr: nothing may crash, and an error must reach the user in a box."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ENTRY = Path(__file__).resolve().parents[2] / "packaging" / "entry.py"


@pytest.fixture
def entry(monkeypatch: pytest.MonkeyPatch):
    spec = importlib.util.spec_from_file_location("_packaging_entry", ENTRY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shown: list[str] = []
    monkeypatch.setattr(module, "_message_box", shown.append)
    module.shown = shown
    return module


def _run_windowed(entry, monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    monkeypatch.setattr(sys, "argv", ["workbench", *argv])
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    return entry.run()


def test_usage_error_is_shown_in_a_box(entry, monkeypatch: pytest.MonkeyPatch) -> None:
    status = _run_windowed(entry, monkeypatch, "kpis", "--from", "notadate")
    assert status == 2
    (text,) = entry.shown
    assert "notadate" in text and "YYYY-MM-DD" in text


def test_version_in_a_windowed_process_is_quiet(entry, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run_windowed(entry, monkeypatch, "--version") == 0
    assert entry.shown == []


def test_console_process_keeps_its_streams(
    entry, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["workbench", "kpis", "--from", "notadate"])
    assert entry.run() == 2
    assert "notadate" in capsys.readouterr().err
    assert entry.shown == []
