"""Exporters: the compliance workbook (``workbook``) and its offline verification (``verify``).

``workbook.export_workbook`` writes it (a generator with progress and cancel), ``manifest``
holds the canonical digests, ``cells`` keeps data text from becoming formulas, ``safe_write``
renames a finished temporary file over the target, ``labels`` holds every zh/en text.
"""
