"""The one-folder bundle works on its own: build it with PyInstaller, then drive the BUNDLED
executable headless (``--version``, import of the real sample, ``kpis --json``, export,
screenshot). This is what catches a missing hidden import, Qt plugin or data file.

Slow (a full PyInstaller build): marked ``slow``; packaging/ci_bundle_check.sh runs just this.
Set ``WORKBENCH_BUNDLE=/path/to/dist/workbench`` to test an already-built bundle instead.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
SAMPLE = REPO / "tests" / "data" / "pwc-call-centre-2021q1.xlsx"
RUN_TIMEOUT = 180


def _load(name: str):
    """A script of packaging/ as a module (packaging/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bundle_build = _load("build")
version_resource = _load("version_resource")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built bundle folder (built into tmp unless WORKBENCH_BUNDLE names one)."""
    prebuilt = os.environ.get("WORKBENCH_BUNDLE")
    if prebuilt:
        return Path(prebuilt)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is not installed: pip install -e '.[packaging]'")
    # One build per test session, even when pytest-xdist spreads these tests over workers:
    # the workers share the parent of their temporary folders, and take turns on a lock.
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "bundle-build"
    root.mkdir(exist_ok=True)
    with _exclusive(root / ".lock"):
        done = root / "built.ok"
        if not done.exists():
            _folder, seconds = bundle_build.build(root / "dist", root / "work", clean=True)
            done.write_text(f"{seconds:.1f}\n")
    return root / "dist" / "workbench"


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock`` (POSIX; elsewhere tests run in one process)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder outside the source tree, holding the user folders."""
    return tmp_path_factory.mktemp("sandbox")


def _env(sandbox: Path) -> dict[str, str]:
    """Headless, user folders in tmp, nothing that could lead Python back to the source tree."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "WORKBENCH_STORE")
        and not k.startswith("XDG_")
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    if sys.platform == "win32":  # platformdirs looks at these on Windows
        env["LOCALAPPDATA"] = str(sandbox / "home" / "local")
        env["APPDATA"] = str(sandbox / "home" / "roaming")
        return env
    env["PATH"] = "/usr/bin:/bin"  # no virtualenv's bin/ on the way
    env["HOME"] = str(sandbox / "home")  # DuckDB would put downloaded extensions in ~/.duckdb
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(sandbox / "home" / var.lower())
    env["XDG_RUNTIME_DIR"] = str(sandbox / "runtime")
    (sandbox / "runtime").mkdir(mode=0o700, exist_ok=True)
    return env


def run_bundled(bundle: Path, sandbox: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the bundle's executable with ``args`` from the sandbox folder."""
    exe = bundle_build.executable(bundle)
    result = subprocess.run(
        [str(exe), *args],
        cwd=sandbox,
        env=_env(sandbox),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=RUN_TIMEOUT,
    )
    # Offline laptops: nothing may be fetched at run time (e.g. a DuckDB extension).
    fetched = sandbox / "home" / ".duckdb"
    assert not fetched.exists(), f"{' '.join(args)} downloaded {list(fetched.rglob('*'))}"
    return result


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, (
        f"exit {result.returncode}\nstdout:\n{result.stdout[-3000:]}\nstderr:\n"
        f"{result.stderr[-3000:]}"
    )
    return result


@pytest.fixture(scope="module")
def imported_store(bundle: Path, sandbox: Path) -> Path:
    """A store filled by the bundled ``import`` of the real sample."""
    store = sandbox / "stores" / "bundle.duckdb"
    result = _ok(
        run_bundled(bundle, sandbox, "import", str(SAMPLE), "--store", str(store), "--json")
    )
    report = json.loads(result.stdout)
    (file_report,) = report["files"]
    assert file_report["status"] == "imported", file_report
    assert file_report["kind"] == "contacts"
    assert file_report["rows"] == 5000
    return store


def test_bundle_opens_an_encrypted_store(bundle: Path, sandbox: Path, imported_store: Path) -> None:
    """The bundle carries DuckDB's signed httpfs extension: its store is encrypted at rest, and
    a copy opened without the key home is refused with exit 4 (security/database.py)."""
    from workbench.security.database import is_encrypted

    assert is_encrypted(imported_store)
    assert b"contacts" not in imported_store.read_bytes()
    shipped = list((bundle / "_internal").rglob("httpfs.duckdb_extension"))
    assert len(shipped) == 1
    info = _ok(run_bundled(bundle, sandbox, "store", "--store", str(imported_store), "info"))
    assert "contacts" in info.stdout
    copy = sandbox / "stores" / "copied.duckdb"
    shutil.copy(imported_store, copy)
    env_home = os.environ.get("WORKBENCH_KEY_HOME")
    os.environ["WORKBENCH_KEY_HOME"] = str(sandbox / "no-keys")
    try:
        refused = run_bundled(bundle, sandbox, "store", "--store", str(copy), "info")
    finally:
        os.environ["WORKBENCH_KEY_HOME"] = env_home or ""
    assert refused.returncode == 4, refused.stderr
    assert "workbench keys import FILE" in refused.stderr


def test_bundle_is_self_contained_and_lean(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert bundle_build.executable(bundle).is_file()
    assert sorted(p.name for p in (internal / "workbench" / "store" / "migrations").glob("*.sql"))
    shipped = [
        p.relative_to(REPO / "resources")
        for p in (REPO / "resources").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc", ".ts") and "__pycache__" not in p.parts
    ]
    missing = [str(r) for r in shipped if not (internal / "workbench" / "resources" / r).is_file()]
    assert not missing, f"resources missing from the bundle: {missing}"
    names = {p.name for p in internal.rglob("*")}
    for unwanted in (
        "QtQml",
        "QtQuick",
        "Qt6Qml",
        "Qt6Quick",
        "libQt6Qml",
        "libQt6Quick",
        "_tkinter",
        "pytest",
    ):
        assert not any(n.startswith(unwanted) for n in names), f"{unwanted}* is bundled"
    notices = (internal / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for distribution in ("PySide6_Essentials", "duckdb", "pyarrow", "openpyxl", "pyqtgraph"):
        assert f"\n{distribution} " in notices, f"{distribution} missing from the notices"
    qt_translations = {p.name for p in internal.rglob("qtbase_*.qm")}
    assert qt_translations <= {"qtbase_zh_CN.qm", "qtbase_en.qm"}


def test_version(bundle: Path, sandbox: Path) -> None:
    from workbench import __version__

    result = _ok(run_bundled(bundle, sandbox, "--version"))
    assert result.stdout.strip() == f"workbench {__version__}"


def test_new_store_gets_every_migration(bundle: Path, sandbox: Path) -> None:
    """Migrations are read through importlib.resources: they must be inside the bundle."""
    from workbench.store import latest_version

    store = sandbox / "stores" / "fresh.duckdb"
    result = _ok(run_bundled(bundle, sandbox, "store", "--store", str(store), "--json", "backup"))
    assert store.is_file(), result.stdout
    info = json.loads(
        _ok(run_bundled(bundle, sandbox, "store", "--store", str(store), "--json", "info")).stdout
    )
    assert info["schema_version"] == latest_version()


def test_version_resource_matches_package_version(tmp_path: Path, monkeypatch) -> None:
    """The Windows version resource (written by the spec on Windows) is well-formed here too:
    PyInstaller's own reader loads it and serialises it to the binary resource."""
    from workbench import __version__

    if importlib.util.find_spec("pefile") is None:  # Windows-only dependency of the module;
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))  # unused here
    import PyInstaller.compat

    if not hasattr(PyInstaller.compat, "win32api"):
        monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    from PyInstaller.utils.win32 import versioninfo

    path = version_resource.write_version_file(tmp_path / "v.txt", __version__, "Workbench")
    info = versioninfo.load_version_info_from_text_file(str(path))
    numbers = version_resource.version_tuple(__version__)
    assert info.ffi.fileVersionMS == (numbers[0] << 16) | numbers[1]
    assert info.ffi.fileVersionLS == (numbers[2] << 16) | numbers[3]
    raw = info.toRaw()
    assert "ProductVersion".encode("utf-16-le") in raw
    assert __version__.encode("utf-16-le") in raw
    assert version_resource.version_tuple("1.2.3rc1") == (1, 2, 3, 0)


def test_import_then_kpis_offered(bundle: Path, sandbox: Path, imported_store: Path) -> None:
    result = _ok(run_bundled(bundle, sandbox, "kpis", "--store", str(imported_store), "--json"))
    report = json.loads(result.stdout)
    values = {k["id"]: k for k in report["kpis"]}
    assert values["offered"]["value"] == 5000
    assert values["answer_rate"]["value"] == pytest.approx(4054 / 5000, abs=1e-4)


def test_export_workbook(bundle: Path, sandbox: Path, imported_store: Path) -> None:
    out = sandbox / "exports" / "2021-q1.xlsx"
    out.parent.mkdir(exist_ok=True)
    args = ("--from", "2021-01-01", "--to", "2021-03-31", "--out", str(out), "--json")
    result = _ok(run_bundled(bundle, sandbox, "export", "--store", str(imported_store), *args))
    report = json.loads(result.stdout)
    assert Path(report["path"]) == out
    assert out.is_file()
    import openpyxl

    workbook = openpyxl.load_workbook(out, read_only=True)
    try:
        assert len(workbook.sheetnames) >= 2
        assert workbook.sheetnames == report["sheets"]
    finally:
        workbook.close()
    args = ("verify", str(out), "--store", str(imported_store), "--json")
    verdict = json.loads(_ok(run_bundled(bundle, sandbox, *args)).stdout)
    assert verdict["ok"] is True, verdict


def test_screenshot_dashboard(bundle: Path, sandbox: Path, imported_store: Path) -> None:
    out = sandbox / "shots" / "dashboard.png"
    out.parent.mkdir(exist_ok=True)
    args = ("--view", "dashboard", "--out", str(out), "--size", "1280x800", "--lang", "zh_CN")
    _ok(run_bundled(bundle, sandbox, "screenshot", "--store", str(imported_store), *args))
    _assert_png(out, (1280, 800))
    # The interface's .qm came along: i18n logs a warning when it finds no translation file.
    logs = "".join(p.read_text(encoding="utf-8") for p in (sandbox / "home").rglob("*.log"))
    assert "screenshot" in logs  # the log is where we think it is
    assert "no translation file" not in logs


def test_every_view_renders_from_the_bundle(
    bundle: Path, sandbox: Path, imported_store: Path
) -> None:
    """Views import some modules lazily: render each once so none is missing."""
    from workbench.commands.screenshot import VIEWS

    for view in VIEWS:
        out = sandbox / "shots" / f"{view}.png"
        out.parent.mkdir(exist_ok=True)
        args = ("--view", view, "--out", str(out), "--size", "1024x700", "--lang", "en")
        _ok(run_bundled(bundle, sandbox, "screenshot", "--store", str(imported_store), *args))
        _assert_png(out, (1024, 700))


def _assert_png(path: Path, size: tuple[int, int]) -> None:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == size  # width, height in the IHDR chunk
    assert len(data) > 20_000, f"{path.name} is (nearly) blank"


def test_demo_month_opens_in_the_window(bundle: Path, sandbox: Path) -> None:
    """``workbench --demo`` from the bundle: generates the demo month, imports it, opens the
    window (offscreen) and keeps running until we close it."""
    exe = bundle_build.executable(bundle)
    process = subprocess.Popen(
        [str(exe), "--demo"],
        cwd=sandbox,
        env=_env(sandbox),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    try:
        seen: list[str] = []
        deadline = time.monotonic() + RUN_TIMEOUT
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            if "demo store ready" in line:
                break
        assert any("demo store ready" in line for line in seen), "".join(seen)[-3000:]
        time.sleep(3)  # the window comes up after the store is ready
        assert process.poll() is None, f"exited {process.returncode}: {''.join(seen)[-3000:]}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
