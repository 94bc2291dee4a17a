"""Staffing per interval: agents required for the target service level vs agents staffed.

Method (stated on every output that uses it):
- Offered and AHT per interval and queue come from ``intraday.interval_table`` (the KPI
  catalogue's terms). T is the store's service-level threshold, the target is the profile's
  service-level target (80 % when it has none).
- Required agents: the fewest agents whose predicted SL meets the target (``erlang``), Erlang A
  by default, Erlang C on request; occupancy cap and shrinkage as options.
- Erlang A's patience is estimated from the centre's own data for the period: total waiting
  time of all callers (answered and abandoned) / number of abandons — the maximum-likelihood
  estimate of an exponential patience when each caller's wait is observed. Without any abandon
  in the period, Erlang C is used.
- Staffed agents: logged-in time from ``agent_states`` / interval length. Rows of one interval
  or shorter count in the interval they start in (longer rows are split evenly over the
  intervals they cover). Daily rows are spread evenly over the intervals between the agent's
  first and last answered contact of that day (over the centre's busy intervals of the day
  when the agent answered nothing). ``agent_states`` carry no queue, so an interval's staffed
  agents are shared among its queues in proportion to their handling work (talk + hold + ACW,
  else offered calls). Without agent states, staffed is unknown (None).
- Predicted SL/ASA/abandon use the staffed agents (so predicted vs actual SL is a backtest).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

import numpy as np

from workbench.domain import Filters
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.kpi.targets import current_profile, load_options
from workbench.planning import erlang
from workbench.planning.intraday import IntervalTable, interval_table

Model = Literal["erlang_a", "erlang_c"]
MODELS: tuple[Model, ...] = ("erlang_a", "erlang_c")
DEFAULT_TARGET_SL = 0.80


@dataclass(frozen=True)
class Scenario:
    """What-if changes applied to every interval (0 / None = as measured)."""

    volume_pct: float = 0.0
    aht_delta_s: float = 0.0
    agents_delta: float = 0.0
    threshold_s: float | None = None
    target_sl: float | None = None


@dataclass
class StaffingPlan:
    """Inputs and results per (interval, queue); arrays of one length."""

    table: IntervalTable
    model: Model
    threshold_s: float
    target_sl: float
    patience_s: float | None
    offered: np.ndarray
    aht_s: np.ndarray
    staffed: np.ndarray | None
    required: np.ndarray
    predicted: erlang.ErlangResult | None
    actual_sl: np.ndarray
    max_occupancy: float = 1.0
    shrinkage: float = 0.0
    #: True when offered and AHT are the forecast (days not in the store yet)
    forecast: bool = False

    @property
    def interval_s(self) -> int:
        return self.table.minutes * 60

    def gap(self) -> np.ndarray:
        """required − staffed per row (NaN where staffed is unknown)."""
        if self.staffed is None:
            return np.full(self.required.shape, np.nan)
        return self.required - self.staffed

    def to_json(self) -> dict:
        """``staffing --json`` (cli.md): one entry per interval and queue."""
        rows = []
        pred = self.predicted
        for i in range(len(self.table)):
            rows.append(
                {
                    "start": str(self.table.start[i].astype("datetime64[m]")),
                    "queue": self.table.queue[i] or None,
                    "offered": round(float(self.offered[i])),
                    "aht_s": _num(self.aht_s[i], 1),
                    "required": int(self.required[i]),
                    "staffed": None if self.staffed is None else _num(self.staffed[i], 2),
                    "predicted_sl": None if pred is None else _num(pred.sl[i], 4),
                    "actual_sl": _num(self.actual_sl[i], 4),
                    "predicted_asa_s": None if pred is None else _num(pred.asa_s[i], 1),
                    "predicted_abandon": None if pred is None else _num(pred.abandon[i], 4),
                }
            )
        return {
            "model": self.model,
            "forecast": self.forecast,
            "threshold_s": self.threshold_s,
            "target_sl": self.target_sl,
            "patience_s": None if self.patience_s is None else round(self.patience_s, 1),
            "interval_min": self.table.minutes,
            "intervals": rows,
        }


def _num(x: float, digits: int) -> float | None:
    x = float(x)
    if not np.isfinite(x):
        return None
    return round(x, digits)


def estimate_patience(table: IntervalTable) -> float | None:
    """Mean patience (s) = total waiting time of all callers / number of abandons."""
    abandons = float(table.abandons.sum())
    if abandons <= 0:
        return None
    return float(table.wait_all_s.sum()) / abandons


def check_model(model: str) -> Model:
    if model not in MODELS:
        raise UsageError(
            _("unknown staffing model '{model}'").format(model=model),
            hint=_("choose erlang_a or erlang_c"),
        )
    return model  # type: ignore[return-value]


def build_plan(
    con: Any,
    filters: Filters,
    minutes: int = 15,
    *,
    queue: str | None = None,
    model: str = "erlang_a",
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
) -> StaffingPlan:
    """The staffing plan for ``filters`` (see the module docstring for the method).

    Without ``queue`` the centre's queues are pooled per interval (queue ""), as agents who
    serve several queues are; with ``queue`` only that queue, with its share of the agents.
    """
    model = check_model(model)
    table = interval_table(con, Filters(filters.start, filters.end), minutes)
    staffed = staffed_agents(con, filters, table)
    if queue is None:
        pooled = table.aggregate()
        if staffed is not None:
            _starts, inverse = np.unique(table.start, return_inverse=True)
            staffed = np.bincount(inverse, weights=staffed, minlength=len(pooled))
        table = pooled
    else:
        mask = table.queue == queue
        table = table.select(mask)
        staffed = staffed[mask] if staffed is not None else None
    options = load_options(con)
    target = current_profile(con).targets.get("service_level")
    target_sl = target.low if target is not None and target.low is not None else DEFAULT_TARGET_SL
    patience = estimate_patience(table) if model == "erlang_a" else None
    aht = table.value("aht")
    fallback = float(np.nanmean(aht)) if np.any(np.isfinite(aht)) else 0.0
    plan = StaffingPlan(
        table=table,
        model="erlang_a" if patience is not None else "erlang_c",
        threshold_s=float(options.sl_threshold_s),
        target_sl=float(target_sl),
        patience_s=patience,
        offered=table.offered.astype(float),
        aht_s=np.nan_to_num(aht, nan=fallback),
        staffed=staffed,
        required=np.zeros(len(table), dtype=np.int64),
        predicted=None,
        actual_sl=table.value("service_level"),
        max_occupancy=max_occupancy,
        shrinkage=shrinkage,
    )
    required, predicted = what_if(plan, Scenario())
    plan.required = required
    plan.predicted = predicted
    return plan


def backtest_mae(plan: StaffingPlan, min_offered: int = 5) -> tuple[float | None, int]:
    """Mean absolute error of predicted vs actual SL over intervals with ≥ ``min_offered``."""
    if plan.predicted is None:
        return None, 0
    ok = np.isfinite(plan.actual_sl) & (plan.offered >= min_offered)
    if not ok.any():
        return None, 0
    return float(np.abs(plan.predicted.sl - plan.actual_sl)[ok].mean()), int(ok.sum())


def what_if(
    plan: StaffingPlan, scenario: Scenario, *, with_required: bool = True
) -> tuple[np.ndarray, erlang.ErlangResult | None]:
    """(required agents, predicted measures with staffed + Δ agents) under ``scenario``.

    Vectorised over every interval: one call recomputes a month of intervals for all queues.
    Predicted measures are None when staffed agents are unknown.
    """
    calls = plan.offered * (1.0 + scenario.volume_pct / 100.0)
    aht = np.maximum(plan.aht_s + scenario.aht_delta_s, 1.0)
    threshold = scenario.threshold_s if scenario.threshold_s is not None else plan.threshold_s
    target = scenario.target_sl if scenario.target_sl is not None else plan.target_sl
    busy = calls > 0
    required = np.zeros(calls.shape, dtype=np.int64)
    if with_required and busy.any():
        required[busy], _result = erlang.required_agents(
            calls[busy],
            aht[busy],
            plan.interval_s,
            target,
            threshold,
            plan.patience_s,
            max_occupancy=plan.max_occupancy,
            shrinkage=plan.shrinkage,
        )
    predicted = None
    if plan.staffed is not None:
        agents = np.maximum(plan.staffed + scenario.agents_delta, 0.0)
        predicted = erlang.evaluate(
            calls, np.where(busy, aht, 1.0), plan.interval_s, agents, threshold, plan.patience_s
        )
    return required, predicted


def with_scenario(plan: StaffingPlan, scenario: Scenario) -> StaffingPlan:
    """A copy of ``plan`` with required and predicted recomputed under ``scenario``."""
    required, predicted = what_if(plan, scenario)
    return replace(plan, required=required, predicted=predicted)


# ---- staffed agents ----------------------------------------------------------------------------
def staffed_agents(con: Any, filters: Filters, table: IntervalTable) -> np.ndarray | None:
    """Staffed agents per row of ``table`` from ``agent_states`` (None without agent states).

    Vectorised: logged-in seconds are spread over interval buckets (int seconds since 1970)
    with ``np.repeat`` and summed per bucket with ``np.bincount``.
    """
    from workbench.kpi.engine import _where

    where, params = _where(
        "agent_states", "period_start", Filters(filters.start, filters.end, agents=filters.agents)
    )
    states = con.execute(
        "SELECT CAST(agent_id AS VARCHAR) AS agent, period_start AS start, "
        "CAST(coalesce(logged_in_s, 0) AS DOUBLE) AS logged FROM agent_states "
        f"WHERE {' AND '.join(where) or 'TRUE'} ORDER BY agent_id, period_start",
        params,
    ).fetchnumpy()
    if not len(states["start"]):
        return None
    width = table.minutes * 60
    agent = np.asarray(states["agent"], dtype=object)
    start = np.asarray(states["start"]).astype("datetime64[s]")
    logged = np.asarray(states["logged"], dtype=float)
    day = start.astype("datetime64[D]")
    at_midnight = start == day.astype("datetime64[s]")
    per_agent_day = _count_per_key(agent, day)
    daily = at_midnight & (per_agent_day == 1) & (logged > width)

    # rows of interval grain: as many buckets as the row's own length covers
    grain = _row_grain(agent, start, width)
    rows = ~daily
    pieces = np.maximum(1, np.round(grain[rows] / width)).astype(np.int64)
    buckets = [_expand(_seconds(start[rows]) // width * width, pieces, width)]
    shares = [np.repeat(logged[rows] / pieces, pieces)]
    if daily.any():
        spread = _spread_daily(con, agent[daily], day[daily], logged[daily], width, table)
        buckets.append(spread[0])
        shares.append(spread[1])
    keys, inverse = np.unique(np.concatenate(buckets), return_inverse=True)
    centre = np.bincount(inverse, weights=np.concatenate(shares), minlength=keys.size) / width
    return _share_by_queue(table, keys, centre)


def _seconds(ts: np.ndarray) -> np.ndarray:
    """datetime64 values as int seconds since 1970."""
    return ts.astype("datetime64[s]").astype(np.int64)


def _expand(first: np.ndarray, count: np.ndarray, width: int) -> np.ndarray:
    """Each ``first`` followed by its next ``count - 1`` buckets, all in one array."""
    count = np.asarray(count, dtype=np.int64)
    if not count.size:
        return np.zeros(0, dtype=np.int64)
    offsets = np.arange(int(count.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(count) - count, count
    )
    return np.repeat(np.asarray(first, dtype=np.int64), count) + offsets * width


def _count_per_key(agent: np.ndarray, day: np.ndarray) -> np.ndarray:
    _agents, agent_code = np.unique(agent.astype(str), return_inverse=True)
    keys = agent_code.astype(np.int64) * 1_000_000 + day.astype(np.int64)
    _u, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return counts[inverse]


def _row_grain(agent: np.ndarray, start: np.ndarray, width: int) -> np.ndarray:
    """Seconds each row covers: the gap to the agent's next row (capped), else ``width``."""
    grain = np.full(start.size, float(width))
    if start.size > 1:
        gaps = (start[1:] - start[:-1]).astype(np.int64).astype(float)
        same = agent[1:] == agent[:-1]
        ok = same & (gaps > 0) & (gaps <= 3600)
        grain[:-1][ok] = gaps[ok]
    return grain


def _spread_daily(
    con: Any,
    agents: np.ndarray,
    days: np.ndarray,
    logged: np.ndarray,
    width: int,
    table: IntervalTable,
) -> tuple[np.ndarray, np.ndarray]:
    """Each day's logged-in time spread over the agent's active intervals of that day:
    (bucket, seconds) pairs, one per interval each daily row covers."""
    spans = {
        (str(a), str(d)): (first, last)
        for a, d, first, last in con.execute(
            "SELECT CAST(agent_id AS VARCHAR), CAST(started_at AS DATE), min(started_at), "
            "max(started_at) FROM contacts WHERE answered AND agent_id IS NOT NULL "
            "AND CAST(started_at AS DATE) BETWEEN ? AND ? GROUP BY 1, 2",
            [days.min().astype(object), days.max().astype(object)],
        ).fetchall()
    }
    whole = table.aggregate() if np.any(table.queue != "") else table
    busy = whole.start[whole.offered > 0]
    busy_day = busy.astype("datetime64[D]")
    busy_s = _seconds(busy)
    first = np.zeros(agents.size, dtype=np.int64)
    count = np.zeros(agents.size, dtype=np.int64)
    fallback = np.zeros(agents.size, dtype=bool)
    for i, (a, d) in enumerate(zip(agents, days, strict=True)):
        span = spans.get((str(a), str(d)))
        if span is None:
            fallback[i] = True
            continue
        lo = int(_seconds(np.datetime64(span[0], "s"))) // width * width
        hi = int(_seconds(np.datetime64(span[1], "s"))) // width * width
        first[i], count[i] = lo, (hi - lo) // width + 1
    buckets = [_expand(first[~fallback], count[~fallback], width)]
    shares = [np.repeat(logged[~fallback] / np.maximum(count[~fallback], 1), count[~fallback])]
    # no answered contact that day: the centre's busy intervals of the day
    for d in np.unique(days[fallback]):
        mask = busy_day == d
        if not mask.any():
            continue
        day_buckets = busy_s[mask]
        seconds = logged[fallback & (days == d)]
        buckets.append(np.tile(day_buckets, seconds.size))
        shares.append(np.repeat(seconds / day_buckets.size, day_buckets.size))
    return np.concatenate(buckets), np.concatenate(shares)


def _share_by_queue(table: IntervalTable, keys: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """Centre-wide staffed agents per interval (``centre`` per bucket ``keys``, sorted int
    seconds), shared among the interval's queues by work."""
    work = table.sums["aht"][0].astype(float)
    weight = np.where(work > 0, work, 0.0)
    starts, inverse = np.unique(table.start, return_inverse=True)
    total_work = np.bincount(inverse, weights=weight, minlength=starts.size)
    total_offered = np.bincount(inverse, weights=table.offered, minlength=starts.size)
    share = np.where(
        total_work[inverse] > 0,
        weight / np.where(total_work[inverse] > 0, total_work[inverse], 1),
        np.where(
            total_offered[inverse] > 0,
            table.offered / np.where(total_offered[inverse] > 0, total_offered[inverse], 1),
            0.0,
        ),
    )
    wanted = _seconds(starts)
    at = np.clip(np.searchsorted(keys, wanted), 0, max(keys.size - 1, 0))
    found = (keys.size > 0) & (keys[at] == wanted) if keys.size else np.zeros(wanted.size, bool)
    per_start = np.where(found, centre[at] if keys.size else 0.0, 0.0)
    return per_start[inverse] * share


# ---- staffing on the forecast ------------------------------------------------------------------
def forecast_plan(
    con: Any,
    start: date,
    end: date,
    minutes: int = 15,
    *,
    queue: str | None = None,
    model: str = "erlang_a",
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
) -> StaffingPlan:
    """Required agents for days with no data yet, from the forecast (``planning.forecast``).

    Offered and AHT per interval are the seasonal forecast from everything in the store
    before ``start``; patience is estimated from that history; staffed and actual are unknown.
    """
    from workbench.planning.forecast import build_cube, seasonal_forecast

    model = check_model(model)
    history = interval_table(con, Filters(end=start - timedelta(days=1)), minutes)
    if queue is not None:
        history = history.select(history.queue == queue)
    elif len(history):
        history = history.aggregate()
    if not len(history):
        raise UsageError(
            _("no history before {start} to forecast from").format(start=start),
            hint=_("import earlier contacts or interval summaries first"),
        )
    cube = build_cube(history)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    forecast = seasonal_forecast(cube, days)
    q, d, s = np.nonzero(forecast.offered > 0)
    day_start = np.array([np.datetime64(days[i], "s") for i in d], dtype="datetime64[s]")
    starts = day_start + ((cube.first_slot + s) * minutes * 60).astype("timedelta64[s]")
    order = np.lexsort((q, starts))
    q, d, s, starts = q[order], d[order], s[order], starts[order]
    offered = forecast.offered[q, d, s]
    aht = forecast.aht_s[q, d, s]
    zeros = np.zeros(offered.size)
    table = IntervalTable(
        minutes,
        starts,
        np.array([cube.queues[i] for i in q], dtype=object),
        {
            "offered": (offered, offered),
            "answered": (zeros, zeros),
            "service_level": (zeros, zeros),
            "asa": (zeros, zeros),
            "abandon_rate": (zeros, zeros),
            "aht": (offered * aht, offered),
        },
        zeros,
        zeros,
        load_options(con),
    )
    options = table.options
    target = current_profile(con).targets.get("service_level")
    target_sl = target.low if target is not None and target.low is not None else DEFAULT_TARGET_SL
    patience = estimate_patience(history) if model == "erlang_a" else None
    plan = StaffingPlan(
        table=table,
        model="erlang_a" if patience is not None else "erlang_c",
        threshold_s=float(options.sl_threshold_s),
        target_sl=float(target_sl),
        patience_s=patience,
        offered=offered,
        aht_s=aht,
        staffed=None,
        required=np.zeros(offered.size, dtype=np.int64),
        predicted=None,
        actual_sl=np.full(offered.size, np.nan),
        max_occupancy=max_occupancy,
        shrinkage=shrinkage,
        forecast=True,
    )
    plan.required, plan.predicted = what_if(plan, Scenario())
    return plan
