"""Why a file cannot be read, in words a supervisor can act on (no Qt).

``file_problem(path)`` opens the file the way the importer will; a file another program holds
(Windows: "being used by another process", Excel keeps exports open) is told apart from a
missing one and from one the user may not read.
"""

from __future__ import annotations

import errno
from pathlib import Path

from workbench.i18n import _

#: Windows sharing and lock violations (``OSError.winerror``)
_WINDOWS_LOCKED = {32, 33}
LOCKED, MISSING, UNREADABLE = "locked", "missing", "unreadable"


def file_problem(path: str | Path) -> tuple[str, str] | None:
    """``(kind, message)`` when ``path`` cannot be opened for reading now; None when it can."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            stream.read(1)
    except FileNotFoundError:
        return MISSING, _("{name}: the file is gone — it was moved or deleted; "
                          "import it from its new place").format(name=path.name)  # fmt: skip
    except OSError as exc:
        if getattr(exc, "winerror", None) in _WINDOWS_LOCKED or exc.errno in (
            errno.EACCES, errno.EBUSY, errno.EPERM,
        ):  # fmt: skip
            return LOCKED, _(
                "{name}: the file is open in another program (or you may not read it) — "
                "close it there, e.g. in Excel, and import it again"
            ).format(name=path.name)
        return UNREADABLE, _("{name}: cannot read the file ({reason}) — "
                             "copy it to a local folder and import the copy").format(
            name=path.name, reason=exc.strerror or type(exc).__name__
        )  # fmt: skip
    return None


PDF, INCOMPLETE = "pdf", "incomplete"


def content_problem(path: str | Path) -> tuple[str, str] | None:
    """``(kind, message)`` for a readable file that is no export: a PDF report, or a workbook
    that is cut short (still being copied, or damaged); None otherwise."""
    import zipfile

    path = Path(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError:
        return None
    if head.startswith(b"%PDF"):
        return PDF, _("{name}: this is a PDF report, not a data export — export the data from "
                      "the platform as Excel or CSV").format(name=path.name)  # fmt: skip
    if path.suffix.lower() in (".xlsx", ".xlsm") or head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                broken = archive.testzip()
        except (zipfile.BadZipFile, OSError, EOFError):
            broken = path.name
        if broken is not None:
            return INCOMPLETE, _(
                "{name}: the workbook is incomplete or damaged (perhaps still being copied) — "
                "wait until the copy has finished, or export it again"
            ).format(name=path.name)
    return None
