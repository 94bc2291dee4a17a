"""The import's fast paths give exactly what the plain paths give.

A one-sheet xlsx is read typed below a header found in the sheet XML (``locate_for_import``),
error cells come from calamine's report, digit-only personal values are hashed in DuckDB and
the rest in one Python pass: each is compared here with the text path / the per-value
functions on real files and stores.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import duckdb
import openpyxl
import pytest

import workbench.importing.job as job
from workbench.importing.coerce import _personal_map
from workbench.readers import locate, locate_for_import
from workbench.readers import values as V
from workbench.security.keys import KeyHome
from workbench.store import Store

KEY = "ab" * 32
HEADERS = [
    "Call Id", "Start Time", "Queue", "Agent ID", "Wait Time (s)", "Answered", "Talk Time",
    "Hold (s)", "Satisfaction", "来电号码",
]  # fmt: skip


def _workbook(path: Path, *, title: bool, error_cell: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Calls"
    if title:
        ws.append(["呼叫明细 2026年10月"])
        ws.append([])
    ws.append(HEADERS)
    base = dt.datetime(2026, 10, 1, 9)
    for i in range(1, 121):
        ws.append(
            [
                f" C{i} " if i % 10 == 0 else f"C{i}",  # spaces around a key are trimmed
                base + dt.timedelta(minutes=i, milliseconds=250 * (i % 3)),
                "信用卡" if i % 2 else "贷款",
                8000 + i % 7,
                (i % 50) + (0.5 if i % 11 == 0 else 0),
                "Y" if i % 4 else "N",
                dt.time(0, i % 60, i % 59),  # an Excel time cell holding a duration
                i % 30,
                i % 5 + 1,
                f"138{i:08d}" if i % 3 else f"+86 139-0000-{i:04d}",
            ]
        )
    first = 4 if title else 2  # sheet row of the first data row
    ws.cell(first + 20, 5).value = -3  # negative duration
    ws.cell(first + 30, 2).value = dt.datetime(1960, 1, 1)  # out of range
    ws.cell(first + 40, 1).value = "C40"  # duplicate key (row of C40 is earlier)
    ws.cell(first + 50, 2).value = None  # missing start
    ws.append([])  # a blank row
    ws.append(["合计", None, None, None, 1234])
    if error_cell:
        ws.cell(first + 60, 8).value = "#N/A"
    wb.save(path)
    return path


def _import(path: Path, db: Path, monkeypatch, *, text_only: bool) -> tuple:
    if text_only:
        monkeypatch.setattr(job, "locate_for_import", lambda p, **kw: locate(p, **kw))
    else:
        monkeypatch.setattr(job, "locate_for_import", locate_for_import)
    with Store.open(db) as store:
        KeyHome.default().set(store.store_id, "personal", KEY)  # the key home, not the store
        result = job.import_files(store, [path]).files[0]
        rows = store.con.execute(
            "SELECT * EXCLUDE (import_id, human, next_contact_at) FROM contacts ORDER BY contact_id"
        ).fetchall()
        rejects = store.con.execute(
            "SELECT sheet, row_number, column_name, reason, value FROM rejects ORDER BY ALL"
        ).fetchall()
    summary = (result.status, result.rows, result.rejected, result.kind, result.kind_reason)
    return summary, dict(result.skipped), rows, rejects


@pytest.mark.parametrize("title", [False, True])
def test_typed_read_matches_text_read(tmp_path: Path, monkeypatch, title: bool) -> None:
    path = _workbook(tmp_path / "calls.xlsx", title=title)
    found = locate_for_import(path)
    assert found.sheet.body is not None  # the typed path was taken
    body_types = {str(t) for t in found.sheet.body.schema.types}
    assert {"double", "timestamp[ms]"} <= body_types
    fast = _import(path, tmp_path / "fast.duckdb", monkeypatch, text_only=False)
    plain = _import(path, tmp_path / "plain.duckdb", monkeypatch, text_only=True)
    assert fast == plain
    summary, skipped, rows, rejects = fast
    assert summary[0] == "imported" and summary[2] == 4
    assert skipped["total_rows"] == 1 and skipped["blank_rows"] == 1
    first = 4 if title else 2
    assert {(r[1], r[2]) for r in rejects} == {
        (first + 20, "Wait Time (s)"),
        (first + 30, "Start Time"),
        (first + 40, "Call Id"),
        (first + 50, "Start Time"),
    }
    by_id = {r[0]: r for r in rows}
    assert "C10" in by_id and " C10 " not in by_id
    assert all(r[-1].startswith(("138****", "139****")) for r in rows)


def test_error_cell_in_a_number_column(tmp_path: Path, monkeypatch) -> None:
    path = _workbook(tmp_path / "calls.xlsx", title=True, error_cell=True)
    fast = _import(path, tmp_path / "fast.duckdb", monkeypatch, text_only=False)
    plain = _import(path, tmp_path / "plain.duckdb", monkeypatch, text_only=True)
    assert fast == plain
    reasons = {(r[1], r[2]): r[3] for r in fast[3]}
    assert reasons[(64, "Hold (s)")] == "error cell #N/A"


def test_several_sheets_fall_back_to_the_text_read(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "calls.xlsx", title=False)
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Notes").append(["remarks"])
    wb.save(path)
    found = locate_for_import(path)
    assert found.sheet.body is None and found.sheet.name == "Calls"
    assert found.kind == "contacts"


def test_hash_and_mask_match_the_single_functions() -> None:
    rnd = random.Random(3)
    alphabet = "0123456789+- 86张三abcC１\u3000٣²\t"
    texts = ["13812345678", "+86 138-1234-5678", "8613812345678", "张三", "C123456789", "", "1"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16))) for _ in range(3000)]
    for key in (bytes(range(32)), b"k" * 100):
        hashes, masks = V.hash_and_mask(texts, key)
        assert hashes == [V.hash_personal(t, key) for t in texts]
        assert masks == [V.mask_personal(t) for t in texts]


def test_personal_hashes_in_duckdb_match_python() -> None:
    rnd = random.Random(4)
    texts = [str(rnd.randint(0, 10 ** rnd.randint(1, 16))) for _ in range(2000)]
    texts += ["8613812345678", "86123456789012", "1234", "12345", "+8613812345678", "张三"]
    texts += ["１３８１２３４５６７８", "0755-1234567", "138 1234 5678"]
    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE wb_stage AS SELECT unnest(?) AS x_ref", [texts])
    key = bytes(range(100, 132))
    hashed, masked = _personal_map(con, "s.x_ref", "wb_map_ref", "m_ref", key)
    rows = con.execute(
        f"SELECT s.x_ref, {hashed}, {masked} FROM wb_stage s "
        "LEFT JOIN wb_map_ref m_ref ON s.x_ref = m_ref.k"
    ).fetchall()
    got = {k: (h, m) for k, h, m in rows}
    assert len(rows) == len(texts) and len(got) == len(set(texts))
    for text in set(texts):
        assert got[text] == (V.hash_personal(text, key), V.mask_personal(text)), text


@pytest.mark.parametrize("stray", [True, "N/A", dt.datetime(2026, 10, 1, 9)])
def test_a_stray_cell_among_numbers_is_read_as_the_text_read_does(
    tmp_path: Path, monkeypatch, stray: object
) -> None:
    path = _workbook(tmp_path / "calls.xlsx", title=False)
    wb = openpyxl.load_workbook(path)
    wb.active.cell(90, 5).value = stray  # in "Wait Time (s)", a number column
    wb.save(path)
    fast = _import(path, tmp_path / "fast.duckdb", monkeypatch, text_only=False)
    plain = _import(path, tmp_path / "plain.duckdb", monkeypatch, text_only=True)
    assert fast == plain
    assert (90, "Wait Time (s)") in {(r[1], r[2]) for r in fast[3]}  # rejected, not stored
