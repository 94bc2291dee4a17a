"""The main window's status bar: store, row counts, last import, progress with Cancel.

At 1366×768 the left message area keeps its room: the counters elide, the progress bar shows
only the percentage (the step is in its tooltip and in the message area).
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QPushButton, QSizePolicy

from workbench.views.i18n import fmt_datetime, fmt_int
from workbench.views.window_text import MainWindow


def load_bounds(con: Any) -> dict:
    """The first and last day of data (fast: what the default period needs at start-up)."""
    from workbench.store.queries import data_bounds

    lo, hi = data_bounds(con)
    return {"first_day": lo.date() if lo else None, "last_day": hi.date() if hi else None}


def load_status(con: Any) -> dict:
    """Worker-thread query: filter choices, row counts and the last import time."""
    from workbench.domain import KIND_NAMES
    from workbench.kpi.engine import filter_choices
    from workbench.store.queries import last_import_at, row_counts

    counts = row_counts(con, tuple(KIND_NAMES))
    return {"choices": filter_choices(con), "counts": counts, "last_import": last_import_at(con)}


class StatusArea(QObject):
    """The widgets of the status bar and how they show status and progress."""

    def __init__(self, window: QMainWindow, on_cancel: Any) -> None:
        super().__init__(window)  # no Python reference back: a closed window is freed at once
        self.store_label = QLabel()
        self.store_label.setMinimumWidth(40)
        self.store_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.rows_label = QLabel()
        self.import_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setFixedWidth(140)
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p%")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop the import; nothing of the unfinished file is kept")
        )
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(on_cancel)
        self._step = ""
        self._paths: dict[str, str] = {}  # file name → path of the import that runs
        self._reading: tuple[str, float, float] | None = None  # name, MB, started
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_reading)
        bar = window.statusBar()
        bar.addWidget(self.store_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.rows_label)
        bar.addPermanentWidget(self.import_label)

    def show_status(self, status: dict) -> None:
        counts = status["counts"]
        self.rows_label.setText(
            self.tr("Contacts %1 · bot sessions %2")
            .replace("%1", fmt_int(counts.get("contacts", 0)))
            .replace("%2", fmt_int(counts.get("bot_sessions", 0)))
        )
        self.rows_label.setToolTip(
            "\n".join(f"{table}: {fmt_int(n)}" for table, n in counts.items())
        )
        last: datetime | None = status["last_import"]
        self.import_label.setText(
            self.tr("Last import: %1").replace(
                "%1", fmt_datetime(last) if last else self.tr("never")
            )
        )

    def set_progress(self, progress: Any) -> None:
        """Show a ``Progress`` (done, total, message); total 0 is a busy indicator."""
        done = int(getattr(progress, "done", 0) or 0)
        total = int(getattr(progress, "total", 0) or 0)
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        message = getattr(progress, "message", "") or ""
        self.progress.setToolTip(message)
        reading = getattr(progress, "reading", None)
        if reading:
            # the read of a large workbook gives no steps: a moving bar, the size, the time
            self.progress.setRange(0, 0)
            self._start_reading(reading)
            self.progress.setVisible(True)
            self.cancel_button.setVisible(True)
            return
        self._stop_reading()
        if message:
            # the step goes where there is room: the message area on the left
            self._step = message
            self.parent().statusBar().showMessage(message)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)

    def import_started(self, paths: list[str]) -> None:
        self._paths = {Path(p).name: p for p in paths}

    def _start_reading(self, name: str) -> None:
        try:
            size_mb = Path(self._paths.get(name, name)).stat().st_size / 1e6
        except OSError:
            size_mb = 0.0
        self._reading = (name, size_mb, time.monotonic())
        self._show_reading()
        self._tick.start()

    def _stop_reading(self) -> None:
        self._reading = None
        self._tick.stop()

    def _show_reading(self) -> None:
        if self._reading is None:
            return
        name, size_mb, began = self._reading
        seconds = int(time.monotonic() - began)
        text = (
            self.tr("Reading %1 (%2 MB) — %3 s")
            .replace("%1", name)
            .replace("%2", f"{size_mb:.1f}")
            .replace("%3", str(seconds))
        )
        self._step = text
        self.parent().statusBar().showMessage(text)
        self.progress.setToolTip(text)

    def set_busy(self, busy: bool, still_busy: bool) -> None:
        if busy:
            self.progress.setRange(0, 0)
            self.progress.setVisible(True)
            self.cancel_button.setVisible(True)
        elif not still_busy:
            self._stop_reading()
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            bar = self.parent().statusBar()
            if self._step and bar.currentMessage() == self._step:
                bar.clearMessage()  # only our own step text, never a result message
            self._step = ""

    def show_store(self, ctx: Any, source_name: str | None) -> None:
        store = ctx.store
        if ctx.temporary:
            text = self.tr("Temporary — not saved: %1").replace("%1", source_name or "")
        else:
            text = self.tr("Store: %1").replace("%1", str(store.path))
        self.store_label.setText(text)
        self.store_label.setToolTip(str(store.path) if store.path else ":memory:")


def window_title(window: Any) -> str:
    """``Workbench — centre — store.duckdb`` (+ temporary / read-only notes)."""
    from workbench.views.store_settings import centre_name

    parts = [MainWindow.tr("Workbench")]
    centre = centre_name(window.ctx.store)
    if centre:
        parts.append(centre)
    if window.ctx.temporary:
        parts.append(
            MainWindow.tr("%1 (temporary — not saved)").replace("%1", window.source_name or "")
        )
    elif window.ctx.store.path is not None:
        parts.append(window.ctx.store.path.name)
    if window.ctx.store.read_only:
        parts.append(MainWindow.tr("read-only copy: another window holds the store"))
    if getattr(window, "verification", None):
        parts.append(window.verification)  # a compliance workbook's check
    return " — ".join(parts)


def show_verification(window: Any, text: str, ok: bool) -> None:
    """A compliance workbook's verification, in the window's title and status bar."""
    window.verification = text
    window.update_title()
    window.store_label.setText(f"{window.store_label.text()} · {text}")
    window.store_label.setStyleSheet("" if ok else "color: #c0392b;")
