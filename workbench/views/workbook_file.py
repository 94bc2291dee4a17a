"""The branch manager's monthly file: a Workbench compliance workbook opened as dashboards.

``open_workbook_store`` (worker thread) checks the workbook against its manifest and rebuilds
an in-memory store from its figures (``exporters.reopen``); the main window shows it in a
temporary, read-only window whose title carries the verification result.
``screenshot_workbook`` renders one view of such a window (``workbench screenshot --open``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication


@dataclass(frozen=True)
class WorkbookOpened:
    """The job's result: the workbook's verification (``files`` is empty: nothing imported)."""

    path: str
    ok: bool
    problems: tuple[str, ...]
    files: tuple = field(default=())

    def status_text(self) -> str:
        """For the title bar: verified, or not and why (the first problem)."""
        if self.ok:
            return QCoreApplication.translate("workbook", "verified: matches its manifest")
        first = self.problems[0] if self.problems else ""
        return QCoreApplication.translate("workbook", "NOT verified: %1").replace("%1", first)


def open_workbook_store(store: Any, path: str) -> WorkbookOpened:
    """Job: verify ``path`` and load its figures into ``store`` (an in-memory store)."""
    from workbench.exporters.reopen import load_into, read_figures
    from workbench.exporters.verify import verify_workbook

    figures = read_figures(path)
    result = verify_workbook(path)
    with store.transaction() as con:
        load_into(con, figures)
    return WorkbookOpened(str(path), bool(result.ok), tuple(result.problems))


def screenshot_workbook(path: str | Path, view_id: str, out: str | Path, *,
                        size: tuple[int, int], lang: str | None = None) -> Path:  # fmt: skip
    """``workbench screenshot --open FILE.xlsx``: render one view of the workbook's window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.errors import UsageError
    from workbench.store import Store
    from workbench.views.app import build_app, dispose, grab_view
    from workbench.views.context import AppContext
    from workbench.views.main_window import MainWindow
    from workbench.views.settings import Settings
    from workbench.views.window_status import show_verification

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(Path(tmp) / "screenshot.ini")
        build_app([sys.argv[0]], lang=lang or "en", settings=settings)
        store = Store.memory()
        try:
            opened = open_workbook_store(store, str(path))
            window = MainWindow(
                AppContext(store, temporary=True), settings, source_name=Path(path).name
            )
            try:
                show_verification(window, opened.status_text(), opened.ok)
                if view_id not in window._view_ids():
                    raise UsageError(f"--view: '{view_id}' is not a view of this build",
                                     hint="see workbench screenshot --help")  # fmt: skip
                return grab_view(window, view_id, out, size=size)
            finally:
                dispose(window)
        finally:
            store.close()
