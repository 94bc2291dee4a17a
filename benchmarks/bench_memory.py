"""Peak memory and speed of ``workbench import`` against the sheet's size (issue 13, item 5).

Usage::

    python benchmarks/bench_memory.py --rows 10000 200000 1000000 --runs 3 [--work DIR]
        [--existing-store]

Writes the demo generator's call-detail export (16 columns, a title row above the header)
at each size into ``--work`` (kept and reused: the million-row file takes minutes), then per
size and run imports it into a fresh store in a child process and reads, from the child:

- ``seconds``: wall time of the command inside the process (interpreter start-up and module
  imports apart, as in ``benchmarks/run.py``), and ``whole``: the whole process, start to exit;
- ``peak``: the child's own high-water resident memory (``VmHWM``), as ``run.py`` reads it.

openpyxl's read-only parse of the same file is timed ``--openpyxl-runs`` times (default 1;
it is the slowest step). Prints medians and the ratio against the goals: peak ≤ 600 MB for
the million rows, growth < 10 % from 200,000 to 1,000,000 rows, ≥ 8x openpyxl at every size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

_CHILD = """
import json, resource, sys, time
began = time.perf_counter()
from workbench.cli import main
from workbench.commands import load_commands
load_commands()
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
start, cpu_start = time.perf_counter(), cpu()
rc = main(["import", sys.argv[1], "--store", sys.argv[2], "--json"])
seconds, cpu_used = time.perf_counter() - start, cpu() - cpu_start
status = open('/proc/self/status').read()
peak = int(status.split('VmHWM:')[1].split()[0]) * 1024
print(json.dumps({"rc": rc, "seconds": seconds, "cpu": cpu_used, "startup": start - began,
                  "peak": peak}), file=sys.stderr)
"""


def demo_contacts(work: Path, rows: int) -> Path:
    """The demo generator's call-detail export with ``rows`` contacts (written once)."""
    folder = work / f"contacts-{rows}"
    found = sorted(folder.glob("*.xlsx")) if folder.exists() else []
    if found:
        return found[0]
    from workbench.demo import MonthSpec, build_month, write_tables

    folder.mkdir(parents=True, exist_ok=True)
    spec = MonthSpec(
        month="2026-10",
        contacts=rows,
        agents=500 if rows >= 100_000 else max(20, rows // 200),
        bot_sessions=100,
        campaign_touches=100,
        interval_month="2026-09",
        interval_contacts=1000,
        interval_queues=2,
        interval_minutes=15,
    )
    began = time.perf_counter()
    paths = write_tables({"contacts": build_month(spec)["contacts"]}, folder)
    print(f"wrote {paths[0]} in {time.perf_counter() - began:.1f} s", flush=True)
    return paths[0]


def import_once(path: Path, store: Path, existing: bool = False) -> dict:
    """One ``workbench import`` into a fresh store, in a child process. With ``existing``
    the empty store is made first by another process (``workbench store info``), so the
    figures leave out creating it (schema, keys: about 0.6 s on an encrypted store)."""
    for old in (store, store.with_name(store.name + ".wal")):
        old.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if existing:
        subprocess.run(
            [sys.executable, "-m", "workbench", "--store", str(store), "store", "info"],
            capture_output=True,
            env=env,
            check=True,
        )
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(store)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    whole = time.perf_counter() - began
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    result = json.loads(done.stdout)["files"][0]
    if figures["rc"] != 0 or result["status"] != "imported":
        raise SystemExit(f"import of {path} failed: {done.stdout[-500:]} {done.stderr[-500:]}")
    figures["rows"] = result["rows"]
    figures["whole"] = whole
    return figures


def openpyxl_parse(path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of openpyxl's read-only parse of every cell (as ``run.py``)."""
    import openpyxl

    began, cpu = time.perf_counter(), time.process_time()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            pass
    book.close()
    return time.perf_counter() - began, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 200_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--openpyxl-runs", type=int, default=1)
    parser.add_argument("--skip-openpyxl", action="store_true")
    parser.add_argument("--work", default="/tmp/wb-bench-memory")
    parser.add_argument("--json", action="store_true", help="one JSON line per size")
    parser.add_argument(
        "--existing-store", action="store_true", help="import into an empty store made before"
    )
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    peaks: dict[int, float] = {}
    for rows in args.rows:
        path = demo_contacts(work, rows)
        store = work / "store.duckdb"
        runs = [import_once(path, store, args.existing_store) for _ in range(args.runs)]
        seconds = statistics.median(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        whole = statistics.median(r["whole"] for r in runs)
        peak = statistics.median(r["peak"] for r in runs)
        peaks[rows] = peak
        parses = [
            openpyxl_parse(path) for _ in range(0 if args.skip_openpyxl else args.openpyxl_runs)
        ]
        parse = statistics.median(p[0] for p in parses) if parses else float("nan")
        parse_cpu = statistics.median(p[1] for p in parses) if parses else float("nan")
        line = {
            "rows": rows,
            "stored": runs[-1]["rows"],
            "seconds": round(seconds, 3),
            "seconds_all": [round(r["seconds"], 3) for r in runs],
            "cpu": round(cpu, 3),
            "whole_process": round(whole, 3),
            "startup": round(statistics.median(r["startup"] for r in runs), 3),
            "peak_mib": round(peak / 2**20, 1),
            "peak_all_mib": [round(r["peak"] / 2**20, 1) for r in runs],
            "openpyxl": round(parse, 3),
            "openpyxl_cpu": round(parse_cpu, 3),
            "ratio": round(parse / seconds, 2) if seconds else None,
            "ratio_cpu": round(parse_cpu / cpu, 2) if cpu else None,
        }
        if args.json:
            print(json.dumps(line), flush=True)
        else:
            print(
                f"{rows:>9,} rows: import {seconds:.2f} s (runs {line['seconds_all']}; CPU "
                f"{cpu:.2f} s), whole process {whole:.2f} s, peak {line['peak_mib']:,.0f} MiB "
                f"(runs {line['peak_all_mib']}); openpyxl {parse:.2f} s (CPU {parse_cpu:.2f} s)"
                f" → {line['ratio']}x wall, {line['ratio_cpu']}x CPU (goal ≥ 8x)",
                flush=True,
            )
    if 200_000 in peaks and 1_000_000 in peaks:
        growth = peaks[1_000_000] / peaks[200_000] - 1
        print(f"growth of peak memory 200,000 → 1,000,000 rows: {growth:+.1%} (goal < 10 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
