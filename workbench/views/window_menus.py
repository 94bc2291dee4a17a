"""The main window's menus: File, View, Settings, Help (actions kept on the window)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from workbench.views.store_settings import ask_preferences
from workbench.views.task_export import ask_export
from workbench.views.task_monthly import ask_open_monthly
from workbench.views.task_verify import ask_verify
from workbench.views.window_imports import ask_import
from workbench.views.window_text import MainWindow


def build_menus(window: Any) -> None:
    """Create the menus and set ``window.import_action`` … ``window.view_actions``."""
    menu = window.menuBar()
    file_menu = menu.addMenu(MainWindow.tr("&File"))
    window.import_action = add_action(
        window, MainWindow.tr("&Import…"), "Ctrl+I", lambda: ask_import(window), file_menu
    )
    window.open_monthly_action = add_action(
        window,
        MainWindow.tr("&Open monthly file…"),
        "Ctrl+O",
        lambda: ask_open_monthly(window),
        file_menu,
    )
    window.recent_menu = file_menu.addMenu(MainWindow.tr("Recent files"))
    fill_recent(window)
    file_menu.addSeparator()
    window.export_action = add_action(
        window,
        MainWindow.tr("&Export compliance workbook…"),
        "Ctrl+E",
        lambda: ask_export(window),
        file_menu,
    )
    window.verify_action = add_action(
        window, MainWindow.tr("&Verify workbook…"), None, lambda: ask_verify(window), file_menu
    )
    file_menu.addSeparator()
    add_action(window, MainWindow.tr("&Quit"), "Ctrl+Q", window.close, file_menu)

    view_menu = menu.addMenu(MainWindow.tr("&View"))
    window.view_actions = {}
    for i, (spec, _cls) in enumerate(window._specs):
        shortcut = f"Ctrl+{i + 1}" if i < 9 else None
        window.view_actions[spec.id] = add_action(
            window,
            spec.title(),
            shortcut,
            lambda _=False, v=spec.id: window.show_view(v),
            view_menu,
        )
    view_menu.addSeparator()
    add_action(window, MainWindow.tr("&Refresh"), "F5", window.refresh, view_menu)

    settings_menu = menu.addMenu(MainWindow.tr("&Settings"))
    window.preferences_action = add_action(
        window,
        MainWindow.tr("&Preferences…"),
        "Ctrl+,",
        lambda: ask_preferences(window),
        settings_menu,
    )
    window.intraday_action = add_action(
        window, MainWindow.tr("&Intraday mode"), None, window.toggle_intraday, settings_menu
    )
    window.intraday_action.setCheckable(True)
    window.intraday_action.setChecked(window.settings.intraday and not window.ctx.temporary)

    help_menu = menu.addMenu(MainWindow.tr("&Help"))
    add_action(window, MainWindow.tr("&About Workbench"), None, lambda: about(window), help_menu)
    if window.ctx.temporary:
        for action in (window.import_action, window.preferences_action, window.intraday_action):
            action.setEnabled(False)


def add_action(window: Any, text: str, shortcut: str | None, slot: Callable, menu: Any) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def fill_recent(window: Any) -> None:
    """File → Recent files: the monthly files opened last, and Clear list."""
    menu = window.recent_menu
    menu.clear()
    files = window.settings.recent_files
    for path in files:
        action = menu.addAction(path)
        action.triggered.connect(lambda _=False, p=path: window.open_monthly(p))
    if not files:
        empty = menu.addAction(MainWindow.tr("(none)"))
        empty.setEnabled(False)
        return
    menu.addSeparator()
    clear = menu.addAction(MainWindow.tr("Clear list"))

    def clear_list() -> None:
        window.settings.clear_recent_files()
        fill_recent(window)

    clear.triggered.connect(clear_list)


def about(window: Any) -> None:
    from workbench import __version__

    QMessageBox.about(
        window,
        MainWindow.tr("About Workbench")
        .translate(
            "MainWindow",
            "<b>Workbench %1</b><br>The remote-banking centre supervisor's workbench: "
            "imports contact-platform exports, tracks the indicators of GB/T 32312 and the "
            "CBA remote-banking norms against your targets, and exports compliance "
            "workbooks.",
        )
        .replace("%1", __version__),
    )
