"""The built wheel carries what the installed app loads at run time (architecture.md §8)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_wheel_ships_translations_migrations_and_resources(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("workbench-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "workbench/resources/translations/workbench_zh_CN.qm",
        "workbench/resources/translations/workbench_en.qm",
        "workbench/resources/targets/defaults.toml",
        "workbench/resources/icons/workbench.png",
        "workbench/store/migrations/001_initial.sql",
        "workbench/store/migrations/002_targets_settings.sql",
        "workbench/views/app.py",
        "workbench/kpi/catalogue.py",
        "workbench/demo/__init__.py",
    ):
        assert required in names, f"{required} missing from {wheel.name}"
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)
