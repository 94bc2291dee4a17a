"""The compliance view lists each violating touch (masked) and the audit log with its chain."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))  # the shared builders
from datetime import date

from compliance_files import VIOLATING, write_campaigns, write_dnc
from desk_helpers import make_window

from workbench.importing import import_files
from workbench.store import Store


def test_violations_and_audit_log_are_listed(tmp_path, qtbot) -> None:
    store = Store.open(tmp_path / "s.duckdb")
    files = [write_campaigns(tmp_path / "外呼.xlsx"), write_dnc(tmp_path / "免打扰.xlsx")]
    import_files(store, files)
    window = make_window(store, tmp_path / "s.ini", qtbot)
    window.filter_bar.set_range(date(2026, 10, 1), date(2026, 10, 31))
    window.show_view("compliance")
    view = window.view("compliance")
    view.refresh()
    assert view.wait(30)
    assert view.violations_model.rowCount() == VIOLATING
    customers = {r["customer"] for r in view.violations_model.rows()}
    assert "138****0006" in customers and not any("13800000006" in c for c in customers)
    rules = {tuple(r["rules"]) for r in view.violations_model.rows()}
    assert {("dnc",), ("calling_window",)} <= rules
    assert view.audit_model.rowCount() == 2
    assert "intact" in view.chain_label.text()
    window.close()
    store.close()
