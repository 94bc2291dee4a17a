"""The one list of indicators (kpis.md): names, units, directions, default targets, sources and
the DuckDB SQL of every numerator and denominator.

Nobody else states a formula: the engine (``workbench.kpi.engine``) only assembles the SQL held
here into one query per store table, the views, the command line and the workbook read names,
units and sources from here. Adding an indicator is adding one ``KpiDef`` to ``KPIS``.

How a formula is written
------------------------
A formula is a numerator and (for ratios and means) a denominator. Each is a sum of *terms*;
a term is ``(table, SQL aggregate)`` evaluated over the rows of that store table that pass the
filters. The value is ``Σ numerator terms / Σ denominator terms`` (``kind`` "ratio" or "mean"),
or ``Σ numerator terms`` (``kind`` "sum"). Because every indicator keeps numerator and
denominator as sums, totals over days, queues or months are exact: a month is never an average
of daily averages.

Inside an aggregate the SQL may use the table's columns and the derived columns of
``DERIVED`` below. ``{T}`` is the service-level threshold in seconds and ``{S}`` the
short-abandon threshold (``KpiOptions``); the engine substitutes them as integer literals.
Conditional counts are written ``count_if(condition)``: in DuckDB it is markedly faster than
``count(*) FILTER (WHERE condition)`` (benchmarks/bench_engine.py).

Human-service indicators have a term over ``contacts`` and one over ``intervals`` (the ACD
summaries): the engine feeds each day from contacts when the store holds contacts for that day,
from intervals otherwise (see ``engine.compute``). Summaries carry no short-abandon detail and
have their own ``sl_threshold_s``: their service level counts ``answered_in_sl`` as exported.
"""

from __future__ import annotations

from workbench.domain import KpiOptions, Target
from workbench.kpi.definition import (
    Direction,
    Fallback,
    Group,
    Kind,
    KpiDef,
    Term,
    Unit,
    substitute,
)
from workbench.kpi.defs_intelligent import INTELLIGENT
from workbench.kpi.defs_operation import OPERATION
from workbench.kpi.defs_service import SERVICE
from workbench.store.schema import TIME_COLUMNS

# re-exported: the engine, views and exporters read these from here
__all__ = ["TIME_COLUMNS", "Direction", "Fallback", "Group", "Kind", "KpiDef", "Term", "Unit"]

#: (group id, 中文名, English name), in the order of the T/CBA 2019 specification.
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("service", "客户服务", "Customer service"),
    ("intelligent", "智能服务", "Intelligent service"),
    ("operation", "客户经营", "Customer operation"),
)

#: Derived boolean columns per table, usable inside any term of that table.
DERIVED: dict[str, dict[str, str]] = {
    "contacts": {
        # Abandoned within S seconds (S = 0 switches it off): out of answer_rate, service_level
        # and abandon_rate, numerator and denominator alike (offered itself keeps them).
        "short_abandon": (
            "coalesce({S} > 0 AND answered = FALSE AND wait_s IS NOT NULL AND wait_s <= {S}, FALSE)"
        ),
        # Answered within the service-level threshold T.
        "answered_in_t": "coalesce(answered AND wait_s IS NOT NULL AND wait_s <= {T}, FALSE)",
        # Abandoned within T (the offered_minus_short SL denominator leaves these out).
        "abandoned_in_t": (
            "coalesce(answered = FALSE AND wait_s IS NOT NULL AND wait_s <= {T}, FALSE)"
        ),
        # The customer did not contact again (any channel) within the FCR window W hours.
        "no_repeat": (
            "(next_contact_at IS NULL OR epoch(next_contact_at) - epoch(started_at) > {W} * 3600)"
        ),
    },
}


def derived_sql(table: str, options: KpiOptions) -> str:
    """``, <expression> AS <name>`` for each derived column of ``table`` under ``options``
    (appended to ``SELECT *`` of the rows the terms are summed over)."""
    return "".join(
        f", {substitute(sql, options)} AS {name}" for name, sql in DERIVED.get(table, {}).items()
    )


KPIS: tuple[KpiDef, ...] = (*SERVICE, *INTELLIGENT, *OPERATION)

_BY_ID: dict[str, KpiDef] = {k.id: k for k in KPIS}


def get(kpi_id: str) -> KpiDef:
    """The indicator with this id; ``KeyError`` naming the known ids otherwise."""
    try:
        return _BY_ID[kpi_id]
    except KeyError:
        raise KeyError(f"unknown indicator '{kpi_id}' (known: {', '.join(_BY_ID)})") from None


def ids() -> tuple[str, ...]:
    """Every indicator id, in catalogue order."""
    return tuple(_BY_ID)


def by_group(group: str) -> tuple[KpiDef, ...]:
    """The indicators of one group, in catalogue order."""
    return tuple(k for k in KPIS if k.group == group)


def default_targets() -> dict[str, Target]:
    """The built-in target profile (version 0): the catalogue's default targets."""
    return {k.id: k.default_target for k in KPIS if k.default_target is not None}


def group_name(group: str, lang: str) -> str:
    """The display name of a group id."""
    for gid, zh, en in GROUPS:
        if gid == group:
            return zh if lang.lower().startswith("zh") else en
    raise KeyError(group)
