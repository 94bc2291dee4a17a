"""Benchmark the KPI engine on one month of 1,000,000 synthetic contacts (500 agents, 20 queues).

Prints the median wall time of ``compute()`` (all indicators) overall, by day, by agent and by
queue, next to one hand-written GROUP BY computing the service indicators by agent. Goal: all
indicators by agent in ≤ 100 ms on the 2-core reference machine.

Each figure is printed twice, measured in the same minute: from the contacts rollup
(``workbench.kpi.rollup``, built first if the store's is stale; its build time is printed) and
from the contacts themselves ("raw", the path before the rollup).

    python benchmarks/bench_engine.py [--rows 1000000] [--runs 7] [--explain] [--store PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from workbench.domain import Filters
from workbench.kpi import catalogue, rollup
from workbench.kpi.engine import compute
from workbench.store import Store

# the columns of the first schema, in order (later versions add columns after import_id)
CONTACT_COLUMNS_V1 = (
    "contact_id, started_at, channel, queue, agent_id, agent_name, wait_s, answered, talk_s, "
    "hold_s, acw_s, transferred, resolved, csat_score, csat_scale, csat_satisfied, complaint, "
    "customer_hash, customer_masked, import_id"
)
BOT_COLUMNS_V1 = (
    "session_id, started_at, channel, questions, recognized, resolved, transferred, "
    "rating_score, rating_scale, rating_satisfied, import_id"
)


HAND_WRITTEN = """
SELECT agent_id,
       count(*) AS offered,
       count(*) FILTER (WHERE answered) AS answered,
       count(*) FILTER (WHERE answered AND wait_s <= 20) AS in_sl,
       sum(wait_s) FILTER (WHERE answered) AS wait_sum,
       sum(talk_s + hold_s + acw_s) FILTER (WHERE answered) AS handle_sum
FROM contacts GROUP BY agent_id
"""


def build(store: Store, rows: int) -> None:
    """Fill the store with ``rows`` contacts over October 2026, plus side tables."""
    con = store.con
    con.execute(
        f"""
        INSERT INTO contacts ({CONTACT_COLUMNS_V1})
        SELECT 'C' || i,
               TIMESTAMP '2026-10-01 08:00:00' + to_seconds(
                   (i % 31) * 86400 + (hash(i) % 43200)::BIGINT),
               CASE WHEN i % 10 = 0 THEN '在线' ELSE 'voice' END,
               'Q' || (hash(i * 7) % 20),
               CASE WHEN r < 0.08 THEN NULL ELSE (8000 + hash(i * 13) % 500)::VARCHAR END,
               NULL,
               round(random() * 60, 1),
               r >= 0.08,
               CASE WHEN r >= 0.08 THEN 60 + random() * 400 END,
               CASE WHEN r >= 0.08 THEN random() * 30 END,
               CASE WHEN r >= 0.08 THEN random() * 40 END,
               random() < 0.05,
               CASE WHEN r >= 0.08 THEN random() < 0.9 END,
               CASE WHEN random() < 0.3 THEN 1 + floor(random() * 5) END AS score,
               5,
               NULL,
               random() < 0.001,
               NULL, NULL, 1
        FROM (SELECT range AS i, random() AS r FROM range({rows}))
        """
    )
    con.execute(
        "UPDATE contacts SET csat_scale = CASE WHEN csat_score IS NULL THEN NULL ELSE 5 END, "
        "csat_satisfied = CASE WHEN csat_score IS NULL THEN NULL ELSE csat_score >= 4 END"
    )
    con.execute(
        """
        INSERT INTO agent_states
        SELECT (8000 + a)::VARCHAR, NULL, TIMESTAMP '2026-10-01' + to_days(d::INTEGER),
               28800, 3000 + random() * 3000, 15000, 1500, 2000, 1000, 28800, 1
        FROM range(500) t(a), range(31) u(d)
        """
    )
    con.execute(
        f"""
        INSERT INTO bot_sessions ({BOT_COLUMNS_V1})
        SELECT 'B' || i, TIMESTAMP '2026-10-01 08:00:00' + to_seconds((i % 31) * 86400),
               '手机银行', 3, 2 + (random() < 0.5)::INTEGER, random() < 0.8, random() < 0.15,
               5, 5, random() < 0.9, 1
        FROM range({rows // 2}) t(i)
        """
    )
    # September from half-hourly ACD summaries (20 queues): exercises the contacts/intervals
    # precedence and the weighted sums.
    con.execute(
        """
        INSERT INTO intervals
        SELECT TIMESTAMP '2026-09-01 08:00:00' + to_seconds((d * 86400 + h * 1800)::BIGINT),
               1800, 'Q' || q, 60, 55, 5, 45, 20, 55 * 12.0, 55 * 300.0, 55 * 240.0, 60 * 14.0, 2
        FROM range(30) a(d), range(24) b(h), range(20) c(q)
        """
    )
    con.execute("CHECKPOINT")


def timed(fn, runs: int) -> tuple[float, float]:
    """Median wall time and median process CPU time of ``fn()`` in ms (after a warm-up run).

    CPU time (all threads) is printed too because the shared 2-core machine is often busy:
    wall time then grows with other processes' load, CPU time much less.
    """
    fn()
    walls, cpus = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return statistics.median(walls), statistics.median(cpus)


@contextmanager
def raw_only() -> Iterator[None]:
    """Every ``compute()`` inside reads the contacts themselves (as before the rollup)."""
    fetch, pairs = rollup.fetch, rollup.detail_pairs
    rollup.fetch = rollup.detail_pairs = lambda *args, **kwargs: None
    try:
        yield
    finally:
        rollup.fetch, rollup.detail_pairs = fetch, pairs


def both(label: str, fn: Callable[[], object], runs: int) -> None:
    """``label``: rollup and raw median wall (and CPU) times, one after the other."""
    wall, cpu = timed(fn, runs)
    with raw_only():
        raw_wall, raw_cpu = timed(fn, runs)
    print(f"{label} {wall:7.1f} ms (cpu {cpu:6.1f})   raw {raw_wall:7.1f} ms (cpu {raw_cpu:6.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the by-agent query")
    parser.add_argument("--store", help="reuse this store file (built when missing)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.store) if args.store else Path(tmp) / "bench.duckdb"
        fresh = not path.exists()
        store = Store.open(path)
        if fresh:
            t0 = time.perf_counter()
            build(store, args.rows)
            print(f"built {args.rows:,} contacts in {time.perf_counter() - t0:.1f} s")
        con = store.con
        counts = store.row_counts()
        print(
            f"contacts: {counts['contacts']:,}  intervals: {counts['intervals']:,}  "
            f"agent_states: {counts['agent_states']:,}  bot_sessions: {counts['bot_sessions']:,}"
        )
        filters = Filters(start=date(2026, 10, 1), end=date(2026, 10, 31))
        t0 = time.perf_counter()
        rebuilt = rollup.ensure(con)
        if rebuilt:
            print(f"contacts rollup built in {(time.perf_counter() - t0) * 1000:.0f} ms")
        t0 = time.perf_counter()
        rollup.rebuild(con)
        print(f"contacts rollup rebuild: {(time.perf_counter() - t0) * 1000:.0f} ms")
        print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores)")
        wall, cpu = timed(lambda: con.execute(HAND_WRITTEN).fetchall(), args.runs)
        print(f"hand-written GROUP BY agent (service only):    {wall:7.1f} ms  (cpu {cpu:6.1f} ms)")
        for by in (None, "day", "agent", "queue"):
            groups = len(compute(con, filters, by=by).groups)
            label = (
                f"compute() all {len(catalogue.KPIS)} indicators, {by or 'overall':8} ({groups:4}):"
            )
            both(label, lambda by=by: compute(con, filters, by=by), args.runs)
        # what a supervisor waits for: the agents view's indicators by agent, and the
        # dashboard's whole load (headline now, the month before, per day, the source mix)
        from workbench.views.agents import AGENT_KPIS
        from workbench.views.dashboard import load_dashboard

        both(
            f"agents view: {len(AGENT_KPIS)} indicators by agent:          ",
            lambda: compute(con, filters, by="agent", kpi_ids=AGENT_KPIS),
            args.runs,
        )
        both(
            "dashboard load (now, before, per day, sources):",
            lambda: load_dashboard(con, filters),
            args.runs,
        )
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        if args.explain:
            from workbench.kpi import engine

            engine_sql = []
            original = con.execute

            class Spy:
                def execute(self, sql, params=None):
                    engine_sql.append((sql, params))
                    return original(sql, params) if params else original(sql)

            compute(Spy(), filters, by="agent")
            for sql, params in engine_sql:
                if "FROM contacts" in sql and "GROUP BY" in sql:
                    plan = original("EXPLAIN ANALYZE " + sql, params or []).fetchall()
                    print(plan[0][1])
            del engine
        store.close()


if __name__ == "__main__":
    main()
