"""Indicators over a lake, on DuckDB or Spark, from the one engine and catalogue.

The targets are the built-in profile (the catalogue's defaults: headquarters' common yardstick)
and the formula options the defaults (``KpiOptions()``); a centre's own store settings do not
travel with its data.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workbench.domain import Filters, KpiOptions, KpiReport
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.kpi.engine import compute
from workbench.kpi.targets import default_profile

ENGINES = ("duckdb", "spark")


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
    filters = filters or Filters()
    options = KpiOptions()
    profile = default_profile()
    if engine == "duckdb":
        from workbench.lake.views import open_lake

        con = open_lake(lake, centres)
        try:
            return compute(
                con, filters, by=by, kpi_ids=kpi_ids, options=options, profile=profile
            )
        finally:
            con.close()
    if engine == "spark":
        from workbench.lake.spark import SparkLake, spark_session

        session = spark if spark is not None else spark_session(spark_master)
        return compute(
            SparkLake(session, lake, centres),
            filters,
            by=by,
            kpi_ids=kpi_ids,
            options=options,
            profile=profile,
        )
    raise UsageError(
        _("unknown engine '{engine}'").format(engine=engine),
        hint=_("choose duckdb or spark"),
    )
