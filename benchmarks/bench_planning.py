"""Planning figures: what-if recompute time, staffing backtest MAE, forecast error vs baseline.

1. What-if: a month of 15-minute intervals for 20 queues (31 days × 56 intervals of the
   08:00–22:00 opening hours × 20 = 34,720 intervals; ``--hours 24`` for 59,520), synthetic
   offered/AHT/staffed. Times ``staffing.what_if`` — the predicted SL, ASA, abandon and
   occupancy with staffed ± agents (what moves when a what-if control moves) and, apart, the
   required agents (a bisection over every interval at once). Median of ``--runs``.
2. Backtest on the demo month (``workbench --demo``'s store, built if absent): predicted SL
   (Erlang A / C, staffed agents from agent states) vs actual SL per interval, all queues
   pooled; mean absolute error over intervals with at least 5 calls.
3. Forecast: the held-back last week of the demo store's history (September's 15-minute
   summaries and October's contacts), weekday × interval seasonal forecast vs seasonal naive.

    python benchmarks/bench_planning.py [--runs 7] [--hours 14|24] [--store PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

from workbench.domain import Filters, KpiOptions
from workbench.planning.forecast import backtest
from workbench.planning.intraday import IntervalTable, interval_table
from workbench.planning.staffing import Scenario, StaffingPlan, backtest_mae, build_plan, what_if


def synthetic_plan(hours: int, queues: int = 20, days: int = 31, seed: int = 1) -> StaffingPlan:
    """A month of 15-minute intervals × ``queues`` with plausible offered, AHT and staffing."""
    rng = np.random.default_rng(seed)
    per_day = hours * 4
    size = days * per_day * queues
    slot = np.tile(np.repeat(np.arange(per_day), queues), days)
    shape = 0.3 + np.sin(np.pi * (slot + 0.5) / per_day) ** 2
    offered = rng.poisson(40 * shape * rng.uniform(0.5, 1.5, size)).astype(float)
    aht = rng.uniform(150, 420, size)
    start = np.datetime64("2026-10-01T08:00", "s") + (
        np.repeat(np.arange(days * per_day), queues) * 900
    ).astype("timedelta64[s]")
    sums = {k: (np.zeros(size), np.zeros(size)) for k in ("offered", "aht", "service_level")}
    sums["offered"] = (offered, offered)
    table = IntervalTable(15, start, np.array([f"Q{i % queues}" for i in range(size)], object),
                          sums, offered * 60, offered * 0.1, KpiOptions())  # fmt: skip
    load = offered * aht / 900
    staffed = np.maximum(np.round(load + rng.normal(1.5, 2.0, size)), 0)
    return StaffingPlan(
        table=table, model="erlang_a", threshold_s=20, target_sl=0.8, patience_s=90.0,
        offered=offered, aht_s=aht, staffed=staffed, required=np.zeros(size, np.int64),
        predicted=None, actual_sl=np.full(size, np.nan),
    )  # fmt: skip


def time_it(func, runs: int) -> tuple[float, float]:
    """Median (wall, CPU) time of ``func()`` in milliseconds (one warm-up run first).

    CPU time (this process) is shown apart: on a shared machine wall time mostly measures
    the other processes.
    """
    func()
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def what_if_figures(hours: int, runs: int) -> None:
    for model, patience in (("Erlang A", 90.0), ("Erlang C", None)):
        plan = synthetic_plan(hours)
        plan.patience_s = patience
        scenario = Scenario(volume_pct=10, aht_delta_s=-15, agents_delta=1)
        predicted = time_it(lambda: what_if(plan, scenario, with_required=False), runs)  # noqa: B023
        required = time_it(lambda: what_if(plan, scenario), runs)  # noqa: B023
        print(
            f"what-if {model}, {len(plan.offered):,} intervals: predicted SL/ASA/abandon/"
            f"occupancy {predicted[0]:.0f} ms wall / {predicted[1]:.0f} ms CPU; with required "
            f"agents {required[0]:.0f} ms wall / {required[1]:.0f} ms CPU (median of {runs}; "
            f"load average {os.getloadavg()[0]:.1f})"
        )


def demo_figures(store_path: Path | None) -> None:
    import duckdb

    from workbench.demo import ensure_demo_store

    if store_path is None:
        store_path = Path(tempfile.mkdtemp()) / "demo.duckdb"
    ensure_demo_store(store_path)
    con = duckdb.connect(str(store_path), read_only=True)
    month = Filters(date(2026, 10, 1), date(2026, 10, 31))
    for minutes in (15, 30, 60):
        for model in ("erlang_a", "erlang_c"):
            plan = build_plan(con, month, minutes, model=model)
            mae, n = backtest_mae(plan)
            bias = float(np.nanmean(plan.predicted.sl - plan.actual_sl)) if plan.predicted else 0
            extra = f", patience {plan.patience_s:.0f} s" if plan.patience_s else ""
            print(
                f"backtest demo month, {minutes}-min, {model}{extra}: predicted vs actual SL "
                f"MAE {mae:.3f} over {n} intervals (mean predicted − actual {bias:+.3f})"
            )
    for minutes in (15, 60):
        history = interval_table(con, Filters(), minutes)
        for label, table in (("per queue", history), ("all queues", history.aggregate())):
            check = backtest(table)
            print(
                f"forecast {minutes}-min {label}, held-back {check.held_back[0]}–"
                f"{check.held_back[-1]}: MAE {check.mae_forecast:.2f} calls per interval vs "
                f"seasonal naive {check.mae_naive:.2f} (mean offered {check.mean_offered:.1f}, "
                f"{check.intervals} intervals); AHT MAE {check.mae_aht_s:.0f} s"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--hours", type=int, default=14, help="opening hours per day (14 or 24)")
    parser.add_argument("--store", type=Path, help="demo store to reuse (built if absent)")
    args = parser.parse_args()
    what_if_figures(args.hours, args.runs)
    demo_figures(args.store)


if __name__ == "__main__":
    main()
