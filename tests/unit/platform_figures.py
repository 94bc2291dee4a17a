"""Helpers for the platform and real-export tests: import through the CLI, read the figures.

The figures are read from the store's rows, not through the KPI engine, so that they state
what the import stored: offered (rows), answered, abandoned (not answered), ASA (mean wait of
answered contacts); for intervals the sums and the answered-weighted ASA.
"""

from __future__ import annotations

import json
from pathlib import Path

from workbench.cli import main
from workbench.store import Store


def import_file(path: Path, store_path: Path, capsys, *flags: str) -> dict:
    """Run ``workbench import FILE --json`` and return the file's JSON (exit 0 asserted)."""
    code = main(["import", str(path), "--store", str(store_path), "--json", *flags])
    out, err = capsys.readouterr()
    assert code == 0, err or out
    (result,) = json.loads(out)["files"]
    assert result["status"] == "imported", result
    return result


def contact_figures(store_path: Path) -> tuple[int, int, int, float | None]:
    with Store.open(store_path) as store:
        row = store.con.execute(
            "SELECT count(*), count(*) FILTER (WHERE answered), "
            "count(*) FILTER (WHERE NOT answered), avg(wait_s) FILTER (WHERE answered) "
            "FROM contacts"
        ).fetchone()
    return int(row[0]), int(row[1]), int(row[2]), row[3]


def interval_figures(store_path: Path) -> tuple[int, int, int, float | None]:
    with Store.open(store_path) as store:
        row = store.con.execute(
            "SELECT sum(offered), sum(answered), sum(abandoned), "
            "sum(answer_wait_sum_s) / nullif(sum(answered), 0) FROM intervals"
        ).fetchone()
    return int(row[0]), int(row[1]), int(row[2] or 0), row[3]
