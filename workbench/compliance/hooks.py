"""What the import job calls: the audit entry of each file, and re-flagging the touches."""

from __future__ import annotations

from typing import Any

from workbench.compliance.evaluate import refresh
from workbench.store import audit

#: Kinds whose import can change a touch's compliance flags.
FLAGGING_KINDS = frozenset({"campaigns", "dnc", "contacts"})


def after_import(
    con: Any, import_id: int, kind: str, file_name: str, sha256: str, rows: int, rejected: int
) -> None:
    """Inside the import's transaction: log the import, re-flag the touches when it matters."""
    audit.record(
        con,
        "import",
        {
            "import_id": import_id,
            "kind": kind,
            "file": file_name,
            "sha256": sha256,
            "rows": rows,
            "rejected_rows": rejected,
        },
    )
    if kind in FLAGGING_KINDS:
        refresh(con)


def record_reject(store: Any, con: Any, result: Any) -> None:
    """Log a file refused whole (nothing of it was stored) in its own small transaction."""
    if getattr(result, "status", None) != "rejected" or store.read_only:
        return
    with store.transaction(con):
        audit.record(
            con,
            "reject",
            {
                "file": result.path.rsplit("/", 1)[-1].rsplit("\\", 1)[-1],
                "sha256": result.sha256,
                "kind": result.kind,
                "error": (result.error or "")[:500],
            },
        )
