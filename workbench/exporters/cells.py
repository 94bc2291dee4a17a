"""Writing data into cells so that it stays data: text is text, never a formula.

A value from an imported file that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is written as a string cell with the quote prefix set, so neither openpyxl nor Excel /
LibreOffice turns it into a formula (CSV/formula injection). Characters XML cannot carry are
dropped. Every data cell of the compliance workbook goes through ``write``.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_TEXT = 32_767  # Excel's limit for one cell


def clean_text(text: str) -> str:
    """``text`` without characters an xlsx cannot hold, cut to Excel's cell limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text[:MAX_TEXT]


def needs_quote(text: str) -> bool:
    """True when a spreadsheet program could read ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def cell_value(value: Any) -> Any:
    """The value as it goes into a cell: numbers, dates and booleans as they are, else text."""
    if value is None or isinstance(value, bool | int | datetime | date):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if hasattr(value, "__float__") and not isinstance(value, str):  # Decimal, numpy numbers
        return float(value)
    return clean_text(str(value))


def write(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None):
    """Write one data cell safely and return it."""
    value = cell_value(value)
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        # Bypass openpyxl's "starts with = means formula" guess: the value is a string, full stop.
        cell._value = value
        cell.data_type = "s"
        if needs_quote(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def write_row(ws: Worksheet, row: int, values: list[Any], formats: list[str | None] | None = None):
    """Write ``values`` from column 1 of ``row``; ``formats`` gives a number format per column."""
    for index, value in enumerate(values, start=1):
        fmt = formats[index - 1] if formats and index - 1 < len(formats) else None
        write(ws, row, index, value, fmt)
