"""Undoing an import leaves the store as if the file had never been imported: the repeat
contact links and bot hand-overs of the remaining rows, the touches' compliance flags, the
figures, and an entry in the audit log. Each case is compared with a store that never held
the undone file, and the figures are computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from compliance_files import write_campaigns, write_dnc

from workbench.domain import Filters
from workbench.importing import import_files
from workbench.importing.undo import undo_import
from workbench.kpi import rollup
from workbench.kpi.engine import compute
from workbench.kpi.targets import load_options
from workbench.store import Store, audit

CONTACT_HEADERS = ["Call Id", "Start Time", "Agent ID", "Wait Time", "Answered", "Talk Time",
                   "Caller"]  # fmt: skip
X, Y, Z = "13800000001", "13800000002", "13800000003"


def xlsx(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def contacts(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """Answered calls: (call id, start, caller)."""
    return xlsx(path, [CONTACT_HEADERS, *[[c, t, "8001", 10, "Y", 60, p] for c, t, p in rows]])


def write_files(tmp_path: Path) -> dict[str, Path]:
    return {
        "a": contacts(tmp_path / "a.xlsx", [("a1", "2026-10-05 09:00:00", X),
                                            ("a2", "2026-10-05 09:10:00", Y),
                                            ("a3", "2026-10-05 09:20:00", Z)]),
        # b1 repeats a1 six hours later; b2 repeats a2 the next morning
        "b": contacts(tmp_path / "b.xlsx", [("b1", "2026-10-05 15:00:00", X),
                                            ("b2", "2026-10-06 08:00:00", Y)]),
        "c": contacts(tmp_path / "c.xlsx", [("c1", "2026-10-06 09:00:00", Y)]),
        # X's session transferred at 14:50: an agent answered X at 15:00 (b1)
        "bot": xlsx(tmp_path / "bot.xlsx", [["会话ID", "会话开始时间", "转人工", "客户号"],
                                            ["s1", "2026-10-05 14:50:00", "是", X]]),
    }  # fmt: skip


def links(store: Store) -> list[tuple]:
    return store.con.execute(
        "SELECT contact_id, next_contact_at FROM contacts ORDER BY contact_id"
    ).fetchall()


def handovers(store: Store) -> list[tuple]:
    return store.con.execute(
        "SELECT session_id, agent_reached_at FROM bot_sessions ORDER BY session_id"
    ).fetchall()


def figures(store: Store) -> dict[str, object]:
    return {v.kpi_id: v.value for v in compute(store.con, Filters()).values}


def test_undo_relinks_the_remaining_contacts_and_bot_sessions(tmp_path: Path) -> None:
    f = write_files(tmp_path)
    with Store.open(tmp_path / "undone.duckdb") as store:
        done = import_files(store, [f["a"], f["b"], f["c"], f["bot"]]).files
        assert [r.status for r in done] == ["imported"] * 4
        before = figures(store)
        # a1 → b1, a2 → b2 → c1: resolved without a repeat within 24 h are a3, b1 and c1
        assert before["fcr_repeat"] == pytest.approx(3 / 6)
        assert before["bot_transfer_answered"] == pytest.approx(1.0)

        undo_import(store, done[1].import_id)
        after = figures(store)
        relinked, reached = links(store), handovers(store)
        assert rollup.is_current(store.con, load_options(store.con))
    # X is left with a1 alone: no next contact; a2's next is now c1 (23 h 50 min later);
    # resolved are a1, a3 and c1 → 3/4. X's session reached no agent: 0/1.
    assert [(c, str(t) if t else None) for c, t in relinked] == [
        ("a1", None), ("a2", "2026-10-06 09:00:00"), ("a3", None), ("c1", None)]  # fmt: skip
    assert after["fcr_repeat"] == pytest.approx(3 / 4)
    assert reached == [("s1", None)] and after["bot_transfer_answered"] == 0

    with Store.open(tmp_path / "never.duckdb") as store:  # the same store without b
        import_files(store, [f["a"], f["c"], f["bot"]])
        assert (links(store), handovers(store), figures(store)) == (relinked, reached, after)


def test_undo_of_a_list_reflags_the_touches(tmp_path: Path) -> None:
    touches = write_campaigns(tmp_path / "外呼明细.xlsx")
    listed = write_dnc(tmp_path / "免打扰名单.xlsx")
    flags = "SELECT campaign_id, touched_at, violation FROM campaigns ORDER BY ALL"
    with Store.open(tmp_path / "undone.duckdb") as store:
        done = import_files(store, [touches, listed]).files
        with_list = store.con.execute(flags).fetchall()
        undo_import(store, done[1].import_id)
        undone = store.con.execute(flags).fetchall()
    with Store.open(tmp_path / "never.duckdb") as store:
        import_files(store, [touches])
        never = store.con.execute(flags).fetchall()
    assert undone == never
    flagged = sum(1 for row in with_list if row[2]) - sum(1 for row in undone if row[2])
    assert flagged > 0  # the list had flagged touches that are no longer flagged


def test_undo_is_written_to_the_audit_log(tmp_path: Path) -> None:
    f = write_files(tmp_path)
    with Store.open(tmp_path / "s.duckdb") as store:
        done = import_files(store, [f["a"], f["b"]]).files
        undo_import(store, done[1].import_id)
        event, details = store.con.execute(
            "SELECT event, details FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        assert audit.check_chain(store.con) is None
    assert event == "import_undo"
    assert json.loads(details) == {
        "import_id": done[1].import_id, "kind": "contacts", "file": "b.xlsx", "rows": 2,
        "removed": {"contacts": 2},
    }  # fmt: skip
