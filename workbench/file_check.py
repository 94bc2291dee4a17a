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
