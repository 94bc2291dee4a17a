"""A contacts file is linked within itself as it is inserted (``links.link_within_file``);
only customers who also have contacts of other imports are relinked by an update."""

from __future__ import annotations

from pathlib import Path

from test_import_speed import _FULL, _contacts

import workbench.importing.links as links_module
from workbench.importing import import_files
from workbench.store import Store


def test_a_first_import_links_its_repeat_customers_without_relinking(
    tmp_path: Path, monkeypatch
) -> None:
    relinked: list[str] = []
    real = links_module._relink_contacts

    def spy(con, touched: str):
        relinked.append(touched)
        return real(con, touched)

    monkeypatch.setattr(links_module, "_relink_contacts", spy)
    phone = "1380000{:04d}".format
    # customer 0 calls three times (two links), 1 twice, 2 once; a withheld number twice
    first = [
        ("A1", "2026-10-05 09:00:00", phone(0)),
        ("A2", "2026-10-05 10:00:00", phone(1)),
        ("A3", "2026-10-06 09:00:00", phone(0)),
        ("A4", "2026-10-06 09:00:00", phone(2)),
        ("A5", "2026-10-07 11:00:00", phone(1)),
        ("A6", "2026-10-08 08:00:00", phone(0)),
        ("A7", "2026-10-08 08:00:00", ""),
        ("A8", "2026-10-09 08:00:00", ""),
    ]
    with Store.open(tmp_path / "s.duckdb") as store:
        con = store.con
        result = import_files(store, [_contacts(tmp_path / "a.csv", first)], kind="contacts")
        assert result.files[0].status == "imported", result.files[0].error
        assert relinked == []  # nothing stored before: no update at all
        stored = dict(con.execute("SELECT contact_id, next_contact_at FROM contacts").fetchall())
        assert stored == dict(con.execute(_FULL).fetchall())
        assert (
            str(stored["A1"]) == "2026-10-06 09:00:00"
            and str(stored["A3"]) == "2026-10-08 08:00:00"
        )
        assert str(stored["A2"]) == "2026-10-07 11:00:00"
        assert stored["A4"] is None and stored["A6"] is None and stored["A7"] is None
        # a second file: customer 2 (known) calls again and 9 (new) twice — only 2 is
        # relinked over every contact; 9 is linked within the file
        second = [
            ("B1", "2026-10-10 09:00:00", phone(2)),
            ("B2", "2026-10-10 09:30:00", phone(9)),
            ("B3", "2026-10-11 09:30:00", phone(9)),
        ]
        result = import_files(store, [_contacts(tmp_path / "b.csv", second)], kind="contacts")
        assert result.files[0].status == "imported", result.files[0].error
        assert len(relinked) == 1
        relinked_customers = con.execute(relinked[0]).fetchall()
        assert len(relinked_customers) == 1  # customer 2 only
        stored = dict(con.execute("SELECT contact_id, next_contact_at FROM contacts").fetchall())
        assert stored == dict(con.execute(_FULL).fetchall())
        assert str(stored["A4"]) == "2026-10-10 09:00:00"
        assert str(stored["B2"]) == "2026-10-11 09:30:00" and stored["B3"] is None
