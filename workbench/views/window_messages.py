"""How the main window tells the user something: a window-modal box that does not block
the event loop, echoed in the status bar; errors as one line, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from workbench.errors import WorkbenchError

log = logging.getLogger(__name__)


def one_line(exc: BaseException) -> str:
    """An error as the one line a dialog shows (never a traceback)."""
    if isinstance(exc, WorkbenchError):
        return str(exc)
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:300]}" if text else type(exc).__name__


class Messages:
    """Mixin for ``MainWindow``: ``show_error`` and ``inform``."""

    def show_error(self, title: str, exc: BaseException) -> None:
        """One-line message in a dialog (never a traceback)."""
        log.info("%s: %s", title, exc, exc_info=not isinstance(exc, WorkbenchError))
        self.inform(title, one_line(exc), warning=True)

    def inform(self, title: str, text: str, *, warning: bool = False) -> QMessageBox:
        """A window-modal message that does not block the event loop; also in the status bar."""
        self.statusBar().showMessage(f"{title}: {text.splitlines()[0] if text else ''}", 15000)
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.last_message = text
        box.open()
        return box
