"""The headquarters lake: several centres' stores as one folder of Hive-partitioned Parquet.

Layout (``export.py`` writes it, ``views.py`` and ``spark.py`` read it)::

    LAKE/<kind>/centre=<code>/month=<YYYY-MM>/data_0.parquet   one partition per centre and month
    LAKE/_manifests/<code>.json                                 one manifest per centre

A kind's files hold the store table's columns less ``import_id`` (local to one store); the
centre and month are in the path, so every record carries its centre. Personal data is in the
store only as keyed hashes and masks and goes to the lake as such; agent names do not go at all
(an agent without an id gets a keyed hash of the name as id).

Indicators over a lake come from the same engine as over a store (``workbench.kpi.engine``):
the lake's kinds are registered as views named like the store tables, with a ``centre`` column,
and the engine's SQL runs on DuckDB as it is, or on Spark translated by ``sqlglot``.
"""

#: Version of the lake's layout and columns, written in every manifest.
LAKE_SCHEMA_VERSION = 1
