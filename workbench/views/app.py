"""GUI start-up: the QApplication, language, palette, the main window, and offscreen screenshots.

``run_gui`` is what ``workbench gui`` calls. ``build_app`` and ``create_main_window`` are the
pieces tests and ``workbench screenshot`` reuse; ``render_view`` renders one view of a store
to a PNG once its data has loaded.

The palette follows the system's light/dark preference (``QStyleHints.colorScheme``) on the
Fusion style, so the window looks the same on Windows and Linux and switches when the system
does.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from workbench.paths import APP_NAME, default_store_path, demo_store_path, resource_path
from workbench.store import Store
from workbench.views.context import AppContext
from workbench.views.i18n import choose_lang, install_translator
from workbench.views.settings import Settings

log = logging.getLogger(__name__)

_CJK_FAMILIES = ("Noto Sans CJK SC", "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC",
                 "Source Han Sans SC", "WenQuanYi Micro Hei", "Noto Sans SC")  # fmt: skip


def build_app(argv: Sequence[str] | None = None, *, lang: str | None = None,
              settings: Settings | None = None) -> QApplication:  # fmt: skip
    """The application (reused when one exists), with language, font, palette and icon."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(list(argv) if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("Workbench")
    app.setStyle("Fusion")
    settings = settings or Settings.default()
    chosen = choose_lang(lang, settings.language)
    install_translator(chosen)
    _set_font(app, chosen)
    apply_palette(app)
    hints = app.styleHints()
    if not getattr(app, "_workbench_scheme_hooked", False):
        hints.colorSchemeChanged.connect(lambda *_: apply_palette(app))
        app._workbench_scheme_hooked = True  # type: ignore[attr-defined]
    icon = resource_path("icons", "workbench.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    if "workbench.views.charts" in sys.modules:  # else when a chart view first imports it
        sys.modules["workbench.views.charts"].configure()
    return app


def _set_font(app: QApplication, lang: str) -> None:
    """A UI font that has the CJK glyphs (Chinese must never render as boxes)."""
    families = set(QFontDatabase.families())
    font = QFont(app.font())
    for family in _CJK_FAMILIES:
        if family in families:
            # keep the platform's Latin font first; the CJK family fills Chinese glyphs
            if lang == "zh_CN" or QGuiApplication.platformName() == "offscreen":
                font.setFamilies([family])
            else:
                font.setFamilies([font.family(), family])
            break
    if font.pointSizeF() < 9:
        font.setPointSizeF(9.5)
    app.setFont(font)


def system_is_dark(app: QApplication) -> bool:
    scheme = app.styleHints().colorScheme()
    return scheme == Qt.ColorScheme.Dark


def apply_palette(app: QApplication, dark: bool | None = None) -> None:
    """Light or dark Fusion palette (``dark=None``: ``$WORKBENCH_THEME``, else the system)."""
    if dark is None:
        theme = os.environ.get("WORKBENCH_THEME", "").lower()
        dark = theme == "dark" if theme in ("dark", "light") else system_is_dark(app)
    if not dark:
        palette = app.style().standardPalette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fdf"))
        palette.setColor(QPalette.ColorRole.Link, QColor("#2f6fdf"))
        app.setPalette(palette)
        app.setStyleSheet("")
        app.setProperty("workbench_dark", False)
        return
    base, window, text = QColor("#1e1f22"), QColor("#2b2d31"), QColor("#e6e6e6")
    palette = QPalette(QColor("#3a3d42"), window)  # derives light/mid/dark/shadow roles
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#26282c"),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Highlight: QColor("#3d7be8"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#6ea0ff"),
        QPalette.ColorRole.PlaceholderText: QColor("#8a8f98"),
        # Fusion draws frames and check-box outlines from these: keep them visible on dark
        QPalette.ColorRole.Light: QColor("#5a5e66"),
        QPalette.ColorRole.Midlight: QColor("#4a4d54"),
        QPalette.ColorRole.Mid: QColor("#6a6f78"),
        QPalette.ColorRole.Dark: QColor("#8a8f98"),
        QPalette.ColorRole.Shadow: QColor("#101113"),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):  # fmt: skip
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7f88"))
    app.setPalette(palette)
    # Fusion outlines check boxes with a darker shade of the window colour: invisible on dark
    app.setStyleSheet(_DARK_INDICATORS)
    app.setProperty("workbench_dark", True)


_DARK_INDICATORS = """
QAbstractItemView::indicator, QCheckBox::indicator {
    width: 12px; height: 12px; border: 1px solid #8a8f98; border-radius: 2px;
    background: #1e1f22;
}
QAbstractItemView::indicator:checked, QCheckBox::indicator:checked {
    background: #3d7be8; border-color: #6ea0ff;
}
"""


def create_main_window(store: Store, *, settings: Settings | None = None,
                       temporary: bool = False, source_name: str | None = None):  # fmt: skip
    """An ``AppContext`` over ``store`` and its ``MainWindow`` (not shown). Needs ``build_app``."""
    from workbench.views.main_window import MainWindow

    ctx = AppContext(store, temporary=temporary)
    window = MainWindow(ctx, settings or Settings.default(), source_name=source_name)
    return window


class _Gui:
    """Keeps the open windows and rebuilds the main one when the language changes."""

    def __init__(self, app: QApplication, store: Store, settings: Settings) -> None:
        self.app = app
        self.store = store
        self.settings = settings
        self.window = None
        self.temporary: list = []
        self.closing = False  # the event loop has ended: a language switch still queued is void

    def open(self) -> None:
        from workbench.views.errors import install_exception_hook

        window = create_main_window(self.store, settings=self.settings)
        install_exception_hook(window)
        # queued: the old window's preferences slot returns before the window is replaced
        window.languageChangeRequested.connect(
            self.switch_language, Qt.ConnectionType.QueuedConnection
        )
        window.temporaryWindowOpened.connect(self.temporary.append)
        window.show()
        self.window = window

    def switch_language(self, lang: str) -> None:
        """Rebuild the main window in ``lang``, live; the application keeps running.

        The new window is shown before the old one closes: closing the only visible window
        would end the event loop (``quitOnLastWindowClosed``) and with it the application.
        A switch still queued when the loop ended (quitting just after choosing a language on
        a busy machine) is dropped: run during ``close``, it replaced and deleted the window
        being closed ("Internal C++ object already deleted", exit 1).
        """
        if self.closing:
            return
        old = self.window
        install_translator(lang)
        _set_font(self.app, lang)
        if old is not None:
            old.save_state()  # the new window opens where the old one was
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)
        try:
            self.open()
            if old is not None:
                dispose(old)  # its workers finish first
        finally:
            self.app.setQuitOnLastWindowClosed(quit_on_close)

    def close(self) -> None:
        """After the event loop: delete the windows (``dispose``), a queued switch void."""
        self.closing = True
        dispose(self.window, *self.temporary)
        self.window = None
        self.temporary.clear()


def dispose(*windows: object) -> None:
    """Delete windows now, on the GUI thread, after their workers finished.

    Left to the interpreter's shutdown, Qt objects holding pyqtgraph items can be collected in
    an order that crashes CPython at exit; deleting them while the app still runs avoids it.
    """
    from PySide6.QtCore import QEvent
    from shiboken6 import isValid

    from workbench.workers.runner import wait_for_idle

    # a temporary window deletes itself when closed: only windows that still exist are disposed
    windows = tuple(w for w in windows if w is not None and isValid(w))
    for window in windows:
        cancel = getattr(window, "cancel_work", None)
        if cancel is not None:
            cancel()
    wait_for_idle(timeout_s=10, settle_s=0.0)
    for window in windows:
        if not isValid(window):  # deleted while the events above were processed
            continue
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    import gc

    gc.collect()


def _ensure_demo(store: Store) -> None:
    """Fill an empty demo store with the bundled demo month."""
    from workbench.demo.store import ensure_demo_store

    ensure_demo_store(store)


def run_gui(store: str | None, lang: str | None, files: list[str], demo: bool) -> int:
    """Open the window on ``store`` (or the demo store), importing ``files``; the event loop."""
    settings = Settings.default()
    app = build_app(sys.argv[:1], lang=lang, settings=settings)
    path = demo_store_path() if demo and not store else default_store_path(store)
    from workbench.errors import WorkbenchError
    from workbench.views.errors import error_title, open_store_interactively

    try:
        # Locked by another window → offer a read-only copy; damaged → offer the newest backup.
        opened = open_store_interactively(path)
    except WorkbenchError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, error_title(exc), str(exc))
        raise
    with opened:
        if demo:
            _ensure_demo(opened)
        gui = _Gui(app, opened, settings)
        gui.open()
        if files:
            gui.window.ctx.request_import([str(Path(f)) for f in files])
        code = app.exec()
        settings.sync()
        gui.close()
    return int(code)


# ---- screenshots ---------------------------------------------------------------------------
def parse_size(text: str) -> tuple[int, int]:
    """``1280x800`` → (1280, 800); ``UsageError`` otherwise."""
    from workbench.errors import UsageError

    try:
        w, h = (int(p) for p in text.lower().replace("×", "x").split("x"))
    except ValueError as exc:
        raise UsageError(f"--size: '{text}' is not WIDTHxHEIGHT", hint="e.g. 1280x800") from exc
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise UsageError(f"--size: {w}x{h} is out of range", hint="between 320x240 and 7680x4320")
    return w, h


def render_view(store: Store, view_id: str, out: str | Path, *, size: tuple[int, int],
                settings: Settings | None = None, timeout_s: float = 60.0) -> Path:  # fmt: skip
    """Show ``view_id`` in a main window of ``size`` on ``store``, wait for data, save a PNG."""
    from workbench.errors import UsageError
    from workbench.views.registry import VIEW_IDS

    window = create_main_window(store, settings=settings)
    try:
        if view_id not in window._view_ids():
            raise UsageError(
                f"--view: '{view_id}' is not a view of this build",
                hint=f"choose one of {', '.join(v for v in VIEW_IDS if v in window._view_ids())}",
            )
        return grab_view(window, view_id, out, size=size, timeout_s=timeout_s)
    finally:
        dispose(window)


def grab_view(window: QWidget, view_id: str, out: str | Path, *, size: tuple[int, int],
              timeout_s: float = 60.0) -> Path:  # fmt: skip
    """Show ``view_id`` in ``window`` at ``size``, wait until its data is in, save a PNG."""
    from workbench.errors import DiskFull
    from workbench.workers.runner import wait_for_idle

    window.resize(*size)
    window.show_view(view_id)
    window.show()
    deadline = time.monotonic() + timeout_s
    wait_for_idle(timeout_s=timeout_s)
    # views refresh on show and sometimes chain a second query; settle twice
    QCoreApplication.processEvents()
    wait_for_idle(timeout_s=max(1.0, deadline - time.monotonic()))
    for _ in range(3):
        QCoreApplication.processEvents()
    image = window.grab()
    if image.width() != size[0] or image.height() != size[1]:
        image = image.scaled(*size)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise DiskFull("the picture could not be written", file=out,
                       hint="choose a folder you can write to")  # fmt: skip
    return out


def screenshot(store_path: str | Path | None, view_id: str, out: str | Path, *,
               size: tuple[int, int] = (1280, 800), lang: str | None = None) -> Path:  # fmt: skip
    """``workbench screenshot``: render one view offscreen and write the PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # a throw-away settings file: a screenshot must not depend on (or change) the user's
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(Path(tmp) / "screenshot.ini")
        build_app([sys.argv[0]], lang=lang or "en", settings=settings)
        path = default_store_path(store_path)
        from workbench.errors import StoreUnavailable

        if not path.exists():
            raise StoreUnavailable("no store here", file=path,
                                   hint="import a file first or check --store")  # fmt: skip
        with Store.open(path) as store:
            return render_view(store, view_id, out, size=size, settings=settings)
