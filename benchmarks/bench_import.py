"""Import speed: ``workbench import`` of a generated call-detail xlsx vs openpyxl's own parse.

Usage::

    python benchmarks/bench_import.py                 # 200,000 rows x 12 columns
    python benchmarks/bench_import.py --rows 1048576  # a full sheet: also peak memory

Writes the workbook with xlsxwriter (constant_memory), then times, in this order and in one
process: openpyxl ``read_only`` parse of every cell, and a ``workbench import`` into a fresh
store run in a child process (so its peak RSS is its own). Prints rows/s and the ratio
(goals: ≥ 8x openpyxl, ≥ 80,000 rows/s, peak RSS < 1.5 GB for 1,048,576 rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADERS = [
    "Call Id", "Start Time", "Queue", "Agent ID", "Agent Name", "Wait Time (s)", "Answered",
    "Talk Time", "Hold (s)", "ACW (s)", "Resolved", "Satisfaction",
]  # fmt: skip


EXCEL_MAX_ROWS = 1_048_576


def write_workbook(path: Path, rows: int) -> None:
    """A call-detail sheet: ids, datetimes, text, numbers, Y/N, 是/否, Excel time durations."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Calls")
    stamp = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    clock = wb.add_format({"num_format": "hh:mm:ss"})
    ws.write_row(0, 0, HEADERS)
    base = dt.datetime(2026, 10, 1)
    rnd = random.Random(1)
    queues = ["信用卡", "借记卡", "贷款", "理财"]
    for i in range(1, min(rows, EXCEL_MAX_ROWS - 1) + 1):
        ws.write_string(i, 0, f"C{i:08d}")
        ws.write_datetime(i, 1, base + dt.timedelta(seconds=i * 2), stamp)
        ws.write_string(i, 2, queues[i % 4])
        ws.write_string(i, 3, str(8000 + i % 50))
        ws.write_string(i, 4, f"坐席{i % 50}")
        ws.write_number(i, 5, rnd.randint(0, 120))
        ws.write_string(i, 6, "N" if i % 9 == 0 else "Y")
        ws.write_datetime(i, 7, dt.timedelta(seconds=rnd.randint(30, 900)), clock)
        ws.write_number(i, 8, rnd.randint(0, 60))
        ws.write_number(i, 9, rnd.randint(0, 60))
        ws.write_string(i, 10, "是" if i % 5 else "否")
        ws.write_number(i, 11, rnd.randint(1, 5))
    wb.close()


def openpyxl_parse(path: Path) -> tuple[int, float, float]:
    """Rows, wall seconds and CPU seconds of openpyxl's read-only parse of every cell."""
    import openpyxl

    start, cpu_start = time.perf_counter(), time.process_time()
    wb = openpyxl.load_workbook(path, read_only=True)
    count = 0
    for _row in wb.worksheets[0].iter_rows(values_only=True):
        count += 1
    wb.close()
    return count, time.perf_counter() - start, time.process_time() - cpu_start


_CHILD = """
import json, resource, sys, time
begin = time.perf_counter()
from workbench.cli import main
from workbench.commands import load_commands
load_commands()  # module imports belong to interpreter start-up, reported apart
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
start, cpu_start = time.perf_counter(), cpu()
code = main(["import", sys.argv[1], "--store", sys.argv[2], "--json"])
elapsed, cpu_used = time.perf_counter() - start, cpu() - cpu_start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"code": code, "seconds": elapsed, "cpu": cpu_used, "peak_rss": peak,
                  "startup": start - begin}), file=sys.stderr)
"""


def workbench_import(path: Path, store: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(store)],
        capture_output=True,
        text=True,
        check=False,
    )
    figures = json.loads(proc.stderr.strip().splitlines()[-1])
    result = json.loads(proc.stdout)["files"][0]
    figures["rows"] = result["rows"]
    figures["status"] = result["status"]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--skip-openpyxl", action="store_true", help="only time the import")
    parser.add_argument("--keep", metavar="DIR", help="write the workbook here and keep it")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="wb-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    book = folder / f"calls-{args.rows}.xlsx"
    if not book.exists():
        start = time.perf_counter()
        write_workbook(book, args.rows)
        size = book.stat().st_size / 1e6
        print(f"wrote {book} ({size:.1f} MB) in {time.perf_counter() - start:.1f} s")
    store = folder / "bench.duckdb"
    for leftover in (store, store.with_name(store.name + ".wal")):
        leftover.unlink(missing_ok=True)
    ours = workbench_import(book, store)
    expected = min(args.rows, EXCEL_MAX_ROWS - 1)  # one sheet row is the header
    if ours["status"] != "imported" or ours["rows"] != expected:
        print(f"import failed: {ours}")
        return 1
    rate = expected / ours["seconds"]
    print(
        f"workbench import: {ours['seconds']:.2f} s wall, {ours['cpu']:.2f} s CPU, "
        f"{rate:,.0f} rows/s (goal >= 80,000); peak RSS {ours['peak_rss'] / 1e6:,.0f} MB "
        f"(goal < 1,500); interpreter start + imports {ours['startup']:.2f} s not counted"
    )
    if not args.skip_openpyxl:
        count, seconds, cpu = openpyxl_parse(book)
        print(
            f"openpyxl read-only parse: {seconds:.2f} s wall, {cpu:.2f} s CPU, "
            f"{count / seconds:,.0f} rows/s"
        )
        print(
            f"ratio: {seconds / ours['seconds']:.1f}x wall, {cpu / ours['cpu']:.1f}x CPU "
            "(goal >= 8x; CPU time is the steadier figure on a busy machine)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
