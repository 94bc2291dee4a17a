"""The contacts rollup: every contacts term of the catalogue, pre-summed per day and agent,
day and queue, day and channel, and day, so ``engine.compute`` reads a few thousand rows
instead of scanning every contact (issue 12: all indicators by agent over a million contacts
in ≤ 100 ms).

What it holds (table ``contacts_rollup``, built by one statement, ``build_sql``): per
grouping set ``gs`` and day ``d`` (plus ``agent`` — the engine's agent key
``coalesce(agent_id, agent_name)`` —, ``queue`` or ``channel``): the highest agent name
(the agent's label), the first and last contact, the row count ``n`` and one column per
term; the same per calendar month ``m`` (``gs`` + 16, ``d`` NULL), so a month's report sums
500 agent rows and a period sums the months it holds whole and the days of the rest. Only
the rows the raw query keeps are summed (``HUMAN_ROWS``). A term's column name is a hash of
its SQL *with the formula options substituted* and of the derived columns' SQL, so a rollup
built under other options (T, S, W) simply has no column for today's terms.

Why it can never give stale figures: the row ``gs = 15`` (the grand total) carries ``fp``, the
fingerprint of the data it was built from — this code's version, the schema version, the
number of contacts and a hash of the imports log (ids, kinds, rows, times; every kind, since
a bot-session import relinks contacts too). Every read compares it with the current
fingerprint *in the same statement* that reads the sums (one snapshot), and any mismatch,
missing table or missing column sends the engine to the raw query. Workbench writes contacts
only through imports (a new log entry), undo (an entry removed) and migrations (a new schema
version), so each changes the fingerprint. The writers also bring the rollup up to date inside
their own transaction so the next read is fast: an import recomputes the days it stored or
relinked (``refresh_days``, when the rollup was current before it; else ``rebuild``), undo,
an options change and opening a store whose rollup is stale rebuild it. Reading never writes:
the engine runs on read-only snapshots and worker cursors alike.

What it cannot see: an in-place ``UPDATE`` of contacts outside Workbench that changes neither
the count nor the imports log. Code that does so must call ``rebuild`` (or ``drop``).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

import duckdb

from workbench.domain import Filters, KpiOptions
from workbench.kpi import catalogue
from workbench.kpi.definition import substitute
from workbench.kpi.precedence import HUMAN_ROWS
from workbench.store import derived as _derived

log = logging.getLogger(__name__)

TABLE = "contacts_rollup"
#: Bumped whenever the rollup's SQL changes meaning (part of the fingerprint and column names).
VERSION = 3

#: The grouping dimensions, their SQL over ``contacts`` and their ``GROUPING()`` bit.
_DIMS: dict[str, str] = {
    "agent": "coalesce(agent_id, agent_name)",
    "queue": "queue",
    "channel": "channel",
}
#: ``GROUPING(d, agent, queue, channel)`` of each set: 1 marks a column not grouped.
_GS = {"agent": 0b0011, "queue": 0b0101, "channel": 0b0110, None: 0b0111}
_TOTAL = 0b1111
#: Added to a set's number for its rows per calendar month (``m``) instead of per day.
_MONTH = 0b10000
#: Which ``Filters`` field restricts which dimension (campaigns do not touch contacts).
_FILTER_DIMS = {"agents": "agent", "queues": "queue", "channels": "channel"}
_NULL = "CAST(NULL AS VARCHAR)"  # a dimension the row's set does not group by
_PERIODS = {"day": None, "week": "week", "month": "month"}

#: The fingerprint of the data the rollup reflects (module docstring), as one SQL expression.
FINGERPRINT_SQL = (
    f"('v{VERSION}|' || (SELECT coalesce(max(version), 0) FROM schema_version) || '|' || "
    "(SELECT count(*) FROM contacts) || '|' || "
    "(SELECT count(*) || ':' || coalesce(sum(hash(id, kind, rows, imported_at)), 0) "
    "FROM imports))"
)


def contacts_terms() -> list[str]:
    """Every contacts term any catalogue indicator reads (every denominator variant,
    coverage and fallback included), in first-seen order, options not substituted."""
    terms: dict[str, None] = {}
    for kpi in catalogue.KPIS:
        for table, sql in kpi.terms():
            if table == "contacts":
                terms[sql] = None
    return list(terms)


def column_of(term: str, options: KpiOptions) -> str:
    """The rollup column holding ``term`` under ``options`` (a hash of what it means)."""
    derived = catalogue.derived_sql("contacts", options)
    meaning = "\x00".join((str(VERSION), HUMAN_ROWS, derived, substitute(term, options)))
    return "t_" + hashlib.sha256(meaning.encode()).hexdigest()[:20]


def _columns_sql(options: KpiOptions) -> tuple[list[str], str, str]:
    """The term columns, the SQL summing them (counts back to BIGINT) and listing them."""
    terms = contacts_terms()
    columns = [column_of(term, options) for term in terms]
    sums = ", ".join(
        f"{_stored(f'sum({column})', counted=_counted(term))} AS {column}"
        for term, column in zip(terms, columns, strict=True)
    )
    return columns, sums, ", ".join(columns)


def _day_rows_sql(options: KpiOptions, days: str | None = None) -> str:
    """The day rows of every set (not the grand total), from the contacts of ``days`` (an SQL
    condition on ``started_at``; None: every day).

    The contacts are aggregated once per (day, agent) and per (day, queue, channel) — each
    grouping set costs a full pass of every term — and the (day, queue), (day, channel) and
    (day) rows are summed from the second, a few thousand rows.
    """
    dims = ", ".join(f"{sql} AS {name}" for name, sql in _DIMS.items())
    derived = catalogue.derived_sql("contacts", options)
    terms = contacts_terms()
    columns, sums, plain = _columns_sql(options)
    aggregates = ", ".join(
        f"{_stored(substitute(term, options))} AS {column}"
        for term, column in zip(terms, columns, strict=True)
    )

    def summed(gs: int, keys: dict[str, str], group: str) -> str:
        """One coarser set, summed from the (day, queue, channel) rows."""
        agent, queue, channel = (keys.get(k, _NULL) for k in ("agent", "queue", "channel"))
        return (
            f"SELECT CAST({gs} AS TINYINT), d, {agent}, {queue}, {channel}, {_NULL}, "
            "min(first_at), max(last_at), CAST(sum(n) AS BIGINT), "
            f"{sums} FROM base WHERE agent_rolled = 1 GROUP BY {group}"
        )

    only = f" AND ({days})" if days is not None else ""
    return (
        "WITH base AS MATERIALIZED ("
        "SELECT grouping(agent) AS agent_rolled, d, agent, queue, channel, "
        "max(agent_name) AS label, min(started_at) AS first_at, max(started_at) AS last_at, "
        f"count(*) AS n, {aggregates} "
        f"FROM (SELECT *, CAST(started_at AS DATE) AS d, {dims}{derived} "
        f"FROM contacts WHERE {HUMAN_ROWS}{only}) "
        "GROUP BY GROUPING SETS ((d, agent), (d, queue, channel))) "
        "SELECT gs, d, CAST(date_trunc('month', d) AS DATE) AS m, agent, queue, channel, "
        f"label, first_at, last_at, n, {plain} FROM ("
        f"SELECT CAST({_GS['agent']} AS TINYINT) AS gs, d, agent, {_NULL} AS queue, "
        f"{_NULL} AS channel, label, first_at, last_at, n, {plain} "
        "FROM base WHERE agent_rolled = 0 "
        f"UNION ALL {summed(_GS['queue'], {'queue': 'queue'}, 'd, queue')} "
        f"UNION ALL {summed(_GS['channel'], {'channel': 'channel'}, 'd, channel')} "
        f"UNION ALL {summed(_GS[None], {}, 'd')})"
    )


def _month_rows_sql(options: KpiOptions, source: str, months: str | None = None) -> str:
    """Every day row of ``source`` once more per calendar month (``m``; ``d`` NULL), for
    whole months; ``months``: an SQL list of month starts (None: every month)."""
    _columns, sums, _plain = _columns_sql(options)
    only = f" AND m IN ({months})" if months is not None else ""
    return (
        f"SELECT CAST(gs | {_MONTH} AS TINYINT), CAST(NULL AS DATE), m, agent, queue, channel, "
        "max(label), min(first_at), max(last_at), CAST(sum(n) AS BIGINT), "
        f"{sums} FROM {source} WHERE gs < {_TOTAL}{only} GROUP BY gs, m, agent, queue, channel"
    )


def _total_row_sql(options: KpiOptions, source: str) -> str:
    """The grand-total row (it carries the fingerprint), summed from the (day) rows."""
    _columns, sums, _plain = _columns_sql(options)
    return (
        f"SELECT CAST({_TOTAL} AS TINYINT), CAST(NULL AS DATE), CAST(NULL AS DATE), {_NULL}, "
        f"{_NULL}, {_NULL}, {_NULL}, min(first_at), max(last_at), "
        f"CAST(coalesce(sum(n), 0) AS BIGINT), {sums} FROM {source} WHERE gs = {_GS[None]}"
    )


def build_sql(options: KpiOptions) -> str:
    """The one statement (re)creating the rollup under ``options``: the day rows of every
    set, the same per calendar month (a month's report reads 500 agent rows, not 15,000),
    and the grand total carrying the fingerprint."""
    return (
        f"CREATE OR REPLACE TABLE {TABLE} AS "
        f"WITH days AS MATERIALIZED ({_day_rows_sql(options)}), "
        f"fp AS (SELECT {FINGERPRINT_SQL} AS fp) "
        f"SELECT r.*, fp.fp FROM (SELECT * FROM days "
        f"UNION ALL {_month_rows_sql(options, 'days')} "
        f"UNION ALL {_total_row_sql(options, 'days')}) r, fp"
    )


def refresh_days(con: Any, days: Iterable[date], options: KpiOptions | None = None) -> None:
    """Recompute the rows of ``days`` (their months, the grand total and the fingerprint)
    from the contacts, after a change confined to those days' contacts.

    Only for a rollup that was current (``is_current``) before the change, and only inside
    the writer's transaction (several statements): an import refreshes the days it stored or
    relinked in milliseconds where a rebuild scans every contact.
    """
    if options is None:
        from workbench.kpi.targets import load_options

        options = load_options(con)
    chosen = sorted(set(days))
    day_list = ", ".join(f"DATE '{d.isoformat()}'" for d in chosen)
    # time ranges, not CAST(started_at AS DATE): the scan can skip row groups by their range
    ranges = " OR ".join(
        f"(started_at >= TIMESTAMP '{a.isoformat()}' AND "
        f"started_at < TIMESTAMP '{(b + timedelta(days=1)).isoformat()}')"
        for a, b in _runs(chosen)
    )
    month_list = ", ".join(sorted({f"DATE '{d.replace(day=1).isoformat()}'" for d in chosen}))
    fp = f"({FINGERPRINT_SQL})"
    if chosen:
        con.execute(
            f"DELETE FROM {TABLE} WHERE d IN ({day_list}) "
            f"OR (d IS NULL AND m IN ({month_list})) OR gs = {_TOTAL}"
        )
        con.execute(f"INSERT INTO {TABLE} SELECT *, {fp} FROM ({_day_rows_sql(options, ranges)})")
        con.execute(
            f"INSERT INTO {TABLE} SELECT *, {fp} FROM "
            f"({_month_rows_sql(options, TABLE, month_list)})"
        )
    else:
        con.execute(f"DELETE FROM {TABLE} WHERE gs = {_TOTAL}")
    con.execute(f"INSERT INTO {TABLE} SELECT *, {fp} FROM ({_total_row_sql(options, TABLE)})")


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Sorted days as (first, last) runs of consecutive days."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and day == runs[-1][1] + timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _counted(term: str) -> bool:
    return term.startswith(("count(", "count_if("))


def _stored(term: str, counted: bool | None = None) -> str:
    """A term as stored: counts as BIGINT (``count_if`` and sums of counts give HUGEINT,
    whose compressed columns DuckDB 1.5 scans ten times slower than BIGINT's)."""
    if counted if counted is not None else _counted(term):
        return f"CAST({term} AS BIGINT)"
    return term


def rebuild(con: Any, options: KpiOptions | None = None) -> None:
    """(Re)build the rollup from the contacts ``con`` sees, under ``options`` (default: the
    saved ones). One statement: inside the caller's transaction it commits with the change
    that made it necessary; alone it is atomic all the same."""
    if options is None:
        from workbench.kpi.targets import load_options

        options = load_options(con)
    con.execute(build_sql(options))


def drop(con: Any) -> None:
    """Remove the rollup (the engine then reads the contacts themselves)."""
    con.execute(f"DROP TABLE IF EXISTS {TABLE}")


def _columns(con: Any) -> set[str]:
    """The rollup's columns in ``con``'s database (empty when it has none); never raises
    inside a caller's transaction (a failed statement would abort it)."""
    if not isinstance(con, duckdb.DuckDBPyConnection):
        return set()  # the lake's Spark session
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = current_schema() AND table_name = ?",
        [TABLE],
    ).fetchall()
    return {r[0] for r in rows}


def is_current(con: Any, options: KpiOptions) -> bool:
    """Whether the rollup exists, holds every term under ``options`` and reflects the data."""
    columns = _columns(con)
    if not columns or not all(column_of(t, options) in columns for t in contacts_terms()):
        return False
    row = con.execute(
        f"SELECT (SELECT fp FROM {TABLE} WHERE gs = {_TOTAL} LIMIT 1) = {FINGERPRINT_SQL}"
    ).fetchone()
    return bool(row and row[0])


def ensure(con: Any, options: KpiOptions | None = None) -> bool:
    """Rebuild the rollup when it is not current (a writable ``con``); True when rebuilt."""
    if options is None:
        from workbench.kpi.targets import load_options

        options = load_options(con)
    if is_current(con, options):
        return False
    rebuild(con, options)
    return True


def covers(filters: Filters, by: str | None) -> bool:
    """Whether the rollup can answer the contacts part of this request: ``by`` a period, an
    agent, queue or channel, none (or a key contacts lack); at most one dimension among
    ``by`` and the agent/queue/channel filters."""
    return _grouping(filters, by) is not None


def _grouping(filters: Filters, by: str | None) -> tuple[int, str | None] | None:
    """(grouping set, the dimension ``by`` names or None) or None when not covered."""
    from workbench.store.filters import BY_COLUMNS, PERIOD_KEYS

    if by is None or by in PERIOD_KEYS:
        by_dim = None
    elif by in _DIMS:
        by_dim = by
    elif by in BY_COLUMNS and "contacts" not in BY_COLUMNS[by]:
        by_dim = None  # e.g. campaign: contacts feed the overall figures only
    else:
        return None  # e.g. centre: a lake's column, not the store's
    dims = {by_dim} - {None}
    dims |= {dim for field, dim in _FILTER_DIMS.items() if getattr(filters, field)}
    if len(dims) > 1:
        return None
    dim = next(iter(dims), None)
    return _GS[dim], by_dim


def fetch(
    con: Any,
    terms: Sequence[str],
    filters: Filters,
    by: str | None,
    options: KpiOptions,
) -> list[tuple] | None:
    """The rows the raw contacts query would return — (key, label, first, last, rows,
    term…) per group, ``terms`` with options not yet substituted — summed from the rollup;
    None when the rollup cannot answer (not covering, missing, other options, stale)."""
    grouping = _grouping(filters, by)
    if grouping is None:
        return None
    gs, by_dim = grouping
    columns = _columns(con)
    wanted = [column_of(t, options) for t in terms]
    if not columns or not all(c in columns for c in wanted):
        return None
    where, params = _period_where(gs, filters, months=by not in ("day", "week"))
    for field, dim in _FILTER_DIMS.items():
        values = getattr(filters, field)
        if values:
            where.append(f"{dim} IN ({', '.join('?' for _ in values)})")
            params.extend(str(v) for v in values)
    key = _key(by, by_dim)
    label = "max(label)" if by_dim == "agent" else "NULL"
    first = "NULL" if filters.start else "min(first_at)"
    last = "NULL" if filters.end else "max(last_at)"
    # counts back as BIGINT: Python turns HUGEINT (DuckDB's sum of BIGINT) into int slowly
    sums = ", ".join(
        _stored(f"sum({c})", counted=_counted(t)) for t, c in zip(terms, wanted, strict=True)
    )
    data = (
        f"SELECT {key or 'NULL'} AS k, {label} AS label, {first} AS first_at, "
        f"{last} AS last_at, CAST(sum(n) AS BIGINT) AS n{', ' + sums if sums else ''} "
        f"FROM {TABLE} "
        f"WHERE {' AND '.join(where)}"
    )
    if key:
        data += " GROUP BY k"
    # the fingerprint is checked in the statement that reads the sums: one snapshot
    sql = (
        f"WITH ok AS (SELECT (SELECT fp FROM {TABLE} WHERE gs = {_TOTAL} LIMIT 1) = "
        f"{FINGERPRINT_SQL} AS current), data AS ({data}) "
        "SELECT ok.current, data.* FROM ok LEFT JOIN data ON TRUE"
    )
    rows = con.execute(sql, params).fetchall()
    if not rows or not rows[0][0]:
        return None
    out = []
    for row in rows:
        if row[5] is None and key:  # the empty join's filler: no group at all
            continue
        out.append((row[1], row[2], row[3], row[4], row[5] or 0, *row[6:]))
    return out


def detail_pairs(con: Any, filters: Filters) -> list[tuple[str, str | None]] | None:
    """``precedence.detail_pairs`` from the (day, queue) rows — the distinct (day ISO,
    queue) pairs of human contacts in the filter's date range —, None when not current."""
    if not _columns(con):
        return None
    where, params = [f"gs = {_GS['queue']}"], []
    for op, day in ((">=", filters.start), ("<=", filters.end)):
        if day is not None:
            where.append(f"d {op} ?")
            params.append(day)
    rows = con.execute(
        f"WITH ok AS (SELECT (SELECT fp FROM {TABLE} WHERE gs = {_TOTAL} LIMIT 1) = "
        f"{FINGERPRINT_SQL} AS current), data AS (SELECT d, queue FROM {TABLE} "
        f"WHERE {' AND '.join(where)}) "
        "SELECT ok.current, data.d, data.queue FROM ok LEFT JOIN data ON TRUE",
        params,
    ).fetchall()
    if not rows or not rows[0][0]:
        return None
    return [(d.isoformat(), q) for _ok, d, q in rows if d is not None]


def _period_where(gs: int, filters: Filters, *, months: bool) -> tuple[list[str], list]:
    """The rows of set ``gs`` making up the filter's period: the month rows of the calendar
    months it holds whole (when ``months``) and the day rows of the rest."""
    start, end = filters.start, filters.end
    first = None if start is None else _month_start(start, whole_from=True)
    last = None if end is None else _month_start(end, whole_from=False)
    if not months or (first is not None and last is not None and first > last):
        where = [f"gs = {gs}"] + (["d >= ?"] if start else []) + (["d <= ?"] if end else [])
        return where, [x for x in (start, end) if x is not None]
    in_months = [f"m {op} ?" for op, x in ((">=", first), ("<=", last)) if x is not None]
    day_rows = [f"gs = {gs}"] + (["d >= ?"] if start else []) + (["d <= ?"] if end else [])
    day_rows.append(f"NOT ({' AND '.join(in_months) or 'TRUE'})")
    month_rows = [f"gs = {gs | _MONTH}", *in_months]
    params = [x for x in (start, end, first, last) if x is not None]
    params += [x for x in (first, last) if x is not None]
    return [f"(({' AND '.join(day_rows)}) OR ({' AND '.join(month_rows)}))"], params


def _month_start(day: date, *, whole_from: bool) -> date:
    """The first day of the first calendar month lying whole after ``day`` (``whole_from``)
    or of the last one whole before it (both ends count as inside)."""
    this = day.replace(day=1)
    if whole_from:
        return this if day.day == 1 else (this + timedelta(days=32)).replace(day=1)
    if (day + timedelta(days=1)).month != day.month:  # the month's last day
        return this
    return (this - timedelta(days=1)).replace(day=1)


def _key(by: str | None, by_dim: str | None) -> str | None:
    if by_dim is not None:
        return by_dim
    if by == "month":
        return "m"  # day rows and month rows alike carry their month
    if by in _PERIODS:
        unit = _PERIODS[by]
        return "d" if unit is None else f"CAST(date_trunc('{unit}', d) AS DATE)"
    return None


def _refresh_if_stale(con: Any) -> None:
    """The store's hook (``store.derived``): rebuild when stale (undo, opening a store)."""
    started = time.perf_counter()
    if ensure(con):
        log.info("contacts rollup rebuilt in %.0f ms", (time.perf_counter() - started) * 1000)


_derived.register(TABLE, _refresh_if_stale)
