"""Intraday figures: offered, answered, SL, ASA, abandon and AHT per 15/30/60-minute interval.

The sums come from the KPI catalogue's own terms (``kpi/catalogue.py``: offered, answered,
service_level, asa, abandon_rate, aht), grouped by interval start and queue instead of by day,
so an interval's SL is the catalogue's SL over that interval's contacts, options (T, S and the
SL denominator) included. Contacts fall in the interval holding their start time; an ACD
summary row falls in the interval holding its ``period_start`` (a 30-minute summary binned at
15 minutes stays in its first quarter-hour). As in the KPI engine, a day with contact-level
rows is computed from contacts only and its summaries are ignored.

Two more sums serve staffing's Erlang A patience: the waiting time of all callers (answered
and abandoned; summaries give average wait × offered) and the number of abandons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

from workbench.domain import Filters, KpiGroup, KpiOptions, KpiValue
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.kpi import catalogue
from workbench.kpi.definition import substitute
from workbench.kpi.engine import HUMAN_ROWS, _where, summary_rows_in_use
from workbench.kpi.targets import TargetProfile, load_options, status_of

INTERVAL_CHOICES = (15, 30, 60)
#: Indicators shown per interval, in the catalogue's order.
INTERVAL_KPIS = ("offered", "answered", "service_level", "asa", "abandon_rate", "aht")

#: Sums per table for the patience estimate (not indicators of the catalogue).
_EXTRA_TERMS = {
    "contacts": {
        "wait_all": "sum(wait_s)",
        "abandons": "count_if(NOT answered)",
    },
    "intervals": {
        "wait_all": "sum(queue_wait_sum_s)",
        "abandons": "sum(coalesce(abandoned, offered - answered))",
    },
}


@dataclass
class IntervalTable:
    """Per (interval start, queue): numerators and denominators of ``INTERVAL_KPIS``.

    ``sums[kpi_id]`` is (numerator, denominator) arrays (the denominator of a count is the
    count itself); rows are sorted by start then queue.
    """

    minutes: int
    start: np.ndarray  # datetime64[s]
    queue: np.ndarray  # str objects ("" when the source names no queue)
    sums: dict[str, tuple[np.ndarray, np.ndarray]]
    wait_all_s: np.ndarray
    abandons: np.ndarray
    options: KpiOptions = field(default_factory=KpiOptions)

    def __len__(self) -> int:
        return int(self.start.size)

    def value(self, kpi_id: str) -> np.ndarray:
        """The indicator per row (NaN where its denominator is 0)."""
        num, den = self.sums[kpi_id]
        if catalogue.get(kpi_id).kind == "sum":
            return num.astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)

    @property
    def offered(self) -> np.ndarray:
        return self.sums["offered"][0]

    def aggregate(self) -> IntervalTable:
        """All queues summed per interval start (queue "")."""
        starts, inverse = np.unique(self.start, return_inverse=True)

        def add(x: np.ndarray) -> np.ndarray:
            return np.bincount(inverse, weights=x, minlength=starts.size)

        return IntervalTable(
            self.minutes,
            starts,
            np.full(starts.size, "", dtype=object),
            {k: (add(n), add(d)) for k, (n, d) in self.sums.items()},
            add(self.wait_all_s),
            add(self.abandons),
            self.options,
        )

    def select(self, mask: np.ndarray) -> IntervalTable:
        """The rows where ``mask`` holds."""
        return IntervalTable(
            self.minutes,
            self.start[mask],
            self.queue[mask],
            {k: (n[mask], d[mask]) for k, (n, d) in self.sums.items()},
            self.wait_all_s[mask],
            self.abandons[mask],
            self.options,
        )


def check_minutes(minutes: int) -> int:
    """``minutes`` if it is 15, 30 or 60, else a usage error."""
    if minutes not in INTERVAL_CHOICES:
        raise UsageError(
            _("an interval of {minutes} minutes is not offered").format(minutes=minutes),
            hint=_("choose 15, 30 or 60"),
        )
    return minutes


def interval_table(
    con: Any,
    filters: Filters,
    minutes: int = 15,
    *,
    options: KpiOptions | None = None,
) -> IntervalTable:
    """Sums per (interval, queue) for ``filters`` from contacts and interval summaries."""
    check_minutes(minutes)
    options = options or load_options(con)
    terms: dict[str, dict[str, None]] = {}
    plan: list[tuple[str, list, list]] = []
    for kpi_id in INTERVAL_KPIS:
        kpi = catalogue.get(kpi_id)
        num = list(kpi.numerator)
        den = list(kpi.denominator_for(options.sl_denominator)) if kpi.kind != "sum" else num
        for table, sql in (*num, *den):
            terms.setdefault(table, {})[sql] = None
        plan.append((kpi_id, num, den))
    fallbacks: dict[str, tuple[list, list]] = {}
    for kpi_id in INTERVAL_KPIS:
        fallback = catalogue.get(kpi_id).fallback
        if fallback is not None:
            fallbacks[kpi_id] = (list(fallback.numerator), list(fallback.denominator))
            for table, sql in (*fallback.numerator, *fallback.denominator):
                terms.setdefault(table, {})[sql] = None
    for table, extra in _EXTRA_TERMS.items():
        for sql in extra.values():
            terms.setdefault(table, {})[sql] = None

    frames: dict[str, tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]] = {}
    leave_out_intervals = bool(filters.agents or filters.channels)
    for table, table_terms in terms.items():
        if table == "intervals" and leave_out_intervals:
            continue
        frames[table] = _query(con, table, list(table_terms), filters, minutes, options)

    keys = sorted(
        {k for seconds, queues, _v in frames.values() for k in zip(seconds, queues, strict=True)}
    )
    position = {k: i for i, k in enumerate(keys)}
    size = len(keys)
    rows_at = {  # each table's rows → their place in ``keys`` (once per table)
        table: np.array([position[k] for k in zip(seconds, queues, strict=True)], dtype=np.int64)
        for table, (seconds, queues, _v) in frames.items()
    }

    def column(table: str, sql: str) -> np.ndarray:
        out = np.zeros(size)
        _seconds, _queues, values = frames.get(table, (None, None, {}))
        if table not in rows_at or not rows_at[table].size:
            return out
        np.add.at(out, rows_at[table], values[sql])
        return out

    def total(terms_list: list) -> np.ndarray:
        out = np.zeros(size)
        for table, sql in terms_list:
            if table in frames:
                out += column(table, sql)
        return out

    sums = {kpi_id: (total(num), total(den)) for kpi_id, num, den in plan}
    for kpi_id, (num_f, den_f) in fallbacks.items():
        # where the first formula has nothing to divide by (AHT without ACW), its fallback
        num_p, den_p = sums[kpi_id]
        use = den_p == 0
        sums[kpi_id] = (np.where(use, total(num_f), num_p), np.where(use, total(den_f), den_p))
    wait_all = total([(t, e["wait_all"]) for t, e in _EXTRA_TERMS.items()])
    abandons = total([(t, e["abandons"]) for t, e in _EXTRA_TERMS.items()])
    start = np.array([k[0] for k in keys], dtype=np.int64).astype("datetime64[s]")
    queue = np.array([k[1] for k in keys], dtype=object)
    return IntervalTable(minutes, start, queue, sums, wait_all, abandons, options)


def _query(
    con: Any,
    table: str,
    terms: list[str],
    filters: Filters,
    minutes: int,
    options: KpiOptions,
) -> tuple[list, list, dict[str, np.ndarray]]:
    """One aggregate query of ``table`` grouped by interval start and queue: the interval
    starts (int seconds), the queues and each term's sums (NULL → 0), as columns."""
    ts = catalogue.TIME_COLUMNS[table]
    where, params = _where(table, ts, filters)
    if table == "intervals":
        # detail wins per (day, queue), summaries fill the rest (the KPI engine's rule)
        where.append(summary_rows_in_use(con, filters))
    if table == "contacts":
        where.append(HUMAN_ROWS)  # bot / IVR rows of a contacts file feed no indicator
    select_terms = ", ".join(substitute(sql, options) for sql in terms)
    sql = (
        f"SELECT time_bucket(INTERVAL '{int(minutes)} minutes', {ts}) AS k, "
        f"coalesce(CAST(queue AS VARCHAR), '') AS q, {select_terms} "
        f"FROM (SELECT *{catalogue.derived_sql(table, options)} FROM {table} "
        f"WHERE {' AND '.join(where) or 'TRUE'}) "
        "GROUP BY k, q"
    )
    got = con.execute(sql, params).fetchnumpy()
    seconds = np.asarray(got["k"]).astype("datetime64[s]").astype(np.int64).tolist()
    queues = [str(q) for q in np.asarray(got["q"], dtype=object)]
    values = {}
    for i, term in enumerate(terms):
        column = got[list(got)[2 + i]]
        values[term] = np.ma.filled(np.ma.asarray(column).astype(float), 0.0)
    return seconds, queues, values


# ---- heat map -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DayMatrix:
    """An indicator per day (rows) × time of day (columns); NaN where there is no data."""

    days: list[date]
    slots: list[str]  # "08:00", "08:15", …
    values: np.ndarray  # shape (len(days), len(slots))
    kpi_id: str


def day_matrix(table: IntervalTable, kpi_id: str = "service_level") -> DayMatrix:
    """The day × interval matrix of ``kpi_id`` over all queues of ``table``.

    Columns span the earliest to the latest time of day holding data; days run from the first
    to the last day with data, every day included (a day without data is a row of NaN).
    """
    whole = table.aggregate() if np.any(table.queue != "") else table
    if len(whole) == 0:
        return DayMatrix([], [], np.empty((0, 0)), kpi_id)
    day = whole.start.astype("datetime64[D]")
    second = (whole.start - day).astype(np.int64)
    slot = second // (table.minutes * 60)
    first_day = day.min()
    row = (day - first_day).astype(np.int64)
    first_slot, last_slot = int(slot.min()), int(slot.max())
    values = np.full((int(row.max()) + 1, last_slot - first_slot + 1), np.nan)
    values[row, slot - first_slot] = whole.value(kpi_id)
    days = [(first_day + np.timedelta64(i, "D")).astype(object) for i in range(values.shape[0])]
    slots = [
        f"{(s * table.minutes) // 60:02d}:{(s * table.minutes) % 60:02d}"
        for s in range(first_slot, last_slot + 1)
    ]
    return DayMatrix(days, slots, values, kpi_id)


# ---- contacts of one interval -------------------------------------------------------------------
CONTACT_COLUMNS = (
    "contact_id",
    "started_at",
    "queue",
    "agent_name",
    "wait_s",
    "answered",
    "talk_s",
)


def contacts_in(
    con: Any, start: datetime, minutes: int, queue: str | None = None, limit: int = 5000
) -> list[tuple]:
    """The contacts that started in [start, start + minutes) — no personal data columns."""
    where = ["started_at >= ?", "started_at < ?"]
    params: list[Any] = [start, start + timedelta(minutes=minutes)]
    if queue:
        where.append("queue = ?")
        params.append(queue)
    return con.execute(
        f"SELECT {', '.join(CONTACT_COLUMNS)} FROM contacts WHERE {' AND '.join(where)} "
        f"ORDER BY started_at LIMIT {int(limit)}",
        params,
    ).fetchall()


# ---- kpis --by interval -------------------------------------------------------------------------
def interval_groups(table: IntervalTable, profile: TargetProfile) -> tuple[KpiGroup, ...]:
    """One ``KpiGroup`` per interval start (all queues), keys ``YYYY-MM-DDTHH:MM``."""
    whole = table.aggregate() if np.any(table.queue != "") else table
    groups = []
    columns = {k: (whole.value(k), *whole.sums[k]) for k in INTERVAL_KPIS}
    for i, start in enumerate(whole.start):
        values = []
        for kpi_id in INTERVAL_KPIS:
            value, num, den = columns[kpi_id]
            target = profile.targets.get(kpi_id)
            v = None if np.isnan(value[i]) else float(value[i])
            is_sum = catalogue.get(kpi_id).kind == "sum"
            if is_sum and not den[i]:
                v = None
            status = status_of(v, target) if v is not None else "no_data"
            values.append(
                KpiValue(
                    kpi_id,
                    v,
                    float(num[i]) if (den[i] or is_sum) else None,
                    None if is_sum else float(den[i]),
                    target,
                    status,
                )
            )
        key = str(start.astype("datetime64[m]"))
        groups.append(KpiGroup(by="interval", key=key, values=tuple(values)))
    return tuple(groups)
