"""The lake on Apache Spark: the engine's DuckDB SQL, translated by ``sqlglot``, run by Spark SQL.

``SparkLake`` registers the lake's kinds as temporary views named like the store tables and
offers ``execute(sql, params)`` like a DuckDB connection, so ``workbench.kpi.engine.compute``
runs on it unchanged. Each statement is parsed as DuckDB SQL, its ``?`` parameters become
literals, and it is written back as Spark SQL; the only rewrite beyond the dialect is
``SELECT EXISTS(subquery)`` (Spark allows EXISTS only in a filter), which becomes an equivalent
scalar subquery. No formula is restated here: the catalogue stays the only place one is written.

Spark is optional (``pip install workbench[hq]``, and a Java runtime); importing this module
does not import ``pyspark`` until a session is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.dialects.duckdb import DuckDB
from sqlglot.tokens import TokenType

from workbench.errors import UsageError
from workbench.i18n import _
from workbench.lake.schema import KINDS, PARTITIONS, empty_select, store_columns
from workbench.lake.views import centre_filter_sql, check_lake
from workbench.store.sql import quote

#: Spark settings that make it read and compute like DuckDB on the lake: wall-clock timestamps
#: (the store's are naive local times), partition values as text, no web UI.
SPARK_CONF: dict[str, str] = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.parquet.inferTimestampNTZ.enabled": "true",
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    "spark.sql.ansi.enabled": "false",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.driver.extraJavaOptions": "-Dderby.system.home=/tmp",
}


def translate(sql: str, params: Sequence[Any] = ()) -> str:
    """DuckDB SQL with ``?`` parameters → one Spark SQL statement with the values inlined."""
    tree = sqlglot.parse_one(bind(sql, params), read="duckdb")
    tree = tree.transform(_exists_as_scalar)
    return tree.sql(dialect="spark")


def bind(sql: str, params: Sequence[Any]) -> str:
    """``sql`` with each ``?`` (a placeholder token, never one inside a string) as a literal."""
    tokens = [t for t in DuckDB().tokenize(sql) if t.token_type == TokenType.PLACEHOLDER]
    values = list(params)
    if len(tokens) != len(values):
        raise ValueError(f"{len(tokens)} placeholders, {len(values)} parameters")
    out = sql
    for token, value in reversed(list(zip(tokens, values, strict=True))):
        out = out[: token.start] + _literal(value) + out[token.end + 1 :]
    return out


def _literal(value: Any) -> str:
    """A parameter as DuckDB literal text."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return f"CAST('{value.isoformat(sep=' ')}' AS TIMESTAMP)"
    if isinstance(value, date):
        return f"CAST('{value.isoformat()}' AS DATE)"
    if isinstance(value, int | float | Decimal):
        return repr(value) if not isinstance(value, Decimal) else str(value)
    return quote(value)


def _exists_as_scalar(node: exp.Expression) -> exp.Expression:
    """``EXISTS (q)`` in a SELECT list → ``(SELECT count(*) > 0 FROM (q LIMIT 1))``."""
    if isinstance(node, exp.Exists) and isinstance(node.parent, exp.Select | exp.Alias):
        parent = node.parent
        if isinstance(parent, exp.Alias):
            parent = parent.parent
        if isinstance(parent, exp.Select) and node in _projections(parent):
            inner = node.this.copy().limit(1)
            scalar = exp.select("count(*) > 0").from_(inner.subquery("q"))
            return exp.Subquery(this=scalar)
    return node


def _projections(select: exp.Select) -> list[exp.Expression]:
    out = []
    for e in select.expressions:
        out.append(e.this if isinstance(e, exp.Alias) else e)
    return out


class _Result:
    def __init__(self, rows: list[tuple]):
        self._rows = rows

    def fetchall(self) -> list[tuple]:
        return self._rows

    def fetchone(self) -> tuple | None:
        return self._rows[0] if self._rows else None


class SparkLake:
    """A lake as Spark temporary views, with a DuckDB-like ``execute``. Close it when done."""

    def __init__(
        self,
        spark: Any,
        lake: str | Path,
        centres: Sequence[str] | None = None,
        months: tuple[date | None, date | None] | None = None,
    ):
        self.spark = spark
        self.lake = check_lake(lake)
        self.statements: list[str] = []  # the Spark SQL run, for ``--explain`` and tests
        where = centre_filter_sql(centres, months)
        for kind in KINDS:
            kind_dir = self.lake / kind
            if any(kind_dir.glob("centre=*/month=*/*.parquet")):
                frame = (
                    spark.read.schema(spark_schema(kind))
                    .option("basePath", str(kind_dir))
                    .parquet(str(kind_dir))
                )
                frame.createOrReplaceTempView(f"_lake_{kind}")
                spark.sql(
                    f"CREATE OR REPLACE TEMPORARY VIEW {kind} AS SELECT * FROM _lake_{kind}" + where
                )
            else:
                spark.sql(
                    f"CREATE OR REPLACE TEMPORARY VIEW {kind} AS " + translate(empty_select(kind))
                )

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Result:
        statement = translate(sql, params)
        self.statements.append(statement)
        rows = self.spark.sql(statement).collect()
        return _Result([tuple(r) for r in rows])


def spark_schema(kind: str) -> str:
    """The kind's lake columns as a Spark DDL schema (given, so Spark infers nothing)."""
    columns = [
        f"{name} {exp.DataType.build(typ, dialect='duckdb').sql(dialect='spark')}"
        for name, typ in store_columns()[kind]
    ]
    columns += [f"{p} STRING" for p in PARTITIONS]
    return ", ".join(columns)


def spark_session(
    master: str = "local[*]", app: str = "workbench-hq", conf: dict[str, str] | None = None
) -> Any:
    """A Spark session with ``SPARK_CONF`` and ``conf`` (needs pyspark and a Java runtime)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise UsageError(
            _("Spark is not installed"),
            hint=_("pip install 'workbench[hq]' and a Java 17 runtime, or use --engine duckdb"),
        ) from exc
    builder = SparkSession.builder.master(master).appName(app)
    for key, value in {**SPARK_CONF, **(conf or {})}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
