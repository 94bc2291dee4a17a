"""The import's faster paths give what the plain ones gave.

- the sheet XML inflated by ISA-L (``isal``) is read exactly as when zlib inflates it;
- the repeat-contact links (``next_contact_at``) recomputed only for customers with more than
  one contact equal a full recomputation over every contact, import after import;
- the keyed hash of digit-only personal values uses the key's pads as BLOB constants: still the
  Python ``hash_personal`` (``test_import_fastpath.test_personal_hashes_in_duckdb_match_python``).
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pyarrow as pa
import pytest
from test_import_fastpath import _workbook

import workbench.readers.chunks as chunks
from workbench.importing import import_files
from workbench.readers.excel import read_body
from workbench.store import Store


def test_isal_inflates_the_sheet_and_the_rows_are_the_same(tmp_path: Path, monkeypatch) -> None:
    from isal import isal_zlib

    path = _workbook(tmp_path / "calls.xlsx", title=True, error_cell=True)
    columns = {i: (None, i not in (0, 9)) for i in range(10)}
    used: list[object] = []
    real = chunks._faster_inflate

    def spy(stream) -> None:
        real(stream)
        used.append(type(stream._decompressor))

    monkeypatch.setattr(chunks, "_faster_inflate", spy)
    fast = read_body(path, "Calls", 2, columns, 0, chunk_bytes=1500)
    assert used == [type(isal_zlib.decompressobj(-15))]  # the sheet went through ISA-L
    monkeypatch.setattr(chunks, "_faster_inflate", lambda stream: None)  # zlib
    plain = read_body(path, "Calls", 2, columns, 0, chunk_bytes=1500)
    assert fast is not None and plain is not None
    assert not isinstance(fast[0], pa.Table)  # read in many chunks
    assert fast[0].to_table().to_pylist() == plain[0].to_table().to_pylist()
    assert fast[1] == plain[1] == [(64, 7, "#N/A")]
    assert len(fast[0].to_table()) >= 120  # the 120 calls and the rows below them


def test_a_stored_member_is_left_to_zipfile(tmp_path: Path) -> None:
    path = tmp_path / "stored.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.xml", b"<row/>" * 100)
    with zipfile.ZipFile(path) as archive, archive.open("a.xml") as stream:
        before = stream._decompressor
        chunks._faster_inflate(stream)
        assert stream._decompressor is before
        assert stream.read() == b"<row/>" * 100


def _contacts(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A contacts CSV of (contact id, start, phone) rows."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["流水号", "进线时间", "技能组", "坐席工号", "是否接通", "来电号码"])
        for contact, started, phone in rows:
            out.writerow([contact, started, "信用卡", "A01", "是", phone])
    return path


_FULL = (
    "SELECT contact_id, CASE WHEN customer_hash IS NOT NULL THEN lead(started_at) OVER "
    "(PARTITION BY customer_hash ORDER BY started_at, contact_id) END FROM contacts"
)


@pytest.mark.parametrize("rows_per_part", [200_000, 3])
def test_repeat_links_equal_a_full_recomputation_import_after_import(
    tmp_path: Path, monkeypatch, rows_per_part: int
) -> None:
    """Relinked in one statement or, for a large file, in parts of its customers (here parts
    of three rows: 2-4 parts a file) — the same links either way."""
    import workbench.importing.links as links_module

    monkeypatch.setattr(links_module, "ROWS_PER_PART", rows_per_part)
    # customers 0-9 call once on the 5th; 0-3 call again on the 7th (their first contacts
    # get a next one); a file with earlier calls of 2-5 (on the 3rd) then links those to the
    # 5th, and 6-9 stay single; phones of 20-24 appear in the last file only
    phone = "1380000{:04d}".format
    files = [
        [(f"A{i}", f"2026-10-05 09:{i:02d}:00", phone(i)) for i in range(10)],
        [(f"B{i}", f"2026-10-07 10:{i:02d}:00", phone(i)) for i in range(4)],
        [(f"C{i}", f"2026-10-03 11:{i:02d}:00", phone(i)) for i in range(2, 6)]
        + [(f"D{i}", "2026-10-04 12:00:00", phone(i)) for i in range(20, 25)],
    ]
    expected_linked = [0, 4, 4 + 4]
    with Store.open(tmp_path / "s.duckdb") as store:
        con = store.con
        for number, rows in enumerate(files):
            path = _contacts(tmp_path / f"f{number}.csv", rows)
            result = import_files(store, [path], kind="contacts").files[0]
            assert result.status == "imported", result.error
            links = "SELECT contact_id, next_contact_at FROM contacts"
            stored = dict(con.execute(links).fetchall())
            assert stored == dict(con.execute(_FULL).fetchall())
            assert sum(v is not None for v in stored.values()) == expected_linked[number]
        # C2 (the 3rd) is followed by A2 (the 5th), A2 by B2 (the 7th)
        links = dict(con.execute("SELECT contact_id, next_contact_at FROM contacts").fetchall())
        assert str(links["C2"]) == "2026-10-05 09:02:00"
        assert str(links["A2"]) == "2026-10-07 10:02:00"
        assert links["A6"] is None and links["D20"] is None


def test_a_stale_link_is_recomputed_when_the_customer_calls_again(tmp_path: Path) -> None:
    """A link left behind by older data (its next contact gone) is recomputed when a later
    file mentions the customer."""
    phone = "13900001111"
    with Store.open(tmp_path / "s.duckdb") as store:
        con = store.con
        first = _contacts(tmp_path / "a.csv", [("A1", "2026-10-05 09:00:00", phone)])
        assert import_files(store, [first], kind="contacts").files[0].status == "imported"
        con.execute("UPDATE contacts SET next_contact_at = TIMESTAMP '2026-10-09 00:00:00'")
        # the same customer earlier, and someone else once: A1 keeps no link, B1 links to A1
        second = _contacts(
            tmp_path / "b.csv",
            [("B1", "2026-10-01 08:00:00", phone), ("B2", "2026-10-01 08:00:00", "13900002222")],
        )
        assert import_files(store, [second], kind="contacts").files[0].status == "imported"
        links = dict(con.execute("SELECT contact_id, next_contact_at FROM contacts").fetchall())
        assert links["A1"] is None  # the stale link is gone: nothing after the 5th
        assert str(links["B1"]) == "2026-10-05 09:00:00"
        assert links == dict(con.execute(_FULL).fetchall())
