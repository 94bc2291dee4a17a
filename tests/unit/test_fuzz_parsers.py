"""Property-based tests of the importer's parsers: any input → a valid value or our own error.

"Our own error" means a ``WorkbenchError`` subclass (``BadValue`` for a cell, ``InputRejected``
for a file) whose message is one non-empty line — never ``ValueError``, ``OverflowError``,
``IndexError`` or a value that is not what the column promises (NaN, infinity, a negative
duration, a ratio above 1, a date outside 1970–2099).
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workbench.domain import KIND_NAMES
from workbench.errors import WorkbenchError
from workbench.readers import headers as hdr
from workbench.readers import values as val

FUZZ = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces real exports are made of, so generated text reaches deep into the parsers.
TOKENS = [
    *"0123456789",
    *" .,:;/-+()%年月日号时分秒点¥元$eE",
    "12",
    "2026",
    "1899",
    "1900",
    "00",
    "59",
    "60",
    "99",
    "T",
    "Z",
    "+08:00",
    "AM",
    "pm",
    "上午",
    "下午",
    "凌晨",
    "小时",
    "分钟",
    "min",
    "sec",
    "h",
    "s",
    "ms",
    "是",
    "否",
    "已",
    "未",
    "Y",
    "N",
    "true",
    "满意",
    "非常",
    "不",
    "未评价",
    "Oct",
    "Sept",
    "Monday,",
    "#N/A",
    "#DIV/0!",
    "nan",
    "inf",
    "１２",  # full-width digits
    "：",
    "\u3000",
    "\n",
    "\t",
    "9" * 30,
    "9" * 400,
    "1e308",
    "1e-320",
]
token_text = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)
cell_text = st.one_of(token_text, st.text(max_size=40))
# What calamine / openpyxl / csv can hand a parser for one cell.
cells = st.one_of(
    st.none(),
    cell_text,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2200, 1, 1)),
    st.dates(),
    st.times(),
    st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=3)),
)


def parse_or_error(fn, *args, **kwargs):
    """``(value, None)`` or ``(None, error)``; anything but our error fails the test."""
    try:
        return fn(*args, **kwargs), None
    except WorkbenchError as exc:
        message = str(exc)
        assert message.strip(), f"{fn.__name__}{args}: empty message"
        assert "\n" not in message, f"{fn.__name__}{args}: multi-line message {message!r}"
        return None, exc


def finite(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


# ---- values ---------------------------------------------------------------------------------
@FUZZ
@given(cells)
@example("1,234.5")
@example("(3)")
@example("0\n0")  # found by hypothesis: the message broke the one-line format
@example("¥" + "9" * 400)
def test_numbers(cell: object) -> None:
    value, _ = parse_or_error(val.parse_number, cell)
    assert value is None or finite(value)
    count, _ = parse_or_error(val.parse_count, cell)
    assert count is None or (isinstance(count, int) and count >= 0)
    money, _ = parse_or_error(val.parse_money, cell)
    assert money is None or (finite(money) and money >= 0)


@FUZZ
@given(cells, st.sampled_from([None, True, False]))
@example("94.01%", None)
@example("1e-320%", None)
@example("100.0000000001%", None)
def test_percentages(cell: object, points: bool | None) -> None:
    value, _ = parse_or_error(val.parse_percent, cell, points=points)
    assert value is None or (finite(value) and 0 <= value <= 1)


@FUZZ
@given(cells)
@example("已接通")
@example("未")
@example("#N/A")
def test_yes_no(cell: object) -> None:
    value, _ = parse_or_error(val.parse_bool, cell)
    assert value is None or isinstance(value, bool)


@FUZZ
@given(cells)
@example("非常 满意")
@example("10")
@example("10.0000001")
def test_satisfaction(cell: object) -> None:
    value, _ = parse_or_error(val.parse_csat, cell)
    if value is None:
        return
    assert isinstance(value, val.Csat)
    if value.score is not None:
        assert finite(value.score) and 0 <= value.score <= 10
        scale = val.csat_scale(value.score)
        assert scale in (5, 10)
        assert val.csat_satisfied(value.score, scale, None) in (True, False)
    else:
        assert value.label_rank in (None, 1, 2, 3, 4, 5)
        satisfied = val.csat_satisfied(None, None, value.label_rank)
        assert satisfied is (None if value.label_rank is None else value.label_rank >= 4)


@FUZZ
@given(cells, st.booleans())
@example("2026-10-01T09:00:00+08:00", False)
@example("2026年13月1日", False)
@example("31/02/2026 12:00 pm", True)
@example("1899-12-31 00:01:15", False)
@example("2958465.99999999", False)
def test_timestamps(cell: object, dayfirst: bool) -> None:
    value, _ = parse_or_error(val.parse_timestamp, cell, dayfirst=dayfirst)
    if value is not None:
        assert isinstance(value, datetime) and value.tzinfo is None
        assert datetime(1970, 1, 1) <= value < datetime(2100, 1, 1)
    day, _ = parse_or_error(val.parse_date, cell, dayfirst=dayfirst)
    assert day is None or (isinstance(day, date) and 1970 <= day.year < 2100)


@FUZZ
@given(cells)
@example("12:00 上午")
@example("09:00-09:30")
@example("0.9999999999")
@example("23:59:59.9999999")
def test_time_of_day(cell: object) -> None:
    value, _ = parse_or_error(val.parse_time_of_day, cell)
    assert value is None or (finite(value) and 0 <= value < 86_400 + 1)


@FUZZ
@given(cells, st.sampled_from([None, "s", "ms", "min", "h"]), st.booleans())
@example("1分15秒", None, False)
@example("9" * 400 + "小时", None, False)
@example("1e308", "h", False)
@example("1e308", None, True)
@example("1900-01-01 01:00:03", None, False)
@example(date(1899, 1, 1), None, False)  # found by hypothesis: was a negative duration
@example("9" * 30 + ":00", None, False)
def test_durations(cell: object, unit: str | None, day_fraction: bool) -> None:
    value, _ = parse_or_error(val.parse_duration, cell, unit=unit, day_fraction=day_fraction)
    assert value is None or (finite(value) and value >= 0)


@FUZZ
@given(st.one_of(cell_text, st.from_regex(r"\+?(86)?1[3-9]\d{9}", fullmatch=True)))
@example("138 1234 5678")
@example("+86 138-1234-5678")
@example("张三")
@example("0*")
def test_personal_data_is_never_shown_whole(text: str) -> None:
    key = val.personal_key(text)
    masked = val.mask_personal(text)
    assert isinstance(masked, str)
    if len(key) >= 2:
        assert "*" in masked and len(masked) == len(key)
        if "*" not in key:
            assert masked != key
    if len(key) == 11 and key.isdigit() and key.startswith("1"):
        assert masked == key[:3] + "****" + key[-4:]
    digest = val.hash_personal(text, b"k" * 32)
    assert len(digest) == val.HASH_HEX_DIGITS and digest != val.hash_personal(text, b"j" * 32)


# ---- headers and kind detection -----------------------------------------------------------
SYNONYMS = sorted({s for fields in hdr.KIND_FIELDS.values() for f in fields for s in f.synonyms})
header_cell = st.one_of(
    st.sampled_from(SYNONYMS),
    st.sampled_from(SYNONYMS).map(lambda s: f" {s.upper()} (秒)"),
    st.sampled_from(SYNONYMS).map(lambda s: s.replace(" ", "_") + "【元】"),
    cell_text,
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
)


@FUZZ
@given(header_cell)
@example("Service Level (20 Seconds)")
@example("平均通话时长（秒）")
@example("((((((")
@example("x (" + "9" * 5000 + " s)")
def test_header_normalisation(cell: object) -> None:
    header, _ = parse_or_error(hdr.normalise_header, cell)
    assert isinstance(header, hdr.Header)
    assert not any(ch.isspace() for ch in header.key)
    assert header.unit is None or header.unit in set(hdr.UNIT_WORDS.values())
    assert header.threshold_s is None or (
        isinstance(header.threshold_s, int) and header.threshold_s >= 0
    )
    again = hdr.normalise_header(header.text)
    assert again.key == header.key  # normalising is stable on its own output's text


@FUZZ
@given(st.lists(header_cell, max_size=25), st.sampled_from([None, *KIND_NAMES]))
def test_kind_detection(cells_: list[object], kind: str | None) -> None:
    headers = [hdr.normalise_header(c) for c in cells_]
    mapping, reason = hdr.detect_kind(headers, kind=kind)
    assert mapping.kind in KIND_NAMES and (kind is None or mapping.kind == kind)
    assert isinstance(reason, str) and reason
    assert set(mapping.columns.values()) <= set(range(len(headers)))
    assert len(set(mapping.columns.values())) == len(mapping.columns)  # one column, one field
    assert mapping.complete == (not mapping.missing)


@FUZZ
@given(
    st.lists(header_cell, max_size=8),
    st.dictionaries(
        st.sampled_from(["contact_id", "started_at", "nonsense", "wait_s"]), cell_text, max_size=3
    ),
    st.sampled_from([None, "contacts"]),
)
def test_kind_detection_with_explicit_mapping(cells_, explicit, kind) -> None:
    headers = [hdr.normalise_header(c) for c in cells_]
    try:
        mapping, _ = hdr.detect_kind(headers, explicit, kind=kind)
    except hdr.MappingProblem as exc:  # the importer turns it into InputRejected
        assert str(exc).strip() and "\n" not in str(exc).replace("\n", "")
        return
    for name in explicit:
        assert name in mapping.columns


@FUZZ
@given(st.lists(st.lists(header_cell, max_size=10), max_size=12))
def test_header_row_search(rows: list[list[object]]) -> None:
    found = hdr.find_header_row(rows)
    assert found is None or 0 <= found < len(rows)


# ---- whole files as bytes ------------------------------------------------------------------
@FUZZ
@given(st.binary(max_size=3000))
@example(b"PK\x03\x04" + b"\x00" * 100)
@example(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
@example(b"\xff\xfe" + "通话,时长\n".encode("utf-16-le")[:-1])
@example("呼叫编号,开始时间\n1,2026-10-01\n".encode("gb18030"))
def test_any_bytes_are_sniffed_or_rejected(data: bytes) -> None:
    from workbench.readers import safety, text

    path = Path("export.xls")
    fmt, _ = parse_or_error(safety.sniff_format, path, data)
    assert fmt is None or fmt in {"xlsx", "xlsm", "ods", "xls", "html", "text"}
    if fmt == "text":
        sheet, _ = parse_or_error(text.read_text, path, data)
        assert sheet is None or sheet.table.num_rows >= 0


def test_a_huge_text_field_is_rejected_not_crashed(tmp_path: Path) -> None:
    from workbench.readers import text

    data = ("id,note\n1," + "x" * 300_000 + "\n").encode()
    _sheet, error = parse_or_error(text.read_text, tmp_path / "big.csv", data)
    assert error is None or "big.csv" in str(error)


@pytest.mark.parametrize("value", [time(9, 30), timedelta(seconds=75), date(2026, 10, 1)])
def test_native_cell_types(value: object) -> None:
    """Cells that arrive as Python objects, not text, go through the same rules."""
    if isinstance(value, timedelta):
        assert val.parse_duration(value) == 75
    elif isinstance(value, time):
        assert val.parse_time_of_day(value) == 9.5 * 3600
    else:
        assert val.parse_date(value) == value


# ---- the whole import, bulk SQL path included -------------------------------------------------
import_cell = st.one_of(
    token_text,
    st.sampled_from(
        [
            "",
            "inf",
            "-inf",
            "NaN",
            "1e400",
            "-5",
            "1e-400",
            "٣",
            "12:61",
            "25:00",
            "Oct 1, 2026 9:00 PM",
            "2026年10月1日 9时5分",
            "01/13/2026",
            "45931.375",
        ]
    ),
    st.integers(min_value=-(10**6), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


@example([("0", "", "", "", "")])  # found: a timestamp for the Python parser crashed the import
@example([("Oct 1, 2026 9:00 PM", "1:15", "是", "1分15秒", "满意")])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(import_cell, import_cell, import_cell, import_cell, import_cell),
        min_size=1,
        max_size=6,
    )
)
def test_any_cells_through_the_real_import(rows: list[tuple[str, ...]]) -> None:
    """Every row is stored with valid values or rejected with a reason; nothing else happens."""
    import csv
    import tempfile

    from workbench.importing import import_files
    from workbench.store import Store

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calls.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(
                ["Call Id", "Start Time", "Wait Time", "Answered", "Talk Time", "Satisfaction"]
            )
            out.writerows([f"C{i}", *row] for i, row in enumerate(rows))
        store = Store.memory()
        try:
            (file,) = import_files(store, [path]).files
            if file.status == "rejected":
                assert file.error and "\n" not in file.error
                assert store.row_counts()["contacts"] == 0
                return
            assert file.status == "imported"
            stored = store.con.execute(
                "SELECT started_at, wait_s, answered, talk_s, csat_score, csat_scale FROM contacts"
            ).fetchall()
            assert len(stored) == file.rows
            assert file.rows + file.rejected <= len(rows)
            for reject in file.rejects:
                assert reject.reason and "\n" not in reject.reason
            for started_at, wait_s, answered, talk_s, csat, scale in stored:
                assert datetime(1970, 1, 1) <= started_at < datetime(2100, 1, 1)
                assert answered in (True, False)
                for seconds in (wait_s, talk_s):
                    assert seconds is None or (math.isfinite(seconds) and seconds >= 0)
                assert csat is None or (math.isfinite(csat) and 0 <= csat <= 10)
                assert scale in (None, 5, 10)
        finally:
            store.close()
