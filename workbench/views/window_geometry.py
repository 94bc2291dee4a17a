"""Where the main window opens: the remembered geometry if it is on a screen, else centred."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication


def restore_geometry(window: Any) -> None:
    """Restore the saved geometry and toolbar state (temporary windows keep the defaults)."""
    settings, temporary = window.settings, window.ctx.temporary
    geometry = settings.geometry if not temporary else None
    if geometry is not None:
        window.restoreGeometry(geometry)
    if geometry is None or not on_a_screen(window):
        default_geometry(window)
    state = settings.window_state if not temporary else None
    if state is not None:
        window.restoreState(state)


def on_a_screen(window: Any) -> bool:
    """True when a usable part of the window (its title bar) is on an available screen."""
    frame = window.frameGeometry()
    title_bar = QRect(frame.left(), frame.top(), frame.width(), 40)
    for screen in QGuiApplication.screens():
        visible = screen.availableGeometry().intersected(title_bar)
        if visible.width() >= 120 and visible.height() >= 20:
            return True
    return False


def default_geometry(window: Any) -> None:
    """90 % of the screen (at most 1400×900), centred."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(1280, 800)
        return
    area = screen.availableGeometry()
    width = min(1400, int(area.width() * 0.9))
    height = min(900, int(area.height() * 0.9))
    window.resize(width, height)
    window.move(area.center().x() - width // 2, area.center().y() - height // 2)
