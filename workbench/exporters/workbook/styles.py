"""Formats, styles and the small layout helpers every sheet of the workbook shares.

Number formats per unit, the header / group / status fills, where the header row and the data
start, the value of an indicator as its cell holds it (``to_cell`` / ``from_cell``), and the
title, header, border and column-width helpers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time, timedelta
from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workbench.domain import Target
from workbench.exporters.cells import write
from workbench.exporters.labels import label, sheet_name
from workbench.kpi import catalogue

SECONDS_PER_DAY = 86_400
UNIT_FORMATS: dict[str, str] = {
    "count": "#,##0",
    "ratio": "0.00%",
    "s": "[m]:ss",  # the cell holds seconds / 86400 (an Excel duration)
    "score": "0.00",
    "points": "0.0",
    "yuan": '"¥"#,##0.00',
}
INT_FORMAT = "#,##0"
DEC_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
GROUP_FILL = PatternFill("solid", fgColor="D9E1F2")
TITLE_FONT = Font(bold=True, size=14)
_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
STATUS_FILLS = {
    "met": ("C6EFCE", "006100"),
    "at_risk": ("FFEB9C", "9C5700"),
    "missed": ("FFC7CE", "9C0006"),
}
CHART_ROWS = 14  # rows one chart (6.8 cm) takes on the Trends sheet
HEADER_ROW = 2  # row 1 is the sheet title, row 2 the column headers, data from row 3
FIRST_DATA_ROW = 3


def to_cell(unit: str, value: float | None) -> float | None:
    """An indicator value as its cell holds it (seconds become an Excel duration)."""
    if value is None:
        return None
    return value / SECONDS_PER_DAY if unit == "s" else value


def from_cell(unit: str, value: Any) -> float | None:
    """The inverse of ``to_cell`` for a value read back from the workbook."""
    if value is None or value == "":
        return None
    if isinstance(value, timedelta):  # a duration cell as an xlsx reader returns it
        return value.total_seconds()
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    number = float(value)
    return number * SECONDS_PER_DAY if unit == "s" else number


def title(ws: Worksheet, data: Any, key: str) -> None:
    """Row 1: the centre, the sheet's name and the period."""
    text = f"{sheet_name(data.lang, key)}  {data.start.isoformat()} – {data.end.isoformat()}"
    if data.centre:
        text = f"{data.centre}  {text}"
    cell = write(ws, 1, 1, text)
    cell.font = TITLE_FONT


def header(ws: Worksheet, titles: Sequence[str], row: int = HEADER_ROW) -> None:
    """A row of column titles, white on dark blue, boxed."""
    for column, text in enumerate(titles, start=1):
        cell = write(ws, row, column, text)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BORDER
    ws.row_dimensions[row].height = 32


def box(ws: Worksheet, first_row: int, last_row: int, n_cols: int) -> None:
    """Thin borders around every cell of the block."""
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, max_col=n_cols):
        for cell in row:
            cell.border = BORDER


def widths(ws: Worksheet, values: Sequence[float]) -> None:
    """Column widths from column A on."""
    for column, width in enumerate(values, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width


def status_text(lang: str, status: str) -> str:
    """met / at_risk / missed in the workbook's language."""
    return label(lang, f"status.{status}")


def target_text(kpi_id: str, target: Target | None, lang: str) -> str:
    """A target cell: ``≥ 94.0%``, ``≤ 0:15``, ``75.0% – 90.0%``; ``—`` without a target."""
    from workbench.kpi.engine import format_value

    if target is None:
        return "—"
    kpi = catalogue.get(kpi_id)
    return target.text(lambda value: format_value(kpi, value, lang), dash=" – ")


def count_format(value: float | None) -> str:
    """Whole numbers without decimals, others with two."""
    if value is None or float(value).is_integer():
        return INT_FORMAT
    return DEC_FORMAT


def status_rules(ws: Worksheet, lang: str, status_col: str, ranges: str, last: int) -> None:
    """Green / amber / red fills keyed on the status column's text."""
    if last < FIRST_DATA_ROW:
        return
    for status, (fill, font) in STATUS_FILLS.items():
        text = status_text(lang, status).replace('"', '""')
        rule = FormulaRule(
            formula=[f'${status_col}{FIRST_DATA_ROW}="{text}"'],
            fill=PatternFill("solid", fgColor=fill, bgColor=fill),
            font=Font(color=font, bold=status == "missed"),
        )
        ws.conditional_formatting.add(ranges, rule)
