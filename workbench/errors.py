"""Our own exception types: every failure a user can meet, with where it happened and what to do.

Readers, the store and the jobs raise these; the command line prints ``str(error)`` as one line
and exits with ``error.exit_code``; the GUI shows ``title`` and ``str(error)`` in a dialog.
"""

from __future__ import annotations

from pathlib import Path

from workbench.i18n import _


class WorkbenchError(Exception):
    """Base of every error we expect and explain (never a bug)."""

    exit_code = 1
    title = "Workbench error"

    def __init__(
        self,
        message: str,
        *,
        hint: str = "",
        file: str | Path | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.file = str(file) if file is not None else None
        self.sheet = sheet
        self.row = row
        self.column = column

    @property
    def location(self) -> str:
        """``FILE[:SHEET[:ROW]]`` as the command line spec prints it ('' when unknown)."""
        parts = [p for p in (self.file, self.sheet) if p]
        if self.row is not None and parts:
            parts.append(str(self.row))
        return ":".join(parts)

    def __str__(self) -> str:
        text = self.message
        if self.column:
            text = _("column '{column}': {text}").format(column=self.column, text=text)
        if self.location:
            text = f"{self.location}: {text}"
        if self.hint:
            text = f"{text} — {self.hint}"
        return text


class UsageError(WorkbenchError):
    """The command was called wrongly (exit 2)."""

    exit_code = 2
    title = "Usage error"


class InputRejected(WorkbenchError):
    """A file was refused whole: nothing from it was stored (exit 3)."""

    exit_code = 3
    title = "File rejected"


class StoreUnavailable(WorkbenchError):
    """The store is locked, unreadable, damaged or of a newer schema (exit 4)."""

    exit_code = 4
    title = "Store unavailable"


class StoreLocked(StoreUnavailable):
    """Another process holds the store for writing."""


class VerificationFailed(WorkbenchError):
    """A workbook does not match its manifest or the store (exit 5)."""

    exit_code = 5
    title = "Verification failed"


class DiskFull(WorkbenchError):
    """Writing a file failed for lack of space or permission; nothing was left half-written."""

    exit_code = 1
    title = "Cannot write file"
