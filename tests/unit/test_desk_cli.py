"""A typo on the command line is an error (exit 2), never a window trying to import a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_process(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "workbench", *argv],
        capture_output=True, text=True, timeout=60, env=env, cwd=cwd,
    )  # fmt: skip


def test_unknown_first_word_exits_2_with_a_suggestion(tmp_path: Path) -> None:
    done = run_process("--store", str(tmp_path / "s.duckdb"), "impor", "x.xlsx", cwd=tmp_path)
    assert done.returncode == 2
    assert "unknown command 'impor'" in done.stderr
    assert "did you mean 'import'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "s.duckdb").exists()  # no window, no store


def test_unknown_word_without_close_command_lists_the_commands(tmp_path: Path) -> None:
    done = run_process("zzyzx", "show", cwd=tmp_path)
    assert done.returncode == 2
    assert "unknown command 'zzyzx'" in done.stderr
    assert "export" in done.stderr and "did you mean" not in done.stderr


def test_unknown_command_in_chinese(tmp_path: Path) -> None:
    done = run_process("--lang", "zh_CN", "kpi", cwd=tmp_path)
    assert done.returncode == 2
    assert "未知命令 'kpi'" in done.stderr and "'kpis'" in done.stderr


def test_an_existing_file_still_opens_the_window_path(tmp_path: Path) -> None:
    """An existing file as first word is not a typo: the default command stays ``gui``."""
    from workbench import cli

    (tmp_path / "month.xlsx").write_bytes(b"")
    names = {"import", "kpis", "gui"}
    argv = cli._with_default_command([str(tmp_path / "month.xlsx")], names)
    assert argv == ["gui", str(tmp_path / "month.xlsx")]
