"""Small files: the cost of one more 10,000-row file, against openpyxl's parse (issue 13).

Usage::

    python benchmarks/bench_small_files.py [--rows 10000] [--files 4] [--runs 3] [--work DIR]
        [--without-pandas]

Writes ``--files`` different call-detail exports of ``--rows`` contacts each (the demo
generator's, 16 columns and a title row; one month each, so no row repeats another file's),
makes an empty store in another process (so creating the store is left out, as with
``bench_memory.py --existing-store``), then measures in child processes:

- **one file, one command**: ``workbench import FILE`` (the first file) — what a user who
  imports one file at a time waits for, with the process's one-off costs (DuckDB's signed
  extension, the store's open/close and checks) inside;
- **the first file again**: a duplicate, so nothing is stored — the floor of one command
  (the store opened and checked, the file's digest looked up, the store closed);
- **N files, one command**: ``workbench import F1 … FN`` into an empty store — the store and
  the process are up once, so ``(N files − 1 file) / (N − 1)`` is the marginal cost of one
  more file (what a batch or the open window pays per file).

Times are measured inside the child (module imports apart, as ``run.py``), wall and CPU
(user + system, all threads); ``--runs`` runs each, medians. openpyxl's read-only parse of
each file is timed once per file (CPU and wall).

``--without-pandas`` hides pandas from the child (as in the desktop bundle, which leaves it
out): pandas is only a test-time dependency here, but DuckDB imports it (~0.4 s) the first time
a query parameter or an Arrow table is handed to it when it is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench_memory import openpyxl_parse  # the same parse, timed the same way

_CHILD = """
import json, resource, sys, time
if sys.argv[1] == "1":
    class _NoPandas:
        def find_spec(self, name, path=None, target=None):
            if name == "pandas" or name.startswith("pandas."):
                raise ImportError("hidden by the benchmark (as in the bundle)")
    sys.meta_path.insert(0, _NoPandas())
from workbench.cli import main
from workbench.commands import load_commands
load_commands()
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
start, cpu_start = time.perf_counter(), cpu()
rc = main(["import", *sys.argv[3:], "--store", sys.argv[2], "--json"])
print(json.dumps({"rc": rc, "seconds": time.perf_counter() - start, "cpu": cpu() - cpu_start,
                  "pandas": "pandas" in sys.modules}), file=sys.stderr)
"""


def demo_files(work: Path, rows: int, count: int) -> list[Path]:
    """``count`` call-detail exports of ``rows`` contacts, one month each (written once)."""
    from workbench.demo import MonthSpec, build_month, write_tables

    paths = []
    for number in range(count):
        month = f"2025-{number + 1:02d}"
        folder = work / f"small-{rows}-{month}"
        found = sorted(folder.glob("*.xlsx")) if folder.exists() else []
        if not found:
            folder.mkdir(parents=True, exist_ok=True)
            spec = MonthSpec(
                month=month,
                contacts=rows,
                agents=max(20, rows // 200),
                bot_sessions=100,
                campaign_touches=100,
                interval_contacts=1000,
                interval_queues=2,
                interval_minutes=15,
                seed=7 + number,
            )
            found = write_tables({"contacts": build_month(spec)["contacts"]}, folder)
            print(f"wrote {found[0]}", flush=True)
        paths.append(found[0])
    return paths


def import_command(paths: list[Path], store: Path, without_pandas: bool) -> dict:
    """One ``workbench import PATHS`` into an empty store made before by another process."""
    for old in (store, store.with_name(store.name + ".wal")):
        old.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [sys.executable, "-m", "workbench", "--store", str(store), "store", "info"],
        capture_output=True,
        env=env,
        check=True,
    )
    return _child(paths, store, without_pandas, env)


def again_command(path: Path, store: Path, without_pandas: bool) -> dict:
    """``workbench import PATH`` of a file the store holds already (a duplicate): the fixed
    cost of one command — the store opened and checked, the digest looked up, the store
    closed — with no rows to store."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return _child([path], store, without_pandas, env, status="duplicate")


def _child(
    paths: list[Path], store: Path, without_pandas: bool, env: dict, status: str = "imported"
) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "1" if without_pandas else "0", str(store)]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    files = json.loads(done.stdout)["files"]
    if figures["rc"] != 0 or any(f["status"] != status for f in files):
        raise SystemExit(f"import failed: {done.stdout[-800:]} {done.stderr[-800:]}")
    figures["rows"] = sum(f["rows"] for f in files)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default="/tmp/wb-bench-small-files")
    parser.add_argument("--without-pandas", action="store_true")
    parser.add_argument("--skip-openpyxl", action="store_true")
    parser.add_argument("--json", action="store_true", help="one JSON line of figures")
    args = parser.parse_args()
    if args.files < 2:
        parser.error("--files must be at least 2")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    paths = demo_files(work, args.rows, args.files)
    store = work / "store.duckdb"
    ones, batches = [], []
    for _ in range(args.runs):  # interleaved, so that a change of load hits both alike
        ones.append(import_command(paths[:1], store, args.without_pandas))
        batches.append(import_command(paths, store, args.without_pandas))
    # the store of the last batch holds every file: the first one again is a duplicate
    agains = [again_command(paths[0], store, args.without_pandas) for _ in range(args.runs)]
    again = {k: statistics.median(r[k] for r in agains) for k in ("seconds", "cpu")}
    one = {k: statistics.median(r[k] for r in ones) for k in ("seconds", "cpu")}
    batch = {k: statistics.median(r[k] for r in batches) for k in ("seconds", "cpu")}
    marginal = {k: (batch[k] - one[k]) / (args.files - 1) for k in one}
    parses = [] if args.skip_openpyxl else [openpyxl_parse(p) for p in paths]
    parse = statistics.median(p[0] for p in parses) if parses else float("nan")
    parse_cpu = statistics.median(p[1] for p in parses) if parses else float("nan")

    def ratio(theirs: float, ours: float) -> float | None:
        return round(theirs / ours, 2) if ours > 0 and theirs == theirs else None

    line = {
        "rows_per_file": args.rows,
        "files": args.files,
        "stored": batches[-1]["rows"],
        "pandas_loaded": batches[-1]["pandas"],
        "one_file_seconds": round(one["seconds"], 3),
        "one_file_cpu": round(one["cpu"], 3),
        "one_file_all": [round(r["seconds"], 3) for r in ones],
        "n_files_seconds": round(batch["seconds"], 3),
        "n_files_cpu": round(batch["cpu"], 3),
        "n_files_all": [round(r["seconds"], 3) for r in batches],
        "duplicate_seconds": round(again["seconds"], 3),
        "duplicate_cpu": round(again["cpu"], 3),
        "per_file_marginal_seconds": round(marginal["seconds"], 3),
        "per_file_marginal_cpu": round(marginal["cpu"], 3),
        "openpyxl_seconds": round(parse, 3),
        "openpyxl_cpu": round(parse_cpu, 3),
        "ratio_one_file_wall": ratio(parse, one["seconds"]),
        "ratio_one_file_cpu": ratio(parse_cpu, one["cpu"]),
        "ratio_marginal_wall": ratio(parse, marginal["seconds"]),
        "ratio_marginal_cpu": ratio(parse_cpu, marginal["cpu"]),
        "load_average": os.getloadavg()[0],
    }
    if args.json:
        print(json.dumps(line), flush=True)
        return 0
    print(
        f"{args.rows:,}-row files, pandas {'loaded' if line['pandas_loaded'] else 'absent'}; "
        f"openpyxl parse {parse:.2f} s (CPU {parse_cpu:.2f} s) per file\n"
        f"  one file, one command: {one['seconds']:.3f} s (runs {line['one_file_all']}), "
        f"CPU {one['cpu']:.3f} s → {line['ratio_one_file_wall']}x wall, "
        f"{line['ratio_one_file_cpu']}x CPU\n"
        f"  {args.files} files, one command: {batch['seconds']:.3f} s (runs "
        f"{line['n_files_all']}), CPU {batch['cpu']:.3f} s\n"
        f"  the first file again, a duplicate (the floor of one command: open, checks, digest "
        f"lookup, close): {again['seconds']:.3f} s, CPU {again['cpu']:.3f} s\n"
        f"  one more file (marginal): {marginal['seconds']:.3f} s, CPU {marginal['cpu']:.3f} s"
        f" → {line['ratio_marginal_wall']}x wall, {line['ratio_marginal_cpu']}x CPU "
        f"(goal ≥ 8x); load average {line['load_average']:.1f}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
