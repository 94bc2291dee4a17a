"""``--yes``, ``--date-format`` and ``--save-profile`` through the real command line, and the
"missing field" line that proposes columns by their values."""

from __future__ import annotations

import json

import pytest
from platform_figures import contact_figures, import_file, interval_figures

from workbench.cli import main
from workbench.jobs import profiles
from workbench.store import Store

CALLS = (
    "Chamada,Inicio,Estado,Espera\n"
    "101,01/10/2026 09:00,Atendida,12\n"
    "102,01/10/2026 09:05,Perdida,40\n"
    "103,02/10/2026 10:00,Atendida,20\n"
    "104,02/10/2026 11:00,Caiu,70\n"
)


def test_yes_and_date_format_reach_the_stored_rows(tmp_path, store_path, capsys) -> None:
    path = tmp_path / "chamadas.csv"
    path.write_text(CALLS, encoding="utf-8")
    result = import_file(
        path, store_path, capsys,
        "--map", "contact_id=Chamada", "--map", "started_at=Inicio", "--map", "answered=Estado",
        "--map", "wait_s=Espera", "--yes", "answered=Atendida", "--date-format", "DD/MM/YYYY",
        "--save-profile", "pt",
    )  # fmt: skip
    assert "answered: yes for atendida" in result["kind_reason"]
    # Atendida → yes (101, 103, waits 12 and 20); Perdida, Caiu → no: 4, 2, 2, ASA 16
    assert contact_figures(store_path) == (4, 2, 2, pytest.approx(16.0))
    with Store.open(store_path) as store:
        days = store.con.execute(
            "SELECT list(started_at ORDER BY started_at) FROM contacts"
        ).fetchone()
        saved = profiles.load_profile(store.con, "pt")
    # 01/10/2026 is 1 October with DD/MM/YYYY (month first would give 10 January)
    assert str(days[0][0]) == "2026-10-01 09:00:00"
    assert saved.mapping["@yes:answered"] == "Atendida"
    assert saved.mapping["@date_format"] == "DD/MM/YYYY"


def test_a_saved_profile_brings_the_options_back(tmp_path, store_path, capsys) -> None:
    first = tmp_path / "a.csv"
    first.write_text(CALLS, encoding="utf-8")
    import_file(
        first, store_path, capsys,
        "--map", "contact_id=Chamada", "--map", "started_at=Inicio", "--map", "answered=Estado",
        "--yes", "answered=Atendida", "--date-format", "DD/MM/YYYY", "--save-profile", "pt",
    )  # fmt: skip
    second = tmp_path / "b.csv"
    second.write_text(CALLS.replace("10", "11").replace("Caiu", "Atendida"), encoding="utf-8")
    import_file(second, store_path, capsys, "--profile", "pt")
    with Store.open(store_path) as store:
        rows = store.con.execute(
            "SELECT count(*), count(*) FILTER (WHERE answered), min(started_at) FROM contacts "
            "WHERE started_at >= TIMESTAMP '2026-11-01'"
        ).fetchone()
    # the second file: 4 calls, 3 Atendida, dates 01/11/2026 read day first
    assert (rows[0], rows[1], str(rows[2])) == (4, 3, "2026-11-01 09:00:00")


def test_usage_errors_for_the_new_flags(tmp_path, store_path, capsys) -> None:
    path = tmp_path / "x.csv"
    path.write_text(CALLS, encoding="utf-8")
    assert main(["import", str(path), "--store", str(store_path), "--yes", "answered"]) == 2
    assert "FIELD=VALUE" in capsys.readouterr().err
    assert main(["import", str(path), "--store", str(store_path), "--yes", "queue=A"]) == 2
    assert "not a yes/no field" in capsys.readouterr().err


def test_date_format_for_a_summary_period(tmp_path, store_path, capsys) -> None:
    path = tmp_path / "daily.csv"
    path.write_text(
        "Date,Offered,Answered,Abandoned\n02.10.2026,100,90,10\n03.10.2026,80,78,2\n",
        encoding="utf-8",
    )
    result = import_file(path, store_path, capsys, "--date-format", "DD.MM.YYYY")
    assert result["kind"] == "intervals" and result["rejected"] == 0
    assert interval_figures(store_path)[:3] == (180, 168, 12)
    with Store.open(store_path) as store:
        first = store.con.execute("SELECT min(period_start) FROM intervals").fetchone()[0]
    assert str(first) == "2026-10-02 00:00:00"


def test_missing_field_proposes_columns_by_their_values(tmp_path, store_path, capsys) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(
        "Call Id,dt,q,note\nA1,990201,0:00:12,x\nA2,990201,0:01:02,y\nA3,990202,0:00:05,z\n",
        encoding="utf-8",
    )
    code = main(["import", str(path), "--store", str(store_path), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 3
    error = out["files"][0]["error"]
    assert "missing required field(s): started_at" in error
    assert "by their values: 'dt' (dates in YYMMDD)" in error
    # and mapping it as proposed imports the file: 990201 → 1999-02-01
    result = import_file(path, store_path, capsys, "--map", "started_at=dt", "--map",
                         "answered=note", "--yes", "answered=x")  # fmt: skip
    assert result["rows"] == 3
    assert contact_figures(store_path)[:3] == (3, 1, 2)


def test_mapping_the_date_column_a_format_folds_into_the_start(tmp_path, store_path) -> None:
    """``--map date=HEADER`` on a file whose YYMMDD dates the value forms turn into the start:
    the user's date column is the one folded, not a missing column (it used to be refused)."""
    from openpyxl import Workbook

    from workbench.importing import import_files

    wb = Workbook()
    ws = wb.active
    ws.append(["Ref No", "Call Date", "Hold Before Answer", "Outcome", "Talk"])
    ws.append(["R1", "261001", "0:00:15", "ANSWERED", "0:03:00"])
    ws.append(["R2", "261002", "0:01:05", "NO ANSWER", None])
    path = tmp_path / "acd.xlsx"
    wb.save(path)
    mapping = {"contact_id": "Ref No", "wait_s": "Hold Before Answer", "date": "Call Date"}
    with Store.open(store_path) as store:
        result = import_files(store, [path], mapping=mapping)
        assert [f.status for f in result.files] == ["imported"], result.files[0].error
        rows = store.con.execute(
            "SELECT contact_id, CAST(started_at AS DATE)::VARCHAR, wait_s, answered "
            "FROM contacts ORDER BY contact_id"
        ).fetchall()
    assert rows == [("R1", "2026-10-01", 15, True), ("R2", "2026-10-02", 65, False)]
