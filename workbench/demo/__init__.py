"""Demo data: one deterministic synthetic month of a remote-banking centre (issue 2, item 4).

``build_month`` gives every data kind as numpy column arrays (benchmarks use it without
writing), ``generate_month`` writes them as realistic .xlsx exports, and ``ensure_demo_store``
imports those through the real importer into the store ``workbench --demo`` opens.
No Qt here.
"""

from __future__ import annotations

from pathlib import Path

from workbench.demo.generate import DEMO_MONTH, MonthSpec, Table, build_month
from workbench.demo.store import demo_files_dir, ensure_demo_store
from workbench.demo.writers import EXCEL_MAX_ROWS, LAYOUTS, write_tables

__all__ = [
    "DEMO_MONTH",
    "EXCEL_MAX_ROWS",
    "LAYOUTS",
    "MonthSpec",
    "Table",
    "build_month",
    "demo_files_dir",
    "ensure_demo_store",
    "generate_month",
    "write_tables",
]


def generate_month(
    out_dir: Path,
    *,
    month: str = DEMO_MONTH,
    contacts: int = 30_000,
    agents: int = 60,
    bot_sessions: int | None = None,
    campaign_touches: int | None = None,
    interval_queues: int = 5,
    interval_minutes: int = 15,
    seed: int = 7,
    max_rows: int = EXCEL_MAX_ROWS,
) -> list[Path]:
    """Write one synthetic month (every data kind) as .xlsx files in ``out_dir``.

    ``bot_sessions`` defaults to twice the contacts and ``campaign_touches`` to a tenth; the
    interval summary covers the month *before* ``month`` (see ``store`` for why). Returns the
    written files, contacts first.
    """
    tables = build_month(
        MonthSpec(
            month=month,
            contacts=contacts,
            agents=agents,
            bot_sessions=bot_sessions,
            campaign_touches=campaign_touches,
            interval_queues=interval_queues,
            interval_minutes=interval_minutes,
            seed=seed,
        )
    )
    return write_tables(tables, Path(out_dir), max_rows=max_rows)
