"""The pure-logic layers never load Qt (architecture.md): checked in a clean interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE_MODULES = [
    "workbench.cli",
    "workbench.store",
    "workbench.kpi",
    "workbench.readers",
    "workbench.jobs",
    "workbench.exporters",
    "workbench.planning",
]


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_module_does_not_load_qt(module: str) -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({module!r})\n"
        "for info in pkgutil.walk_packages(getattr(pkg, '__path__', []), pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'pyqtgraph', 'superqt'))\n"
        "print(','.join(qt))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} loaded {out.stdout.strip()}"
