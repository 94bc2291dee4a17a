"""Benchmark: export and verify a month with 1,000,000 contacts and 500 agents (goal ≤ 10 s each).

    python benchmarks/bench_export.py [--contacts N] [--agents N] [--keep DIR]

Builds the store with DuckDB SQL (seconds, not the importer), then times ``export`` (the
compliance workbook), ``verify`` against the manifest alone, and ``verify --store``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from workbench.exporters.verify import verify_workbook
from workbench.exporters.workbook import export_workbook
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


START = date(2026, 10, 1)
END = date(2026, 10, 31)


def build(store: Store, contacts: int, agents: int) -> None:
    con = store.con
    con.execute(
        "INSERT INTO imports (id, file_name, sha256, kind, rows, rejected, imported_at) VALUES "
        "(1, 'calls.xlsx', repeat('a', 64), 'contacts', ?, 0, now()),"
        "(2, 'bots.xlsx', repeat('b', 64), 'bot_sessions', 0, 0, now()),"
        "(3, 'campaigns.xlsx', repeat('c', 64), 'campaigns', 0, 0, now()),"
        "(4, 'states.xlsx', repeat('d', 64), 'agent_states', 0, 0, now())",
        [contacts],
    )
    con.execute(
        f"""
        INSERT INTO contacts ({CONTACT_COLUMNS_V1})
        SELECT 'C' || i,
               TIMESTAMP '2026-10-01 00:00:00' + to_seconds((i * 2678400) // {contacts}),
               'voice', 'Q' || (i % 12), 'A' || lpad((i % {agents})::VARCHAR, 4, '0'),
               '坐席' || (i % {agents}),
               (hash(i) % 90)::DOUBLE, hash(i) % 100 > 6,
               60 + hash(i * 3) % 400, hash(i * 5) % 30, 5 + hash(i * 7) % 40,
               hash(i) % 13 = 0, hash(i) % 10 > 1,
               1 + hash(i * 11) % 5, 5, hash(i * 11) % 5 >= 3, hash(i) % 997 = 0,
               md5(i::VARCHAR), '138****' || lpad((i % 10000)::VARCHAR, 4, '0'), 1
        FROM range({contacts}) t(i)
        """
    )
    con.execute(
        f"""
        INSERT INTO bot_sessions ({BOT_COLUMNS_V1})
        SELECT 'S' || i, TIMESTAMP '2026-10-01' + to_seconds((i * 2678400) // 300000),
               ['手机银行', '微信银行', '网上银行'][1 + i % 3], 3, 2 + i % 2, i % 4 <> 0,
               i % 7 = 0, 1 + i % 5, 5, i % 5 >= 3, 2
        FROM range(300000) t(i)
        """
    )
    con.execute(
        """
        INSERT INTO campaigns
        SELECT 'K' || (i % 20), '活动' || (i % 20), md5(i::VARCHAR), '139****0000',
               TIMESTAMP '2026-10-01' + to_seconds((i * 2678400) // 100000), 'voice',
               'A' || lpad((i % 500)::VARCHAR, 4, '0'), i % 3 <> 0, i % 11 = 0, '分期',
               (i % 11 = 0)::INT * 1000.0, i % 500 = 0, 3
        FROM range(100000) t(i)
        """
    )
    con.execute(
        f"""
        INSERT INTO agent_states
        SELECT 'A' || lpad((i % {agents})::VARCHAR, 4, '0'), NULL,
               TIMESTAMP '2026-10-01' + INTERVAL (i // {agents}) DAY,
               28800, 4000, 16000, 900, 2500, 1500, 28800, 4
        FROM range({agents} * 31) t(i)
        """
    )
    con.execute(
        f"""
        INSERT INTO quality
        SELECT 'A' || lpad((i % {agents})::VARCHAR, 4, '0'),
               TIMESTAMP '2026-10-01' + INTERVAL (i % 31) DAY, 'C' || i, 70 + i % 30, false, 4
        FROM range({agents} * 20) t(i)
        """
    )
    con.execute("CHECKPOINT")


def timed(label: str, func):
    began = time.perf_counter()
    value = func()
    seconds = time.perf_counter() - began
    print(f"{label:<34} {seconds:7.2f} s")
    return value, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="keep the store and workbook in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-export-"))
    folder.mkdir(parents=True, exist_ok=True)
    store_path = folder / "bench.duckdb"
    store_path.unlink(missing_ok=True)
    out = folder / "bench.xlsx"
    with Store.open(store_path) as store:
        timed(
            f"build store ({args.contacts:,} contacts)",
            lambda: build(store, args.contacts, args.agents),
        )

        steps: list[tuple[str, float]] = []

        def run_export():
            job = export_workbook(store, out, start=START, end=END)
            last = time.perf_counter()
            while True:
                try:
                    progress = next(job)
                except StopIteration as stop:
                    return stop.value
                now = time.perf_counter()
                steps.append((progress.message, now - last))
                last = now

        result, export_s = timed("export", run_export)
        for message, seconds in steps:
            print(f"    {message:<30} {seconds:6.2f} s")
        print(f"    workbook: {out.stat().st_size / 1e6:.2f} MB, {len(result.sheets)} sheets")
        plain, verify_s = timed("verify (manifest only)", lambda: verify_workbook(out))
        full, verify_store_s = timed("verify --store", lambda: verify_workbook(out, store))
        assert plain.ok and full.ok, (plain.problems, full.problems)
    goal = "OK" if max(export_s, verify_s, verify_store_s) <= 10 else "OVER"
    print(f"goal ≤ 10 s each: {goal}  (folder: {folder})")


if __name__ == "__main__":
    main()
