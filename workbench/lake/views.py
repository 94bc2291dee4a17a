"""A lake opened in DuckDB: one view per kind, named like the store table, with ``centre``.

The KPI engine runs on such a connection exactly as on a store (``workbench.lake.kpis``).
A centre filter is part of the views (``WHERE centre IN …``), so the engine need not know it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb

from workbench.errors import StoreUnavailable
from workbench.i18n import _
from workbench.lake.schema import KINDS, empty_select
from workbench.store.sql import quote

_HIVE = "hive_partitioning = true, hive_types = {'centre': VARCHAR, 'month': VARCHAR}"


def kind_glob(lake: Path, kind: str) -> str:
    """The glob of a kind's data files (hidden staging folders never match)."""
    return str(lake / kind / "centre=*" / "month=*" / "*.parquet")


def check_lake(lake: str | Path) -> Path:
    """``lake`` as a Path; ``StoreUnavailable`` when it holds no kind folder at all."""
    path = Path(lake)
    if not path.is_dir() or not any((path / k).is_dir() for k in KINDS):
        raise StoreUnavailable(
            _("no lake here"), file=path, hint=_("export a store with 'workbench lake export'")
        )
    return path


def centre_filter_sql(
    centres: Sequence[str] | None, months: tuple[date | None, date | None] | None = None
) -> str:
    """``WHERE centre IN (…) AND month BETWEEN …`` for the chosen centres and the months
    holding the days ``months`` = (first, last) ('' for everything). The month condition only
    prunes partitions: the engine still filters on the event time."""
    conditions = []
    if centres:
        quoted = ", ".join(quote(c) for c in centres)
        conditions.append(f"centre IN ({quoted})")
    first, last = months or (None, None)
    if first:
        conditions.append(f"month >= '{first:%Y-%m}'")
    if last:
        conditions.append(f"month <= '{last:%Y-%m}'")
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


def open_lake(
    lake: str | Path,
    centres: Sequence[str] | None = None,
    *,
    months: tuple[date | None, date | None] | None = None,
    threads: int | None = None,
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with the lake's kinds as views (read-only on the files)."""
    path = check_lake(lake)
    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    where = centre_filter_sql(centres, months)
    for kind in KINDS:
        if any((path / kind).glob("centre=*/month=*/*.parquet")):
            glob = kind_glob(path, kind).replace("'", "''")
            source = f"SELECT * FROM read_parquet('{glob}', {_HIVE})"
        else:
            source = empty_select(kind)
        con.execute(f"CREATE VIEW {kind} AS SELECT * FROM ({source}){where}")
    return con


def lake_centres(lake: str | Path) -> list[str]:
    """Centre codes with at least one partition in the lake, sorted."""
    path = Path(lake)
    codes = {
        d.name.removeprefix("centre=")
        for kind in KINDS
        if (path / kind).is_dir()
        for d in (path / kind).glob("centre=*")
        if d.is_dir()
    }
    return sorted(codes)
