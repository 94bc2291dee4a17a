"""A scheduled ``workbench import`` applies the saved mapping profile that fits a file, as the
window does (#14 item 8)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

ODD = ["记录标识", "进线时间", "技能组", "坐席工号", "排队时长(秒)", "是否接通", "通话时长(秒)"]


def write(path: Path, prefix: str, n: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(ODD)
        for i in range(n):
            out.writerow([f"{prefix}{i:05d}", f"2026-10-0{1 + i % 9} 10:{i % 60:02d}:00", "信用卡",
                          "A01", 12, "是", 100])  # fmt: skip
    return path


def cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench", "--lang", "en", *argv],
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_a_plain_import_applies_the_fitting_saved_profile(tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    first = write(tmp_path / "october.csv", "A", 30)
    plain = cli("--store", store, "import", str(first))
    assert plain.returncode == 3  # no profile yet: '记录标识' is not a known id column

    saved = cli("--store", store, "import", str(first), "--kind", "contacts",
                "--map", "contact_id=记录标识", "--save-profile", "branch-A")  # fmt: skip
    assert saved.returncode == 0, saved.stderr

    second = write(tmp_path / "november.csv", "B", 20)
    done = cli("--store", store, "import", str(second))
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert "november.csv: imported" in done.stdout
    assert "mapping profile 'branch-A' applied" in done.stdout
    assert "rows stored: 20" in done.stdout
