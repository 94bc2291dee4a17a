"""Writing files so that a full disk or a crash never leaves a half-written one. No Qt.

Every file Workbench writes (exported workbooks, target and mapping files, settings, PNGs) goes
through ``atomic_path`` / ``atomic_write_bytes`` / ``atomic_write_text``: the data is written to
a temporary file in the target's folder, flushed to disk, then renamed over the target in one
step (``os.replace``). Until that rename the old file, if any, is untouched; after it the new
file is complete. A failure removes the temporary file and raises ``DiskFull`` naming the path
and, for a full disk, the space needed and available.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from workbench.errors import DiskFull
from workbench.i18n import _

# errno values that mean "this location cannot take the file" rather than a bug.
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}


def _human(n: int | None) -> str:
    if n is None:
        return "?"
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return _("{n} bytes").format(n=n)


def free_space(path: str | os.PathLike) -> int | None:
    """Free bytes on the disk holding ``path`` (or its nearest existing parent); None if unknown."""
    probe = Path(path)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free
    except OSError:
        return None


def is_disk_error(exc: BaseException) -> bool:
    """True for an ``OSError`` meaning 'no space' or 'not allowed to write here'."""
    return isinstance(exc, OSError) and exc.errno in (_NO_SPACE | _NO_PERMISSION)


# Libraries that report the OS error only as text (DuckDB): message fragment → errno.
_MESSAGES = (
    ("No space left on device", errno.ENOSPC),
    ("Disk quota exceeded", errno.ENOSPC),
    ("File too large", errno.EFBIG),
    ("Permission denied", errno.EACCES),
    ("Read-only file system", errno.EROFS),
)


def errno_from_message(text: str) -> int | None:
    """The errno a library's error text reports ('No space left on device' → ENOSPC), or None."""
    for fragment, code in _MESSAGES:
        if fragment in text:
            return code
    return None


def disk_error(
    exc: OSError, path: str | os.PathLike, *, needed: int | None = None
) -> DiskFull | OSError:
    """Our ``DiskFull`` for ``exc`` when it is a space/permission error, else ``exc`` itself.

    Use as ``raise disk_error(exc, path, needed=n) from exc``.
    """
    if not isinstance(exc, OSError) or exc.errno not in (_NO_SPACE | _NO_PERMISSION):
        return exc
    target = Path(path)
    if exc.errno == errno.EFBIG:
        return DiskFull(
            _("cannot write: the file would be larger than this disk or account allows"),
            file=target,
            hint=_(
                "choose a folder on another disk (FAT32 USB sticks stop at 4 GB); "
                "nothing was changed"
            ),
        )
    if exc.errno in _NO_SPACE:
        free = _human(free_space(target))
        message = (
            _("cannot write: the disk is full (needs {needed}, {free} free)").format(
                needed=_human(needed), free=free
            )
            if needed
            else _("cannot write: the disk is full ({free} free)").format(free=free)
        )
        return DiskFull(
            message,
            file=target,
            hint=_("free some space on that disk or choose another folder; nothing was changed"),
        )
    message = (
        _("cannot write: the disk is read-only")
        if exc.errno == errno.EROFS
        else _("cannot write: no permission to write here")
    )
    return DiskFull(
        message,
        file=target,
        hint=_("choose a folder you can write to; nothing was changed"),
    )


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, *, needed: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` atomically.

    Write the whole file to the yielded path (``workbook.save(tmp)``). If the block raises, the
    temporary file is removed and ``target`` is left as it was; space and permission errors
    become ``DiskFull`` naming ``target``. ``needed`` (bytes), when known, goes in the message.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise disk_error(exc, target, needed=needed) from exc
    tmp = Path(name)
    try:
        yield tmp
        _fsync_file(tmp)
        _keep_mode(target, tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise disk_error(exc, target, needed=needed) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` all-or-nothing (see ``atomic_path``); returns the path."""
    target = Path(path)
    with atomic_path(target, needed=len(data)) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
    return target


def atomic_write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` all-or-nothing (see ``atomic_path``); returns the path."""
    return atomic_write_bytes(path, text.encode(encoding))


def _fsync_file(path: Path) -> None:
    # Without the fsync a power cut right after the rename can leave an empty file on some
    # file systems (ext4 delayed allocation).
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _keep_mode(target: Path, tmp: Path) -> None:
    """mkstemp makes 0600 files; give the new file the old one's mode or the usual default."""
    with contextlib.suppress(OSError):
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
