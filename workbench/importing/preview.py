"""A file's rows *as they would be stored*, and its headline figures, before anything is written.

``stored_preview`` runs the real import job (``run_import``: the same reading, value forms,
coercion, reject rules and leg merging) into a fresh in-memory store that is thrown away
afterwards, then reads back the first stored rows and computes the kind's headline figures
with the KPI engine. Nothing touches the user's store, its key home or its files. The mapping
dialog calls it off the GUI thread each time the user changes the mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.domain import Filters
from workbench.importing.job import import_files
from workbench.importing.options import ImportOptions
from workbench.readers.headers import KIND_FIELDS
from workbench.store import Store
from workbench.store.schema import TABLES

#: Per kind, the figures shown: a KPI id, or ``abandoned`` (the abandon rate's numerator).
HEADLINES: dict[str, tuple[str, ...]] = {
    "contacts": ("offered", "answered", "abandoned", "asa"),
    "intervals": ("offered", "answered", "abandoned", "asa"),
    "agent_states": ("occupancy", "utilisation"),
    "bot_sessions": ("bot_sessions", "bot_recognition", "bot_transfer"),
    "campaigns": ("campaign_touches", "campaign_reach", "campaign_conversion"),
    "quality": ("qa_score",),
}


@dataclass(frozen=True)
class Figure:
    """One headline figure: ``key`` is a KPI id or ``abandoned`` (a count)."""

    key: str
    value: float | None


@dataclass(frozen=True)
class StoredPreview:
    """What importing the file would store: status, first rows (store columns), figures."""

    status: str  # "imported" or "rejected" (the real job's word)
    kind: str | None
    error: str | None = None
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    stored: int = 0
    rejected: int = 0
    figures: tuple[Figure, ...] = ()
    notes: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)


def stored_preview(
    path: str | Path,
    *,
    kind: str | None = None,
    mapping: dict[str, str] | None = None,
    options: ImportOptions | None = None,
    sheet: str | None = None,
    rows: int = 20,
) -> StoredPreview:
    """Import ``path`` into a scratch in-memory store and report what it would hold.

    ``mapping`` may carry the reading options (``@date_format``, ``@yes:FIELD``) as
    ``run_import`` takes them. The first ``rows`` stored rows are ordered by their event time
    (the store keeps no file order); only the kind's fields are returned (never hashes).
    """
    scratch = Store.memory()
    try:
        result = import_files(
            scratch,
            [Path(path)],
            kind=kind,
            mapping=dict(mapping or {}) or None,
            sheet=sheet,
            options=options or ImportOptions(),
        ).files[0]
        if result.status != "imported" or not result.kind:
            return StoredPreview(
                result.status, result.kind, error=result.error, rejected=result.rejected
            )
        columns, first = _first_rows(scratch, result.kind, rows)
        return StoredPreview(
            result.status,
            result.kind,
            columns=columns,
            rows=first,
            stored=result.rows,
            rejected=result.rejected,
            figures=headline_figures(scratch.con, result.kind),
            notes=result.kind_reason or "",
            warnings=tuple(result.warnings),
        )
    finally:
        scratch.close()


def _first_rows(store: Store, kind: str, limit: int) -> tuple[tuple[str, ...], tuple]:
    """The kind's field columns that hold a value in the first ``limit`` stored rows."""
    facts = TABLES[kind]
    fields = {spec.name for spec in KIND_FIELDS.get(kind, []) if spec.type != "personal"}
    wanted = [c for c in facts.columns if c in fields]
    if not wanted:
        return (), ()
    found = store.con.execute(
        f"SELECT {', '.join(wanted)} FROM {kind} "
        f"ORDER BY {facts.time_column} NULLS LAST, rowid LIMIT {int(limit)}"
    ).fetchall()
    keep = [i for i, _c in enumerate(wanted) if any(r[i] is not None for r in found)]
    return (
        tuple(wanted[i] for i in keep),
        tuple(tuple(r[i] for i in keep) for r in found),
    )


def headline_figures(con: Any, kind: str) -> tuple[Figure, ...]:
    """The kind's headline figures over everything in ``con``'s store (default options)."""
    from workbench.kpi import engine

    keys = HEADLINES.get(kind, ())
    if not keys:
        return ()
    kpi_ids = [("abandon_rate" if k == "abandoned" else k) for k in keys]
    report = engine.compute(con, Filters(), kpi_ids=list(dict.fromkeys(kpi_ids)))
    figures = []
    for key, kpi_id in zip(keys, kpi_ids, strict=True):
        value = report.value(kpi_id)
        if value is None:
            figures.append(Figure(key, None))
        elif key == "abandoned":
            figures.append(Figure(key, value.numerator))
        else:
            figures.append(Figure(key, value.value))
    return tuple(figures)
