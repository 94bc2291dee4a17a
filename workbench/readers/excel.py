"""Spreadsheets (xlsx, xlsm, xls, ods) through fastexcel: calamine (Rust) → Arrow, no header.

Every cell is read as text (``dtypes='string'``) from row 1 on (``skip_rows=0``), so the
header row is found by us and row numbers are the ones the user sees. calamine renders a date
cell as ``2026-10-01 09:00:05`` and a time or duration cell as ``1899-12-31 00:02:23``;
``workbench.readers.values`` reads both. Excel error cells (#N/A …) arrive empty.
"""

from __future__ import annotations

from pathlib import Path

import fastexcel
import pyarrow as pa

from workbench.errors import InputRejected
from workbench.readers.raw import RawSheet


def sheet_names(path: Path, data: bytes) -> list[tuple[str, bool]]:
    """(name, visible) of every sheet."""
    reader = _open(path, data)
    out = []
    for name in reader.sheet_names:
        out.append((name, True))
    return out


def _open(path: Path, data: bytes) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(data)
    except Exception as exc:  # calamine reports damage as many error types
        raise _damaged(path, exc) from None


def _damaged(path: Path, exc: Exception) -> InputRejected:
    text = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
    if "password" in text.lower() or "encrypt" in text.lower():
        return InputRejected(
            "the workbook is password-protected",
            file=path,
            hint="remove the password in Excel, save and import again",
        )
    return InputRejected(
        f"the spreadsheet cannot be read ({text})",
        file=path,
        hint="open it in Excel or WPS, save it as .xlsx and import that",
    )


def read_sheets(
    path: Path, data: bytes, source_format: str, only: str | None = None
) -> list[RawSheet]:
    """Every visible sheet (or just ``only``), each as a ``RawSheet`` of strings."""
    reader = _open(path, data)
    names = list(reader.sheet_names)
    if only is not None:
        if only not in names:
            raise InputRejected(
                f"there is no sheet '{only}'",
                file=path,
                hint=f"sheets in this file: {', '.join(names)}",
            )
        names = [only]
    sheets = []
    for name in names:
        try:
            sheet = reader.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
            if (
                only is None
                and len(names) > 1
                and getattr(sheet, "visible", "visible") != "visible"
            ):
                continue
            batch = sheet.to_arrow()
        except Exception as exc:
            raise _damaged(path, exc) from None
        del sheet
        table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
        del batch
        width = table.num_columns
        table = table.rename_columns([f"c{i}" for i in range(width)])
        rn = pa.array(range(1, table.num_rows + 1), type=pa.int64())
        table = table.append_column("rn", rn)
        sheets.append(RawSheet(name, table, source_format))
    return sheets
