"""Indicators over a lake, on DuckDB or Spark, from the one engine and catalogue.

The targets are the built-in profile (the catalogue's defaults: headquarters' common yardstick)
and the formula options the defaults (``KpiOptions()``); a centre's own store settings do not
travel with its data.

Which rows feed the human-service indicators is decided per centre, as in each centre's store:
the engine prefers a day's contact detail to that day's interval summaries. Over one lake the
engine would decide per day across all centres, so when some centre has only summaries on a day
for which another centre has contacts, the report is computed centre by centre (each on views
holding that centre only) and the centres' numerators and denominators are added: the figures
are then exactly those of the centres' own stores, summed. Otherwise (the usual case, and any
lake without interval summaries) one pass over the whole lake gives the same figures faster.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workbench.domain import Filters, KpiGroup, KpiOptions, KpiReport, KpiValue
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.kpi import catalogue
from workbench.kpi.engine import compute
from workbench.kpi.targets import default_profile, status_of
from workbench.lake.views import lake_centres, open_lake

ENGINES = ("duckdb", "spark")

#: (centre, day)s of interval summaries whose day has contacts in another centre only.
_MIXED_DAYS = """
WITH i AS (SELECT DISTINCT centre, CAST(period_start AS DATE) AS d FROM intervals),
     c AS (SELECT DISTINCT centre, CAST(started_at AS DATE) AS d FROM contacts)
SELECT count(*) FROM i SEMI JOIN c AS other ON other.d = i.d
WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.centre = i.centre AND c.d = i.d)
"""


def lake_report(
    lake: str | Path,
    *,
    engine: str = "duckdb",
    by: str | None = None,
    filters: Filters | None = None,
    centres: Sequence[str] | None = None,
    spark: Any = None,
    spark_master: str = "local[*]",
    kpi_ids: Sequence[str] | None = None,
) -> KpiReport:
    """The engine's report over the lake (``spark``: a session to reuse, else one is made)."""
    if engine not in ENGINES:
        raise UsageError(
            _("unknown engine '{engine}'").format(engine=engine),
            hint=_("choose duckdb or spark"),
        )
    filters = filters or Filters()
    session = None
    if engine == "spark":
        try:
            from workbench.lake.spark import spark_session
        except ImportError as exc:  # sqlglot missing (the desktop bundle has no Spark)
            raise UsageError(
                _("Spark is not installed"),
                hint=_("pip install 'workbench[hq]' and a Java 17 runtime, or use --engine duckdb"),
            ) from exc
        session = spark if spark is not None else spark_session(spark_master)

    def run(chosen: Sequence[str] | None, group_by: str | None) -> KpiReport:
        return _compute(lake, engine, session, chosen, filters, group_by, kpi_ids)

    if not mixed_sources(lake, centres):
        return run(centres, by)
    codes = [c for c in lake_centres(lake) if not centres or c in centres]
    per_centre = {code: run([code], None if by == "centre" else by) for code in codes}
    return combine(per_centre, by)


def _compute(lake, engine, session, centres, filters, by, kpi_ids) -> KpiReport:
    options, profile = KpiOptions(), default_profile()
    months = (filters.start, filters.end)  # partition pruning; the engine filters the days
    if engine == "spark":
        from workbench.lake.spark import SparkLake

        con: Any = SparkLake(session, lake, centres, months)
        return compute(con, filters, by=by, kpi_ids=kpi_ids, options=options, profile=profile)
    con = open_lake(lake, centres, months=months)
    try:
        return compute(con, filters, by=by, kpi_ids=kpi_ids, options=options, profile=profile)
    finally:
        con.close()


def mixed_sources(lake: str | Path, centres: Sequence[str] | None = None) -> bool:
    """True when a centre's interval summaries fall on a day only other centres have contacts."""
    con = open_lake(lake, centres)
    try:
        if not con.execute("SELECT count(*) FROM (SELECT 1 FROM intervals LIMIT 1)").fetchone()[0]:
            return False
        return bool(con.execute(_MIXED_DAYS).fetchone()[0])
    finally:
        con.close()


def combine(per_centre: dict[str, KpiReport], by: str | None) -> KpiReport:
    """Reports of single centres as one: numerators and denominators added (Σ/Σ)."""
    reports = list(per_centre.values())
    first = reports[0]
    overall = _add([r.values for r in reports])
    if by == "centre":
        groups = tuple(
            KpiGroup(by="centre", key=code, values=r.values) for code, r in per_centre.items()
        )
    elif by is None:
        groups = ()
    else:
        keyed: dict[str, list[KpiGroup]] = {}
        for r in reports:
            for g in r.groups:
                keyed.setdefault(g.key, []).append(g)
        groups = tuple(
            KpiGroup(
                by=by,
                key=key,
                values=_add([g.values for g in keyed[key]]),
                label=next((g.label for g in keyed[key] if g.label), None),
            )
            for key in sorted(keyed)
        )
    starts = [r.start for r in reports if r.start]
    ends = [r.end for r in reports if r.end]
    return KpiReport(
        start=min(starts) if starts else None,
        end=max(ends) if ends else None,
        targets_version=first.targets_version,
        options=first.options,
        values=overall,
        groups=groups,
    )


def _add(value_lists: list[tuple[KpiValue, ...]]) -> tuple[KpiValue, ...]:
    """Per indicator: Σ numerators / Σ denominators (a sum: Σ numerators), judged again."""
    out = []
    for values in zip(*value_lists, strict=True):
        kpi = catalogue.get(values[0].kpi_id)
        target = values[0].target
        nums = [v.numerator for v in values if v.numerator is not None]
        dens = [v.denominator for v in values if v.denominator is not None]
        num = sum(nums) if nums else None
        den = sum(dens) if dens else None
        if kpi.kind == "sum":
            status = status_of(num, target) if num is not None else "no_data"
            out.append(KpiValue(kpi.id, num, num, None, target, status))
        elif num is None or not den:
            out.append(KpiValue(kpi.id, None, num, den, target, "no_data"))
        else:
            value = num / den
            out.append(KpiValue(kpi.id, value, num, den, target, status_of(value, target)))
    return tuple(out)
