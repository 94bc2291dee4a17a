"""Value parsers: every form data-kinds.md lists, and nothing but our own error for junk."""

from __future__ import annotations

import contextlib
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.readers import values as V


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-01 09:00:05", datetime(2026, 10, 1, 9, 0, 5)),
        ("2026/10/1 9:05", datetime(2026, 10, 1, 9, 5)),
        ("2026.10.01", datetime(2026, 10, 1)),
        ("2026年10月1日", datetime(2026, 10, 1)),
        ("2026年10月1日 9时5分", datetime(2026, 10, 1, 9, 5)),
        ("2026年10月1日 09:05:30", datetime(2026, 10, 1, 9, 5, 30)),
        ("2026年10月1日 下午3:05", datetime(2026, 10, 1, 15, 5)),
        ("20261001", datetime(2026, 10, 1)),
        ("20261001 090005", datetime(2026, 10, 1, 9, 0, 5)),
        ("10/01/2026 09:00", datetime(2026, 10, 1, 9, 0)),
        ("25/10/2026", datetime(2026, 10, 25)),
        ("1 Oct 2026", datetime(2026, 10, 1)),
        ("01-Oct-2026 14:30", datetime(2026, 10, 1, 14, 30)),
        ("Oct 1, 2026 9:00 PM", datetime(2026, 10, 1, 21, 0)),
        ("October 1 2026", datetime(2026, 10, 1)),
        ("46000.5", datetime(2025, 12, 9, 12, 0)),
        ("2026-10-01T09:00:05", datetime(2026, 10, 1, 9, 0, 5)),
        ("2026-10-01 09:00:05.250", datetime(2026, 10, 1, 9, 0, 5, 250000)),
        ("２０２６－１０－０１", datetime(2026, 10, 1)),
        ("2026-10-01 09:00:05+08:00", datetime(2026, 10, 1, 9, 0, 5)),
        ("2026-10-01T09:00:05.5-0500", datetime(2026, 10, 1, 9, 0, 5, 500000)),
    ],
)
def test_timestamps(text: str, expected: datetime) -> None:
    assert V.parse_timestamp(text) == expected


def test_day_first_when_told() -> None:
    assert V.parse_timestamp("03/04/2026", dayfirst=True) == datetime(2026, 4, 3)
    assert V.parse_timestamp("03/04/2026") == datetime(2026, 3, 4)
    assert V.parse_date("2026年2月3日") == date(2026, 2, 3)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not a date", "not a date"),
        ("2026-02-30", "not a valid date"),
        ("1899-12-31 09:12:58", "time without a date"),
        ("1950-01-01", "out of range"),
        ("2026-10-01T09:00:05Z", "UTC"),
        ("#N/A", "error cell"),
        ("", "empty"),
    ],
)
def test_bad_timestamps(text: str, reason: str) -> None:
    with pytest.raises(V.BadValue, match=reason):
        V.parse_timestamp(text)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("75", None, 75.0),
        ("12.5", "s", 12.5),
        ("1.5", "min", 90.0),
        ("2", "h", 7200.0),
        ("1500", "ms", 1.5),
        ("1:15", None, 75.0),
        ("0:01:15", None, 75.0),
        ("01:02:03", None, 3723.0),
        ("1899-12-31 00:02:23", None, 143.0),
        ("1900-01-01 01:00:03", None, 86400 + 3603.0),
        ("1分15秒", None, 75.0),
        ("2小时", None, 7200.0),
        ("30秒", None, 30.0),
    ],
)
def test_durations(text: str, unit: str | None, expected: float) -> None:
    assert V.parse_duration(text, unit=unit) == pytest.approx(expected)


def test_duration_as_day_fraction() -> None:
    assert V.parse_duration("0.0625", day_fraction=True) == pytest.approx(5400.0)


@pytest.mark.parametrize("text", ["-5", "-0:10", "abc", "1:75", "#VALUE!"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(V.BadValue):
        V.parse_duration(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:12:58", 9 * 3600 + 12 * 60 + 58),
        ("09:00-09:30", 9 * 3600),
        ("1899-12-31 09:12:58", 9 * 3600 + 12 * 60 + 58),
        ("0.5", 12 * 3600),
        ("3:05 PM", 15 * 3600 + 300),
        ("下午3:05", 15 * 3600 + 300),
    ],
)
def test_time_of_day(text: str, expected: float) -> None:
    assert V.parse_time_of_day(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    ["Y", "y", "Yes", "TRUE", "true", "1", "1.0", "是", "已接通", "已解决", "√", "转人工", "成功"],
)
def test_yes(text: str) -> None:
    assert V.parse_bool(text) is True


@pytest.mark.parametrize(
    "text", ["N", "No", "FALSE", "0", "否", "未接通", "未解决", "不满意", "×", "失败", "无"]
)
def test_no(text: str) -> None:
    assert V.parse_bool(text) is False


def test_bool_junk() -> None:
    with pytest.raises(V.BadValue, match="yes/no"):
        V.parse_bool("maybe")


@pytest.mark.parametrize(
    ("text", "points", "expected"),
    [
        ("0.94", None, 0.94),
        ("94", None, 0.94),
        ("94.01%", None, 0.9401),
        ("1", True, 0.01),
        ("1", None, 1.0),
        ("１００％", None, 1.0),
    ],
)
def test_percentages(text: str, points: bool | None, expected: float) -> None:
    assert V.parse_percent(text, points=points) == pytest.approx(expected)


def test_percent_out_of_range() -> None:
    with pytest.raises(V.BadValue, match="outside"):
        V.parse_percent("140%")


def test_numbers_and_counts() -> None:
    assert V.parse_number("1,234.5") == 1234.5
    assert V.parse_number("(3)") == -3
    assert V.parse_money("¥1,234.567") == 1234.57
    assert V.parse_money("88元") == 88
    assert V.parse_count("12.0") == 12
    with pytest.raises(V.BadValue, match="whole"):
        V.parse_count("1.5")
    with pytest.raises(V.BadValue, match="negative"):
        V.parse_count("-1")
    with pytest.raises(V.BadValue, match="not a number"):
        V.parse_number("nan")


def test_satisfaction_numbers_and_labels() -> None:
    assert V.parse_csat("4").score == 4
    assert V.parse_csat("满意").label_rank == 4
    assert V.parse_csat("非常不满意").label_rank == 1
    assert V.parse_csat("Very satisfied").label_rank == 5
    unrated = V.parse_csat("未评价")
    assert unrated.score is None and unrated.label_rank is None
    assert V.csat_scale(5) == 5 and V.csat_scale(4) == 5 and V.csat_scale(9) == 10
    assert V.csat_satisfied(4, 5, None) is True
    assert V.csat_satisfied(3, 5, None) is False
    assert V.csat_satisfied(9, 10, None) is True
    assert V.csat_satisfied(8, 10, None) is False
    assert V.csat_satisfied(None, None, 4) is True
    assert V.csat_satisfied(None, None, 3) is False
    assert V.csat_satisfied(None, None, None) is None
    with pytest.raises(V.BadValue):
        V.parse_csat("37")
    with pytest.raises(V.BadValue):
        V.parse_csat("good-ish")


def test_personal_data_is_hashed_and_masked() -> None:
    key = b"k" * 32
    assert V.mask_personal("13812345678") == "138****5678"
    assert V.mask_personal("+86 138-1234-5678") == "138****5678"
    assert V.mask_personal("张三") == "张*"
    assert V.mask_personal("欧阳娜娜") == "欧***"
    assert V.mask_personal("C123456789") == "C1******89"
    assert V.hash_personal("138 1234 5678", key) == V.hash_personal("13812345678", key)
    assert V.hash_personal("13812345678", key) != V.hash_personal("13812345678", b"x" * 32)
    assert "13812345678" not in V.hash_personal("13812345678", key)


_PARSERS = [
    V.parse_number,
    V.parse_count,
    V.parse_money,
    V.parse_percent,
    V.parse_bool,
    V.parse_csat,
    V.parse_timestamp,
    V.parse_time_of_day,
    V.parse_duration,
    lambda s: V.parse_duration(s, unit="min"),
    lambda s: V.parse_timestamp(s, dayfirst=True),
]

_texty = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\d{1,4}[-/.:年]\d{1,2}[-/.:月]\d{1,4}[ 日T]?\d{0,2}:?\d{0,2}", fullmatch=True),
    st.from_regex(r"-?\d{0,3}:\d{1,3}(:\d{1,3})?(\.\d{0,8})?", fullmatch=True),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@settings(max_examples=400, deadline=None)
@given(_texty)
def test_any_text_gives_a_value_or_our_error(text: str) -> None:
    for parse in _PARSERS:
        with contextlib.suppress(V.BadValue):
            parse(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_masking_never_fails_and_hides_the_middle(text: str) -> None:
    masked = V.mask_personal(text)
    key = V.personal_key(text)
    if len(key) >= 5:
        assert masked != key
        assert len(masked) == len(key)
