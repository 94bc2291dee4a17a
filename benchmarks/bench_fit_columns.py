"""Column fitting of the tables the views show, on a big store: Qt sizes every column from
the visible rows and ``dataview.FIT_ROWS`` more (its own default: 1,000 rows). Prints the
milliseconds of ``fit_columns`` per table at both settings (best of 2).

    python benchmarks/bench_fit_columns.py --store STORE.duckdb   (e.g. run.py's store)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

VIEWS = ("agents", "campaigns", "compliance", "abandoned")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QTableView

    from workbench.views import dataview
    from workbench.views.app import build_app, create_main_window
    from workbench.views.errors import open_store_interactively
    from workbench.views.settings import Settings
    from workbench.workers.runner import wait_for_idle

    settings = Settings(Path(tempfile.mkdtemp()) / "bench.ini")
    settings.set_filter_state({"mode": "latest_month"})
    settings.last_view = "dashboard"
    build_app([sys.argv[0]], lang="zh_CN", settings=settings)
    store = open_store_interactively(args.store, ask=lambda *_: False)
    window = create_main_window(store, settings=settings)
    window.resize(1280, 800)
    window.show()
    wait_for_idle(60, settle_s=0.0)
    shipped = dataview.FIT_ROWS
    for view_id in VIEWS:
        widget = window.show_view(view_id)
        QCoreApplication.processEvents()
        wait_for_idle(60, settle_s=0.0)
        QCoreApplication.processEvents()
        for table in widget.findChildren(QTableView):
            model = table.model()
            if model is None or model.rowCount() < 50:
                continue
            best: dict[int, float] = {}
            for rows in (1000, shipped, 1000, shipped):
                dataview.FIT_ROWS = rows
                began = time.perf_counter()
                dataview.fit_columns(table)
                spent = (time.perf_counter() - began) * 1000
                best[rows] = min(best.get(rows, spent), spent)
            size = f"{model.rowCount():,} × {model.columnCount()}"
            print(f"{view_id}: {size} table: {best[1000]:.0f} ms at 1,000 rows, "
                  f"{best[shipped]:.0f} ms at {shipped}")  # fmt: skip
    dataview.FIT_ROWS = shipped
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
