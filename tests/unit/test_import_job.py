"""The import job end to end: real files written here, a real store, rows checked with SQL."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.importing import import_files, run_import
from workbench.importing.options import ImportOptions
from workbench.jobs import profiles
from workbench.store import Store


def make_bomb(path: Path, megabytes: int) -> Path:
    """A zip whose sheet member inflates ~1000x (refused from the central directory alone)."""
    import zipfile

    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return path


def write_xlsx(path: Path, rows: list[list], *, title: str = "Sheet1", merge: str | None = None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8", delimiter: str = ","):
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def one(store: Store, sql: str, params: list | None = None):
    return store.con.execute(sql, params or []).fetchone()


def test_chinese_workbook_with_merged_title_and_totals(store: Store, tmp_path: Path) -> None:
    rows = [
        ["2026年10月 人工话务明细"],
        ["导出时间：2026-11-01 08:00"],
        [],
        ["通话流水号", "进线时间", "技能组", "坐席工号", "排队时长（秒）", "是否接通", "通话时长",
         "满意度", "来电号码"],
        ["A001", dt.datetime(2026, 10, 1, 9, 0, 5), "信用卡", "8001", 12, "是", "0:02:03",
         "满意", "13812345678"],
        ["A002", "2026/10/01 09:05", "信用卡", "8002", 30, "已接通", "125", "非常满意",
         "13912345678"],
        [],
        ["A003", "2026年10月1日 10时5分", "借记卡", None, 80, "否", None, "未评价", "张三"],
        ["合计", None, None, None, 122, None, None, None, None],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "明细.xlsx", rows, title="话单明细", merge="A1:I1")
    result = import_files(store, [path])
    (f,) = result.files
    assert f.status == "imported", f.error
    assert (f.kind, f.sheet, f.rows, f.rejected) == ("contacts", "话单明细", 3, 0)
    assert f.skipped == {"title_rows": 2, "total_rows": 1, "blank_rows": 1}
    assert "contact_id ← '通话流水号'" in f.kind_reason
    assert one(store, "SELECT count(*) FROM contacts") == (3,)
    a1 = one(store, "SELECT started_at, wait_s, answered, talk_s, csat_satisfied, customer_masked "
                    "FROM contacts WHERE contact_id = 'A001'")  # fmt: skip
    assert a1 == (dt.datetime(2026, 10, 1, 9, 0, 5), 12.0, True, 123.0, True, "138****5678")
    a3 = one(store, "SELECT started_at, answered, csat_satisfied, customer_masked "
                    "FROM contacts WHERE contact_id = 'A003'")  # fmt: skip
    assert a3 == (dt.datetime(2026, 10, 1, 10, 5), False, None, "张*")
    # personal data never stored in clear
    dump = str(store.con.execute("SELECT * FROM contacts").fetchall())
    assert "13812345678" not in dump and "张三" not in dump
    record = one(store, "SELECT file_name, kind, sheet, rows, rejected FROM imports")
    assert record == ("明细.xlsx", "contacts", "话单明细", 3, 0)


def test_five_bad_rows_carry_excel_row_numbers(store: Store, tmp_path: Path) -> None:
    rows = [
        ["Call Detail Report"],
        ["Call Id", "Start Time", "Wait Time (s)", "Answered", "Talk Time", "Satisfaction"],
        ["C1", "2026-10-01 09:00", 10, "Y", 60, 5],  # row 3 fine
        ["C2", "yesterday", 10, "Y", 60, 5],  # row 4 bad date
        ["C3", "2026-10-01 09:02", "ten", "Y", 60, 5],  # row 5 text in a number
        ["C4", "2026-10-01 09:03", 10, "maybe", 60, 4],  # row 6 not yes/no
        ["C5", "2026-10-01 09:04", 10, "Y", -60, 4],  # row 7 negative duration
        ["C6", "2026-10-01 09:05", 10, "Y", 60, 3],  # row 8 fine
        ["C1", "2026-10-01 09:06", 10, "Y", 60, 3],  # row 9 duplicate of row 3
        ["C7", "2026-10-01 09:07", "#N/A", "N", 0, None],  # row 10 error text
    ]
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    # 2 of 8 rows could be stored: refused whole, the reasons grouped, nothing kept
    (refused,) = import_files(store, [path]).files
    assert refused.status == "rejected" and refused.rejected == 6
    assert "only 2 of 8 rows could be stored" in refused.error
    assert "--accept-partial" in refused.error
    assert store.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
    assert sum(g.rows for g in refused.reasons) == 6
    (f,) = import_files(store, [path], options=ImportOptions(accept_partial=True)).files
    assert f.status == "imported"
    assert f.rows == 2 and f.rejected == 6
    found = {(r.row, r.column): r.reason for r in f.rejects}
    assert set(found) == {
        (4, "Start Time"),
        (5, "Wait Time (s)"),
        (6, "Answered"),
        (7, "Talk Time"),
        (9, "Call Id"),
        (10, "Wait Time (s)"),
    }
    assert "not a date" in found[(4, "Start Time")]
    assert "negative duration" in found[(7, "Talk Time")]
    assert "also on row 3" in found[(9, "Call Id")]
    assert "#N/A" in found[(10, "Wait Time (s)")]
    assert all(r.sheet == "Sheet1" for r in f.rejects)
    stored = store.con.execute(
        "SELECT row_number, column_name FROM rejects ORDER BY row_number"
    ).fetchall()
    assert [r[0] for r in stored] == [4, 5, 6, 7, 9, 10]
    assert sorted(
        r[0] for r in store.con.execute("SELECT contact_id FROM contacts").fetchall()
    ) == [
        "C1",
        "C6",
    ]


def test_strict_rejects_the_whole_file(store: Store, tmp_path: Path) -> None:
    rows = [
        ["Call Id", "Start Time", "Answered"],
        ["C1", "2026-10-01 09:00", "Y"],
        ["C2", "2026-13-01 09:00", "Y"],
    ]
    path = write_xlsx(tmp_path / "s.xlsx", rows)
    (f,) = import_files(store, [path], strict=True).files
    assert f.status == "rejected" and "--strict" in f.error
    assert f.rejected == 1 and f.rejects[0].row == 3
    assert store.row_counts()["contacts"] == 0 and store.row_counts()["imports"] == 0
    assert store.row_counts()["rejects"] == 0
    (again,) = import_files(store, [path]).files
    assert again.status == "imported" and again.rows == 1


def test_same_file_twice_is_a_duplicate(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [["Call Id", "Start Time"], ["C1", "2026-10-01"]])
    first, second = import_files(store, [path, path]).files
    assert first.status == "imported" and second.status == "duplicate"
    assert second.import_id == first.import_id
    assert store.row_counts()["imports"] == 1 and store.row_counts()["contacts"] == 1


def test_overlapping_xlsx_then_csv_skips_rows_already_present(store: Store, tmp_path: Path) -> None:
    header = ["Call Id", "Start Time", "Answered", "Talk Time"]
    first = [[f"C{i}", f"2026-10-01 09:{i:02d}:00", "Y", 60] for i in range(10)]
    later = [[f"C{i}", f"2026-10-01 09:{i:02d}:00", "Y", "0:01:00"] for i in range(5, 15)]
    xlsx = write_xlsx(tmp_path / "week1.xlsx", [header, *first])
    text = write_csv(tmp_path / "week2.csv", [header, *later])
    a, b = import_files(store, [xlsx, text]).files
    assert (a.status, a.rows) == ("imported", 10)
    assert (b.status, b.rows, b.skipped.get("already_present")) == ("imported", 5, 5)
    assert one(store, "SELECT count(*), count(DISTINCT contact_id) FROM contacts") == (15, 15)


def test_gbk_csv_with_minutes(store: Store, tmp_path: Path) -> None:
    rows = [
        ["流水号", "开始时间", "坐席姓名", "等待时长(秒)", "是否接通", "通话时长(分钟)"],
        ["B1", "2026-10-02 08:00:00", "李四", "10", "是", "2.5"],
        ["B2", "2026-10-02 08:01:00", "王五", "7", "否", "0"],
    ]
    path = write_csv(tmp_path / "gbk.csv", rows, encoding="gbk")
    (f,) = import_files(store, [path]).files
    assert f.status == "imported" and f.rows == 2
    assert store.con.execute(
        "SELECT agent_name, talk_s, answered FROM contacts ORDER BY contact_id"
    ).fetchall() == [("李四", 150.0, True), ("王五", 0.0, False)]


def test_utf16_tab_interval_summary(store: Store, tmp_path: Path) -> None:
    lines = [
        "ACD Split Summary",
        "Date\tSplit\tCalls Offered\tACD Calls\tAband Calls\tService Level (30 Seconds)\tASA"
        "\tTalk Duration (AVG)\tWaiting Time (AVG)",
        "10/01/2026\t信用卡\t100\t90\t10\t85.5%\t0:00:15\t0:05:00\t12",
        "10/02/2026\t信用卡\t120\t100\t20\t80%\t20\t310\t14",
        "Total\t\t220\t190\t30\t\t\t\t",
    ]
    path = tmp_path / "split.txt"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-16")
    (f,) = import_files(store, [path]).files
    assert f.status == "imported", f.error
    assert (f.kind, f.rows, f.skipped["title_rows"], f.skipped["total_rows"]) == (
        "intervals", 2, 1, 1,
    )  # fmt: skip
    rows = store.con.execute(
        "SELECT period_start, queue, offered, answered, abandoned, answered_in_sl, "
        "sl_threshold_s, answer_wait_sum_s, handle_sum_s, talk_sum_s, queue_wait_sum_s "
        "FROM intervals ORDER BY period_start"
    ).fetchall()
    assert rows[0] == (
        # no AHT column: talk time is kept as talk, never as handle time
        dt.datetime(2026, 10, 1), "信用卡", 100, 90, 10, 86, 30, 1350.0, None, 27000.0, 1200.0,
    )  # fmt: skip
    assert rows[1][5] == 96 and rows[1][7] == 2000.0
    assert "read as a percentage of offered, threshold 30 s" in f.kind_reason


def test_interval_service_level_as_count_and_fraction(store: Store, tmp_path: Path) -> None:
    rows = [
        ["日期", "技能组", "呼入量", "接通量", "20秒接通量", "平均应答速度"],
        ["2026-10-01", "A", 100, 90, 80, 12],
        ["2026-10-02", "A", 50, 50, 45, 10],
    ]
    path = write_xlsx(tmp_path / "iv.xlsx", rows)
    (f,) = import_files(store, [path]).files
    assert f.kind == "intervals" and f.rows == 2
    got = store.con.execute(
        "SELECT answered_in_sl, sl_threshold_s FROM intervals ORDER BY period_start"
    ).fetchall()
    assert got == [(80, 20), (45, 20)]
    rows = [
        ["Date", "Queue", "Offered", "Answered", "Service Level"],
        ["2026-10-03", "B", 200, 150, 0.94],
        ["2026-10-04", "B", 100, 100, 0.5],
    ]
    path = write_xlsx(tmp_path / "iv2.xlsx", rows)
    (f,) = import_files(store, [path]).files
    assert f.rows == 2
    got = store.con.execute(
        "SELECT answered_in_sl FROM intervals WHERE queue = 'B' ORDER BY period_start"
    ).fetchall()
    assert got == [(188,), (50,)]


def test_answered_more_than_offered_is_rejected(store: Store, tmp_path: Path) -> None:
    rows = [["Date", "Offered", "Answered"], ["2026-10-01", 10, 11], ["2026-10-02", 10, 9]]
    (f,) = import_files(store, [write_xlsx(tmp_path / "x.xlsx", rows)]).files
    assert f.rows == 1 and f.rejects[0].row == 2 and "exceeds" in f.rejects[0].reason


def test_html_xls_bot_sessions(store: Store, tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="utf-8"></head><body><table>'
        "<tr><th colspan=7>智能客服会话明细</th></tr>"
        "<tr><td>会话ID</td><td>会话开始时间</td><td>接入渠道</td><td>用户问题数</td>"
        "<td>识别问题数</td><td>是否转人工</td><td>评价</td></tr>"
        "<tr><td>S1</td><td>2026-10-01 10:00</td><td>手机银行</td><td>3</td><td>2</td>"
        "<td>否</td><td>Very satisfied</td></tr>"
        "<tr><td>S2</td><td>2026-10-01 10:05</td><td>微信银行</td><td>2</td><td>2</td>"
        "<td>是</td><td>非常不满意</td></tr>"
        "</table></body></html>"
    )
    path = tmp_path / "bot.xls"
    path.write_text(html, encoding="utf-8")
    (f,) = import_files(store, [path]).files
    assert f.status == "imported", f.error
    assert (f.kind, f.rows, f.skipped["title_rows"]) == ("bot_sessions", 2, 1)
    assert store.con.execute(
        "SELECT session_id, channel, questions, recognized, transferred, rating_satisfied "
        "FROM bot_sessions ORDER BY session_id"
    ).fetchall() == [("S1", "手机银行", 3, 2, False, True), ("S2", "微信银行", 2, 2, True, False)]


def test_every_value_form(store: Store, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Call Id", "Date", "Time", "Wait", "Talk Time (min)", "Hold", "ACW", "Answered",
               "Resolved", "Transferred", "CSAT"])  # fmt: skip
    forms = [
        # Excel date cell + Excel time cell; durations as numbers, Excel time, text
        ["V1", dt.date(2026, 10, 1), dt.time(9, 12, 58), 15, 2, dt.time(0, 1, 5), "0:30",
         "Y", "是", "TRUE", 5],
        # serial number date, text time; h:mm:ss and mm:ss text
        ["V2", 46296, "14:05", "0:00:20", 1.5, "01:02:03", "1:30", "yes", "已解决", 0, 4],
        # Chinese text date; time as fraction of a day
        ["V3", "2026年10月3日", 0.5, "20", "3", 0, 0, "N", "否", "未转接", 3],
        # English text date
        ["V4", "4 Oct 2026", "8:00 PM", 7, 0, None, None, "No", "未解决", "FALSE", 1],
    ]  # fmt: skip
    for row in forms:
        ws.append(row)
    ws["F2"].number_format = "hh:mm:ss"
    ws["C2"].number_format = "hh:mm:ss"
    path = tmp_path / "forms.xlsx"
    wb.save(path)
    (f,) = import_files(store, [path]).files
    assert f.status == "imported" and f.rejected == 0, f.rejects
    got = store.con.execute(
        "SELECT contact_id, started_at, wait_s, talk_s, hold_s, acw_s, answered, resolved, "
        "transferred, csat_score, csat_scale, csat_satisfied FROM contacts ORDER BY contact_id"
    ).fetchall()
    assert got == [
        ("V1", dt.datetime(2026, 10, 1, 9, 12, 58), 15.0, 120.0, 65.0, 30.0, True, True, True,
         5.0, 5, True),
        ("V2", dt.datetime(2026, 10, 1, 14, 5), 20.0, 90.0, 3723.0, 90.0, True, True, False,
         4.0, 5, True),
        ("V3", dt.datetime(2026, 10, 3, 12, 0), 20.0, 180.0, 0.0, 0.0, False, False, False,
         3.0, 5, False),
        ("V4", dt.datetime(2026, 10, 4, 20, 0), 7.0, 0.0, None, None, False, False, False,
         1.0, 5, False),
    ]  # fmt: skip


def test_ten_point_satisfaction_and_derived_answered(store: Store, tmp_path: Path) -> None:
    rows = [["Call Id", "Start Time", "Agent", "Talk", "满意度"]]
    rows += [["T1", "2026-10-01 09:00", "Ann", 30, 9], ["T2", "2026-10-01 09:01", None, 0, 8]]
    rows += [["T3", "2026-10-01 09:02", None, None, None]]
    (f,) = import_files(store, [write_xlsx(tmp_path / "t.xlsx", rows)]).files
    assert f.rows == 3
    assert store.con.execute(
        "SELECT answered, csat_scale, csat_satisfied FROM contacts ORDER BY contact_id"
    ).fetchall() == [(True, 10, True), (False, 10, False), (False, None, None)]


def test_campaigns_quality_and_agent_states(store: Store, tmp_path: Path) -> None:
    campaigns = [
        ["活动编号", "活动名称", "客户号", "外呼时间", "是否接通", "是否成交", "产品",
         "成交金额(元)"],
        ["K1", "理财推荐", "C000123456", "2026-10-01 10:00", "是", "是", "理财A", "¥12,000.50"],
        ["K1", "理财推荐", "C000999999", "2026-10-01 10:05", "否", "否", None, None],
    ]  # fmt: skip
    quality = [
        ["坐席工号", "质检时间", "通话流水号", "质检得分", "致命错误"],
        ["8001", "2026-10-02", "A1", 95, "否"],
        ["8002", "2026-10-02", "A2", 130, "否"],
    ]
    states = [
        ["坐席工号", "坐席姓名", "日期", "签入时长", "示闲时长", "通话时长", "示忙时长"],
        ["8001", "张三", "2026-10-01", "8:00:00", "1:00:00", "5:00:00", "0:30:00"],
    ]
    result = import_files(
        store,
        [
            write_xlsx(tmp_path / "c.xlsx", campaigns),
            write_xlsx(tmp_path / "q.xlsx", quality),
            write_xlsx(tmp_path / "a.xlsx", states),
        ],
    )
    kinds = [(f.kind, f.rows, f.rejected) for f in result.files]
    assert kinds == [("campaigns", 2, 0), ("quality", 1, 1), ("agent_states", 1, 0)]
    assert "outside 0–100" in result.files[1].rejects[0].reason
    row = one(store, "SELECT customer_masked, reached, converted, amount FROM campaigns "
                     "WHERE product = '理财A'")  # fmt: skip
    assert row[0] == "C0******56" and row[1:3] == (True, True) and float(row[3]) == 12000.5
    assert one(store, "SELECT logged_in_s, available_s, talk_s, not_ready_s FROM agent_states") == (
        28800.0, 3600.0, 18000.0, 1800.0,
    )  # fmt: skip


def test_missing_required_fields_are_named(store: Store, tmp_path: Path) -> None:
    rows = [["Ticket", "Begin", "Answered"], ["1", "2026-10-01", "Y"]]
    path = write_xlsx(tmp_path / "m.xlsx", rows)
    (f,) = import_files(store, [path], kind="contacts").files
    assert f.status == "rejected"
    assert "contact_id" in f.error and "started_at" in f.error and "Ticket" in f.error
    assert store.row_counts()["imports"] == 0


def test_map_and_profile(store: Store, tmp_path: Path) -> None:
    rows = [["编号", "时刻", "结果"], ["1", "2026-10-01 09:00", "Y"]]
    first = write_xlsx(tmp_path / "m1.xlsx", rows)
    mapping = {"contact_id": "编号", "started_at": "时刻", "answered": "结果"}
    (f,) = import_files(store, [first], mapping=mapping, save_profile="vendor-x").files
    assert f.status == "imported" and f.kind == "contacts" and f.rows == 1
    saved = profiles.load_profile(store.con, "vendor-x")
    assert saved.kind == "contacts" and saved.mapping == mapping
    assert [p.name for p in profiles.list_profiles(store.con)] == ["vendor-x"]
    second = write_xlsx(tmp_path / "m2.xlsx", [rows[0], ["2", "2026-10-02 09:00", "N"]])
    (g,) = import_files(store, [second], profile="vendor-x").files
    assert g.status == "imported" and g.rows == 1
    (h,) = import_files(store, [write_xlsx(tmp_path / "m3.xlsx", [["x", "y"], [1, 2]])],
                        mapping={"contact_id": "nope"}).files  # fmt: skip
    assert h.status == "rejected" and "no column 'nope'" in h.error


def test_bad_files_are_rejected_and_store_untouched(store: Store, tmp_path: Path) -> None:
    bomb = make_bomb(tmp_path / "bomb.xlsx", megabytes=100)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(os.urandom(5000))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = import_files(store, [bomb, junk, empty, tmp_path / "missing.xlsx"])
    assert [f.status for f in result.files] == ["rejected"] * 4
    assert "decompression bomb" in result.files[0].error
    assert all(str(f.path) in f.error for f in result.files)
    assert store.row_counts()["imports"] == 0


def test_closing_the_generator_rolls_the_file_back(store: Store, tmp_path: Path) -> None:
    rows = [["Call Id", "Start Time"]] + [[f"C{i}", "2026-10-01"] for i in range(50)]
    path = write_xlsx(tmp_path / "g.xlsx", rows)
    job = run_import(store, [path])
    messages = []
    for progress in job:
        messages.append(progress.message)
        if progress.message.startswith("storing"):
            break  # rows are inserted, the transaction is still open
    job.close()
    assert any(m.startswith("storing") for m in messages)
    assert store.row_counts()["contacts"] == 0
    assert store.row_counts()["imports"] == 0
    (f,) = import_files(store, [path]).files
    assert f.status == "imported" and f.rows == 50


_KILL_CHILD = textwrap.dedent(
    """
    import sys, time
    from workbench.store import Store
    from workbench.importing import run_import
    store = Store.open(sys.argv[1])
    for progress in run_import(store, [sys.argv[2]]):
        if progress.message.startswith("storing"):
            print("INSIDE", flush=True)
            time.sleep(60)
    """
)


def test_killed_mid_import_leaves_nothing(store_path: Path, tmp_path: Path) -> None:
    rows = [["Call Id", "Start Time", "Answered"]]
    rows += [[f"C{i}", "2026-10-01 09:00", "Y"] for i in range(2000)]
    path = write_xlsx(tmp_path / "k.xlsx", rows)
    Store.open(store_path).close()
    child = subprocess.Popen(
        [sys.executable, "-c", _KILL_CHILD, str(store_path), str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "INSIDE"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while True:
        try:
            reopened = Store.open(store_path)
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    with reopened:
        counts = reopened.row_counts()
        assert counts["contacts"] == 0 and counts["imports"] == 0 and counts["rejects"] == 0
        (f,) = import_files(reopened, [path]).files
        assert f.status == "imported" and f.rows == 2000


def test_interval_rows_with_a_time_range_column(store: Store, tmp_path: Path) -> None:
    rows = [
        ["统计日期", "时段", "技能组", "人工请求量", "人工接通量", "放弃量", "平均处理时长"],
        ["2026-10-01", "09:00-09:30", "信用卡", 40, 38, 2, "0:04:00"],
        ["2026-10-01", "09:30-10:00", "信用卡", 50, 45, 5, "0:05:00"],
        ["2026-10-01", "09:30-10:00", "信用卡", 50, 45, 5, "0:05:00"],
    ]
    (f,) = import_files(store, [write_xlsx(tmp_path / "half-hours.xlsx", rows)]).files
    assert (f.kind, f.rows, f.rejected) == ("intervals", 2, 1)
    assert "duplicate key" in f.rejects[0].reason and f.rejects[0].row == 4
    got = store.con.execute(
        "SELECT period_start, abandoned, handle_sum_s FROM intervals ORDER BY period_start"
    ).fetchall()
    assert got == [
        (dt.datetime(2026, 10, 1, 9, 0), 2, 240.0 * 38),
        (dt.datetime(2026, 10, 1, 9, 30), 5, 300.0 * 45),
    ]


def test_overlapping_interval_file_skips_present_rows(store: Store, tmp_path: Path) -> None:
    head = ["Date", "Queue", "Offered", "Answered"]
    a = write_xlsx(tmp_path / "a.xlsx", [head, ["2026-10-01", "Q", 10, 9]])
    b = write_xlsx(
        tmp_path / "b.xlsx", [head, ["2026-10-01", "Q", 10, 9], ["2026-10-02", None, 5, 5]]
    )
    first, second = import_files(store, [a, b]).files
    assert first.rows == 1 and second.rows == 1 and second.skipped["already_present"] == 1
    c = write_xlsx(tmp_path / "c.xlsx", [head, ["2026-10-02", None, 5, 5]])
    (third,) = import_files(store, [c]).files
    assert third.rows == 0 and third.skipped["already_present"] == 1


def test_csv_with_error_text_and_semicolons(store: Store, tmp_path: Path) -> None:
    rows = [
        ["Contact ID", "Offered Time", "Queue Time", "Answered"],
        ["X1", "01/10/2026 09:00", "12", "Yes"],
        ["X2", "13/10/2026 09:00", "#N/A", "Yes"],
        ["X3", "14/10/2026 09:00", " 7 ", "No"],
    ]
    path = write_csv(tmp_path / "semi.csv", rows, delimiter=";")
    (f,) = import_files(store, [path]).files
    assert f.rows == 2 and [(r.row, r.column) for r in f.rejects] == [(3, "Queue Time")]
    assert store.con.execute(
        "SELECT contact_id, started_at, wait_s FROM contacts ORDER BY contact_id"
    ).fetchall() == [
        ("X1", dt.datetime(2026, 10, 1, 9, 0), 12.0),  # day first: the column has 13/10 and 14/10
        ("X3", dt.datetime(2026, 10, 14, 9, 0), 7.0),
    ]


AGREEING_STAMPS = [
    "2026-10-01 09:00:05", "2026-10-01", "2026-10-1 9:00:05", "2026/10/01 09:00",
    "45931.375", "2026-10-01T09:00:05", "2026-10-01 09:00:05.123", "2026-10-01 09:00:05+08:00",
    "10/02/2026 09:00", "2026.10.03", "20261004", "2026年10月5日 8时", "5 Oct 2026 10:00",
    "2026-10-06 9:5:7", "2026-10-07 24:00:00", "2026-02-30", "1899-12-31 09:00:00", "45931",
]  # fmt: skip
AGREEING_SECONDS = [
    "12", "12.5", " 7 ", "1e2", "0:01:05", "1:05", "1899-12-31 00:02:23", "1900-01-01 01:00:00",
    "-3", "1分5秒", "abc", "inf", "NaN", "1,200",
]  # fmt: skip


def test_bulk_sql_and_python_parsers_agree(store: Store, tmp_path: Path) -> None:
    """Every value stored through the SQL fast path equals what the Python parser gives."""
    from workbench.readers import values as V

    rows = [["Call Id", "Start Time", "Wait"]]
    count = max(len(AGREEING_STAMPS), len(AGREEING_SECONDS))
    for i in range(count):
        stamp = AGREEING_STAMPS[i % len(AGREEING_STAMPS)]
        wait = AGREEING_SECONDS[i % len(AGREEING_SECONDS)]
        rows.append([f"A{i}", stamp, wait])
    (f,) = import_files(store, [write_csv(tmp_path / "agree.csv", rows)]).files
    stored = dict(
        store.con.execute("SELECT contact_id, (started_at, wait_s) FROM contacts").fetchall()
    )
    rejected = {r.row for r in f.rejects}
    for i in range(count):
        stamp = AGREEING_STAMPS[i % len(AGREEING_STAMPS)]
        wait = AGREEING_SECONDS[i % len(AGREEING_SECONDS)]
        try:
            expected = (V.parse_timestamp(stamp), V.parse_duration(wait))
            if expected[1] < 0:
                raise V.BadValue("negative")
        except V.BadValue:
            assert i + 2 in rejected, (stamp, wait, stored.get(f"A{i}"))
            continue
        got = stored[f"A{i}"]
        assert tuple(got) == expected, (stamp, wait)


_stampish = st.one_of(
    st.from_regex(
        r"20[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}( [0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?)?",
        fullmatch=True,
    ),
    st.from_regex(r"[0-9]{1,2}/[0-9]{1,2}/20[0-9]{2}( [0-9]{1,2}:[0-9]{2})?", fullmatch=True),
    st.floats(min_value=-10, max_value=80000).map(lambda x: f"{x:.4f}"),
    st.text(alphabet="0123456789-/: T.", max_size=20),
)
_durationish = st.one_of(
    st.from_regex(r"-?[0-9]{1,3}(:[0-9]{1,2}){1,2}(\.[0-9]{1,3})?", fullmatch=True),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.from_regex(r"1899-12-3[01] [0-9]{2}:[0-9]{2}:[0-9]{2}", fullmatch=True),
    st.text(alphabet="0123456789.:-e ", max_size=12),
)


def _day_fractions(texts: list[str]) -> bool:
    """Whether the importer reads the column's numbers as Excel day fractions: its largest
    number is below 1 and some number is fractional (``plans._seconds_plan``)."""
    import duckdb

    top, fractional = (
        duckdb.connect()
        .execute(
            "SELECT max(n), count(*) FILTER (WHERE n <> round(n)) FROM (SELECT "
            "TRY_CAST(nullif(trim(t), '') AS DOUBLE) AS n FROM unnest(?::VARCHAR[]) u(t))",
            [texts],
        )
        .fetchone()
    )
    return top is not None and 0 < top < 1 and fractional > 0


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(_stampish, _durationish), min_size=30, max_size=30))
@example(pairs=[("7/30/2063", "0.7198"), ("2063/8/5", "0.0")] + [("2026/10/1", "")] * 28)
def test_bulk_and_python_paths_agree_on_generated_cells(tmp_path_factory, pairs) -> None:
    """Property: whatever the text, the stored value is the Python parser's (or a reject)."""
    from workbench.readers import values as V

    folder = tmp_path_factory.mktemp("agree")
    rows = [["Call Id", "Start Time", "Wait"]]
    rows += [[f"G{i}", stamp, wait] for i, (stamp, wait) in enumerate(pairs)]
    with Store.open(folder / "s.duckdb") as store:
        (f,) = import_files(
            store,
            [write_csv(folder / "g.csv", rows)],
            options=ImportOptions(accept_partial=True),
        ).files
        stored = dict(
            store.con.execute("SELECT contact_id, (started_at, wait_s) FROM contacts").fetchall()
        )
    rejected = {r.row for r in f.rejects}
    # the column reads d/m/y when some slashed date there starts above 12 (as the importer does)
    dayfirst = any(re.match(r"\s*(1[3-9]|2\d|3[01])[/.-]\d{1,2}[/.-]\d{4}", s) for s, _ in pairs)
    day_fraction = _day_fractions([w for _, w in pairs])
    for i, (stamp, wait) in enumerate(pairs):
        if not stamp.strip():
            assert i + 2 in rejected  # a required cell is missing
            continue
        try:
            expected_stamp = V.parse_timestamp(stamp, dayfirst=dayfirst)
            if not (V.EARLIEST <= expected_stamp < V.LATEST):
                raise V.BadValue("range")
            expected_wait = (
                V.parse_duration(wait, day_fraction=day_fraction) if wait.strip() else None
            )
            if expected_wait is not None and expected_wait < 0:
                raise V.BadValue("negative")
        except V.BadValue:
            assert i + 2 in rejected, (stamp, wait, stored.get(f"G{i}"))
            continue
        assert i + 2 not in rejected, (stamp, wait, f.rejects)
        got_stamp, got_wait = stored[f"G{i}"]
        assert got_stamp == expected_stamp, (stamp, got_stamp)
        if expected_wait is None:
            assert got_wait is None
        else:
            assert got_wait == pytest.approx(expected_wait, rel=1e-9, abs=1e-6), (wait, got_wait)
