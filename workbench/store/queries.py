"""The raw-row lists the views show (contacts, abandoned contacts, imports, rejects) and the
store's status figures (first and last day of data, rows per table, the last import).

No indicator is computed here (the KPI engine owns every formula): these are row listings and
counts by hour of day. Customer data leaves the store only as ``customer_masked``. Every
function takes a DuckDB connection or cursor, so views run them off the GUI thread.
"""

from __future__ import annotations

from typing import Any

from workbench.domain import Filters
from workbench.store.filters import BY_COLUMNS, where_clause
from workbench.store.schema import TIME_COLUMNS

#: the most rows a list shows; the view says when there are more
ROW_LIMIT = 5000


def filter_clause(table: str, filters: Filters) -> tuple[str, list[Any]]:
    """`` WHERE …`` text and parameters selecting ``filters`` on ``table`` (the engine's own
    builder, ``store.filters.where_clause``, so lists and indicators agree)."""
    parts, params = where_clause(table, TIME_COLUMNS[table], filters)
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


_CONTACT_COLUMNS = (
    "contact_id, started_at, channel, queue, agent_id, agent_name, wait_s, answered, talk_s, "
    "hold_s, acw_s, transferred, resolved, csat_score, csat_scale, csat_satisfied, complaint, "
    "customer_masked"
)


def contacts(
    con: Any, filters: Filters, *, agent_id: str | None = None, limit: int = ROW_LIMIT
) -> tuple[list[dict[str, Any]], int]:
    """Contacts in ``filters`` (optionally of one agent), newest first, and how many in all."""
    where, params = filter_clause("contacts", filters)
    if agent_id is not None:
        where += (" AND " if where else " WHERE ") + f"{BY_COLUMNS['agent']['contacts']} = ?"
        params.append(agent_id)
    total = con.execute(f"SELECT count(*) FROM contacts{where}", params).fetchone()[0]
    cur = con.execute(
        f"SELECT {_CONTACT_COLUMNS} FROM contacts{where} "
        f"ORDER BY started_at DESC, contact_id LIMIT {int(limit)}",
        params,
    )
    return _dicts(cur), int(total)


def abandoned(
    con: Any, filters: Filters, *, limit: int = ROW_LIMIT
) -> tuple[list[dict[str, Any]], int, list[int]]:
    """Abandoned contacts (answered = false) in ``filters``, newest first; total; per hour 0–23."""
    where, params = filter_clause("contacts", filters)
    where += (" AND " if where else " WHERE ") + "answered = FALSE AND human IS NOT FALSE"
    total = con.execute(f"SELECT count(*) FROM contacts{where}", params).fetchone()[0]
    cur = con.execute(
        "SELECT contact_id, started_at, queue, channel, wait_s, customer_masked "
        f"FROM contacts{where} ORDER BY started_at DESC, contact_id LIMIT {int(limit)}",
        params,
    )
    rows = _dicts(cur)
    per_hour = [0] * 24
    for hour, count in con.execute(
        f"SELECT hour(started_at) AS h, count(*) FROM contacts{where} GROUP BY h", params
    ).fetchall():
        per_hour[int(hour)] = int(count)
    return rows, int(total), per_hour


def imports(con: Any) -> list[dict[str, Any]]:
    """Every imported file, newest first."""
    cur = con.execute(
        "SELECT id, file_name, path, kind, sheet, rows, rejected, kind_reason, imported_at, "
        "imported_by FROM imports ORDER BY imported_at DESC, id DESC"
    )
    return _dicts(cur)


def rejects(con: Any, import_id: int, *, limit: int = ROW_LIMIT) -> list[dict[str, Any]]:
    """The rejected rows of one import, in file order."""
    cur = con.execute(
        "SELECT sheet, row_number, column_name, reason, value FROM rejects WHERE import_id = ? "
        f"ORDER BY sheet NULLS FIRST, row_number NULLS FIRST LIMIT {int(limit)}",
        [import_id],
    )
    return _dicts(cur)


def agent_names(con: Any) -> dict[str, str]:
    """Agent ID → name, from the tables that carry names (contacts, agent states)."""
    rows = con.execute(
        "SELECT agent_id, max(agent_name) FROM ("
        "SELECT agent_id, agent_name FROM contacts WHERE agent_name IS NOT NULL "
        "UNION ALL SELECT agent_id, agent_name FROM agent_states WHERE agent_name IS NOT NULL"
        ") GROUP BY agent_id"
    ).fetchall()
    return {str(k): str(v) for k, v in rows if k is not None}


def data_bounds(con: Any) -> tuple[Any, Any]:
    """The earliest and latest event timestamp over every data table (None, None if empty)."""
    bounds = " UNION ALL ".join(
        f"SELECT min({ts}) AS lo, max({ts}) AS hi FROM {table}"
        for table, ts in TIME_COLUMNS.items()
    )
    lo, hi = con.execute(f"SELECT min(lo), max(hi) FROM ({bounds})").fetchone()
    return lo, hi


def row_counts(con: Any, tables: tuple[str, ...]) -> dict[str, int]:
    """Rows per table."""
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def last_import_at(con: Any) -> Any:
    """When the newest import was stored (None for a store without imports)."""
    return con.execute("SELECT max(imported_at) FROM imports").fetchone()[0]
