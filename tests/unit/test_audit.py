"""The audit trail: every write leaves a chained entry; a row deleted or edited with plain DuckDB
is named (by seq) at open, by ``workbench store log`` and by ``workbench verify --store``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from compliance_files import write_campaigns, write_dnc

from workbench import cli
from workbench.domain import Target
from workbench.importing import import_files
from workbench.kpi.targets import load_options, save_options, save_profile
from workbench.store import AuditBroken, Store, audit, restore_backup


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    files = [write_campaigns(tmp_path / "外呼明细.xlsx"), write_dnc(tmp_path / "免打扰名单.xlsx")]
    bad = tmp_path / "empty.xlsx"
    bad.write_bytes(b"not a workbook")
    with Store.open(path) as store:
        import_files(store, [*files, bad])
        with store.transaction() as con:
            save_profile(con, {"answer_rate": Target("answer_rate", ">=", low=0.9)}, note="九成")
            save_options(con, load_options(con))
        store.backup(reason="manual")
    return path


def test_each_write_leaves_an_entry_and_the_chain_holds(store_path: Path) -> None:
    with Store.open(store_path, read_only=True) as store:
        entries = audit.entries(store.con)
        assert audit.check_chain(store.con) is None
    events = [e.event for e in entries]
    assert events == ["import", "import", "reject", "target_change", "option_change", "backup"]
    assert [e.seq for e in entries] == list(range(1, 7))
    first = entries[0]
    assert first.details["kind"] == "campaigns" and first.details["rows"] == 25
    assert first.os_user and first.machine
    assert entries[2].details["file"] == "empty.xlsx"
    assert entries[3].details["note"] == "九成"
    assert list(entries[3].details["targets"]) == ["answer_rate"]
    assert entries[1].prev_hash == first.hash


def test_restore_is_logged(store_path: Path) -> None:
    restore_backup(store_path)
    with Store.open(store_path, read_only=True) as store:
        entries = audit.entries(store.con)
        assert audit.check_chain(store.con) is None
    assert entries[-1].event == "restore"
    assert entries[-1].details["backup"].endswith(".duckdb")


def _tamper(path: Path, sql: str) -> None:
    """Edit the file behind Workbench's back (with its key: the store is encrypted)."""
    from workbench.security.storekeys import FileConnection

    with FileConnection(path, read_only=False) as con:
        con.execute(sql)
        con.execute("CHECKPOINT")


@pytest.mark.parametrize(
    ("sql", "seq", "words"),
    [
        ("DELETE FROM audit_log WHERE seq = 3", 3, "deleted"),
        ('UPDATE audit_log SET details = \'{"kind":"contacts"}\' WHERE seq = 2', 2, "edited"),
        ("DELETE FROM audit_log WHERE seq = 6", 6, "deleted"),
        ("UPDATE audit_log SET os_user = 'someone' WHERE seq = 4", 4, "edited"),
    ],
)
def test_a_deleted_or_edited_entry_is_named_at_open(
    store_path: Path, sql: str, seq: int, words: str, capsys
) -> None:
    _tamper(store_path, sql)
    with pytest.raises(AuditBroken) as caught:
        Store.open(store_path)
    message = str(caught.value)
    assert f"audit log entry {seq}: " in message and words in message
    assert "\n" not in message
    # the command line says the same on one line, exit 4
    assert cli.main(["store", "--store", str(store_path), "log"]) == 4
    err = capsys.readouterr().err
    assert f"audit log entry {seq}" in err and err.count("\n") == 1


def test_verify_with_the_store_reports_the_break(store_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "month.xlsx"
    assert (
        cli.main(
            [
                "export",
                "--store",
                str(store_path),
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert cli.main(["verify", str(out), "--store", str(store_path)]) == 0
    capsys.readouterr()
    _tamper(store_path, "DELETE FROM audit_log WHERE seq = 2")
    assert cli.main(["verify", str(out), "--store", str(store_path)]) == 5
    err = capsys.readouterr().err
    assert "audit log entry 2" in err


def test_store_log_json(store_path: Path, capsys) -> None:
    assert cli.main(["store", "--store", str(store_path), "--json", "log"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["chain"] == "ok"
    assert [e["event"] for e in data["entries"]][:2] == ["import", "import"]
    assert all(len(e["hash"]) == 64 for e in data["entries"])
