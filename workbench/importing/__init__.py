"""The import pipeline, one home: files → checked, typed, de-duplicated rows in the store.

- ``stage``: a sheet's data rows as DuckDB temporary objects (blank and total rows dropped)
- ``coerce``: every cell to its field's type, in bulk SQL plus Python parsers for the rest
- ``kinds``: per kind, the SQL making the store table's columns from the coerced fields
- ``job``: one transaction per file (``run_import`` / ``import_files``)

The readers (``workbench.readers``) find a file's sheet, header row, kind and mapping; the
store's table facts (``workbench.store.schema``) say which columns and keys each kind has.
"""

from workbench.importing.job import import_files, run_import

__all__ = ["import_files", "run_import"]
