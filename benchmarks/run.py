"""The million-row month, end to end: one suite that prints every figure against its goal.

Generates a realistic large month with the project's own demo generator (default: 1,000,000
contacts, 30 days of 15-minute interval summaries for 20 queues, agent states for 500 agents,
1,000,000 bot sessions, 100,000 campaign touches) as real xlsx files, then measures:

- import: rows/s per kind through ``workbench import`` (a fresh process per kind, its peak
  resident memory read from the kernel), and openpyxl's read-only parse of the same files;
- store: size on disk per million contacts;
- engine: all indicators for the month overall, by day, by agent, by queue;
- GUI (offscreen, separate process): cold start to first painted dashboard, period change,
  view switch (via benchmarks/bench_gui.py on the same store);
- export: the compliance workbook for the month (seconds, size); verify (seconds).

Figures are medians of ``--runs`` runs (openpyxl's parse, the slowest step, runs once).

    python benchmarks/run.py [--rows N] [--runs K] [--work DIR] [--markdown BENCHMARKS.md]

CI runs it at a tiny size (``--rows 3000 --runs 1``) only to prove that it still works.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MD_BEGIN, MD_END = "<!-- suite:begin -->", "<!-- suite:end -->"


@dataclass
class Figure:
    """One line of the result table."""

    area: str
    what: str
    value: str
    goal: str = ""
    met: bool | None = None


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def generate(work: Path, rows: int) -> dict[str, list[Path]]:
    """Write the large month as xlsx files, grouped by kind."""
    from workbench.demo import MonthSpec, build_month, write_tables

    agents = 500 if rows >= 100_000 else max(20, rows // 200)
    spec = MonthSpec(
        month="2026-10",
        contacts=rows,
        agents=agents,
        bot_sessions=rows,
        campaign_touches=max(rows // 10, 100),
        interval_month="2026-09",
        interval_contacts=rows,
        interval_queues=20,
        interval_minutes=15,
    )
    tables = build_month(spec)
    files: dict[str, list[Path]] = {}
    for kind, table in tables.items():
        out = work / kind
        out.mkdir(parents=True, exist_ok=True)
        files[kind] = write_tables({kind: table}, out)
    return files


def run_import(store: Path, kind: str, paths: list[Path]) -> tuple[float, int, int]:
    """``workbench import`` in a fresh process: (seconds, rows stored, peak RSS bytes)."""
    # Time is taken inside the process, around the command itself: the interpreter's own
    # start-up (about a second, the same for every file size) is not the importer's speed.
    # Peak memory is the process's own high-water mark (VmHWM): Linux carries ru_maxrss over
    # exec, so it would report this (large) parent's peak for a small import.
    code = (
        "import json, resource, sys, time\n"
        "from workbench.cli import main\n"
        "from workbench.commands import load_commands\n"
        "load_commands()  # module imports are start-up, as in bench_import.py\n"
        "began = time.perf_counter()\n"
        "rc = main(sys.argv[1:])\n"
        "seconds = time.perf_counter() - began\n"
        "try:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "    peak = int(status.split()[0]) * 1024\n"
        "except (OSError, IndexError):\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
        "print(json.dumps({'peak': peak, 'seconds': seconds}), file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    args = ["import", *map(str, paths), "--kind", kind, "--store", str(store), "--json"]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=_env()
    )
    if done.returncode != 0:
        raise SystemExit(f"import of {kind} failed ({done.returncode}): {done.stderr[-500:]}")
    result = json.loads(done.stdout)
    rows = sum(f["rows"] for f in result["files"])
    measured = json.loads(done.stderr.strip().splitlines()[-1])
    return measured["seconds"], rows, measured["peak"]


def openpyxl_parse(paths: list[Path]) -> float:
    """Seconds for openpyxl's read-only parse of every cell of every sheet of ``paths``."""
    import openpyxl

    began = time.perf_counter()
    for path in paths:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in book.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        book.close()
    return time.perf_counter() - began


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def measure_import(work: Path, files: dict[str, list[Path]], runs: int, figures: list[Figure]):
    """Import every kind into a fresh store ``runs`` times; returns the last store's path."""
    per_kind: dict[str, list[tuple[float, int, int]]] = {kind: [] for kind in files}
    store = work / "store.duckdb"
    for run in range(runs):
        store = work / f"store-{run}.duckdb"
        for old in (store, store.with_name(store.name + ".wal")):
            old.unlink(missing_ok=True)
        for kind, paths in files.items():
            per_kind[kind].append(run_import(store, kind, paths))
    for kind, results in per_kind.items():
        seconds = statistics.median(r[0] for r in results)
        rows = results[-1][1]
        peak = max(r[2] for r in results)
        parse = openpyxl_parse(files[kind])
        rate = rows / seconds if seconds else 0.0
        ratio = parse / seconds if seconds else 0.0
        goal_rate = kind == "contacts"
        figures.append(
            Figure(
                "import",
                f"{kind}: {rows:,} rows in {seconds:.2f} s",
                f"{rate:,.0f} rows/s",
                "≥ 80,000 rows/s" if goal_rate else "",
                rate >= 80_000 if goal_rate else None,
            )
        )
        # issue 13's goal covers sheets of 10,000 rows and more; a 40-row list is over in
        # less time than the process takes to load its libraries
        goal_ratio = rows >= 10_000
        figures.append(
            Figure(
                "import",
                f"{kind}: openpyxl read-only parse {parse:.2f} s",
                f"{ratio:.1f}x faster",
                "≥ 8x" if goal_ratio else "",
                ratio >= 8 if goal_ratio else None,
            )
        )
        figures.append(
            Figure(
                "import",
                f"{kind}: peak resident memory of the import process",
                f"{peak / 2**20:,.0f} MiB",
                "< 1.5 GB" if kind == "contacts" else "",
                peak < 1.5e9 if kind == "contacts" else None,
            )
        )
    return store


def measure_store(store: Path, contacts: int, figures: list[Figure]) -> None:
    """The contacts table's share of the file (its storage blocks), and the whole file."""
    from workbench.store import Store

    with Store.open(store) as opened:
        opened.con.execute("CHECKPOINT")
        block_size = opened.con.execute("SELECT block_size FROM pragma_database_size()").fetchone()
        blocks = opened.con.execute(
            "SELECT count(DISTINCT block_id) FROM pragma_storage_info('contacts') "
            "WHERE block_id >= 0"
        ).fetchone()[0]
    contacts_bytes = blocks * block_size[0]
    size = store.stat().st_size
    per_million = contacts_bytes / (contacts / 1e6) if contacts else 0
    figures.append(
        Figure(
            "store",
            f"contacts table on disk ({contacts_bytes / 1e6:,.1f} MB in {blocks} blocks)",
            f"{per_million / 1e6:,.1f} MB per million contacts",
            "≤ 40 MB",
            per_million <= 40e6,
        )
    )
    figures.append(
        Figure("store", "whole file with every kind of the month", f"{size / 1e6:,.1f} MB")
    )


def measure_engine(store: Path, runs: int, figures: list[Figure]) -> None:
    from workbench.domain import Filters
    from workbench.kpi.engine import compute
    from workbench.store import Store

    month = Filters(start=date(2026, 10, 1), end=date(2026, 10, 31))
    with Store.open(store, read_only=True) as opened:
        for by in (None, "day", "agent", "queue"):
            compute(opened.con, month, by=by)  # warm the caches once
            seconds = median_seconds(lambda by=by: compute(opened.con, month, by=by), runs)
            goal = by == "agent"
            figures.append(
                Figure(
                    "engine",
                    f"all indicators for the month, {'overall' if by is None else 'by ' + by}",
                    f"{seconds * 1000:.0f} ms",
                    "≤ 100 ms" if goal else "",
                    seconds <= 0.100 if goal else None,
                )
            )


def measure_gui(store: Path, work: Path, runs: int, figures: list[Figure]) -> None:
    """bench_gui.py in its own process on the same store; its JSON line feeds the table."""
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "bench_gui.py"),
            "--store",
            str(store),
            "--work",
            str(work / "gui"),
            "--repeat",
            str(max(runs, 2)),
            "--import-rows",
            str(min(100_000, max(1_000, store_rows(store) // 10))),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=_env(),
    )
    if done.returncode != 0:
        figures.append(Figure("gui", "bench_gui.py failed", done.stderr.strip()[-200:], "", False))
        return
    data = json.loads(done.stdout.strip().splitlines()[-1])
    figures.append(
        Figure(
            "gui",
            "cold start to first painted dashboard",
            f"{data['cold_start_s'] * 1000:.0f} ms",
            "≤ 2 s",
            data["cold_start_s"] <= 2.0,
        )
    )
    figures.append(
        Figure(
            "gui",
            "period change (dashboard), median",
            f"{data['period_change_s'] * 1000:.0f} ms",
            "≤ 300 ms",
            data["period_change_s"] <= 0.3,
        )
    )
    figures.append(
        Figure(
            "gui",
            "view switch, median over views (slowest: "
            f"{data['view_switch_max_view']} {data['view_switch_max_s'] * 1000:.0f} ms)",
            f"{data['view_switch_s'] * 1000:.0f} ms",
            "≤ 300 ms",
            data["view_switch_s"] <= 0.3,
        )
    )
    if "import_longest_pause_ms" in data:
        figures.append(
            Figure(
                "gui",
                f"longest event-loop pause while {data['import_rows']:,} CSV rows import "
                f"through the window ({data['import_s']:.1f} s)",
                f"{data['import_longest_pause_ms']} ms",
                "window never blocks",
                data["import_longest_pause_ms"] <= 300,
            )
        )


def store_rows(store: Path) -> int:
    from workbench.store import Store

    with Store.open(store, read_only=True) as opened:
        return opened.row_counts()["contacts"]


def measure_export(store: Path, work: Path, runs: int, figures: list[Figure]) -> None:
    out = work / "compliance.xlsx"
    base = [sys.executable, "-m", "workbench"]

    def export() -> None:
        subprocess.run(
            [*base, "export", "--store", str(store), "--period", "2026-10", "--out", str(out)],
            check=True,
            capture_output=True,
            env=_env(),
        )

    def verify() -> None:
        subprocess.run(
            [*base, "verify", str(out), "--store", str(store)],
            check=True,
            capture_output=True,
            env=_env(),
        )

    seconds = median_seconds(export, runs)
    figures.append(
        Figure(
            "export",
            f"compliance workbook for the month ({out.stat().st_size / 1e6:.2f} MB)",
            f"{seconds:.2f} s",
            "≤ 10 s",
            seconds <= 10,
        )
    )
    seconds = median_seconds(verify, runs)
    figures.append(
        Figure(
            "verify",
            "workbook against its manifest and the store",
            f"{seconds:.2f} s",
            "≤ 10 s",
            seconds <= 10,
        )
    )


def machine() -> str:
    import duckdb
    import openpyxl

    try:
        import PySide6

        qt = PySide6.__version__
    except ImportError:
        qt = "-"
    from workbench import __version__

    memory = ""
    try:
        with open("/proc/meminfo") as info:
            memory = f", {int(info.readline().split()[1]) / 2**20:.0f} GiB memory"
    except OSError:
        pass
    return (
        f"{platform.platform()}, {os.cpu_count()} cores{memory}; Python "
        f"{platform.python_version()}, Workbench {__version__}, DuckDB {duckdb.__version__}, "
        f"openpyxl {openpyxl.__version__}, PySide6 {qt}"
    )


def table(figures: list[Figure], header: str) -> str:
    lines = [header, "", "| area | what | figure | goal | |", "|---|---|---|---|---|"]
    for f in figures:
        mark = "" if f.met is None else ("met" if f.met else "**missed**")
        lines.append(f"| {f.area} | {f.what} | {f.value} | {f.goal} | {mark} |")
    return "\n".join(lines)


def write_markdown(path: Path, text: str) -> None:
    """Replace the suite's section of ``path`` (between the markers), keeping the rest."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{MD_BEGIN}\n{text}\n{MD_END}"
    if MD_BEGIN in old and MD_END in old:
        head, rest = old.split(MD_BEGIN, 1)
        new = head + block + rest.split(MD_END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="contacts (and bot sessions)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--skip-gui", action="store_true", help="leave out the GUI figures")
    parser.add_argument("--markdown", type=Path, help="write the table into this file's section")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="wb-suite-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    try:
        began = time.perf_counter()
        files = generate(work / "files", args.rows)
        gen = time.perf_counter() - began
        figures.append(
            Figure("generate", "demo generator writes the month as xlsx", f"{gen:.1f} s")
        )
        print(f"generated {sum(len(v) for v in files.values())} files in {gen:.1f} s", flush=True)
        store = measure_import(work, files, args.runs, figures)
        print("import measured", flush=True)
        measure_store(store, args.rows, figures)
        measure_engine(store, max(args.runs, 5), figures)
        print("engine measured", flush=True)
        if not args.skip_gui:
            measure_gui(store, work, args.runs, figures)
            print("gui measured", flush=True)
        measure_export(store, work, args.runs, figures)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    header = (
        f"Suite at {args.rows:,} contacts, medians of {args.runs} runs, "
        f"{time.strftime('%Y-%m-%d')}.\nMachine: {machine()}.\n"
        f"Reproduce: `python benchmarks/run.py --rows {args.rows} --runs {args.runs}`"
    )
    text = table(figures, header)
    print(text)
    if args.markdown:
        write_markdown(args.markdown, text)
    missed = [f for f in figures if f.met is False]
    print(f"{len(figures) - len(missed)} figures within goal or unbounded, {len(missed)} missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
