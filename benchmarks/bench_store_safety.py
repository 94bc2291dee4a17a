"""What the store's safety nets cost: the integrity probe at open, backups, snapshot, restore.

Builds a store of N synthetic contacts (default 3,000,000: years of a mid-size centre) with
SQL, then prints the median wall time of:

- ``Store.open`` with the full probe (every block read; stores up to FULL_CHECK_MAX_BYTES),
  with the quick probe, and a bare ``duckdb.connect`` for comparison;
- a backup (``COPY FROM DATABASE`` + full check of the copy: the daily backup's cost, paid
  once a day at the first writable open);
- ``Store.open_snapshot`` (the second window's read-only copy) and ``restore_backup``.

    python benchmarks/bench_store_safety.py [--rows 3000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from workbench.store import Store, restore_backup
from workbench.store.integrity import probe

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


def build(path: Path, rows: int) -> None:
    with Store.open(path, daily_backup=False) as store:
        store.con.execute(
            "INSERT INTO imports (file_name, sha256, kind, rows, rejected, imported_at) "
            "VALUES ('bench.xlsx', 'bench', 'contacts', ?, 0, now())",
            [rows],
        )
        store.con.execute(
            f"""
            INSERT INTO contacts ({CONTACT_COLUMNS_V1})
            SELECT 'c' || i, TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND,
              'phone', 'q' || (i % 20), 'a' || (i % 500), 'name ' || (i % 500), random() * 100,
              i % 9 <> 0, random() * 300, random() * 20, random() * 30, i % 17 = 0,
              i % 5 <> 0, i % 5 + 1, 5, i % 5 >= 3, i % 97 = 0, md5(i::varchar),
              '138****' || lpad((i % 10000)::varchar, 4, '0'), 1
            FROM range(?) t(i)
            """,
            [rows],
        )


def median_s(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        func()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.duckdb"
        began = time.perf_counter()
        build(path, args.rows)
        size = path.stat().st_size
        print(
            f"store: {args.rows:,} contacts, {size / 1e6:.1f} MB "
            f"(built in {time.perf_counter() - began:.1f} s)"
        )

        def bare() -> None:
            duckdb.connect(str(path), read_only=True).close()

        def quick() -> None:
            con = duckdb.connect(str(path), read_only=True)
            probe(con, full=False)
            con.close()

        def full_open() -> None:
            Store.open(path, read_only=True).close()

        def backup() -> None:
            with Store.open(path, daily_backup=False) as store:
                store.backup("manual", keep=2)

        def snapshot() -> None:
            Store.open_snapshot(path).close()

        figures = [
            ("bare duckdb.connect", bare),
            ("open + quick probe", quick),
            ("Store.open (full probe)", full_open),
            ("backup (copy + check)", backup),
            ("open_snapshot", snapshot),
        ]
        for name, func in figures:
            print(f"{name:28} {median_s(func, args.runs) * 1000:8.0f} ms")
        print(
            f"{'restore newest backup':28} "
            f"{median_s(lambda: restore_backup(path), args.runs) * 1000:8.0f} ms"
        )


if __name__ == "__main__":
    main()
