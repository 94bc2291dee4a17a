"""What encryption at rest costs: import, engine, open and backup with the store encrypted vs
plain, interleaved round by round in one process (so a busy machine slows both alike).

    python benchmarks/bench_encryption.py [--rows 50000] [--rounds 5] [--gui] [--json]

Each round writes a fresh plain and a fresh encrypted store (``security.database.ENCRYPTED``
switched per store; keys in a temporary key home) and times, on each: the import of one
contacts CSV of ``--rows`` rows with customer numbers, all indicators overall and by agent,
a cold open (``Store.open`` read-only) and a manual backup. With ``--gui``, each store is
then opened by ``bench_gui.py`` in its own process (cold start to the painted dashboard,
period change, view switch; a plain store is kept plain there). Prints medians and the ratio.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def write_contacts(path: Path, rows: int) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["呼叫编号", "开始时间", "坐席工号", "坐席姓名", "技能组", "排队时长",
                      "是否接通", "通话时长", "主叫号码"])
        for i in range(rows):
            day = 1 + i % 28
            out.writerow([f"C{i:08d}", f"2026-10-{day:02d} {8 + i % 12:02d}:{i % 60:02d}:00",
                          f"A{i % 200:03d}", f"坐席{i % 200:03d}", f"Q{i % 8}", i % 90,
                          "是" if i % 7 else "否", 60 + i % 400, f"138{i % 10_000_000:08d}"])
    return path


def one_round(
    folder: Path, source: Path, encrypted: bool, gui: bool = False
) -> dict[str, float]:
    from workbench.domain import Filters
    from workbench.importing import import_files
    from workbench.kpi import engine
    from workbench.security import database as db
    from workbench.store import Store

    db.ENCRYPTED = encrypted
    path = folder / f"{'enc' if encrypted else 'plain'}-{time.monotonic_ns()}.duckdb"
    times: dict[str, float] = {}
    with Store.open(path) as store:
        began = time.perf_counter()
        result = import_files(store, [source])
        times["import"] = time.perf_counter() - began
        assert result.files[0].status == "imported", result.files[0]
    began = time.perf_counter()
    with Store.open(path, read_only=True) as store:
        times["open (read-only, full check)"] = time.perf_counter() - began
        period = Filters(start=date(2026, 10, 1), end=date(2026, 10, 31))
        began = time.perf_counter()
        engine.compute(store.con, period)
        times["engine: overall"] = time.perf_counter() - began
        began = time.perf_counter()
        engine.compute(store.con, period, by="agent")
        times["engine: by agent"] = time.perf_counter() - began
    with Store.open(path, daily_backup=False) as store:
        began = time.perf_counter()
        store.backup("manual")
        times["backup (copy + full check)"] = time.perf_counter() - began
    assert db.is_encrypted(path) == encrypted
    db.ENCRYPTED = True
    if gui:
        times.update(gui_figures(path, encrypted))
    return times


GUI_FIGURES = {
    "cold_start_s": "GUI: cold start to the painted dashboard",
    "period_change_s": "GUI: period change (dashboard), median",
    "view_switch_s": "GUI: view switch, median over views",
}


def gui_figures(path: Path, encrypted: bool) -> dict[str, float]:
    """``bench_gui.py`` on the store in a fresh process (its JSON line's figures)."""
    from workbench.security import database as db

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop(db.PLAIN_ENV, None)
    if not encrypted:
        env[db.PLAIN_ENV] = "1"  # else the window's open would convert the store
    done = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("bench_gui.py")),
            "--store",
            str(path),
            "--work",
            str(path.with_suffix(".gui")),
            "--repeat",
            "2",
            "--import-rows",
            "2000",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert db.is_encrypted(path) == encrypted, "the window changed the store's encryption"
    return {label: figures[key] for key, label in GUI_FIGURES.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--gui", action="store_true", help="also time the window on each store")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wb-bench-enc-") as tmp:
        folder = Path(tmp)
        os.environ["WORKBENCH_KEY_BACKEND"] = "file"
        os.environ["WORKBENCH_KEY_HOME"] = str(folder / "keys")
        source = write_contacts(folder / "calls.csv", args.rows)
        from workbench.security import database as db

        db.host()  # the extension is loaded once per process, before timing
        runs: dict[bool, list[dict[str, float]]] = {False: [], True: []}
        for number in range(args.rounds):
            order = (False, True) if number % 2 == 0 else (True, False)
            for encrypted in order:
                runs[encrypted].append(one_round(folder, source, encrypted, args.gui))
    table = {}
    for what in runs[False][0]:
        plain = statistics.median(r[what] for r in runs[False])
        enc = statistics.median(r[what] for r in runs[True])
        table[what] = {"plain_s": plain, "encrypted_s": enc, "ratio": enc / plain}
    if args.json:
        print(json.dumps({"rows": args.rows, "rounds": args.rounds, "figures": table}))
        return 0
    print(f"{args.rows:,} contacts, median of {args.rounds} interleaved rounds")
    print("| what | plain | encrypted | change |\n|---|---|---|---|")
    for what, row in table.items():
        print(
            f"| {what} | {row['plain_s'] * 1000:.0f} ms | {row['encrypted_s'] * 1000:.0f} ms | "
            f"{(row['ratio'] - 1) * 100:+.0f} % |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
