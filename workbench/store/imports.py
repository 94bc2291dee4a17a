"""Removing one import's rows: exactly its rows from every kind table, its rejects and its
entry in the import log. ``workbench.importing.undo`` calls this in one transaction with what
the removal changes elsewhere (links, flags, derived tables, the audit log). The same file
can then be imported again (its checksum is no longer known), e.g. with another mapping or
as the right month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.domain import KIND_NAMES
from workbench.errors import UsageError
from workbench.i18n import _


@dataclass(frozen=True)
class UndoneImport:
    """What ``undo_import`` removed."""

    import_id: int
    file_name: str
    kind: str
    #: rows removed per table (kind tables and ``rejects``), only tables that had some
    removed: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(n for table, n in self.removed.items() if table != "rejects")

    def to_json(self) -> dict[str, Any]:
        return {"import_id": self.import_id, "file_name": self.file_name, "kind": self.kind,
                "rows": self.rows, "removed": dict(self.removed)}  # fmt: skip


def remove_import(con: Any, import_id: int) -> UndoneImport:
    """Delete import ``import_id``'s rows, its rejects and its log entry through ``con``,
    inside the caller's transaction (``workbench.importing.undo`` holds it and mends what
    the rows were linked to); ``UsageError`` if there is no such import."""
    found = con.execute(
        "SELECT file_name, kind FROM imports WHERE id = ?", [int(import_id)]
    ).fetchone()
    if found is None:
        raise UsageError(
            _("there is no import with id {id}").format(id=import_id),
            hint=_("the imports list (the Imports view, or import --json) shows the ids"),
        )
    removed: dict[str, int] = {}
    for table in (*KIND_NAMES, "rejects"):
        count = con.execute(
            f"SELECT count(*) FROM {table} WHERE import_id = ?", [int(import_id)]
        ).fetchone()[0]
        if count:
            con.execute(f"DELETE FROM {table} WHERE import_id = ?", [int(import_id)])
            removed[table] = int(count)
    con.execute("DELETE FROM imports WHERE id = ?", [int(import_id)])
    return UndoneImport(int(import_id), str(found[0]), str(found[1]), removed)
