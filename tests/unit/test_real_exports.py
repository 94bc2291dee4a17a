"""Real public exports (tests/data/real/, sources and masking in SOURCES.md) through the real
command line: each imports with no flags, or with the flags the test gives, and stores the
figures counted from the file by hand rules written beside each assert (checked with a
separate script reading the raw CSV, not with Workbench's code)."""

from __future__ import annotations

from pathlib import Path

import pytest
from platform_figures import contact_figures, import_file

from workbench.store import Store

REAL = Path(__file__).parents[1] / "data" / "real"


def _scalar(store_path: Path, sql: str):
    with Store.open(store_path) as store:
        return store.con.execute(sql).fetchone()


def test_asterisk_queue_log_table_export_us(store_path, capsys) -> None:
    """A reporting schema of queue_log (uid, date_time, callid, queue_name, type, event,
    param1-3, entpos, expos, htime, ttime, time): 499 events of one US PBX."""
    result = import_file(REAL / "asterisk_queue_log_table_us.csv", store_path, capsys)
    assert "Asterisk queue_log" in result["kind_reason"]
    assert "1 calls were still waiting" in result["kind_reason"]
    # 51 queue calls by callid; 1 still waiting at the end; 46 CONNECTed (htime summed 1814 s),
    # 4 ABANDON / EXITWITHTIMEOUT → 50, 46, 4, ASA 1814 / 46
    assert contact_figures(store_path) == (50, 46, 4, pytest.approx(1814 / 46))


def test_asterisk_cdr_table_with_header_and_null_us(store_path, capsys) -> None:
    result = import_file(REAL / "asterisk_cdr_table_us.csv", store_path, capsys)
    assert "FreePBX-style CDR table" in result["kind_reason"] and "NULL" in result["kind_reason"]
    # 299 legs → 201 linkedid groups; 73 never rang a destination channel (left out);
    # 91 of 128 had an ANSWERED leg to a channel, waits duration − billsec summing 639 s
    assert contact_figures(store_path) == (128, 91, 37, pytest.approx(639 / 91))


def test_asterisk_master_csv_russia_with_legacy_bytes(store_path, capsys) -> None:
    raw = (REAL / "asterisk_master_ru.csv").read_bytes()
    assert b"\xa5\xa5" in raw  # caller names in an 8-bit code page: the file still imports
    result = import_file(REAL / "asterisk_master_ru.csv", store_path, capsys)
    assert "Master.csv (no header)" in result["kind_reason"]
    # 84 legs → 36 linkedid groups; 6 rang no one; 24 answered, waits answer − first start
    # summing 105 s → 30, 24, 6, ASA 105 / 24
    assert contact_figures(store_path) == (30, 24, 6, pytest.approx(105 / 24))


def test_asterisk_master_csv_custom_column_order(store_path, capsys) -> None:
    result = import_file(REAL / "asterisk_master_custom.csv", store_path, capsys)
    assert "columns found from their values" in result["kind_reason"]
    # 14 legs, each its own uniqueid; 11 ANSWERED (answer − start summing 58 s), 3 NO ANSWER
    assert contact_figures(store_path) == (14, 11, 3, pytest.approx(58 / 11))


def test_freepbx_cdr_without_header_portugal_needs_the_date_format(store_path, capsys):
    path = REAL / "freepbx_cdr_headerless_pt.csv"
    result = import_file(path, store_path, capsys, "--date-format", "DD/MM/YYYY")
    assert "FreePBX CDR table without its header row" in result["kind_reason"]
    assert "DD/MM/YYYY (--date-format)" in result["kind_reason"]
    # 300 legs → 300 uniqueids (linkedid holds 0); 161 rang no one; 136 answered (duration −
    # billsec summing 491 s), 3 not → 139, 136, 3, ASA 491 / 136
    assert contact_figures(store_path) == (139, 136, 3, pytest.approx(491 / 136))
    # the first call that rang someone, '3/9/2017 11:27:11', is 3 September: its uniqueid
    # 1504434431 is 2017-09-03 10:27:11 UTC, 11:27 in Lisbon (month first would say 9 March)
    first = _scalar(store_path, "SELECT min(started_at) FROM contacts")[0]
    assert str(first) == "2017-09-03 11:27:11"


def test_freepbx_cdr_portugal_without_flags_says_the_dates_are_ambiguous(store_path, capsys):
    result = import_file(REAL / "freepbx_cdr_headerless_pt.csv", store_path, capsys)
    assert "no date tells day from month; read month first" in result["kind_reason"]


def test_elastix_call_center_report(store_path, capsys) -> None:
    result = import_file(REAL / "elastix_call_center.csv", store_path, capsys)
    assert "day first" in result["kind_reason"] and "'Status'" in result["kind_reason"]
    # 349 rows: Success 301, Abandoned 48; no waits in the file
    assert contact_figures(store_path) == (349, 301, 48, None)
    span = _scalar(store_path, "SELECT min(started_at), max(started_at) FROM contacts")
    assert (span[0].date().isoformat(), span[1].date().isoformat()) == (
        "2014-01-01", "2014-01-31",
    )  # fmt: skip


def test_uci_bank_marketing_campaign(store_path, capsys) -> None:
    result = import_file(REAL / "uci_bank_marketing_every100.csv", store_path, capsys)
    assert result["kind"] == "campaigns"
    row = _scalar(
        store_path,
        "SELECT count(*), count(*) FILTER (WHERE reached), count(*) FILTER (WHERE converted), "
        "min(touched_at), max(touched_at) FROM campaigns",
    )
    # every 100th of 45,211 calls: 453 rows, all with a duration > 0, 45 with y = yes;
    # the first is 5 May (2008), the last a November after two year turns (2010)
    assert row[:3] == (453, 453, 45)
    assert row[3].isoformat()[:10] == "2008-05-05" and row[4].year == 2010


def test_freeswitch_master_csv_china(store_path, capsys) -> None:
    result = import_file(REAL / "freeswitch_master_cn.csv", store_path, capsys)
    assert "FreeSWITCH" in result["kind_reason"] and "counted once" in result["kind_reason"]
    # 10 lines, 8 distinct uuids; 7 with an answer_stamp (wait 0: stamps to the minute),
    # 1 NO_USER_RESPONSE → 8, 7, 1, ASA 0
    assert contact_figures(store_path) == (8, 7, 1, pytest.approx(0.0))
