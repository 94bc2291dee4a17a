"""Lean replacement for the contrib pyarrow hook (which takes every pyarrow library: ~160 MiB).

Workbench uses Arrow only in memory (reading sheets, handing tables to DuckDB): the core
library, IPC and compute. Flight, Substrait, Parquet, datasets, ORC, Acero and the cloud
filesystems are left out (workbench.spec also excludes their modules); the shared libraries the
kept extension modules link to are found by PyInstaller's dependency analysis.
"""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = (
    "flight",
    "substrait",
    "parquet",
    "dataset",
    "orc",
    "acero",
    "_s3fs",
    "_gcsfs",
    "_azurefs",
    "_hdfs",
    "cuda",
    "jvm",
    "tests",
    "_pyarrow_cpp_tests",
    "benchmark",
)

hiddenimports = collect_submodules(
    "pyarrow", filter=lambda name: not any(word in name for word in UNUSED)
)
