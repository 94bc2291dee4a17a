"""The store's, the target profiles' and the command line's own errors speak the user's language
(issue 16, item 6): real ``workbench --lang zh_CN …`` subprocesses print one Chinese line with
the same exit code as in English, and none of the English sentence."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import i18n
from workbench.domain import Filters
from workbench.errors import DiskFull, UsageError
from workbench.io_safety import disk_error
from workbench.kpi.engine import compute
from workbench.store import Store

_LANGUAGE_VARIABLES = ("WORKBENCH_LANG", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")


def _workbench(tmp_path: Path, *argv: str, lang: str = "zh_CN") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in _LANGUAGE_VARIABLES}
    env.update({"WORKBENCH_STORE": str(tmp_path / "s.duckdb"), "HOME": str(tmp_path)})
    return subprocess.run(
        [sys.executable, "-m", "workbench", "--lang", lang, *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


def _one_line(result: subprocess.CompletedProcess, code: int) -> str:
    assert result.returncode == code, result.stderr
    assert result.stderr.startswith("workbench: ")
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language("en")


def test_a_wrong_target_expression_is_chinese(tmp_path):
    line = _one_line(_workbench(tmp_path, "targets", "set", "service_level", "nonsense"), 2)
    assert "“nonsense”不是 service_level 的有效目标" in line
    assert "可在后面加 ~0.02（预警余量）" in line
    assert "is not a target" not in line and "optionally" not in line
    english = _one_line(
        _workbench(tmp_path, "targets", "set", "service_level", "nonsense", lang="en"), 2
    )
    assert "'nonsense' is not a target for service_level" in english


def test_an_unknown_indicator_is_chinese(tmp_path):
    line = _one_line(_workbench(tmp_path, "targets", "set", "nonsense", ">=0.9"), 2)
    assert "未知指标“nonsense”" in line and "请从以下选择：" in line
    assert "unknown indicator" not in line and "choose one of" not in line


def test_reversed_dates_are_chinese(tmp_path):
    line = _one_line(_workbench(tmp_path, "kpis", "--from", "2026-10-31", "--to", "2026-10-01"), 2)
    assert "--from 2026-10-31" in line and "--to 2026-10-01" in line
    assert "is after" not in line and "swap" not in line


def test_a_wrong_date_is_chinese(tmp_path):
    line = _one_line(_workbench(tmp_path, "kpis", "--from", "31.10.2026"), 2)
    assert "--from：“31.10.2026”不是日期 — 请写成 YYYY-MM-DD" in line
    assert "is not a date" not in line


def test_a_wrong_export_period_is_chinese(tmp_path):
    line = _one_line(_workbench(tmp_path, "export", "--period", "2026-13"), 2)
    assert "--period：“2026-13”不是月份 — 请写成 YYYY-MM" in line
    assert "is not a month" not in line
    line = _one_line(_workbench(tmp_path, "export"), 2)
    assert "要导出哪个期间？" in line and "which period" not in line
    line = _one_line(_workbench(tmp_path, "export", "--period", "2026-10", "--out", "x.csv"), 2)
    assert "扩展名不是 .xlsx" in line and "does not end" not in line


def test_a_file_that_is_not_a_store_is_chinese(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database, just text\n" * 200)
    line = _one_line(_workbench(tmp_path, "--store", str(bad), "store", "info"), 4)
    assert "bad.duckdb: 数据库文件已损坏（" in line
    assert "请用 'workbench store restore' 恢复备份，或选择其他 --store" in line
    assert "the store file is damaged" not in line and "restore a backup" not in line


def test_a_damaged_store_is_chinese(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store.open(path, daily_backup=False):
        pass
    data = bytearray(path.read_bytes())
    data[4096:12288] = b"\xa5" * 8192  # garble the headers DuckDB reads first
    path.write_bytes(bytes(data))
    line = _one_line(_workbench(tmp_path, "store", "info"), 4)
    assert "s.duckdb: 数据库文件已损坏（" in line
    assert "the store file is damaged" not in line and "restore a backup" not in line


def test_a_missing_store_and_no_backup_are_chinese(tmp_path):
    line = _one_line(_workbench(tmp_path, "store", "restore"), 4)
    assert "没有找到备份 — 没有可用于恢复的备份" in line
    assert "no backup found" not in line
    line = _one_line(_workbench(tmp_path, "store", "restore", str(tmp_path / "old.duckdb")), 4)
    assert "old.duckdb: 找不到备份 — 请检查路径" in line


def test_a_wrong_profile_file_is_chinese(tmp_path):
    wrong_op = tmp_path / "op.toml"
    wrong_op.write_text('[targets]\nservice_level = { op = "between", low = 0.9 }\n')
    line = _one_line(_workbench(tmp_path, "targets", "load", str(wrong_op)), 3)
    assert "op.toml: service_level: op 必须是 '>='、'<=' 或 'band'，而不是 'between'" in line
    assert "must be" not in line
    unknown = tmp_path / "unknown.json"
    unknown.write_text('{"targets": {"nonsense": ">=1"}}')
    line = _one_line(_workbench(tmp_path, "targets", "load", str(unknown)), 3)
    assert "unknown.json: 未知指标“nonsense” — 已知指标：" in line
    broken = tmp_path / "broken.toml"
    broken.write_text("[targets\n")
    line = _one_line(_workbench(tmp_path, "targets", "load", str(broken)), 3)
    assert "不是有效的 TOML 文件" in line and "not a valid" not in line


def test_target_summaries_are_chinese(tmp_path):
    result = _workbench(tmp_path, "targets", "show")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("目标配置第 0 版（内置默认值）")
    result = _workbench(tmp_path, "targets", "set", "asa", "<=20")
    assert result.returncode == 0, result.stderr
    result = _workbench(tmp_path, "targets", "history")
    assert result.stdout.startswith("第 1 版"), result.stdout
    result = _workbench(tmp_path, "store", "info")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("结构版本：")


def test_engine_and_disk_errors_are_chinese(chinese, tmp_path):
    with Store.open(tmp_path / "s.duckdb", daily_backup=False) as store:
        with pytest.raises(UsageError) as by:
            compute(store.con, Filters(), by="nonsense")
        assert str(by.value).startswith("无法按“nonsense”分组 — 请从以下选择：")
        filters = Filters(start=_date("2026-10-31"), end=_date("2026-10-01"))
        with pytest.raises(UsageError) as period:
            compute(store.con, filters)
        assert "starts after" not in str(period.value)
    full = disk_error(OSError(errno.ENOSPC, "No space"), tmp_path / "x.xlsx", needed=5_000_000)
    assert isinstance(full, DiskFull)
    assert "无法写入：磁盘已满（需要 5.0 MB，剩余 " in str(full)
    assert "未做任何改动" in str(full) and "nothing was changed" not in str(full)
    denied = disk_error(OSError(errno.EACCES, "denied"), tmp_path / "x.xlsx")
    assert "无法写入：没有此处的写入权限" in str(denied)


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)
