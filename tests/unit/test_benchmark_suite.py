"""The benchmark suite still runs end to end (at a tiny size: figures are not checked here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_suite_runs_at_tiny_size(tmp_path: Path) -> None:
    md = tmp_path / "BENCH.md"
    md.write_text("# Benchmarks\n\nkept text\n", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "run.py"),
            "--rows",
            "1500",
            "--runs",
            "1",
            "--work",
            str(tmp_path / "work"),
            "--markdown",
            str(md),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = md.read_text(encoding="utf-8")
    assert "kept text" in text
    for area in (
        "| import | contacts",
        "| store |",
        "| engine |",
        "| gui | cold start",
        "| gui | period change",
        "| gui | view switch",
        "| export |",
        "| verify |",
    ):
        assert area in text, area
    assert "failed" not in text
