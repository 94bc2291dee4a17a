"""The KPI engine's answers for a store rebuilt from a compliance workbook (no raw rows).

``workbench.exporters.reopen.load_into`` writes a workbook's figures into ``workbook_figures``;
``engine.compute`` and ``engine.filter_choices`` ask ``active(con)`` first and, for such a
store, answer here: the period's and the previous period's values, days within the period,
and agents / channels / campaigns over the whole period. Anything the workbook does not hold
(a queue slice, another period) has no data.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import duckdb

from workbench.domain import Filters, KpiGroup, KpiOptions, KpiReport, KpiValue, Target
from workbench.kpi import catalogue

_GROUPS = ("agent", "campaign", "channel")


def active(con: Any) -> dict[str, Any] | None:
    """The workbook's period and targets when ``con`` is a workbook store, else None (also
    for connections that are not DuckDB's, e.g. the lake's Spark session)."""
    if not isinstance(con, duckdb.DuckDBPyConnection):
        return None
    present = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'workbook_figures'"
    ).fetchone()[0]
    if not present:
        return None
    row = con.execute("SELECT value FROM store_meta WHERE key = 'workbook_period'").fetchone()
    return json.loads(row[0]) if row else None


def _targets(meta: dict[str, Any]) -> dict[str, Target]:
    from workbench.kpi.targets import parse_target

    out = {}
    for kpi_id, expr in (meta.get("targets") or {}).items():
        target = parse_target(kpi_id, expr)
        if target is not None:
            out[kpi_id] = target
    return out


def _options(meta: dict[str, Any]) -> KpiOptions:
    try:
        return KpiOptions(**(meta.get("options") or {}))
    except TypeError:
        return KpiOptions()


def _values(rows, kpis, targets, use_status: bool) -> tuple[KpiValue, ...]:
    from workbench.kpi.targets import status_of

    found = {r[0]: r for r in rows}
    out = []
    for kpi in kpis:
        _id, value, num, den, status = found.get(kpi.id, (kpi.id, None, None, None, None))
        target = targets.get(kpi.id)
        if not (use_status and status):
            status = status_of(value, target)
        out.append(KpiValue(kpi.id, value, num, den, target, status))
    return tuple(out)


def _scope(meta: dict[str, Any], filters: Filters) -> tuple[str, str] | None:
    """(scope, key) of ``filters`` in the workbook, None when the workbook has no such slice."""
    start, end = date.fromisoformat(meta["start"]), date.fromisoformat(meta["end"])
    if filters.queues or len(filters.channels) > 1 or len(filters.agents) > 1:
        return None
    whole = (filters.start or start) == start and (filters.end or end) == end
    for scope, chosen in (
        ("agent", filters.agents),
        ("channel", filters.channels),
        ("campaign", filters.campaigns),
    ):
        if chosen:
            return (scope, chosen[0]) if whole and len(chosen) == 1 else None
    if whole:
        return "period", ""
    if meta.get("prev_end") and filters.end and filters.end.isoformat() == meta["prev_end"]:
        return "previous", ""
    if filters.start and filters.start == filters.end and start <= filters.start <= end:
        return "day", filters.start.isoformat()
    return None


def compute(con: Any, meta: dict[str, Any], filters: Filters, by: str | None,
            kpi_ids) -> KpiReport:  # fmt: skip
    """The engine's ``compute`` answered from the workbook's figures."""
    kpis = [catalogue.get(k) for k in kpi_ids] if kpi_ids is not None else list(catalogue.KPIS)
    targets = _targets(meta)
    start, end = date.fromisoformat(meta["start"]), date.fromisoformat(meta["end"])

    def rows(scope: str, key: str) -> list[tuple]:
        return con.execute(
            "SELECT kpi_id, value, numerator, denominator, status FROM workbook_figures "
            "WHERE scope = ? AND key = ?",
            [scope, key],
        ).fetchall()

    where = _scope(meta, filters)
    values = (
        _values(rows(*where), kpis, targets, where[0] == "period")
        if where
        else _values([], kpis, {}, False)
    )
    groups: list[KpiGroup] = []
    lo, hi = filters.start or start, filters.end or end
    if by == "day" and not (filters.queues or filters.agents or filters.channels):
        keys = con.execute(
            "SELECT DISTINCT key FROM workbook_figures WHERE scope = 'day' AND key >= ? "
            "AND key <= ? ORDER BY key",
            [lo.isoformat(), hi.isoformat()],
        ).fetchall()
        for (key,) in keys:
            groups.append(KpiGroup("day", key, _values(rows("day", key), kpis, targets, False)))
    elif by in _GROUPS and where == ("period", ""):
        keys = con.execute(
            "SELECT key, max(label) FROM workbook_figures WHERE scope = ? GROUP BY key "
            "ORDER BY key",
            [by],
        ).fetchall()
        for key, name in keys:
            groups.append(KpiGroup(by, key, _values(rows(by, key), kpis, targets, False), name))
    elif by in ("month", "week") and where == ("period", ""):
        groups.append(KpiGroup(by, start.isoformat(), values))
    return KpiReport(lo, hi, 0, _options(meta), values, tuple(groups))


def filter_choices(con: Any, meta: dict[str, Any]) -> dict[str, Any]:
    """What the filter bar offers for a workbook: its period, channels, agents, campaigns."""

    def keys(scope: str) -> list[str]:
        return [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT key FROM workbook_figures WHERE scope = ? AND key <> '' "
                "ORDER BY key",
                [scope],
            ).fetchall()
        ]

    def names(scope: str) -> dict[str, str]:
        return dict(
            con.execute(
                "SELECT key, max(label) FROM workbook_figures WHERE scope = ? "
                "AND label IS NOT NULL GROUP BY key",
                [scope],
            ).fetchall()
        )

    return {
        "queues": [],
        "channels": keys("channel"),
        "agents": keys("agent"),
        "campaigns": keys("campaign"),
        "first_day": date.fromisoformat(meta["start"]),
        "last_day": date.fromisoformat(meta["end"]),
        "agent_names": names("agent"),
        "campaign_names": names("campaign"),
    }
