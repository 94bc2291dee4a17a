"""Live updates: the watched folder and the intraday refresh timer.

``FolderWatcher`` watches one folder (``QFileSystemWatcher`` plus a slow poll, because
watchers miss events on network shares) and emits ``filesReady(paths)`` for exports that are
new or changed. A file is only reported once it has stopped changing: its size and time stamp
must be the same at two scans a debounce apart, and it must open for reading (Excel and export
tools write in several steps). Temporary files (``~$x.xlsx``, ``*.part``, ``*.tmp``) are
ignored. At start, files already in the folder that changed after ``since`` (the store's last
import) are reported too, so exports dropped while the window was closed are not missed; the
importer recognises files it has seen (same bytes) and skips them.

``IntradayTimer`` ticks every N seconds while intraday mode is on.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

log = logging.getLogger(__name__)

EXPORT_SUFFIXES: frozenset[str] = frozenset({".xlsx", ".xlsm", ".xls", ".csv", ".txt"})
_TEMP_PREFIXES = ("~$", ".~", ".")
_TEMP_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".download")


def is_candidate(path: Path) -> bool:
    """An export file we would import (not a temporary or hidden file)."""
    name = path.name
    if name.startswith(_TEMP_PREFIXES) or name.lower().endswith(_TEMP_SUFFIXES):
        return False
    return path.suffix.lower() in EXPORT_SUFFIXES


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _readable(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            fh.read(1)
    except OSError:
        return False
    return True


class FolderWatcher(QObject):
    """Reports new or changed export files in one folder once they are complete."""

    #: complete new/changed files (absolute path strings)
    filesReady = Signal(list)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        debounce_ms: int = 1500,
        poll_ms: int = 15000,
    ) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._watcher.fileChanged.connect(self._changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.scan)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.scan)
        self._known: dict[str, tuple[int, int]] = {}
        self._pending: dict[str, tuple[int, int]] = {}

    def set_folder(self, folder: str | Path | None, since: datetime | None = None) -> None:
        """Watch ``folder`` (None stops). Files changed after ``since`` count as new."""
        paths = self._watcher.directories() + self._watcher.files()
        if paths:
            self._watcher.removePaths(paths)
        self._known.clear()
        self._pending.clear()
        self._poll.stop()
        self._debounce.stop()
        self.folder = Path(folder) if folder else None
        if self.folder is None or not self.folder.is_dir():
            if folder:
                log.warning("watched folder %s does not exist", folder)
            self.folder = None
            return
        cutoff_ns = int(since.timestamp() * 1e9) if since is not None else None
        for path in self._files():
            sig = _signature(path)
            if sig is None:
                continue
            if cutoff_ns is not None and sig[1] > cutoff_ns:
                continue  # changed since the last import: report it at the first scan
            self._known[str(path)] = sig
        self._watcher.addPath(str(self.folder))
        self._poll.start()
        self._debounce.start()

    def retry(self, path: str | Path) -> bool:
        """Report ``path`` again once it is readable (a file another program held).

        True when the file is in the watched folder (it is looked at again at the next scans).
        """
        path = Path(path)
        if self.folder is None or path.parent != self.folder:
            return False
        self._known.pop(str(path), None)
        self._pending.pop(str(path), None)
        self._debounce.start()
        return True

    def _files(self) -> list[Path]:
        if self.folder is None:
            return []
        try:
            return sorted(p for p in self.folder.iterdir() if p.is_file() and is_candidate(p))
        except OSError:
            return []

    def _changed(self, *_: object) -> None:
        self._debounce.start()  # restart: wait for the burst of events to end

    def scan(self) -> list[str]:
        """Look at the folder now; emit and return the files that are complete and new."""
        ready: list[str] = []
        waiting = False
        for path in self._files():
            key = str(path)
            sig = _signature(path)
            if sig is None or sig == self._known.get(key):
                self._pending.pop(key, None)
                continue
            if self._pending.get(key) == sig and sig[0] > 0 and _readable(path):
                ready.append(key)
                self._known[key] = sig
                self._pending.pop(key, None)
            else:
                self._pending[key] = sig  # still being written, or first sight: look again
                waiting = True
        if waiting:
            self._debounce.start()
        if ready:
            log.info("watched folder: %d file(s) ready", len(ready))
            self.filesReady.emit(ready)
        return ready


class IntradayTimer(QObject):
    """Emits ``tick`` every ``interval_s`` seconds while started."""

    tick = Signal()

    def __init__(self, parent: QObject | None = None, interval_s: int = 60) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick.emit)
        self.set_interval(interval_s)

    def set_interval(self, seconds: int) -> None:
        self._timer.setInterval(max(1, int(seconds)) * 1000)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()
