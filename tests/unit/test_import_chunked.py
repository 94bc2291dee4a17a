"""A large xlsx is read in chunks of rows and gives exactly what the text read gives.

The chunk size is made small here (a few rows per chunk) so that the real files of
``test_import_fastpath`` cross many chunk boundaries: blank rows and gaps at the boundaries,
an error cell, a stray text in a later chunk (the whole sheet falls back to the text read),
shared strings, title rows above the header. Each import is compared with the text read.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pyarrow as pa
import pytest
from openpyxl.styles import PatternFill
from test_import_fastpath import _import, _workbook

import workbench.importing.job as job
import workbench.readers.chunks as chunks
from workbench.readers import locate_for_import
from workbench.readers.excel import read_body
from workbench.store import Store


@pytest.fixture
def small_chunks(monkeypatch, tmp_path: Path) -> Path:
    """Chunks of ~1.5 KB of sheet XML (a few rows), spilled under ``tmp_path/spill``."""
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 1500)
    spill = tmp_path / "spill"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    return spill


def _gappy(path: Path) -> Path:
    """Blank rows in runs of one to four, spread over the sheet (gaps between chunks)."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for start, length in ((8, 1), (15, 3), (33, 4), (47, 2), (71, 1), (99, 4)):
        for row in range(start, start + length):
            for col in range(1, ws.max_column + 1):
                ws.cell(row, col).value = None
    wb.save(path)
    return path


@pytest.mark.parametrize("title", [False, True])
def test_chunked_read_matches_text_read(
    tmp_path: Path, monkeypatch, small_chunks: Path, title: bool
) -> None:
    path = _gappy(_workbook(tmp_path / "calls.xlsx", title=title))
    found = locate_for_import(path)
    assert found.sheet.body is not None and not isinstance(found.sheet.body, pa.Table)
    assert len(list(small_chunks.glob("workbench-rows-*/*.arrow"))) > 20  # many chunks
    del found
    fast = _import(path, tmp_path / "fast.duckdb", monkeypatch, text_only=False)
    plain = _import(path, tmp_path / "plain.duckdb", monkeypatch, text_only=True)
    assert fast == plain
    summary, skipped, rows, _rejects = fast
    assert summary[0] == "imported"
    assert skipped["total_rows"] == 1 and skipped["blank_rows"] == 1 + 15
    assert len(rows) + summary[2] == 120 - 15
    assert not list(small_chunks.iterdir())  # the spilled rows are gone


def test_spilled_rows_are_sealed_on_disk(tmp_path: Path, small_chunks: Path) -> None:
    """The spilled rows still hold customer numbers in clear: on disk they read as noise
    (a crash can leave the files behind), and a file altered there is refused."""
    from cryptography.exceptions import InvalidTag

    path = _workbook(tmp_path / "calls.xlsx", title=True)
    found = locate_for_import(path)
    body = found.sheet.body
    assert body is not None and not isinstance(body, pa.Table)
    files = sorted(small_chunks.glob("workbench-rows-*/*.arrow"))
    assert len(files) > 20
    assert any("13800000001" in str(v) for v in body.to_table().to_pylist()[0].values())
    for file in files:
        data = file.read_bytes()
        assert b"13800000001" not in data and b"138000000" not in data
        assert b"ARROW1" not in data  # not even the Arrow file's magic
    tampered = bytearray(files[3].read_bytes())
    tampered[-1] ^= 1
    files[3].write_bytes(bytes(tampered))
    with pytest.raises(InvalidTag):
        body.to_table()


@pytest.mark.parametrize("parsers", [1, 2, 3])
def test_chunked_read_gives_the_whole_sheet_read(tmp_path: Path, monkeypatch, parsers: int) -> None:
    """Chunks parsed one, two or three at a time come back in the sheet's order."""
    import workbench.readers.excel as excel

    monkeypatch.setattr(excel, "PARSERS", parsers)
    path = _gappy(_workbook(tmp_path / "calls.xlsx", title=True, error_cell=True))
    columns = {i: (None, i != 0) for i in range(10)}
    columns[0] = ("Call Id", False)
    columns[9] = ("来电号码", False)
    whole = read_body(path, "Calls", 2, columns, 0, chunk_bytes=1 << 30)
    for size in (900, 1500, 4000):
        chunked = read_body(path, "Calls", 2, columns, 0, chunk_bytes=size)
        assert chunked is not None and whole is not None
        assert not isinstance(chunked[0], pa.Table)
        assert chunked[0].to_table().to_pylist() == whole[0].to_pylist()
        assert chunked[1] == whole[1] == [(64, 7, "#N/A")]


def test_formatted_empty_rows_after_the_data_are_not_rows(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "calls.xlsx", title=True)
    wb = openpyxl.load_workbook(path)
    fill = PatternFill("solid", fgColor="FFFF00")
    for row in [*range(60, 64), *range(130, 400)]:  # empty but formatted cells
        for col in range(1, 11):
            wb.active.cell(row, col).fill = fill
    wb.save(path)
    columns = {i: (None, i not in (0, 9)) for i in range(10)}
    whole = read_body(path, "Calls", 2, columns, 0, chunk_bytes=1 << 30)
    chunked = read_body(path, "Calls", 2, columns, 0, chunk_bytes=1500)
    assert whole is not None and chunked is not None
    rows = chunked[0].to_table().to_pylist()
    assert rows == whole[0].to_pylist() and rows[-1]["rn"] == 125


def test_chunked_error_cell(tmp_path: Path, monkeypatch, small_chunks: Path) -> None:
    path = _workbook(tmp_path / "calls.xlsx", title=True, error_cell=True)
    fast = _import(path, tmp_path / "fast.duckdb", monkeypatch, text_only=False)
    plain = _import(path, tmp_path / "plain.duckdb", monkeypatch, text_only=True)
    assert fast == plain
    assert {(r[1], r[2]): r[3] for r in fast[3]}[(64, "Hold (s)")] == "error cell #N/A"


def test_a_stray_text_in_a_later_chunk_falls_back_to_the_text_read(
    tmp_path: Path, monkeypatch, small_chunks: Path
) -> None:
    path = _workbook(tmp_path / "calls.xlsx", title=False)
    wb = openpyxl.load_workbook(path)
    wb.active.cell(110, 5).value = "N/A"  # "Wait Time (s)", near the end of the sheet
    wb.save(path)
    assert locate_for_import(path).sheet.body is None  # read as text
    assert not list(small_chunks.glob("workbench-rows-*/*"))  # nothing left spilled
    fast = _import(path, tmp_path / "fast.duckdb", monkeypatch, text_only=False)
    plain = _import(path, tmp_path / "plain.duckdb", monkeypatch, text_only=True)
    assert fast == plain
    assert (110, "Wait Time (s)") in {(r[1], r[2]) for r in fast[3]}


def test_staging_memory_limit_is_put_back(tmp_path: Path, small_chunks: Path) -> None:
    path = _workbook(tmp_path / "calls.xlsx", title=True)
    with Store.open(tmp_path / "s.duckdb") as store:
        setting = "SELECT current_setting('memory_limit')"
        before = store.con.execute(setting).fetchone()[0]
        result = job.import_files(store, [path]).files[0]
        after = store.con.execute(setting).fetchone()[0]
        left = store.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'wb_%'"
        ).fetchall()
    assert result.status == "imported" and result.rows > 100
    assert before[:2] == after[:2] and "GiB" in after  # DuckDB rounds the figure it shows
    assert left == []


def test_a_file_that_does_not_fit_the_staging_limit_is_staged_again_without_it(
    tmp_path: Path, monkeypatch, small_chunks: Path, caplog
) -> None:
    import workbench.readers.raw as raw

    path = _gappy(_workbook(tmp_path / "calls.xlsx", title=True))
    plain = _import(path, tmp_path / "plain.duckdb", monkeypatch, text_only=True)
    monkeypatch.setattr(raw, "STAGING_MEMORY", "1MB")  # DuckDB cannot stage anything in it
    with caplog.at_level("WARNING", logger="workbench.importing.job"):
        fast = _import(path, tmp_path / "fast.duckdb", monkeypatch, text_only=False)
    assert fast == plain and fast[0][0] == "imported"
    assert "read again without it" in caplog.text


def test_a_file_that_does_not_fit_in_memory_at_all_is_refused_in_one_line(
    tmp_path: Path, monkeypatch, small_chunks: Path
) -> None:
    import workbench.readers.raw as raw

    path = _workbook(tmp_path / "calls.xlsx", title=True)
    monkeypatch.setattr(raw, "STAGING_MEMORY", "1MB")
    monkeypatch.setattr(job, "RETRY_STAGING_MEMORY", "2MB")  # the retry does not fit either
    with Store.open(tmp_path / "s.duckdb") as store:
        result = job.import_files(store, [path]).files[0]
        stored = store.con.execute("SELECT count(*) FROM contacts").fetchone()[0]
    assert result.status == "rejected" and stored == 0
    assert "ran out of memory" in result.error and "\n" not in result.error


def test_freed_heap_is_handed_back_while_a_large_sheet_is_read(
    tmp_path: Path, monkeypatch, small_chunks: Path
) -> None:
    """Every ``TRIM_EVERY`` chunks the read gives freed heap back (``malloc_trim``): without
    it the resident memory of a million-row read crept up chunk after chunk."""
    import workbench.readers.excel as excel

    calls: list[int] = []
    monkeypatch.setattr(excel, "_trim_heap", lambda: calls.append(1))
    path = _workbook(tmp_path / "calls.xlsx", title=True)
    found = locate_for_import(path)
    files = len(found.sheet.body.files)
    assert files > 20
    # during the read (one per TRIM_EVERY spilled chunks, counting from none) and once after
    assert len(calls) >= files // excel.TRIM_EVERY + 1


def test_the_spilled_rows_are_copied_into_duckdb_under_the_lower_copy_limit(
    tmp_path: Path, monkeypatch, small_chunks: Path, caplog
) -> None:
    """The copy of spilled rows into ``wb_body`` runs under ``COPY_MEMORY`` (its resident
    memory rose far over the staging limit at a million rows), the steps after it under
    ``STAGING_MEMORY``; a copy that does not fit falls back like any staging step."""
    import duckdb

    import workbench.readers.raw as raw

    path = _gappy(_workbook(tmp_path / "calls.xlsx", title=True))
    found = locate_for_import(path)
    body = found.sheet.body
    columns = [c for c in body.schema.names]
    con = duckdb.connect()
    raw.register_rows(con, "wb_raw", body, columns, "96MB")
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit.startswith("91.5")  # 96 MB as DuckDB shows it, after the copy
    assert con.execute("SELECT count(*) FROM wb_raw").fetchone()[0] == body.num_rows
    raw.restore_memory_limit(con)
    assert raw._lower("96MB", "64MB") == "64MB" and raw._lower("1MB", "64MB") == "1MB"
    assert raw._lower("2GB", "64MB") == "64MB" and raw._lower("odd", "64MB") == "odd"
    # the copy itself under a limit nothing fits in: staged again without a limit
    plain = _import(path, tmp_path / "plain.duckdb", monkeypatch, text_only=True)
    monkeypatch.setattr(raw, "COPY_MEMORY", "1MB")
    with caplog.at_level("WARNING", logger="workbench.importing.job"):
        fast = _import(path, tmp_path / "fast.duckdb", monkeypatch, text_only=False)
    assert fast == plain and fast[0][0] == "imported"
    assert "read again without it" in caplog.text
