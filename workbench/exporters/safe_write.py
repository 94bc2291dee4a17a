"""Writing a file safely: a temporary file in the target folder, renamed over the target at the end.

A full disk, a missing permission or a cancelled export leaves no half-written file behind:
the temporary file is removed and the error names the path the user asked for.
"""

from __future__ import annotations

import errno
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from workbench.errors import DiskFull
from workbench.i18n import _

_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}


def temp_path_for(target: Path) -> Path:
    """A fresh hidden temporary name beside ``target`` (same folder, so the rename is atomic)."""
    return target.parent / f".{target.name}.{uuid.uuid4().hex[:12]}.part"


def translate_os_error(exc: OSError, target: Path) -> DiskFull:
    """Our ``DiskFull`` for an ``OSError`` met while writing ``target``."""
    if exc.errno in _NO_SPACE:
        return DiskFull(
            _("the disk is full; nothing was written"),
            file=target,
            hint=_("free some space or choose another folder"),
        )
    if exc.errno in _NO_PERMISSION:
        return DiskFull(
            _("no permission to write here; nothing was written"),
            file=target,
            hint=_("choose a folder you can write to, or close the file if it is open elsewhere"),
        )
    if exc.errno == errno.ENOENT:
        return DiskFull(
            _("the folder does not exist; nothing was written"),
            file=target,
            hint=_("create the folder first or choose another one"),
        )
    reason = exc.strerror or type(exc).__name__
    return DiskFull(
        _("cannot write the file ({reason}); nothing was written").format(reason=reason),
        file=target,
        hint=_("check the disk and the folder, then try again"),
    )


def discard(path: Path) -> None:
    """Remove a temporary file if it is there (never raises)."""
    with suppress(OSError):
        path.unlink(missing_ok=True)


@contextmanager
def atomic_write(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it over ``target``.

    On any exception (including ``GeneratorExit`` from a cancelled job) the temporary file is
    removed; an ``OSError`` comes out as ``DiskFull`` naming ``target``.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise translate_os_error(OSError(errno.ENOENT, "no such folder"), target)
    tmp = temp_path_for(target)
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        discard(tmp)
        raise translate_os_error(exc, target) from exc
    except BaseException:
        discard(tmp)
        raise
