"""Removing one import: exactly its rows from every kind table, its rejects and its entry in
the import log, in one transaction (which also refreshes the tables derived from them,
``store.derived``). The same file can then be imported again (its checksum is
no longer known), e.g. with another mapping or as the right month.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from workbench.domain import KIND_NAMES
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.store import derived

log = logging.getLogger(__name__)


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


def undo_import(store: Any, import_id: int, *, by: str | None = None) -> UndoneImport:
    """Delete import ``import_id`` and everything it stored; ``UsageError`` if there is none."""
    from workbench.store import current_user

    with store.transaction() as con:
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
        derived.refresh(con)  # e.g. the KPI engine's contacts rollup, in this transaction
    undone = UndoneImport(int(import_id), str(found[0]), str(found[1]), removed)
    log.info("import %s (%s) removed by %s: %s", import_id, undone.file_name,
             by or current_user(), removed)  # fmt: skip
    return undone
