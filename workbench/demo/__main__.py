"""``python -m workbench.demo OUT_DIR [--contacts N …]``: write a synthetic month, print timings.

For benchmarks and for trying the importer on realistic files; ``workbench --demo`` does not
need it.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from workbench.demo.generate import DEMO_MONTH, MonthSpec, build_month
from workbench.demo.writers import EXCEL_MAX_ROWS, write_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.demo", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--month", default=DEMO_MONTH)
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--agents", type=int, default=60)
    parser.add_argument("--bot-sessions", type=int, default=None)
    parser.add_argument("--campaign-touches", type=int, default=None)
    parser.add_argument("--interval-queues", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-rows", type=int, default=EXCEL_MAX_ROWS)
    args = parser.parse_args(argv)
    spec = MonthSpec(
        month=args.month,
        contacts=args.contacts,
        agents=args.agents,
        bot_sessions=args.bot_sessions,
        campaign_touches=args.campaign_touches,
        interval_queues=args.interval_queues,
        seed=args.seed,
    )
    started = time.perf_counter()
    tables = build_month(spec)
    generated = time.perf_counter() - started
    total_rows = sum(len(t) for t in tables.values())
    print(
        f"generated {total_rows:,} rows in {generated:.2f} s ({total_rows / generated:,.0f} rows/s)"
    )
    print(f"{'kind':<14}{'rows':>12}{'write s':>10}{'rows/s':>12}{'MB':>9}  files")
    for kind, table in tables.items():
        t0 = time.perf_counter()
        paths = write_table(table, args.out_dir, max_rows=args.max_rows)
        seconds = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in paths) / 1e6
        rate = len(table) / seconds if seconds else 0.0
        names = ", ".join(p.name for p in paths)
        print(f"{kind:<14}{len(table):>12,}{seconds:>10.2f}{rate:>12,.0f}{size:>9.1f}  {names}")
    print(f"total {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
