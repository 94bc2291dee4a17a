"""Bundle size and start-up time: the PyInstaller bundle vs the source install.

    python benchmarks/bundle_startup.py [--bundle packaging/build/dist/workbench] [--runs 5]
                                        [--cold]

Prints, for ``--version`` and ``screenshot --view dashboard`` (on a store holding the real
sample), the first run and the median of the following warm runs, from the bundle and from
``python -m workbench``. ``--cold`` drops the OS page cache before each first run (Linux,
root only), so the first run reads every library from disk. Build the bundle first:
``packaging/build_linux.sh``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import resource  # POSIX: CPU time of child processes
except ImportError:  # Windows: wall time only
    resource = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tests" / "data" / "pwc-call-centre-2021q1.xlsx"


def drop_caches() -> bool:
    """Empty the page cache (Linux, root); False when not allowed."""
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command``; raises if it fails.

    CPU time (user + system of the child) says how much work start-up is, independent of
    what else the machine is doing; wall time is what the user waits.
    """
    before = _children_cpu()
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}: {result.stderr}")
    return elapsed, _children_cpu() - before


def _children_cpu() -> float:
    """User + system seconds of finished child processes (NaN where unknown)."""
    if resource is None:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def folder_mib(path: Path) -> float:
    """Size on disk (symlinks, which PyInstaller keeps for Qt's libraries, counted once)."""
    files = (f for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    return sum(f.stat().st_size for f in files) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=REPO / "packaging/build/dist/workbench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="drop the page cache first")
    args = parser.parse_args()
    exe = args.bundle / ("workbench-cli.exe" if sys.platform == "win32" else "workbench")
    if not exe.is_file():
        print(f"no bundle at {args.bundle}: run packaging/build_linux.sh first", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="bundle-bench-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(work / var.lower())
    env.pop("WORKBENCH_STORE", None)
    store = work / "bench.duckdb"
    subprocess.run(
        [str(exe), "import", str(SAMPLE), "--store", str(store)],
        env=env,
        check=True,
        capture_output=True,
    )
    shot = work / "dashboard.png"
    commands = {
        "--version": ["--version"],
        "screenshot --view dashboard": [
            "screenshot",
            "--view",
            "dashboard",
            "--out",
            str(shot),
            "--store",
            str(store),
        ],
    }
    source = [sys.executable, "-m", "workbench"]
    print(f"bundle: {args.bundle} ({folder_mib(args.bundle):.0f} MiB)")
    if hasattr(os, "getloadavg"):
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    header = f"{'command':28} {'from':7} {'first wall':>10} {'first cpu':>10}"
    print(f"{header} {'warm wall':>10} {'warm cpu':>9}   (warm = median of {args.runs})")
    for label, words in commands.items():
        for origin, prefix in (("bundle", [str(exe)]), ("source", source)):
            cold = args.cold and drop_caches()
            first_wall, first_cpu = timed(prefix + words, env, work)
            warm = [timed(prefix + words, env, work) for _ in range(args.runs)]
            warm_wall = statistics.median(w for w, _ in warm)
            warm_cpu = statistics.median(c for _, c in warm)
            tag = "  first run after dropping the page cache" if cold else ""
            print(
                f"{label:28} {origin:7} {first_wall:9.2f}s {first_cpu:9.2f}s "
                f"{warm_wall:9.2f}s {warm_cpu:8.2f}s{tag}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
