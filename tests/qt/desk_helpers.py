"""Helpers for the main-window, dashboard, trends and live tests: stores, windows, waiting.

Stores are real DuckDB files filled by importing real xlsx files written by ``gui_store``.
"""

from __future__ import annotations

from pathlib import Path

from gui_store import write_contacts

from workbench.importing import import_files
from workbench.store import Store


def contacts_store(path: Path, folder: Path, *, per_day: int = 40, days: int = 7) -> Store:
    """A store holding one imported contacts workbook (2026-10-01 .. +days)."""
    folder.mkdir(parents=True, exist_ok=True)
    xlsx = write_contacts(folder / "话单明细.xlsx", per_day=per_day, days=days)
    store = Store.open(path)
    result = import_files(store, [xlsx], kind="contacts")
    assert [f.status for f in result.files] == ["imported"], [f.error for f in result.files]
    return store


def make_window(store: Store, settings_path: Path, qtbot, *, lang: str = "en"):
    """A shown main window over ``store`` with settings in ``settings_path``, data loaded."""
    from workbench.views.app import build_app, create_main_window
    from workbench.views.settings import Settings
    from workbench.workers.runner import wait_for_idle

    settings = Settings(settings_path)
    build_app(lang=lang, settings=settings)
    window = create_main_window(store, settings=settings)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    assert wait_for_idle(30)
    return window


def wait_idle() -> None:
    from workbench.workers.runner import wait_for_idle

    assert wait_for_idle(30)
