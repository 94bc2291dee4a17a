"""Platform exports (``workbench.formats``): each sample imports with no flags and stores the
figures computed by hand from the file (arithmetic beside each assert)."""

from __future__ import annotations

from pathlib import Path

import pytest
from platform_figures import contact_figures, import_file, interval_figures

DATA = Path(__file__).parents[1] / "data" / "platforms"


def test_asterisk_queue_log_pipe_text(store_path, capsys) -> None:
    result = import_file(DATA / "asterisk_queue_log.txt", store_path, capsys)
    assert result["kind"] == "contacts"
    assert "Asterisk queue_log" in result["kind_reason"]
    assert "1 calls were still waiting" in result["kind_reason"]  # callid …1300.13
    # calls .1 .5 .9 .11 connected (holdtime 20, 10, 30, 6); .3 ABANDON, .7 EXITWITHTIMEOUT;
    # .13 still waiting at the end: not stored → offered 6, answered 4, abandoned 2,
    # ASA (20 + 10 + 30 + 6) / 4 = 16.5
    assert contact_figures(store_path) == (6, 4, 2, pytest.approx(16.5))


def test_asterisk_queue_log_table_export(tmp_path, store_path, capsys) -> None:
    """The database table (Wazo/realtime) exported as CSV with a header, time as date-time."""
    sample = tmp_path / "queue_log_table.csv"
    sample.write_text(
        "time,callid,queuename,agent,event,data1,data2,data3,data4,data5\n"
        "2026-10-01 09:00:00.123456,1.1,q1,NONE,ENTERQUEUE,,1380013800,1,,\n"
        "2026-10-01 09:00:12.000000,1.1,q1,Agent/3001,CONNECT,12,1.2,3,,\n"
        "2026-10-01 09:03:12.000000,1.1,q1,Agent/3001,COMPLETEAGENT,12,180,1,,\n"
        "2026-10-01 09:05:00.000000,1.3,q1,NONE,ENTERQUEUE,,1390013900,1,,\n"
        "2026-10-01 09:05:40.000000,1.3,q1,NONE,ABANDON,1,1,40,,\n"
        "2026-10-01 09:06:00.000000,1.4,q1,NONE,ENTERQUEUE,,1370013700,1,,\n"
        "2026-10-01 09:06:30.000000,1.4,q1,NONE,EXITEMPTY,1,1,30,,\n"
    )
    result = import_file(sample, store_path, capsys)
    assert "Asterisk queue_log" in result["kind_reason"]
    # 1.1 answered (hold 12, talk 180); 1.3 abandoned; 1.4 left empty → 3, 1, 2, ASA 12
    assert contact_figures(store_path) == (3, 1, 2, pytest.approx(12.0))


def test_asterisk_master_csv_headerless_legacy_code_page(store_path, capsys) -> None:
    raw = (DATA / "asterisk_Master.csv").read_bytes()
    assert b"M\xfcller" in raw  # a Latin-1 caller name: the file must still import
    result = import_file(DATA / "asterisk_Master.csv", store_path, capsys)
    assert "Master.csv" in result["kind_reason"]
    # 6 legs, linkedid groups: …400.1 (2 legs, ANSWERED to SIP/2001 at 09:00:25 after a start
    # at 09:00:00 = wait 25), …000.4 NO ANSWER, …600.6 BUSY, …200.8 ANSWERED (09:30:08 −
    # 09:30:00 = 8), …800.10 answered by Playback only, rang no one: left out →
    # offered 4, answered 2, abandoned 2, ASA (25 + 8) / 2 = 16.5
    assert "1 calls that rang no one" in result["kind_reason"]
    assert contact_figures(store_path) == (4, 2, 2, pytest.approx(16.5))


def test_freepbx_cdr_with_header_and_null(store_path, capsys) -> None:
    result = import_file(DATA / "freepbx_cdr.csv", store_path, capsys)
    assert "FreePBX" in result["kind_reason"] and "NULL" in result["kind_reason"]
    assert result["rejected"] == 0
    # linkedid …400.1: ANSWERED leg 100 − 88 = 12 (its NO ANSWER leg is the same contact);
    # …700.3 NO ANSWER; …000.5 ANSWERED 50 − 47 = 3 → 3, 2, 1, ASA (12 + 3) / 2 = 7.5
    assert contact_figures(store_path) == (3, 2, 1, pytest.approx(7.5))


def test_avaya_cms_split_skill_interval(store_path, capsys) -> None:
    result = import_file(DATA / "avaya_cms_split_interval.txt", store_path, capsys)
    assert result["kind"] == "intervals" and "Avaya CMS" in result["kind_reason"]
    # offered = ACD + Aband: (20 + 2) + (30 + 5) + (10 + 0) = 67; answered 60; abandoned 7;
    # ASA (20×15 + 30×25 + 10×5) / 60 = 1100 / 60; the Totals row is not stored
    assert interval_figures(store_path) == (67, 60, 7, pytest.approx(1100 / 60))


def test_cisco_uccx_csq_activity(store_path, capsys) -> None:
    result = import_file(DATA / "cisco_uccx_csq_activity.csv", store_path, capsys)
    assert result["kind"] == "intervals" and "Cisco" in result["kind_reason"]
    # presented 1200 + 300; handled 1100 + 260; abandoned 90 + 35;
    # ASA (1100×20 + 260×35) / 1360 = 31100 / 1360
    assert interval_figures(store_path) == (1500, 1360, 125, pytest.approx(31100 / 1360))


def test_five9_call_log(store_path, capsys) -> None:
    result = import_file(DATA / "five9_call_log.csv", store_path, capsys)
    assert "Five9" in result["kind_reason"]
    # 6 rows: 1 outbound and 1 IVR-only call left out; 3 answered (waits 12, 30, 6) and
    # 1 abandoned → 4, 3, 1, ASA (12 + 30 + 6) / 3 = 16
    assert contact_figures(store_path) == (4, 3, 1, pytest.approx(16.0))


def test_tinet_inbound_cdr(store_path, capsys) -> None:
    result = import_file(DATA / "tinet_cdr_ib.csv", store_path, capsys)
    assert "天润融通" in result["kind_reason"]
    # status 1, 2, 3, 1, 12: offered to agents = 3 (status 1, 2, 1); answered 2 with waits
    # bridge − answer = 1790816420 − 1790816402 = 18 and 709 − 701 = 8 → ASA 13
    assert contact_figures(store_path) == (3, 2, 1, pytest.approx(13.0))


def test_epoch_times_do_not_depend_on_the_computer_zone(store_path, capsys, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        import_file(DATA / "tinet_cdr_ib.csv", store_path, capsys)
    finally:
        monkeypatch.undo()
        time.tzset()
    from workbench.store import Store

    with Store.open(store_path) as store:
        first = store.con.execute("SELECT min(started_at) FROM contacts").fetchone()[0]
    # 1790816400 = 2026-10-01 01:00:00 UTC = 09:00:00 China Standard Time
    assert str(first) == "2026-10-01 09:00:00"


def test_genesys_cloud_interactions_export(store_path, capsys) -> None:
    result = import_file(DATA / "genesys_cloud_interactions.csv", store_path, capsys)
    assert "Genesys Cloud" in result["kind_reason"]
    # 5 conversations, 1 outbound left out; c0a8-0002 abandoned; Total Queue in ms:
    # answered waits 15000, 33000, 7000 ms → offered 4, answered 3, abandoned 1,
    # ASA (15 + 33 + 7) / 3 = 55 / 3
    assert contact_figures(store_path) == (4, 3, 1, pytest.approx(55 / 3))
    from workbench.store import Store

    with Store.open(store_path) as store:
        last = store.con.execute("SELECT max(started_at) FROM contacts").fetchone()[0]
    assert str(last) == "2026-10-01 13:30:00"  # '10/1/26 1:30 PM'


def test_acd_call_log_with_yymmdd_dates_and_outcomes(store_path, capsys) -> None:
    """The Technion "Anonymous Bank" ACD log layout (17 tab-separated fields, date YYMMDD,
    times h:mm:ss, outcome AGENT/HANG/PHANTOM): read with no flags."""
    result = import_file(DATA / "acd_call_log_yymmdd.txt", store_path, capsys)
    assert "YYMMDD" in result["kind_reason"] and "'outcome'" in result["kind_reason"]
    assert result["rejected"] == 0
    # 6 rows: PHANTOM is no queue outcome (left out); AGENT 33117, 33118, 33121 answered with
    # q_time 0, 17, 57; HANG 33116, 33122 abandoned → 5, 3, 2, ASA (0 + 17 + 57) / 3
    assert contact_figures(store_path) == (5, 3, 2, pytest.approx(74 / 3))
    from workbench.store import Store

    with Store.open(store_path) as store:
        first = store.con.execute("SELECT min(started_at) FROM contacts").fetchone()[0]
    assert str(first) == "1999-01-01 00:00:31"  # 990101 + vru_entry 0:00:31


def test_monthly_summary_with_month_column_and_no_answered(store_path, capsys) -> None:
    result = import_file(DATA / "monthly_summary_month_column.csv", store_path, capsys)
    assert result["kind"] == "intervals"
    assert "answered = offered − abandoned" in result["kind_reason"]
    # offered 1200 + 1000 + 1500 = 3700; abandoned 60 + 100 + 45 = 205;
    # answered (1200 − 60) + (1000 − 100) + (1500 − 45) = 1140 + 900 + 1455 = 3495;
    # ASA (1140×35 + 900×52 + 1455×20) / 3495 = (39900 + 46800 + 29100) / 3495
    assert interval_figures(store_path) == (3700, 3495, 205, pytest.approx(115800 / 3495))
    from workbench.store import Store

    with Store.open(store_path) as store:
        months = store.con.execute(
            "SELECT list(period_start ORDER BY period_start) FROM intervals"
        ).fetchone()[0]
    assert [str(m.date()) for m in months] == ["2026-01-01", "2026-02-01", "2026-03-01"]


def test_avaya_cms_rows_are_rewritten_cell_by_cell_as_the_report_means_them() -> None:
    """The converter works column by column; each case of the row-by-row rules, by hand."""
    from workbench.formats import avaya_cms
    from workbench.readers.raw import from_rows

    sheet = from_rows(
        [
            ["Split/Skill Interval"],
            ["Split/Skill:", "1 Billing"],
            ["Date:", "10/01/26"],
            [],
            ["Time", "ACD Calls", "Avg Speed Ans", "Aband Calls", "Avg ACD Time", "Max Delay"],
            ["8:00 AM-8:30 AM", "1,020", "0:15", "2", "3:00", "1:10"],
            [],  # blank
            ["1:30 PM-2:00 PM", "n/a", "0:25", "5", "3:20", ""],  # no count: no offered
            ["lunch", "3", "0:05", "0", "2:40", "0:20"],  # no interval: left out
            ["2026-10-02 09:00:00", "10", "0:05", "1", "2:40", "0:20"],  # date and time
            ["Totals", "1,033", "0:18", "8", "3:07", "2:05"],
        ],
        name=None,
        source_format="csv",
    )
    kind, out, notes = avaya_cms.to_kind(sheet)
    assert kind == "intervals"
    assert out.head(out.table.num_rows) == [
        [*avaya_cms.HEADERS, "Max Delay"],
        ["2026-10-01 08:00:00", "1 Billing", "1022", "1020", "2", "15", "180", "1:10"],
        ["2026-10-01 13:30:00", "1 Billing", None, "n/a", "5", "25", "200", None],
        ["2026-10-02 09:00:00", "1 Billing", "11", "10", "1", "5", "160", "0:20"],
    ]
    assert out.table.column("rn").to_pylist() == [5, 6, 8, 10]
    assert len(notes) == 4  # 3 report rows, offered = ACD + Aband, Totals, 1 without interval
