"""Build the one-folder bundle with PyInstaller and report its time and size.

    python packaging/build.py [--dist DIR] [--work DIR] [--keep-cache] [--archive]

Works the same on Windows (the bank's IT, see packaging/README.md) and Linux
(packaging/build_linux.sh). Defaults: packaging/build/work and packaging/build/dist; the bundle
is DIST/workbench/. ``--archive`` also packs it for machines that take no installer
(Workbench-VERSION-PLATFORM-portable.zip on Windows, .tar.gz keeping Qt's symlinks elsewhere).
Exit status is PyInstaller's. Uses only the standard library, so it runs
from any Python that has the project and PyInstaller installed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
SPEC = PACKAGING / "workbench.spec"


def folder_size(path: Path) -> int:
    """Bytes of every file under ``path``."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def executable(bundle: Path, cli: bool = True) -> Path:
    """The executable to run inside a built ``bundle`` folder (console one on Windows)."""
    if sys.platform == "win32":
        return bundle / ("workbench-cli.exe" if cli else "Workbench.exe")
    return bundle / "workbench"


def build(dist: Path, work: Path, *, clean: bool = True) -> tuple[Path, float]:
    """Run PyInstaller on the spec; returns (bundle folder, seconds). Raises on failure."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    env = dict(os.environ)
    # Build with the same Qt settings the tests use: no display is needed to analyse Qt.
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env)
    return dist / "workbench", time.perf_counter() - started


def archive(bundle: Path) -> Path:
    """Pack ``bundle`` beside itself as a portable archive; returns its path."""
    sys.path.insert(0, str(PACKAGING))
    from version_resource import read_version

    version = read_version(PACKAGING.parent / "workbench")
    system = "windows" if sys.platform == "win32" else sys.platform
    stem = bundle.parent / f"Workbench-{version}-{system}-{platform.machine().lower()}-portable"
    if sys.platform == "win32":
        return Path(shutil.make_archive(str(stem), "zip", bundle.parent, bundle.name))
    target = stem.with_name(stem.name + ".tar.gz")
    with tarfile.open(target, "w:gz") as tar:
        tar.add(bundle, arcname=bundle.name)  # symlinks stay symlinks
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=PACKAGING / "build" / "dist")
    parser.add_argument("--work", type=Path, default=PACKAGING / "build" / "work")
    parser.add_argument(
        "--keep-cache", action="store_true", help="reuse PyInstaller's analysis cache (faster)"
    )
    parser.add_argument(
        "--archive", action="store_true", help="also pack the bundle as a portable archive"
    )
    args = parser.parse_args(argv)
    try:
        bundle, seconds = build(args.dist, args.work, clean=not args.keep_cache)
    except subprocess.CalledProcessError as exc:
        print(f"build failed: PyInstaller exited with {exc.returncode}", file=sys.stderr)
        return exc.returncode or 1
    size_mib = folder_size(bundle) / 2**20
    print(f"bundle: {bundle}")
    print(f"run:    {executable(bundle)}")
    print(f"build time: {seconds:.0f} s; bundle size: {size_mib:.0f} MiB")
    if args.archive:
        packed = archive(bundle)
        print(f"portable archive: {packed} ({packed.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
