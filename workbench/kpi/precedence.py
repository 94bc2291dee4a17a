"""Which rows feed the human-service indicators: contact-level detail wins per (day, queue).

Contact-level detail (``contacts``) wins where it exists for a day and queue; the ACD interval
summaries (``intervals``) fill every other pair. A summary row without a queue covers the
whole centre and gives way to any detail of its day; detail without a queue covers every queue
of its day. Only the date range decides which detail exists, so a queue, agent or channel
filter never switches a pair from one source to the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.domain import Filters
from workbench.kpi.formatting import key_text
from workbench.store.filters import where_clause as _where
from workbench.store.sql import quote

#: Contacts that feed indicators: not rows of bot or IVR channels.
HUMAN_ROWS = "human IS NOT FALSE"


def detail_pairs(
    con: Any, filters: Filters, *, use_rollup: bool = True
) -> list[tuple[str, str | None]]:
    """The distinct (day ISO, queue) pairs holding contact-level detail inside the filter's
    date range (other filters never change the source): the contacts rollup's (day, queue)
    rows when it is current (``kpi.rollup``), else one scan of the contacts."""
    if use_rollup:
        from workbench.kpi import rollup  # here: the rollup reads HUMAN_ROWS from this module

        pairs = rollup.detail_pairs(con, filters)
        if pairs is not None:
            return pairs
    where, params = _where("contacts", "started_at", Filters(start=filters.start, end=filters.end))
    where.append(HUMAN_ROWS)
    rows = con.execute(
        "SELECT DISTINCT CAST(started_at AS DATE) AS d, queue AS q "
        f"FROM contacts WHERE {' AND '.join(where)}",
        params,
    ).fetchall()
    return [(key_text(d), q) for d, q in rows]


def _literals(values: Sequence[str]) -> str:
    return ", ".join(quote(v) for v in sorted(set(values))) or "NULL"


def covered_by_detail(pairs: list[tuple[str, str | None]], ts: str = "period_start") -> str:
    """SQL true for an interval summary row that detail already covers (module docstring):
    detail without a queue covers its whole day; a summary without a queue gives way to any
    detail of its day; else the same day and queue. The pairs are inlined as literal lists
    (a month holds a few hundred), which every engine reads as a hash look-up."""
    day = f"CAST(CAST({ts} AS DATE) AS VARCHAR)"
    whole_days = _literals([d for d, q in pairs if q is None])
    any_days = _literals([d for d, _q in pairs])
    keys = _literals([f"{d}|{q}" for d, q in pairs if q is not None])
    return (
        f"({day} IN ({whole_days}) OR (intervals.queue IS NULL AND {day} IN ({any_days})) "
        f"OR ({day} || '|' || intervals.queue) IN ({keys}))"
    )


def summary_rows_in_use(con: Any, filters: Filters, *, use_rollup: bool = True) -> str:
    """A WHERE clause over ``intervals`` keeping the summary rows that no contact-level detail
    covers (module docstring) — for every query that mixes both sources."""
    pairs = detail_pairs(con, filters, use_rollup=use_rollup)
    return f"NOT coalesce({covered_by_detail(pairs)}, FALSE)"


def source_mix(con: Any, filters: Filters) -> dict:
    """Which (day, queue) pairs of the period come from detail, which from summaries, and
    which summaries were set aside because detail covers them (the overlap).

    ``{"detail": n, "summary": n, "overlap": n, "overlap_pairs": [(day, queue), …]}``; a
    queue of None is the whole centre.
    """
    pairs = detail_pairs(con, filters)
    where, params = _where(
        "intervals", "period_start", Filters(start=filters.start, end=filters.end)
    )
    where_sql = " AND ".join(where) or "TRUE"
    rows = con.execute(
        "SELECT CAST(CAST(period_start AS DATE) AS VARCHAR) AS d, queue AS q, "
        f"bool_or(coalesce({covered_by_detail(pairs)}, FALSE)) AS covered FROM intervals "
        f"WHERE {where_sql} GROUP BY ALL ORDER BY d, q NULLS FIRST",
        params,
    ).fetchall()
    overlap = [(d, q) for d, q, covered in rows if covered]
    return {
        "detail": len(pairs),
        "summary": len(rows) - len(overlap),
        "overlap": len(overlap),
        "overlap_pairs": overlap,
    }
