"""One filter builder for every query over the store's data tables: which column holds a
group key or a filter's values per table, and the WHERE clause selecting a ``Filters``.

The KPI engine and the row lists (``store.queries``) both use ``where_clause``, so an agent
filter selects the same contacts in an indicator and in the list beneath it (exports with
agent names only, like the PwC sample, are filtered by name in both).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from workbench.domain import Filters
from workbench.store.schema import TIME_COLUMNS

#: The column (SQL) holding each ``by`` key, per table (tables absent here have no such key).
BY_COLUMNS: dict[str, dict[str, str]] = {
    "queue": {"contacts": "queue", "intervals": "queue"},
    "agent": {
        # exports with agent names only (the PwC sample) group by name
        "contacts": "coalesce(agent_id, agent_name)",
        "agent_states": "agent_id",
        "campaigns": "agent_id",
        "quality": "agent_id",
    },
    "channel": {"contacts": "channel", "bot_sessions": "channel", "campaigns": "channel"},
    "campaign": {"campaigns": "campaign_id"},
    # A lake's views (``workbench.lake``) carry each row's centre; a store has no such column.
    "centre": dict.fromkeys(TIME_COLUMNS, "centre"),
}
PERIOD_KEYS = {"day": "day", "week": "week", "month": "month"}

#: The column giving a group's display label, per ``by`` and table.
LABEL_COLUMNS: dict[str, dict[str, str]] = {
    "agent": {"contacts": "agent_name", "agent_states": "agent_name"},
    "campaign": {"campaigns": "campaign_name"},
}

#: Which ``Filters`` field restricts which table column.
FILTER_COLUMNS: dict[str, dict[str, str]] = {
    "queues": BY_COLUMNS["queue"],
    "channels": BY_COLUMNS["channel"],
    "agents": BY_COLUMNS["agent"],
    "campaigns": BY_COLUMNS["campaign"],
}


def where_clause(table: str, ts: str, filters: Filters) -> tuple[list[str], list[Any]]:
    """WHERE clauses (to be joined with AND) and parameters restricting ``table`` to
    ``filters``; a table without a filtered column is not restricted by that filter."""
    where: list[str] = []
    params: list[Any] = []
    if filters.start is not None:
        where.append(f"{ts} >= ?")
        params.append(datetime.combine(filters.start, datetime.min.time()))
    if filters.end is not None:
        where.append(f"{ts} < ?")
        params.append(datetime.combine(filters.end + timedelta(days=1), datetime.min.time()))
    for field_name, columns in FILTER_COLUMNS.items():
        wanted = getattr(filters, field_name)
        column = columns.get(table)
        if wanted and column:
            where.append(f"{column} IN ({', '.join('?' for _ in wanted)})")
            params.extend(str(w) for w in wanted)
    return where, params
