"""Value forms decided from a whole column (``workbench.readers.values``) and files that
need them, imported through the command line with no flags."""

from __future__ import annotations

from datetime import datetime

import pytest
from platform_figures import contact_figures, import_file

from workbench.readers import values as V
from workbench.store import Store


@pytest.mark.parametrize(
    ("texts", "form"),
    [
        (["990201", "991231", "000105"], "YYMMDD"),
        (["20261001", "20261002"], "YYYYMMDD"),
        (["1790816400", "1790816460"], "epoch"),
        (["1790816400000", "1790816460123"], "epoch_ms"),
        (["13/10/2026", "01/10/2026"], "DD/MM/YYYY"),
        (["10/13/2026", "10/01/2026"], "MM/DD/YYYY"),
        (["2026-10-01 09:00", "2026/10/2"], "native"),
    ],
)
def test_infer_date_form(texts, form) -> None:
    assert V.infer_date_form(texts).form == form


def test_ambiguous_day_month_is_said() -> None:
    found = V.infer_date_form(["01/02/2026", "03/04/2026"])
    assert found.form == "MM/DD/YYYY" and "no date tells day from month" in found.reason


def test_parse_in_form() -> None:
    assert V.parse_in_form("990201", "YYMMDD") == datetime(1999, 2, 1)
    assert V.parse_in_form("050301", "YYMMDD") == datetime(2005, 3, 1)
    # UNIX time is the centre's wall clock (UTC+08:00), whatever the machine's zone
    assert V.parse_in_form("1790816400", "epoch") == datetime(2026, 10, 1, 9, 0)
    assert V.parse_in_form("1790816400500", "epoch_ms") == datetime(2026, 10, 1, 9, 0, 0)
    assert V.parse_in_form("01.10.2026 09:05", "DD.MM.YYYY HH:mm") == datetime(2026, 10, 1, 9, 5)
    with pytest.raises(V.BadValue):
        V.parse_in_form("991332", "YYMMDD")


@pytest.mark.parametrize(
    ("text", "answered"),
    [("ANSWERED", True), ("NO ANSWER", False), ("BUSY", False), ("AGENT", True),
     ("HANG", False), ("接通", True), ("未接", False), ("放弃", False), ("queueLeak", False),
     ("PHANTOM", None), ("voicemail", None)],
)  # fmt: skip
def test_outcome_answered(text, answered) -> None:
    assert V.outcome_answered(text) is answered


def test_epoch_ms_start_and_millisecond_durations(tmp_path, store_path, capsys) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(
        "Call Id,Start Time,Wait Time (in millis),Call Result\n"
        "A1,1790816400000,12000,ANSWERED\n"
        "A2,1790816460000,45500,NO ANSWER\n"
        "A3,1790816520000,8000,ANSWERED\n",
        encoding="utf-8",
    )
    result = import_file(path, store_path, capsys)
    assert "13-digit numbers read as UNIX time in milliseconds" in result["kind_reason"]
    # answered A1, A3 with waits 12000 ms and 8000 ms → ASA 10 s
    assert contact_figures(store_path) == (3, 2, 1, pytest.approx(10.0))
    with Store.open(store_path) as store:
        first = store.con.execute("SELECT min(started_at) FROM contacts").fetchone()[0]
    assert str(first) == "2026-10-01 09:00:00"
