"""One cell's text made comparable, and the error of a cell that cannot be read.

``clean`` is applied by every value parser (``workbench.readers.values``) first; ``BadValue``
carries the user-facing reason (in the user's language) of a rejected cell.
"""

from __future__ import annotations

import unicodedata

from workbench.errors import WorkbenchError
from workbench.i18n import _

ERROR_TOKENS = frozenset(
    {"#n/a", "#value!", "#ref!", "#div/0!", "#num!", "#name?", "#null!", "#getting_data", "#spill!"}
)


class BadValue(WorkbenchError):
    """A cell that cannot become the value its column needs (the reason is user-facing)."""

    title = "Bad value"


def clean(text: object) -> str:
    """Cell text, NFKC-normalised (full-width → half-width) and stripped."""
    if text is None:
        return ""
    s = str(text)
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
    return s.strip()


def check_error_token(s: str) -> None:
    if s.casefold() in ERROR_TOKENS:
        raise BadValue(_("error cell {value}").format(value=s))


def short(text: object, limit: int = 40) -> str:
    """A cell's text for a message: one line (a cell holding a line break must not break the
    one-line error format), cut to ``limit`` characters."""
    s = "" if text is None else " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
