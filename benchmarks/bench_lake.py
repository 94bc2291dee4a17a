"""Headquarters scale: a lake of 30 centres x 12 months x 100,000 contacts (36 M) plus as many
bot sessions, generated straight into the lake's layout with DuckDB SQL, then every indicator
by centre and by month on DuckDB and on Spark (local), and the two engines' figures compared.

Prints: lake size, generation time, DuckDB seconds by centre and by month, Spark seconds for
the same (with its session start), peak resident memory (this process with its Spark JVM),
and the largest relative difference between the engines' figures. Goals on the 2-core
reference machine: DuckDB by centre ≤ 5 s; lake ≤ 1 GB; Spark's figures equal DuckDB's.

    python benchmarks/bench_lake.py [--centres 30] [--months 12] [--per-month 100000]
        [--lake DIR] [--keep] [--no-spark] [--threads N]

The rows are pseudo-random but deterministic (``hash(i, k)``), with each centre a little
better or worse than the next, customers drawn from a pool of 400,000 per centre (keyed
16-hex hashes and masked numbers, as the store keeps them).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from workbench.lake.export import PARQUET_OPTIONS, describe_file, write_manifest
from workbench.lake.schema import store_columns
from workbench.lake.views import open_lake
from workbench.store import latest_version

FIRST_MONTH = "2025-01-01"
CITIES = (
    "上海",
    "北京",
    "广州",
    "深圳",
    "成都",
    "武汉",
    "南京",
    "杭州",
    "西安",
    "重庆",
    "天津",
    "苏州",
    "长沙",
    "郑州",
    "青岛",
    "合肥",
    "福州",
    "厦门",
    "济南",
    "沈阳",
    "大连",
    "昆明",
    "南宁",
    "哈尔滨",
    "长春",
    "石家庄",
    "太原",
    "南昌",
    "贵阳",
    "兰州",
)


def centre_name(index: int) -> str:
    """``上海远程银行中心``… (the demo lake's centre names)."""
    return f"{CITIES[index % len(CITIES)]}远程银行中心"


def _u(k: int) -> str:
    """A deterministic uniform number in [0, 1) per row and stream ``k``."""
    return f"((hash(i, {k}) % 1000003) / 1000003.0)"


def contacts_sql(centre: int, code: str, months: int, per_month: int) -> str:
    """SELECT of one centre's contacts over ``months`` months, in the lake's column order."""
    quality = centre / 100  # centre 0 is the best, centre 29 answers ~3 points less
    month = f"(i // {per_month})"
    start = f"(TIMESTAMP '{FIRST_MONTH}' + to_months({month}::INTEGER))"
    days = f"(date_diff('day', {start}, {start} + INTERVAL 1 MONTH))"
    second = f"(8 * 3600 + floor({_u(1)} * {days} * 14) * 3600 // 14 + floor({_u(2)} * 3600))"
    answered = f"({_u(6)} >= 0.05 + {quality} * 0.1)"
    cols = {
        "contact_id": f"'{code}-' || i",
        "started_at": f"{start} + to_seconds(({second})::BIGINT)",
        "channel": f"CASE WHEN {_u(3)} < 0.7 THEN 'phone' WHEN {_u(3)} < 0.9 THEN 'online' "
        "ELSE 'video' END",
        "queue": "'Q' || (hash(i, 4) % 8)",
        "agent_id": f"'{code}-A' || (hash(i, 5) % 150)",
        "agent_name": "NULL",
        "wait_s": f"round(-ln(1 - {_u(7)}) * (20 + {quality} * 40))",
        "answered": answered,
        "talk_s": f"CASE WHEN {answered} THEN round(60 + {_u(8)} * 400) END",
        "hold_s": f"CASE WHEN {answered} THEN round({_u(9)} * 30) END",
        "acw_s": f"CASE WHEN {answered} THEN round({_u(10)} * 40) END",
        "transferred": f"{_u(11)} < 0.05",
        "resolved": f"CASE WHEN {answered} THEN {_u(12)} < 0.88 - {quality} * 0.1 END",
        "csat_score": f"CASE WHEN {answered} AND {_u(13)} < 0.3 THEN "
        f"least(5, 1 + floor({_u(14)} * 5.6)) END",
        "csat_scale": f"CASE WHEN {answered} AND {_u(13)} < 0.3 THEN 5 END",
        "csat_satisfied": f"CASE WHEN {answered} AND {_u(13)} < 0.3 THEN "
        f"least(5, 1 + floor({_u(14)} * 5.6)) >= 4 END",
        "complaint": f"CASE WHEN {answered} THEN {_u(15)} < 0.001 END",
        "customer_hash": f"left(md5('{code}' || (hash(i, 16) % 400000)), 16)",
        "customer_masked": "'13' || (hash(i, 16) % 10) || '****' || "
        "lpad((hash(i, 16) % 10000)::VARCHAR, 4, '0')",
        "human": "TRUE",
        "next_contact_at": "CAST(NULL AS TIMESTAMP)",  # no repeat contacts generated
    }
    return _select("contacts", cols, code, months, per_month, start)


def bot_sessions_sql(centre: int, code: str, months: int, per_month: int) -> str:
    """SELECT of one centre's bot sessions (as many as contacts)."""
    month = f"(i // {per_month})"
    start = f"(TIMESTAMP '{FIRST_MONTH}' + to_months({month}::INTEGER))"
    days = f"(date_diff('day', {start}, {start} + INTERVAL 1 MONTH))"
    rated = f"({_u(25)} < 0.2)"
    cols = {
        "session_id": f"'{code}-B' || i",
        "started_at": f"{start} + to_seconds((floor({_u(21)} * {days} * 86400))::BIGINT)",
        "channel": f"CASE WHEN {_u(22)} < 0.6 THEN 'app' ELSE 'wechat' END",
        "questions": "1 + (hash(i, 23) % 4)",
        "recognized": "least(1 + (hash(i, 23) % 4), (hash(i, 24) % 5))",
        "resolved": f"{_u(26)} < 0.82 - {centre} * 0.003",
        "transferred": f"{_u(27)} < 0.12",
        "rating_score": f"CASE WHEN {rated} THEN 1 + (hash(i, 28) % 5) END",
        "rating_scale": f"CASE WHEN {rated} THEN 5 END",
        "rating_satisfied": f"CASE WHEN {rated} THEN 1 + (hash(i, 28) % 5) >= 4 END",
        "customer_hash": "CAST(NULL AS VARCHAR)",
        "customer_masked": "CAST(NULL AS VARCHAR)",
        "agent_reached_at": "CAST(NULL AS TIMESTAMP)",
    }
    return _select("bot_sessions", cols, code, months, per_month, start)


def _select(kind: str, cols: dict, code: str, months: int, per_month: int, start: str) -> str:
    types = dict(store_columns()[kind])
    assert list(cols) == list(types), f"{kind}: columns differ from the store's"
    parts = [f"CAST({sql} AS {types[name]}) AS {name}" for name, sql in cols.items()]
    parts += [f"'{code}' AS centre", f"strftime({start}, '%Y-%m') AS month"]
    return f"SELECT {', '.join(parts)} FROM range({months * per_month}) t(i)"


def generate(lake: Path, centres: int, months: int, per_month: int) -> None:
    """Write the lake: per centre one COPY per kind, partitioned by centre and month."""
    con = duckdb.connect()
    for c in range(centres):
        code = f"C{c + 1:02d}"
        for kind, build in (("contacts", contacts_sql), ("bot_sessions", bot_sessions_sql)):
            sql = build(c, code, months, per_month)
            con.execute(
                f"COPY ({sql} ORDER BY started_at) TO '{lake / kind}' ({PARQUET_OPTIONS}, "
                "PARTITION_BY (centre, month), OVERWRITE_OR_IGNORE)"
            )
        files = dict(
            describe_file(lake, f) for f in sorted(lake.glob(f"*/centre={code}/month=*/*.parquet"))
        )
        write_manifest(lake, {"code": code, "name": centre_name(c)}, files, latest_version())
    con.close()


class PeakMemory:
    """Samples the resident memory of this process and its children (Spark's JVM)."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = self.me.memory_info().rss
            for child in self.me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_info().rss
            self.peak = max(self.peak, total)
            time.sleep(0.2)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - t0


def timed_cpu(fn, *args, **kwargs):
    """(result, wall seconds, CPU seconds of this process's threads)."""
    c0, t0 = time.process_time(), time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - t0, time.process_time() - c0


def max_difference(a, b) -> float:
    """Largest relative difference between two reports' values, numerators, denominators."""
    worst = 0.0
    pairs = [(a.values, b.values)]
    keys_a = [g.key for g in a.groups]
    keys_b = [g.key for g in b.groups]
    if keys_a != keys_b:
        return float("inf")
    pairs += [(ga.values, gb.values) for ga, gb in zip(a.groups, b.groups, strict=True)]
    for va, vb in pairs:
        for x, y in zip(va, vb, strict=True):
            pairs_xy = ((x.value, y.value), (x.numerator, y.numerator))
            for p, q in (*pairs_xy, (x.denominator, y.denominator)):
                if p is None or q is None:
                    if p is not q:
                        return float("inf")
                    continue
                worst = max(worst, abs(p - q) / max(abs(p), abs(q), 1e-300))
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--centres", type=int, default=30)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--per-month", type=int, default=100_000)
    parser.add_argument("--lake", type=Path, help="lake folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the generated lake")
    parser.add_argument("--no-spark", action="store_true", help="DuckDB only")
    parser.add_argument("--runs", type=int, default=3, help="DuckDB runs (median)")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the lake already in --lake (no generation)"
    )
    args = parser.parse_args(argv)

    from workbench.lake.kpis import lake_report

    root = args.lake or Path(tempfile.mkdtemp(prefix="bench-lake-"))
    reuse = args.reuse and args.lake is not None and (root / "contacts").is_dir()
    if root.exists() and any(root.iterdir()) and not reuse:
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    memory = PeakMemory()
    rows = args.centres * args.months * args.per_month
    print(
        f"lake: {args.centres} centres x {args.months} months x {args.per_month:,} contacts "
        f"= {rows:,} contacts + {rows:,} bot sessions in {root}"
    )
    gen_s = 0.0
    if not reuse:
        _, gen_s = timed(generate, root, args.centres, args.months, args.per_month)
    size = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
    files = sum(1 for _ in root.rglob("*.parquet"))
    print(f"generate:            {gen_s:8.1f} s")
    print(
        f"lake size:           {size / 1e6:8.1f} MB in {files} files "
        f"({size / rows:.1f} bytes per contact incl. its bot session)  goal ≤ 1000 MB"
    )
    con = open_lake(root)
    counted = con.execute("SELECT count(*) FROM contacts").fetchone()[0]
    con.close()
    assert counted == rows, (counted, rows)

    reports = {}
    for by in ("centre", "month"):
        times = []
        for _ in range(args.runs):
            report, seconds, cpu = timed_cpu(lake_report, root, engine="duckdb", by=by)
            times.append((seconds, cpu))
        reports[by] = report
        times.sort()
        wall, cpu = times[len(times) // 2]
        goal = "  goal ≤ 5 s" if by == "centre" else ""
        print(
            f"duckdb by {by:6}:     {wall:8.2f} s wall, {cpu:.2f} s CPU "
            f"(median of {args.runs}; all runs {', '.join(f'{t:.2f}' for t, _ in times)}; "
            f"{len(report.groups)} groups){goal}"
        )

    if not args.no_spark:
        from workbench.lake.spark import spark_session

        spark, start_s = timed(spark_session, "local[*]")
        print(f"spark session start: {start_s:8.1f} s (local[*])")
        for by in ("centre", "month"):
            report, seconds = timed(lake_report, root, engine="spark", by=by, spark=spark)
            diff = max_difference(reports[by], report)
            print(
                f"spark  by {by:6}:     {seconds:8.1f} s; largest relative difference "
                f"to duckdb {diff:.1e}  goal ≤ 1e-9"
            )
        spark.stop()
    peak = memory.stop()
    print(f"peak memory:         {peak / 1e6:8.0f} MB (this process and its Spark JVM)")
    if not args.keep and not args.lake:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
