"""``workbench --lang zh_CN import empty.xlsx``: one Chinese line on stderr, exit 3 (#16)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

CJK = re.compile(r"[\u4e00-\u9fff]")


def _run(tmp_path: Path, name: str) -> subprocess.CompletedProcess[str]:
    store = tmp_path / "s.duckdb"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "--lang",
            "zh_CN",
            "import",
            name,
            "--store",
            str(store),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )


@pytest.mark.parametrize("headers", [["流水号", "进线时间", "技能组", "是否接通"], None])
def test_empty_workbook_gets_one_chinese_line(tmp_path: Path, headers: list[str] | None) -> None:
    wb = Workbook()
    if headers:
        wb.active.append(headers)  # a header row and not one row below it
    wb.save(tmp_path / "empty.xlsx")
    done = _run(tmp_path, "empty.xlsx")
    assert done.returncode == 3, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    (line,) = lines
    assert line.startswith("workbench: empty.xlsx")
    assert CJK.search(line), line
    words = re.findall(r"[A-Za-z]{4,}", line.replace("workbench", "").replace("empty.xlsx", ""))
    assert words in ([], ["Sheet"]), line  # the sheet's own name is allowed
