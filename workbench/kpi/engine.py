"""The KPI engine: turns the catalogue's SQL into one DuckDB query per store table, and the
sums it returns into ``KpiValue``s judged against the target profile.

How a call works (``compute``):

1. For each store table that some requested indicator reads, one query aggregates every term
   the catalogue declares for that table, grouped by the ``by`` key (when the table has that
   key; otherwise the table contributes to the overall figures only). All terms are sums or
   counts, so the overall figures are the sums of the groups: no second pass.
   For ``contacts`` the same sums usually come from the contacts rollup (``kpi.rollup``:
   every term pre-summed per day and agent, queue or channel, checked against a fingerprint of
   the data in the statement that reads it); the raw query answers whatever it does not cover
   (two of agent/queue/channel among ``by`` and the filters, other options, a stale rollup).
2. Each indicator is then Σ numerator terms / Σ denominator terms over its tables (a handful of
   additions per group in Python, never a loop over rows).

Which rows feed the human-service indicators, per (day, queue):
    Contact-level detail (``contacts``) wins where it exists for a day and queue; the ACD
    interval summaries (``intervals``) fill every other pair (counts and weighted sums, so a
    month built from daily summaries is the weighted figure, not an average of averages). A
    summary row without a queue covers the whole centre: it gives way to any detail of its
    day; detail without a queue likewise covers every queue of its day. Only the date range
    decides which detail exists (never the queue, agent or channel filters), so a filter
    never switches a pair from one source to the other. ``source_mix`` reports the pairs.
    Rows of bot or IVR channels in a contacts file (``human`` false) feed no indicator.

Coverage: every value carries how many records are behind it of how many it could cover
(the catalogue's ``coverage`` terms); an indicator with a ``fallback`` formula uses it where
the first formula has nothing to divide by, and the value says so (``variant``).

Groups: keys are text; a missing key (the agent of an abandoned call) is the group ``""``.
A group holds every requested indicator; those whose tables have no such key (bot sessions by
queue) are "no data" there. Counts (``kind`` "sum") are "no data", not 0, when no row of their
table is in the slice; a ratio is "no data" when its denominator is 0 or nothing lies behind
its numerator (bot share without any bot session). ``report.start``/``end`` are the filter's
days, or the first/last event in the data when the filter leaves them open.

Filters (``Filters``): the date range applies to every table's event timestamp (both days
inclusive). ``queues`` applies to contacts and intervals; ``channels`` to contacts, bot
sessions and campaigns; ``agents`` to contacts, agent states, campaigns and quality;
``campaigns`` to campaigns. A table without the filtered column is not restricted (bot sessions
are not in a queue) — except the interval summaries, which carry no agent or channel and are
left out when an agent or channel filter is set (their counts cannot be attributed). Likewise,
grouping by agent, channel or campaign puts interval summaries in the overall figures only.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from workbench.domain import (
    GROUP_BY_CHOICES,
    Filters,
    KpiGroup,
    KpiOptions,
    KpiReport,
    KpiValue,
    Target,
)
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.kpi import catalogue, frozen, rollup
from workbench.kpi.catalogue import TIME_COLUMNS, KpiDef
from workbench.kpi.choices import filter_choices as filter_choices
from workbench.kpi.definition import substitute
from workbench.kpi.formatting import format_seconds as format_seconds
from workbench.kpi.formatting import format_value as format_value
from workbench.kpi.formatting import key_text
from workbench.kpi.formatting import period_key as period_key
from workbench.kpi.precedence import HUMAN_ROWS as HUMAN_ROWS
from workbench.kpi.precedence import source_mix as source_mix
from workbench.kpi.precedence import summary_rows_in_use
from workbench.kpi.targets import (
    TargetProfile,
    check_options,
    current_profile,
    load_options,
    status_of,
)
from workbench.store.filters import (
    BY_COLUMNS,
    LABEL_COLUMNS,
    PERIOD_KEYS,
)
from workbench.store.filters import where_clause as _where


@dataclass
class _TableResult:
    """Per group key: label, earliest and latest event, row count and one value per term."""

    keyed: bool
    rows: dict[str | None, tuple]  # key (None = the table's overall row) -> result row
    index: dict[str, int]  # term SQL -> position in the row


def compute(
    con: Any,
    filters: Filters,
    *,
    by: str | None = None,
    kpi_ids: Sequence[str] | None = None,
    options: KpiOptions | None = None,
    profile: TargetProfile | None = None,
    use_rollup: bool = True,
) -> KpiReport:
    """Compute indicators for ``filters``, overall and (with ``by``) per group.

    ``by`` is one of ``GROUP_BY_CHOICES``; groups are sorted by key; day/week/month keys are the
    ISO date of the period's first day (weeks start on Monday). ``options`` and ``profile``
    default to those saved in the store. ``con`` is a DuckDB connection or cursor.
    The contacts part is summed from the contacts rollup (``rollup``) when it covers the
    request and is current, else read from the contacts; ``use_rollup=False`` forces the
    latter (tests and benchmarks compare both).
    """
    if by is not None and by not in GROUP_BY_CHOICES and by not in BY_COLUMNS:
        raise UsageError(
            _("cannot group by '{by}'").format(by=by),
            hint=_("choose one of {choices}").format(choices=", ".join(GROUP_BY_CHOICES)),
        )
    if filters.start and filters.end and filters.start > filters.end:
        raise UsageError(
            _("the period starts after it ends ({start} > {end})").format(
                start=filters.start, end=filters.end
            ),
            hint=_("swap --from and --to"),
        )
    workbook = frozen.active(con)  # a store rebuilt from a compliance workbook
    if workbook is not None:
        return frozen.compute(con, workbook, filters, by, kpi_ids)
    kpis = [catalogue.get(k) for k in kpi_ids] if kpi_ids is not None else list(catalogue.KPIS)
    options = options or load_options(con)
    check_options(options)
    profile = profile or current_profile(con)

    # terms per table, in first-seen order
    terms: dict[str, dict[str, None]] = {}
    plans = []
    for kpi in kpis:
        den = kpi.denominator_for(options.sl_denominator) if kpi.kind != "sum" else ()
        for table, sql in (*kpi.numerator, *den, *_coverage_terms(kpi), *_fallback_terms(kpi)):
            terms.setdefault(table, {})[sql] = None
        plans.append((kpi, den))

    present = _tables_with_rows(con, list(terms), filters)
    leave_out_intervals = bool(filters.agents or filters.channels)
    results: dict[str, _TableResult] = {}
    for table, table_terms in terms.items():
        if table not in present or (table == "intervals" and leave_out_intervals):
            continue
        rows = None
        if table == "contacts" and use_rollup:
            rows = rollup.fetch(con, list(table_terms), filters, by, options)
        if rows is not None:
            results[table] = _result(
                rows, list(table_terms), keyed=_key_sql(table, "d", by) is not None
            )
            continue
        results[table] = _query_table(
            con,
            table,
            list(table_terms),
            filters,
            by,
            options,
            contacts_present="contacts" in present,
            use_rollup=use_rollup,
        )

    with _collector_paused():
        return _assemble(results, plans, profile, filters, by, options)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while the report's records are made: an
    agent report makes 15,000 acyclic records, over which the collector would run dozens of
    times and find nothing (a third of the assembly's time, measured)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _assemble(
    results: dict[str, _TableResult],
    plans: list,
    profile: TargetProfile,
    filters: Filters,
    by: str | None,
    options: KpiOptions,
) -> KpiReport:
    """Σ terms per indicator, overall and per key; a few additions per group, no row loops."""
    keys: set[str] = set()
    labels: dict[str, str] = {}
    first: datetime | None = None
    last: datetime | None = None
    overall_rows: dict[str, tuple] = {}
    for table, result in results.items():
        rows = [r for r in result.rows.values() if r[3]]
        if not rows:
            continue
        if result.keyed:
            for key, row in result.rows.items():
                if row[3]:
                    keys.add(key)
                    if row[0] is not None and key not in labels:
                        labels[key] = row[0]
        lows = [r[1] for r in rows if r[1] is not None]
        highs = [r[2] for r in rows if r[2] is not None]
        if lows:  # only one of them is read when the filter closes the other end
            first = min(lows) if first is None else min(first, *lows)
        if highs:
            last = max(highs) if last is None else max(last, *highs)
        if len(rows) == 1:
            overall_rows[table] = rows[0]
        else:
            overall_rows[table] = (
                None,
                None,
                None,
                *(sum(col) for col in zip(*(r[3:] for r in rows), strict=True)),
            )

    compiled = _compile(plans, results, profile)
    overall = _values(compiled, [overall_rows])[0]
    groups: tuple[KpiGroup, ...] = ()
    if by is not None:
        keyed = [(table, result.rows) for table, result in results.items() if result.keyed]
        ordered = sorted(keys)
        group_rows = []
        for key in ordered:
            table_rows = {}
            for table, rows in keyed:
                row = rows.get(key)
                if row is not None and row[3]:
                    table_rows[table] = row
            group_rows.append(table_rows)
        groups = tuple(
            KpiGroup(by=by, key=key, values=values, label=labels.get(key))
            for key, values in zip(ordered, _values(compiled, group_rows), strict=True)
        )
    return KpiReport(
        start=filters.start or (first.date() if first else None),
        end=filters.end or (last.date() if last else None),
        targets_version=profile.version,
        options=options,
        values=overall,
        groups=groups,
    )


def _coverage_terms(kpi: KpiDef) -> tuple:
    return (*kpi.coverage[0], *kpi.coverage[1]) if kpi.coverage else ()


def _fallback_terms(kpi: KpiDef) -> tuple:
    return kpi.fallback.terms() if kpi.fallback else ()


@dataclass(frozen=True)
class _Formula:
    """One formula of an indicator, as (table, position) pairs into the result rows."""

    num: tuple
    den: tuple
    cover_n: tuple | None  # None: the denominator's (or for a count, the numerator's)
    cover_of: tuple | None
    variant: str | None = None


def _compile(plans: list, results: dict[str, _TableResult], profile: TargetProfile) -> list:
    """Per indicator: id, kind, target and its formulas (the fallback second) as positions."""

    def where(terms) -> tuple:
        return tuple((t, results[t].index[sql]) for t, sql in terms if t in results)

    compiled = []
    for kpi, den_terms in plans:
        cover = kpi.coverage
        formulas = [
            _Formula(
                where(kpi.numerator),
                where(den_terms),
                where(cover[0]) if cover else None,
                where(cover[1]) if cover else None,
            )
        ]
        if kpi.fallback is not None:
            fb = kpi.fallback
            formulas.append(
                _Formula(
                    where(fb.numerator),
                    where(fb.denominator),
                    where(fb.coverage[0]) if fb.coverage else None,
                    where(fb.coverage[1]) if fb.coverage else None,
                    fb.variant,
                )
            )
        target = profile.targets.get(kpi.id)
        empty = KpiValue(kpi.id, None, None, None, target, "no_data")
        compiled.append((kpi.id, kpi.kind == "sum", tuple(formulas), target, empty))
    return compiled


def _values(compiled: list, groups: list[dict[str, tuple]]) -> list[tuple[KpiValue, ...]]:
    """One ``KpiValue`` per compiled indicator for each group (one row per table present).

    Groups with the same tables present are evaluated together, column by column: their
    rows are laid end to end (tables in sorted order), transposed, and every formula becomes
    sums of fixed columns (an agent report has 500 groups but two or three such sets).
    """
    by_tables: dict[tuple[str, ...], list[int]] = {}
    for i, table_rows in enumerate(groups):
        by_tables.setdefault(tuple(sorted(table_rows)), []).append(i)
    out: list = [None] * len(groups)
    for tables, members in by_tables.items():
        offset, at = {}, 0
        for table in tables:
            offset[table] = at
            at += len(groups[members[0]][table])
        flats = []
        for i in members:
            flat: tuple = ()
            for table in tables:
                flat += groups[i][table]
            flats.append(flat)
        columns = list(zip(*flats, strict=True)) if at else []
        per_kpi = [
            _evaluate(kpi_id, is_sum, formulas, target, empty, offset, columns, len(members))
            for kpi_id, is_sum, formulas, target, empty in compiled
        ]
        by_group = list(zip(*per_kpi, strict=True)) if per_kpi else [()] * len(members)
        for i, values in zip(members, by_group, strict=True):
            out[i] = values
    return out


@dataclass(frozen=True)
class _Sums:
    """A formula's parts over a set of groups: one value per group each."""

    behind: Sequence  # source rows behind the numerator
    num: Sequence
    den: Sequence
    cover_n: Sequence | None
    cover_of: Sequence | None
    variant: str | None


def _sums(f: _Formula, offset: dict[str, int], columns: list, n: int) -> _Sums | None:
    """``f`` summed per group from the transposed rows; None when none of its numerator or
    denominator terms' tables is present."""
    if not any(t in offset for t, _ in (*f.num, *f.den)):
        return None

    def summed(terms: tuple | None, column: int | None = None) -> Sequence | None:
        if terms is None:
            return None
        parts = [
            columns[offset[t] + (p if column is None else column)] for t, p in terms if t in offset
        ]
        if not parts:
            return [0] * n
        if len(parts) == 1:
            return parts[0]
        return list(map(sum, zip(*parts, strict=True)))  # 0 + a + b…, as row by row

    return _Sums(
        summed(f.num, column=3),
        summed(f.num),
        summed(f.den),
        summed(f.cover_n),
        summed(f.cover_of),
        f.variant,
    )


def _evaluate(
    kpi_id: str,
    is_sum: bool,
    formulas: tuple[_Formula, ...],
    target: Target | None,
    empty: KpiValue,
    offset: dict[str, int],
    columns: list,
    n: int,
) -> list[KpiValue]:
    """The values of one indicator for ``n`` groups: its first formula with something to
    divide by, else the fallback; counts are "no data" when no source row is behind them."""
    first = _sums(formulas[0], offset, columns, n)
    if first is None:
        return [empty] * n
    fallback = None
    if not is_sum and len(formulas) > 1:
        fallback = _sums(formulas[1], offset, columns, n)
    out = []
    for i in range(n):
        chosen = first
        if fallback is not None and not first.den[i] and fallback.den[i]:
            chosen = fallback
        behind = chosen.behind[i]
        num = chosen.num[i]
        den = None if is_sum else chosen.den[i]
        if chosen.cover_n is not None:
            cover_n, cover_of = chosen.cover_n[i], chosen.cover_of[i]
        else:
            cover_n = cover_of = num if is_sum else den
        if is_sum:
            out.append(
                _new_value(
                    kpi_id, num, num, None, target, _status(num, target), cover_n, cover_of, None
                )
                if behind
                else empty
            )
            continue
        if not den or not behind:
            out.append(
                _new_value(
                    kpi_id,
                    None,
                    num if behind else None,
                    den,
                    target,
                    "no_data",
                    cover_n,
                    cover_of,
                    chosen.variant,
                )
            )
            continue
        value = num / den
        out.append(
            _new_value(
                kpi_id,
                value,
                num,
                den,
                target,
                _status(value, target),
                cover_n,
                cover_of,
                chosen.variant,
            )
        )
    return out


def _status(value: float, target: Target | None) -> str:
    """met / at_risk / missed against the target; "no_target" for a value without one."""
    return "no_target" if target is None else status_of(value, target)


def _value_factory():
    """``KpiValue(...)`` without the frozen dataclass's per-field ``__setattr__`` (3x faster:
    an agent report holds 500 x 30 values). Falls back to the constructor if the record
    ever gets ``__slots__``; a test checks both give equal values."""
    if hasattr(KpiValue, "__slots__"):
        return KpiValue
    new = object.__new__

    def make(
        kpi_id, value, numerator, denominator, target, status, cover_n, cover_of, variant
    ) -> KpiValue:
        record = new(KpiValue)
        # the instance's own dict, filled in place: a frozen dataclass blocks only setattr
        record.__dict__.update(
            kpi_id=kpi_id,
            value=value,
            numerator=numerator,
            denominator=denominator,
            target=target,
            status=status,
            coverage_n=cover_n,
            coverage_of=cover_of,
            variant=variant,
        )
        return record

    return make


_new_value = _value_factory()


def _tables_with_rows(con: Any, tables: list[str], filters: Filters) -> set[str]:
    """Which of ``tables`` hold at least one row passing ``filters`` (one cheap query)."""
    if not tables:
        return set()
    parts, params = [], []
    for table in tables:
        where, table_params = _where(table, TIME_COLUMNS[table], filters)
        parts.append(f"EXISTS (SELECT 1 FROM {table} WHERE {' AND '.join(where) or 'TRUE'})")
        params += table_params
    flags = con.execute(f"SELECT {', '.join(parts)}", params).fetchone()
    return {t for t, flag in zip(tables, flags, strict=True) if flag}


def _query_table(
    con: Any,
    table: str,
    terms: list[str],
    filters: Filters,
    by: str | None,
    options: KpiOptions,
    *,
    contacts_present: bool,
    use_rollup: bool = True,
) -> _TableResult:
    """One aggregate query over ``table``: label, min/max time, rows and every term per key."""
    ts = TIME_COLUMNS[table]
    where, params = _where(table, ts, filters)
    if table == "contacts":
        where.append(HUMAN_ROWS)
    if table == "intervals" and contacts_present:
        # Detail wins per (day, queue) (module docstring); only the date range decides.
        where.append(summary_rows_in_use(con, filters, use_rollup=use_rollup))
    key_sql = _key_sql(table, ts, by)
    label_col = LABEL_COLUMNS.get(by or "", {}).get(table)
    label_sql = f"max({label_col})" if label_col and key_sql else "NULL"
    # the first/last event only matter when the period is open-ended (report.start/end)
    first_sql = "NULL" if filters.start else f"min({ts})"
    last_sql = "NULL" if filters.end else f"max({ts})"
    select_terms = ", ".join(substitute(sql, options) for sql in terms)
    where_sql = " AND ".join(where) if where else "TRUE"
    sql = (
        f"SELECT {key_sql or 'NULL'} AS k, {label_sql}, {first_sql}, {last_sql}, count(*), "
        f"{select_terms} FROM (SELECT *{catalogue.derived_sql(table, options)} FROM {table} "
        f"WHERE {where_sql})"
    )
    if key_sql:
        sql += " GROUP BY k"
    return _result(con.execute(sql, params).fetchall(), terms, keyed=key_sql is not None)


def _result(rows: list[tuple], terms: list[str], *, keyed: bool) -> _TableResult:
    """The ``_TableResult`` of query rows (key, label, first, last, rows, term…)."""
    by_key: dict[str | None, tuple] = {}
    for row in rows:
        key = key_text(row[0]) if keyed else None
        cleaned = _clean(row)
        if key in by_key:  # a NULL key and an empty-text key both read ""
            cleaned = _merge(by_key[key], cleaned)
        by_key[key] = cleaned
    # each row: (label, first, last, rows, term 0, term 1, ...)
    return _TableResult(
        keyed=keyed, rows=by_key, index={term: 4 + i for i, term in enumerate(terms)}
    )


def _merge(a: tuple, b: tuple) -> tuple:
    """Two result rows of the same key as one."""
    firsts = [x for x in (a[1], b[1]) if x is not None]
    lasts = [x for x in (a[2], b[2]) if x is not None]
    return (
        a[0] if a[0] is not None else b[0],
        min(firsts) if firsts else None,
        max(lasts) if lasts else None,
        *(x + y for x, y in zip(a[3:], b[3:], strict=True)),
    )


def _clean(row: tuple) -> tuple:
    """(label, first, last, rows, terms…) with NULL sums as 0 and DECIMAL as float."""
    terms = [0 if x is None else float(x) if isinstance(x, Decimal) else x for x in row[5:]]
    return (row[1], row[2], row[3], row[4], *terms)


def _key_sql(table: str, ts: str, by: str | None) -> str | None:
    """The SQL of the group key for ``table`` (None when the table has no such key)."""
    if by is None:
        return None
    if by in PERIOD_KEYS:
        # grouped on a DATE; turned into ISO text in Python (31 keys, not 1,000,000 strftime)
        if by == "day":
            return f"CAST({ts} AS DATE)"
        return f"CAST(date_trunc('{PERIOD_KEYS[by]}', {ts}) AS DATE)"
    column = BY_COLUMNS[by].get(table)
    if column is None:
        return None
    return column
