"""What the filter bar offers: queues, channels, agents, campaigns, the day range, names."""

from __future__ import annotations

from typing import Any

from workbench.kpi import frozen
from workbench.store.filters import BY_COLUMNS, LABEL_COLUMNS
from workbench.store.queries import data_bounds


def filter_choices(con: Any) -> dict:
    """Values the filter bar offers: queues, channels, agents, campaigns and the day range."""
    workbook = frozen.active(con)
    if workbook is not None:
        return frozen.filter_choices(con, workbook)

    def distinct(columns: dict[str, str]) -> list[str]:
        parts = [
            f"SELECT DISTINCT CAST({column} AS VARCHAR) AS v FROM {table} "
            f"WHERE {column} IS NOT NULL"
            for table, column in columns.items()
        ]
        rows = con.execute(
            f"SELECT DISTINCT v FROM ({' UNION '.join(parts)}) ORDER BY v"
        ).fetchall()
        return [r[0] for r in rows]

    lo, hi = data_bounds(con)
    return {
        "queues": distinct(BY_COLUMNS["queue"]),
        "channels": distinct(BY_COLUMNS["channel"]),
        "agents": distinct(BY_COLUMNS["agent"]),
        "campaigns": distinct(BY_COLUMNS["campaign"]),
        "first_day": lo.date() if lo else None,
        "last_day": hi.date() if hi else None,
        # display names (extra keys): agent id -> name, campaign id -> name
        "agent_names": _names(con, "agent"),
        "campaign_names": _names(con, "campaign"),
    }


def _names(con: Any, by: str) -> dict[str, str]:
    """Key -> display label for ``by`` (agents, campaigns), from every table that has both."""
    parts = [
        f"SELECT CAST({BY_COLUMNS[by][table]} AS VARCHAR) AS k, {label} AS name FROM {table} "
        f"WHERE {label} IS NOT NULL"
        for table, label in LABEL_COLUMNS[by].items()
    ]
    rows = con.execute(
        f"SELECT k, max(name) FROM ({' UNION ALL '.join(parts)}) WHERE k IS NOT NULL GROUP BY k"
    ).fetchall()
    return dict(rows)
