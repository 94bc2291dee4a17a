"""The lake's columns per kind: the store tables' columns (from the migrations) less import_id."""

from __future__ import annotations

from functools import cache

from workbench.domain import KIND_NAMES
from workbench.kpi.catalogue import TIME_COLUMNS

#: The kinds a lake holds: the tables indicators are computed from (the do-not-call list is
#: a centre's own reference data and stays in its store).
KINDS: tuple[str, ...] = tuple(k for k in KIND_NAMES if k in TIME_COLUMNS)

#: Store columns that stay in the store (local row bookkeeping).
DROPPED = ("import_id",)
#: Partition columns the lake adds to every kind (from the folder names).
PARTITIONS = ("centre", "month")


@cache
def store_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """``{kind: ((column, DuckDB type), …)}`` of the current store schema, less ``DROPPED``."""
    from workbench.store import Store

    store = Store.memory()
    try:
        out = {}
        for kind in KINDS:
            rows = store.con.execute(f"DESCRIBE {kind}").fetchall()
            out[kind] = tuple((r[0], r[1]) for r in rows if r[0] not in DROPPED)
        return out
    finally:
        store.close()


def time_column(kind: str) -> str:
    """The column holding a row's event time (the month partition is taken from it)."""
    return TIME_COLUMNS[kind]


def empty_select(kind: str) -> str:
    """DuckDB SQL of an empty relation with the kind's lake columns (a kind nobody exported)."""
    cols = [f"CAST(NULL AS {typ}) AS {name}" for name, typ in store_columns()[kind]]
    cols += [f"CAST(NULL AS VARCHAR) AS {p}" for p in PARTITIONS]
    return f"SELECT {', '.join(cols)} WHERE FALSE"
