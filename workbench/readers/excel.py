"""Spreadsheets (xlsx, xlsm, xls, ods) through fastexcel: calamine (Rust) → Arrow, no header.

Every cell is read as text (``dtypes='string'``) from row 1 on (``skip_rows=0``), so the
header row is found by us and row numbers are the ones the user sees. calamine renders a date
cell as ``2026-10-01 09:00:05`` and a time or duration cell as ``1899-12-31 00:02:23``;
``workbench.readers.values`` reads both. Excel error cells (#N/A …) arrive empty.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import fastexcel
import numpy as np
import pyarrow as pa

from workbench.errors import InputRejected
from workbench.readers.raw import RawSheet


def _open(path: Path, data: bytes | str) -> fastexcel.ExcelReader:
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
    path: Path, data: bytes | str, source_format: str, only: str | None = None
) -> list[RawSheet]:
    """Every visible sheet (or just ``only``), each as a ``RawSheet`` of strings.

    ``data`` is the file's bytes or its path as text (then calamine reads the file itself).
    """
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
            sheet = reader.load_sheet(
                name, header_row=None, dtypes="string", skip_rows=0, whitespace_as_null=True
            )
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
        rn = pa.array(np.arange(1, table.num_rows + 1, dtype=np.int64))
        table = table.append_column("rn", rn)
        sheets.append(RawSheet(name, table, source_format))
    return sheets


_SHEET_TAG = re.compile(rb"<sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_ERROR_CELL = re.compile(rb"<c\b([^>]*?)\bt=\"e\"([^>]*)>(.{0,400}?)</c>", re.S)
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})\d+')


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1


def error_cells(
    data: bytes | str | Path, sheet_name: str
) -> tuple[int, list[tuple[int, int, str]]]:
    """Excel error cells (#N/A, #DIV/0! …) of an xlsx sheet, which calamine reads as empty.

    Returns the sheet's first column index (calamine's column 0) and ``(row, column, token)``
    with 1-based rows and 0-based columns counted from A. Streams the sheet XML; only called
    when the sheet has empty cells where values were expected.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except (KeyError, zipfile.BadZipFile, OSError):
        return 0, []
    rel_id = None
    for tag in _SHEET_TAG.findall(workbook):
        attrs = dict(_ATTR.findall(tag))
        if html.unescape(attrs.get(b"name", b"").decode("utf-8")) == sheet_name:
            rel_id = next((v for k, v in attrs.items() if k.endswith(b":id")), None)
    target = None
    for tag in re.findall(rb"<Relationship\b[^>]*>", rels):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get(b"Id") == rel_id:
            target = attrs.get(b"Target", b"").decode("utf-8")
    if not target:
        return 0, []
    part = target.lstrip("/") if target.startswith("/") else "xl/" + target
    found: dict[tuple[int, int], str] = {}
    first_column = 0
    tail = b""
    try:
        with archive.open(part) as stream:
            head = True
            while True:
                chunk = stream.read(4 << 20)
                if not chunk:
                    break
                buffer = tail + chunk
                if head:
                    dim = _DIMENSION.search(buffer[:4096])
                    first_column = _column_index(dim.group(1)) if dim else 0
                    head = False
                if b't="e"' in buffer:
                    for match in _ERROR_CELL.finditer(buffer):
                        ref = _REF.search(match.group(1) + b" " + match.group(2))
                        value = _VALUE.search(match.group(3))
                        if ref:
                            token = value.group(1).decode("utf-8", "replace") if value else "#ERROR"
                            key = (int(ref.group(2)), _column_index(ref.group(1)))
                            found[key] = html.unescape(token)
                tail = buffer[-1024:]
    except (KeyError, zipfile.BadZipFile, OSError, EOFError):
        return first_column, []
    return first_column, [(r, c, t) for (r, c), t in sorted(found.items())]
