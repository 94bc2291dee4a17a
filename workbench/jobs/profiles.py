"""Saved header mappings ("profiles"): next month's export imports with the same mapping.

A profile is a name, a kind, ``{field: header text}`` and the import options chosen with it
(the satisfaction scale …), kept in the store's ``mapping_profiles`` table (the options under
the reserved key ``__options__`` of the mapping JSON); ``--save-profile`` / ``--profile`` on the
command line, the mapping dialog in the GUI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb

from workbench.domain import KIND_NAMES
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.importing.stage import first_row


@dataclass(frozen=True)
class MappingProfile:
    """One saved mapping."""

    name: str
    kind: str
    mapping: dict[str, str]
    created_at: datetime | None = None
    options: dict = field(default_factory=dict)


OPTIONS_KEY = "__options__"


def _profile(row: tuple) -> MappingProfile:
    mapping = json.loads(row[2])
    options = mapping.pop(OPTIONS_KEY, {}) or {}
    return MappingProfile(row[0], row[1], mapping, row[3], options)


def save_profile(
    con: duckdb.DuckDBPyConnection,
    name: str,
    kind: str,
    mapping: dict[str, str],
    options: dict | None = None,
) -> None:
    """Create or replace the profile ``name``."""
    name = name.strip()
    if not name:
        raise UsageError(_("a profile needs a name"), hint=_("use --save-profile NAME"))
    if kind not in KIND_NAMES:
        raise UsageError(
            _("unknown kind '{kind}'").format(kind=kind),
            hint=_("one of: {choices}").format(choices=", ".join(KIND_NAMES)),
        )
    con.execute(
        "INSERT OR REPLACE INTO mapping_profiles VALUES (?, ?, ?, ?)",
        [
            name,
            kind,
            json.dumps(
                {**mapping, **({OPTIONS_KEY: options} if options else {})}, ensure_ascii=False
            ),
            datetime.now(),
        ],
    )


def load_profile(con: duckdb.DuckDBPyConnection, name: str) -> MappingProfile:
    """The profile ``name`` (``UsageError`` naming the saved ones when it does not exist)."""
    row = first_row(
        con.execute(
            "SELECT name, kind, mapping, created_at FROM mapping_profiles WHERE name = ?", [name]
        )
    )
    if row is None:
        names = [p.name for p in list_profiles(con)]
        hint = (
            _("saved profiles: {names}").format(names=", ".join(names))
            if names
            else _("save one with --save-profile")
        )
        raise UsageError(_("no mapping profile named '{name}'").format(name=name), hint=hint)
    return _profile(row)


def list_profiles(con: duckdb.DuckDBPyConnection) -> list[MappingProfile]:
    """Every saved profile, by name."""
    rows = con.execute(
        "SELECT name, kind, mapping, created_at FROM mapping_profiles ORDER BY name"
    ).fetchall()
    return [_profile(r) for r in rows]


def add_given(store: Any, name: str, given: dict[str, str]) -> None:
    """Add what the user gave (``--map`` headers, the mapping dialog's choices and the reading
    options ``@date_format`` / ``@yes:FIELD``) to the profile ``name`` that an import has just
    saved: the import saves the headers of the sheet as a format rewrote them, without these."""
    with store.transaction(store.con):
        saved = load_profile(store.con, name.strip())
        save_profile(store.con, saved.name, saved.kind, {**saved.mapping, **given}, saved.options)
