"""The compliance workbook: one period's results as an xlsx an auditor can verify offline.

Sheets: Cover, Summary, Trends, Agents, Bots, Campaigns, Exceptions, Methodology, Sources,
Compliance, Audit and Manifest (names and labels from ``exporters.labels``), one module each
(``grouped`` lays out Agents, Bots and Campaigns; ``compliance`` the Compliance and Audit
sheets); ``styles`` holds the formats and layout helpers they share, ``data`` what they show,
``layout`` puts them together and ``job`` runs the export. Indicator names, formulas and
sources come from the KPI catalogue; values from the KPI engine. The file is written to a
temporary name beside the target and renamed at the end (``safe_write``); every data cell goes
through ``cells.write`` so text never becomes a formula.
"""

from __future__ import annotations

from workbench.exporters.workbook.data import ExportResult, shortfall
from workbench.exporters.workbook.job import export, export_workbook
from workbench.exporters.workbook.layout import build_workbook
from workbench.exporters.workbook.manifest_sheet import DIGEST_COL
from workbench.exporters.workbook.styles import (
    DATETIME_FORMAT,
    FIRST_DATA_ROW,
    HEADER_ROW,
    INT_FORMAT,
    UNIT_FORMATS,
    from_cell,
    to_cell,
)
from workbench.exporters.workbook.summary import summary_columns

__all__ = [
    "DATETIME_FORMAT",
    "DIGEST_COL",
    "FIRST_DATA_ROW",
    "HEADER_ROW",
    "INT_FORMAT",
    "UNIT_FORMATS",
    "ExportResult",
    "build_workbook",
    "export",
    "export_workbook",
    "from_cell",
    "shortfall",
    "summary_columns",
    "to_cell",
]
