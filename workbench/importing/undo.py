"""Undoing one import (``workbench import --undo IMPORT_ID``, the Imports view's Undo).

One transaction removes the import's rows (``store.imports.remove_import``) and mends what they
were linked to, so the store reads as if the file had never been imported:

- the repeat-contact links (``next_contact_at``) of the remaining contacts of its customers,
  and the bot hand-overs (``agent_reached_at``) of their sessions (``importing.links``);
- the touches' compliance flags, when the import was a campaign, list or contacts file;
- the tables derived from the contacts (the KPI rollup, ``store.derived``);
- an ``import_undo`` entry in the audit log, with what was removed.

An import whose rows a later import skipped as already present is not removed alone (the
store would lose rows the later file held): that later import goes first.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from workbench.compliance.hooks import FLAGGING_KINDS
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.importing.links import relink_after_removal
from workbench.store import audit, derived
from workbench.store.imports import UndoneImport, remove_import

log = logging.getLogger(__name__)

#: the removed import's customers, kept for the relink after its rows are gone
_CUSTOMERS = "wb_undo_customers"


def undo_import(store: Any, import_id: int, *, by: str | None = None) -> UndoneImport:
    """Remove import ``import_id`` and everything it stored, in one transaction;
    ``UsageError`` if there is no such import."""
    from workbench.compliance.evaluate import refresh as reflag
    from workbench.store import current_user

    with store.transaction() as con:
        _refuse_if_held_elsewhere(con, import_id)
        # (created in the transaction, the temporary table goes with a rollback too)
        linked = _keep_customers(con, import_id)
        undone = remove_import(con, import_id)
        if linked:
            relink_after_removal(con, f"SELECT customer_hash FROM temp.{_CUSTOMERS}")
            con.execute(f"DROP TABLE temp.{_CUSTOMERS}")
        if undone.kind in FLAGGING_KINDS:
            reflag(con)
        audit.record(
            con,
            "import_undo",
            {"import_id": undone.import_id, "kind": undone.kind, "file": undone.file_name,
             "rows": undone.rows, "removed": dict(undone.removed)},
        )  # fmt: skip
        derived.refresh(con)  # e.g. the KPI engine's contacts rollup, after the relink
    log.info("import %s (%s) removed by %s: %s", import_id, undone.file_name,
             by or current_user(), undone.removed)  # fmt: skip
    return undone


def _refuse_if_held_elsewhere(con: Any, import_id: int) -> None:
    """``UsageError`` when a later import skipped rows as already present in this one (a
    month's file after its days' files): removing this import alone would take those rows
    out of the store, though the later file held them too. A later import of the same kind
    stored before imports recorded where their skipped rows were counts as holding them."""
    found = con.execute(
        "SELECT id, file_name, details, skipped, id > ? AND kind = (SELECT kind FROM imports "
        "WHERE id = ?) FROM imports WHERE id <> ? ORDER BY id",
        [int(import_id)] * 3,
    ).fetchall()
    for other, file_name, details, skipped, later_same_kind in found:
        recorded = json.loads(details or "{}")
        rows = recorded.get("present_in", {}).get(str(int(import_id)))
        present = json.loads(skipped or "{}").get("already_present", 0)
        if later_same_kind and present and "present_in" not in recorded:
            # stored by a version that did not record where its skipped rows were: they
            # may be this import's
            message = _("import {id} cannot be removed alone: import {other} ({file}) skipped "
                        "{rows:,} rows as already present, which may be this import's rows")
            rows = present
        elif rows:
            message = _("import {id} cannot be removed alone: {rows:,} of its rows are also "
                        "in import {other} ({file}), which skipped them as already present")
        else:
            continue
        raise UsageError(
            message.format(id=import_id, rows=rows, other=other, file=file_name),
            hint=_("remove import {other} first, then this one, and import {file} "
                   "again").format(other=other, file=file_name),
        )  # fmt: skip


def _keep_customers(con: Any, import_id: int) -> bool:
    """Copy the customers of import ``import_id``'s contacts into a temporary table (before
    they are deleted); False when it stored none (nothing to relink)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {_CUSTOMERS} AS SELECT DISTINCT customer_hash "
        "FROM contacts WHERE import_id = ? AND customer_hash IS NOT NULL",
        [int(import_id)],
    )
    count = con.execute(f"SELECT count(*) FROM temp.{_CUSTOMERS}").fetchone()[0]
    if not count:
        con.execute(f"DROP TABLE temp.{_CUSTOMERS}")
    return bool(count)
