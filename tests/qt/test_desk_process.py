"""The real application in a child process (``run_gui``, its event loop, its exit):
closing during an import and switching the language (#14 items 1 and 2).

Each test starts ``gui_driver.py`` (the real start-up, offscreen) and asserts what a supervisor
would see: the process ends, the store's lock is free, the rows are all there or none are.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from gui_store import CONTACT_HEADERS, contact_rows

from workbench.store import Store

DRIVER = Path(__file__).with_name("gui_driver.py")


def big_csv(path: Path, per_day: int = 2000, days: int = 30) -> Path:
    """A contacts export large enough that closing lands during its import."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(CONTACT_HEADERS)
        for row in contact_rows(per_day=per_day, days=days):
            out.writerow(
                [v.strftime("%Y-%m-%d %H:%M:%S") if hasattr(v, "strftime") else v for v in row]
            )
    return path


def run_driver(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "HOME": str(tmp_path)}  # fmt: skip
    return subprocess.run(
        [sys.executable, str(DRIVER), *args], capture_output=True, text=True, timeout=240,
        env=env, cwd=Path(__file__).parent,
    )  # fmt: skip


def events(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line[6:] for line in done.stdout.splitlines() if line.startswith("EVENT ")]


def contacts_in(path: Path) -> int:
    """Open the store (this fails if a process still holds its lock) and count contacts."""
    with Store.open(path) as store:
        return store.con.execute("SELECT count(*) FROM contacts").fetchone()[0]


def test_closing_during_an_import_and_cancelling_ends_the_process(tmp_path: Path) -> None:
    store = tmp_path / "main.duckdb"
    done = run_driver(tmp_path, "close-cancel", str(store), str(big_csv(tmp_path / "big.csv")))
    seen = events(done)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert any(e.startswith("asked: Workbench is still importing") for e in seen), seen
    assert "answered cancel" in seen and seen[-1] == "exit 0"
    assert contacts_in(store) == 0  # the lock is free and nothing of the file was kept


def test_closing_during_an_import_and_waiting_imports_then_exits(tmp_path: Path) -> None:
    store = tmp_path / "main.duckdb"
    done = run_driver(tmp_path, "close-wait", str(store), str(big_csv(tmp_path / "big.csv")))
    seen = events(done)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert "answered wait" in seen and "close returned, visible=True" in seen
    assert seen[-1] == "exit 0"
    assert contacts_in(store) == 60_000  # the whole file, and the lock is free


def test_switching_the_language_keeps_the_application_running(tmp_path: Path) -> None:
    """Preferences → 简体中文 → OK with the event loop running: the app must not quit."""
    done = run_driver(tmp_path, "language", str(tmp_path / "main.duckdb"))
    seen = events(done)
    # exit 7 comes only from the report 3 s after the switch: the loop was still running
    assert done.returncode == 7, (done.stdout, done.stderr)
    assert "still running: nav=总览 messages=zh_CN" in seen


def test_monthly_file_window_fits_a_laptop_judges_by_the_centre_and_quits_cleanly(
    tmp_path: Path,
) -> None:
    """At 1366×768 the monthly-file window lies wholly on the screen, judges against the
    targets of the open store (not the defaults), and quitting after closing it exits 0."""
    from desk_helpers import contacts_store
    from gui_store import write_contacts

    from workbench.domain import Target
    from workbench.kpi.targets import current_profile, save_profile

    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "files")
    targets = dict(current_profile(store.con).targets)
    targets["answer_rate"] = Target("answer_rate", ">=", 0.5)
    with store.transaction() as con:
        save_profile(con, targets, note="the centre's own")
    store.close()
    monthly = write_contacts(tmp_path / "十月.xlsx", per_day=20, days=3)
    screen = tmp_path / "screen.json"
    laptop = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
    screen.write_text(json.dumps({"screens": [laptop]}))
    env_platform = f"offscreen:configfile={screen}"
    done = subprocess.run(
        [sys.executable, str(DRIVER), "monthly", str(tmp_path / "main.duckdb"), str(monthly)],
        capture_output=True, text=True, timeout=240, cwd=Path(__file__).parent,
        env={**os.environ, "QT_QPA_PLATFORM": env_platform,
             "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": str(tmp_path)},
    )  # fmt: skip
    seen = events(done)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert any(e.startswith("screen 1366x768 ") and e.endswith("inside=True") for e in seen), seen
    assert "monthly target answer_rate >= 0.5" in seen
    assert "already deleted" not in done.stderr


def test_a_second_instance_is_refused_in_a_dialog_with_exit_4(tmp_path: Path) -> None:
    """Another process holds the store: the window asks (read-only copy?) and, declined, says
    why in a dialog — not only on a console nobody sees — and exits 4."""
    path = tmp_path / "main.duckdb"
    with Store.open(path):  # the first instance
        done = run_driver(tmp_path, "second", str(path))
    seen = events(done)
    assert done.returncode == 4, (done.stdout, done.stderr)
    dialogs = [e for e in seen if e.startswith("dialog: ")]
    assert len(dialogs) == 2, seen  # the question, then the refusal
    assert "refused StoreLocked" in seen
