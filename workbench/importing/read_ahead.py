"""Reading a small file in the background while other work runs (``ReadAhead``).

A 10,000-row file's import is mostly fixed costs: the command opens the store (DuckDB's
signed extension, the checks) and a batch stores one file after another. Both leave a core
idle while the next file could be read: calamine and DuckDB release the GIL. ``ReadAhead``
reads a file (``locate_for_import``: the header found, the rows read typed) on a thread of its
own; the import job then ``take``s the result instead of reading the file itself.

What is read ahead is only ever a faster way to the same result:

- only files up to ``MAX_BYTES`` on disk (a larger one's rows would be held twice in memory,
  and its own read dominates anyway);
- ``take`` gives the result only for the same path, sheet, mapping and kind, and only when the
  file's size and modification time are those it had before it was read and after; anything
  else (a file being rewritten, an error, a reading failure) gives ``None`` and the job reads
  the file itself, reporting any problem exactly as without the read-ahead.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from workbench.readers import Located, locate_for_import

log = logging.getLogger(__name__)

MAX_BYTES = 8 << 20  # a 10,000-row, 16-column export is about 1 MB

_Key = tuple[str, str | None, tuple[tuple[str, str], ...] | None, str | None]


def _key(path: Path, sheet: str | None, mapping: dict[str, str] | None, kind: str | None) -> _Key:
    items = tuple(sorted(mapping.items())) if mapping else None
    return (str(Path(path).resolve()), sheet, items, kind)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class ReadAhead:
    """Files read on one background thread, taken by the import job (see the module doc)."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._reads: dict[_Key, Future] = {}

    def start(
        self,
        path: str | Path,
        *,
        sheet: str | None = None,
        mapping: dict[str, str] | None = None,
        kind: str | None = None,
    ) -> bool:
        """Begin reading ``path`` in the background; False when it is not read ahead."""
        path = Path(path)
        stamp = _stamp(path)
        if stamp is None or stamp[0] > MAX_BYTES:
            return False
        key = _key(path, sheet, mapping, kind)
        if key in self._reads:
            return True
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="read-ahead")
        self._reads[key] = self._pool.submit(_read, path, stamp, sheet, mapping, kind)
        return True

    def take(
        self,
        path: str | Path,
        *,
        sheet: str | None = None,
        mapping: dict[str, str] | None = None,
        kind: str | None = None,
    ) -> Located | None:
        """The file read ahead (waiting for the read to end), or None: read it yourself."""
        future = self._reads.pop(_key(Path(path), sheet, mapping, kind), None)
        if future is None:
            return None
        found, stamp = future.result()
        if found is None or _stamp(Path(path)) != stamp:
            return None
        return found

    def close(self) -> None:
        """Drop what was not taken (a duplicate file, a cancelled batch); a read under way
        is not waited for (a cancel in the window takes effect at once) and ends unused."""
        self._reads.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _read(
    path: Path,
    stamp: tuple[int, int],
    sheet: str | None,
    mapping: dict[str, str] | None,
    kind: str | None,
) -> tuple[Located | None, tuple[int, int] | None]:
    try:
        found = locate_for_import(path, sheet=sheet, mapping=mapping, kind=kind)
    except Exception:  # the job reads the file again and reports it
        log.debug("read-ahead of %s failed", path, exc_info=True)
        return None, None
    if _stamp(path) != stamp:  # changed while it was read
        return None, None
    return found, stamp
