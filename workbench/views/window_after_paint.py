"""What the window does once its first view is painted, not before: today's backup.

The window opens the store with ``defer_daily_backup`` (``Store.open``) and starts the
backup here once the first view has its data on screen. Every write still waits for it first
(``Store._before_write``), so it exists before the day's first import, undo, target or option
change, whatever the user clicks meanwhile. When its full check finds the store damaged, the
window says so at once and writes are refused (``StoreDamaged``) — the figures already shown
came from blocks whose checksums DuckDB verified as it read them.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from workbench.workers.runner import any_busy

#: Start the backup at the latest this long after the window was built, even while views load.
LATEST_START_S = 10.0
POLL_MS = 50


class AfterFirstPaint(QObject):
    """Polls until the window's first work is done; then starts the backup and reports it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.backup_started_at: float | None = None
        self._built = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._tick)
        if window.ctx.store.daily_backup is not None:
            self._timer.start()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        if any_busy() and time.monotonic() - self._built < LATEST_START_S:
            return  # the first view is still loading: let it paint first
        window = self.parent()
        store = window.ctx.store
        backup = store.daily_backup
        if backup is not None and self.backup_started_at is None:
            self.backup_started_at = time.monotonic()
            store.start_daily_backup()
            return
        if backup is not None and not backup.done:
            return
        self._timer.stop()
        if backup is not None and backup.error is not None:
            window.show_error(self.tr("Store damaged"), backup.error)
