"""The main window's translation context for the modules that work for it.

``MainWindow.tr("…")`` in ``window_*``/``task_*`` modules translates exactly as the window's
own ``self.tr`` does: ``pyside6-lupdate`` files a ``X.tr("…")`` call under the context ``X``, so
this stand-in carries the window's class name, and the strings stay in one context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


class MainWindow:
    """Stand-in for ``views.main_window.MainWindow`` that only translates."""

    @staticmethod
    def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate("MainWindow", text, disambiguation, n)
