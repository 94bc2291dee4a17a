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
from collections.abc import Iterable, Iterator
from pathlib import Path

import fastexcel
import numpy as np
import pyarrow as pa

from workbench.errors import InputRejected
from workbench.i18n import _
from workbench.readers.chunks import Chunk
from workbench.readers.raw import RawSheet, SpilledRows
from workbench.security.scratch import write_sealed


def _open(path: Path, data: bytes | str) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(data)
    except Exception as exc:  # calamine reports damage as many error types
        raise _damaged(path, exc) from None


def _damaged(path: Path, exc: Exception) -> InputRejected:
    text = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
    if "password" in text.lower() or "encrypt" in text.lower():
        return InputRejected(
            _("the workbook is password-protected"),
            file=path,
            hint=_("remove the password in Excel, save and import again"),
        )
    return InputRejected(
        _("the spreadsheet cannot be read ({error})").format(error=text),
        file=path,
        hint=_("open it in Excel or WPS, save it as .xlsx and import that"),
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
                _("there is no sheet '{sheet}'").format(sheet=only),
                file=path,
                hint=_("sheets in this file: {names}").format(names=", ".join(names)),
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
            batch, problems = sheet.to_arrow_with_errors()
        except Exception as exc:
            raise _damaged(path, exc) from None
        del sheet
        table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
        del batch
        width = table.num_columns
        table = table.rename_columns([f"c{i}" for i in range(width)])
        rn = pa.array(np.arange(1, table.num_rows + 1, dtype=np.int64))
        table = table.append_column("rn", rn)
        sheets.append(RawSheet(name, table, source_format, error_cells=_error_tokens(problems)))
    return sheets


# calamine's names of Excel's error values (CellErrorType) and the text Excel shows
_CALAMINE_ERRORS = {
    "Div0": "#DIV/0!",
    "NA": "#N/A",
    "Name": "#NAME?",
    "Null": "#NULL!",
    "Num": "#NUM!",
    "Ref": "#REF!",
    "Value": "#VALUE!",
    "GettingData": "#GETTING_DATA",
}
_CALAMINE_ERROR = re.compile(r"'Error\((\w+)\)'")


def _error_tokens(problems: object) -> list[tuple[int, int, str]] | None:
    """Excel error cells as reported by calamine while reading: ``(row, column, token)``.

    Rows are 1-based sheet rows, columns 0-based from the sheet's first column (calamine's
    column 0), like ``error_cells``. Every cell reads as text, so the only cells calamine
    cannot convert are error cells; ``None`` when the report is not understood (the caller
    then scans the sheet XML with ``error_cells``).
    """
    found: list[tuple[int, int, str]] = []
    for problem in getattr(problems, "errors", None) or ():
        match = _CALAMINE_ERROR.search(str(getattr(problem, "detail", "")))
        position = getattr(problem, "position", None)
        if match is None or not isinstance(position, tuple) or len(position) != 2:
            return None
        token = _CALAMINE_ERRORS.get(match.group(1), "#ERROR")
        found.append((int(position[0]) + 1, int(position[1]), token))
    return sorted(found)


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


# ---- the typed fast path for one-sheet xlsx / xlsm -------------------------------------------
# Reading every cell as text costs calamine a third of its time (dates and numbers formatted,
# then parsed again by DuckDB). When the header row is known before reading, calamine can
# return numbers, dates and durations typed. The header is found in the first rows of the
# sheet XML (``peek_rows``, a few milliseconds), then ``read_body`` reads the rows below it.
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PEEK_CHUNK = 1 << 16


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """(name, state, part path) of every sheet, in workbook order."""
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for tag in re.findall(rb"<Relationship\b[^>]*>", rels):
        attrs = dict(_ATTR.findall(tag))
        targets[attrs.get(b"Id")] = attrs.get(b"Target", b"").decode("utf-8")
    sheets = []
    for tag in _SHEET_TAG.findall(workbook):
        attrs = dict(_ATTR.findall(tag))
        rel_id = next((v for k, v in attrs.items() if k.endswith(b":id")), None)
        target = targets.get(rel_id, "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        name = html.unescape(attrs.get(b"name", b"").decode("utf-8"))
        state = attrs.get(b"state", b"visible").decode("utf-8")
        sheets.append((name, state, part))
    return sheets


def _shared_strings(archive: zipfile.ZipFile, wanted: set[int]) -> dict[int, str] | None:
    """The shared strings at the ``wanted`` indexes (reads the part only as far as needed)."""
    from xml.etree.ElementTree import XMLPullParser

    if not wanted:
        return {}
    top = max(wanted)
    found: dict[int, str] = {}
    parser = XMLPullParser(events=("end",))
    index = 0
    with archive.open("xl/sharedStrings.xml") as stream:
        while index <= top:
            chunk = stream.read(_PEEK_CHUNK)
            if not chunk:
                break
            parser.feed(chunk)
            for _, element in parser.read_events():
                if element.tag != _MAIN_NS + "si":
                    continue
                if index in wanted:
                    # the text runs (<t>, or <r><t>); phonetic runs (<rPh>) are not the text
                    parts = [element.findtext(_MAIN_NS + "t") or ""]
                    parts += [
                        r.findtext(_MAIN_NS + "t") or "" for r in element.iter(_MAIN_NS + "r")
                    ]
                    found[index] = "".join(parts)
                index += 1
                element.clear()
    return found if len(found) == len(wanted) else None


def _number_text(value: str) -> str:
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def peek_rows(path: Path, only: str | None, rows: int) -> tuple[str, list[list[str | None]]] | None:
    """The sheet's name and its first ``rows`` rows as text, columns counted from A.

    For the header search only: a date cell shows its serial number here. ``None`` when the
    workbook has several sheets (and none was named) or its XML is not understood; the caller
    then reads the whole sheet as text.
    """
    from xml.etree.ElementTree import ParseError, XMLPullParser

    try:
        archive = zipfile.ZipFile(path)
        sheets = _sheet_parts(archive)
        if only is not None:
            sheets = [s for s in sheets if s[0] == only]
        if len(sheets) != 1 or sheets[0][1] != "visible":
            return None
        name, _, part = sheets[0]
        cells: dict[tuple[int, int], tuple[str, str]] = {}  # (row, col) → (type, raw text)
        parser = XMLPullParser(events=("end",))
        done = False
        row_number = 0
        with archive.open(part) as stream:
            while not done:
                chunk = stream.read(_PEEK_CHUNK)
                if not chunk:
                    break
                parser.feed(chunk)
                for _, element in parser.read_events():
                    tag = element.tag
                    if tag == _MAIN_NS + "row":
                        row_number = int(element.get("r") or row_number + 1)
                        element.clear()
                        if row_number >= rows:
                            done = True
                            break
                    elif tag == _MAIN_NS + "c":
                        ref = _REF.search(f'r="{element.get("r", "")}"'.encode())
                        if ref is None:
                            return None  # cells without references: leave it to calamine
                        row, col = int(ref.group(2)), _column_index(ref.group(1))
                        kind = element.get("t", "n")
                        if kind == "inlineStr":
                            node = element.find(_MAIN_NS + "is")
                            text = (
                                ""
                                if node is None
                                else "".join(t.text or "" for t in node.iter(_MAIN_NS + "t"))
                            )
                        else:
                            text = element.findtext(_MAIN_NS + "v")
                        if row <= rows and text is not None:
                            cells[(row, col)] = (kind, text)
        shared = _shared_strings(
            archive, {int(text) for kind, text in cells.values() if kind == "s"}
        )
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, EOFError, ParseError):
        return None
    if shared is None:
        return None
    table: list[list[str | None]] = [[] for _ in range(rows)]
    for (row, col), (kind, text) in cells.items():
        if kind == "s":
            value: str | None = shared[int(text)]
        elif kind in ("str", "inlineStr", "d"):
            value = text
        elif kind == "b":
            value = "true" if text.strip() == "1" else "false"
        elif kind == "e":
            value = None  # calamine reads an error cell as empty
        else:
            value = _number_text(text)
        if value is not None and value.strip():
            line = table[row - 1]
            line.extend([None] * (col + 1 - len(line)))
            line[col] = value
    return name, table


_TYPED = (pa.types.is_floating, pa.types.is_integer, pa.types.is_boolean, pa.types.is_timestamp,
          pa.types.is_duration, pa.types.is_null, pa.types.is_string)  # fmt: skip


def read_body(
    path: Path,
    name: str,
    header_index: int,
    columns: dict[int, tuple[str | None, bool]],
    origin: int,
    chunk_bytes: int | None = None,
) -> tuple[pa.Table | SpilledRows, list[tuple[int, int, str]]] | None:
    """The rows below the header row ``header_index`` (0-based sheet row), typed.

    ``columns`` maps a column (counted from ``origin``, the sheet's first used column) to the
    header text it must have (``None``: not checked) and whether it is read typed (else as
    text). Returns the rows (``c<i>`` columns and ``rn``, the sheet row number) and the error
    cells, or ``None`` whenever calamine's view differs from the peek (first column, header
    texts) or a column cannot be typed (mixed types, error cells): the caller then reads the
    sheet as text (reading it twice: a file with a stray text among its numbers imports
    slower, never differently).

    The sheet is read in chunks of rows (``workbench.readers.chunks``), so memory does not
    grow with the sheet: a sheet that fits in one chunk comes back as an Arrow table; a
    larger one is spilled chunk by chunk to Arrow files in a temporary folder and comes back
    as ``SpilledRows``, read back in batches (the folder is removed with that object).
    """
    from workbench.readers.chunks import CHUNK_BYTES, NotChunkable, SheetChunks, _sheet_part

    size = chunk_bytes or CHUNK_BYTES
    try:
        archive = zipfile.ZipFile(path)
        part = _sheet_part(_sheet_parts(archive), name)
        if archive.getinfo(part).file_size <= size:  # one chunk: calamine reads the file
            archive.close()
            whole = Chunk(str(path), header_index, header_index + 2)
            cells: list[tuple[int, int, str]] = []
            table = _read_chunk(whole, name, columns, origin, cells)
            return None if table is None else (table, sorted(cells))
        # every chunk carries the shared strings, which calamine parses again each time: a
        # large table of them (a column of unique ids in an Excel-written file) makes the
        # chunks larger, so that parsing it costs at most a quarter of parsing the rows
        strings = sum(
            i.file_size for i in archive.infolist() if i.filename.startswith("xl/sharedStrings")
        )
        if strings > 1 << 20:
            size = max(size, 4 * strings)
        chunks = SheetChunks(archive, name, part, header_index, size)
    except (KeyError, zipfile.BadZipFile, OSError, NotChunkable):
        return None
    spill = _Spill()
    cells = []
    types: dict[str, pa.DataType] = {}
    expected: int | None = None  # sheet row number after the last row read
    try:
        for chunk, read in _parsed_in_order(chunks, name, columns, origin, cells):
            if read is None:
                spill.discard()
                return None
            if not _unify(types, read.schema):
                spill.discard()
                return None
            if read.num_rows == 0 and expected is not None:
                continue  # only empty cells (formatting): like the sheet's end, unless more follow
            if expected is not None and chunk.first_row > expected:
                spill.add(_blank_rows(read.schema, expected, chunk.first_row))
            spill.add(read)
            expected = chunk.first_row + read.num_rows
            if len(spill.files) % TRIM_EVERY == 0:
                _trim_heap()  # else freed heap piles up chunk after chunk (+40 MB at 1M rows)
    except (NotChunkable, zipfile.BadZipFile, OSError, EOFError, KeyError):
        spill.discard()
        return None
    finally:
        archive.close()
    if spill.files:
        _trim_heap()  # calamine's freed grids: give the memory back before DuckDB's turn
    return spill.result(types), sorted(cells)


TRIM_EVERY = 4  # chunks read between two hand-backs of freed heap (``_trim_heap``)
PARSERS = 2  # chunks parsed at once: calamine releases the GIL, so two cores both work


def _parsed_in_order(
    chunks: Iterable[Chunk],
    name: str,
    columns: dict[int, tuple[str | None, bool]],
    origin: int,
    cells: list[tuple[int, int, str]],
) -> Iterator[tuple[Chunk, pa.Table | None]]:
    """Each chunk with its ``_read_chunk`` result, in order, parsed ``PARSERS`` at a time
    while this thread cuts the next chunk out of the archive (at most ``PARSERS`` chunks are
    held, so memory stays bounded)."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    def parse(chunk: Chunk) -> tuple[pa.Table | None, list[tuple[int, int, str]]]:
        found: list[tuple[int, int, str]] = []
        table = _read_chunk(chunk, name, columns, origin, found)
        chunk.data = b""  # the chunk's workbook bytes are not needed once parsed
        return table, found

    pending: deque = deque()
    with ThreadPoolExecutor(PARSERS, thread_name_prefix="xlsx-chunk") as pool:
        try:
            for chunk in chunks:
                if len(pending) >= PARSERS:
                    yield _collect(pending.popleft(), cells)
                pending.append((chunk, pool.submit(parse, chunk)))
            while pending:
                yield _collect(pending.popleft(), cells)
        finally:
            for _chunk, future in pending:
                future.cancel()


def _collect(item: tuple, cells: list[tuple[int, int, str]]) -> tuple[Chunk, pa.Table | None]:
    chunk, future = item
    table, found = future.result()
    cells.extend(found)
    return chunk, table


def _trim_heap() -> None:
    """Return freed heap memory to the system (glibc's ``malloc_trim``; elsewhere nothing)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _read_chunk(
    chunk: Chunk,
    name: str,
    columns: dict[int, tuple[str | None, bool]],
    origin: int,
    cells: list[tuple[int, int, str]],
) -> pa.Table | None:
    """One chunk through calamine, checked like the whole sheet was (``read_body``)."""
    wanted = sorted(columns)
    try:
        reader = fastexcel.read_excel(chunk.data)
        sheet = reader.load_sheet(
            name,
            header_row=chunk.header_row,
            use_columns=[origin + i for i in wanted],
            dtypes={origin + i: "string" for i in wanted if not columns[i][1]} or None,
            # every row decides the type, and a column mixing types (text or TRUE among
            # numbers, times among dates …) is refused rather than coerced: the text read
            # then keeps every cell as the user wrote it
            schema_sample_rows=None,
            dtype_coercion="strict",
            whitespace_as_null=True,
        )
        selected = list(sheet.selected_columns)
        if len(selected) != len(wanted):
            return None
        for info, i in zip(selected, wanted, strict=True):
            if info.absolute_index - info.index != origin or info.index != i:
                return None
            header = columns[i][0]
            if header is not None and info.name.strip() != header:
                return None
        batch, problems = sheet.to_arrow_with_errors()
    except Exception:  # calamine refuses a mixed or error-holding column in many ways
        return None
    del sheet, reader
    table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
    del batch
    if not all(any(test(t) for test in _TYPED) for t in table.schema.types):
        return None
    for problem in getattr(problems, "errors", None) or ():
        match = _CALAMINE_ERROR.search(str(getattr(problem, "detail", "")))
        if match is None:
            return None
        row, col = problem.offset_position
        token = _CALAMINE_ERRORS.get(match.group(1), "#ERROR")
        cells.append((chunk.first_row + int(row), int(col), token))
    table = table.rename_columns([f"c{i}" for i in wanted])
    return table.append_column("rn", _row_numbers(chunk.first_row, table.num_rows))


def _row_numbers(first: int, count: int) -> pa.Array:
    numbers = np.arange(first, first + count, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), count, [None, pa.py_buffer(numbers)])


def _blank_rows(schema: pa.Schema, first: int, end: int) -> pa.Table:
    """Empty rows ``first`` … ``end - 1`` (between two chunks, as the whole read has them)."""
    count = end - first
    arrays = [pa.nulls(count, f.type) for f in schema if f.name != "rn"]
    return pa.Table.from_arrays([*arrays, _row_numbers(first, count)], schema=schema)


def _unify(types: dict[str, pa.DataType], schema: pa.Schema) -> bool:
    """Merge a chunk's column types into ``types``; False when the whole-sheet read would
    have refused the column (a type in one chunk, another in the next)."""
    for f in schema:
        if pa.types.is_null(f.type):
            types.setdefault(f.name, f.type)
            continue
        known = types.get(f.name)
        if known is None or pa.types.is_null(known):
            types[f.name] = f.type
        elif known != f.type:
            numbers = (pa.types.is_integer, pa.types.is_floating)
            if any(t(known) for t in numbers) and any(t(f.type) for t in numbers):
                types[f.name] = pa.float64()
            else:
                return False
    return True


class _Spill:
    """The chunks read so far: in memory while there is one, then in Arrow files."""

    def __init__(self) -> None:
        self.tables: list[pa.Table] = []
        self.folder: str | None = None
        self.files: list[str] = []
        self.rows = 0

    def add(self, table: pa.Table) -> None:
        self.tables.append(table)
        if self.files or len(self.tables) > 1:
            for kept in self.tables:
                self._write(kept)
            self.tables = []

    def _write(self, table: pa.Table) -> None:
        import os
        import tempfile

        if self.folder is None:
            self.folder = tempfile.mkdtemp(prefix="workbench-rows-")
        name = os.path.join(self.folder, f"{len(self.files):06d}.arrow")
        sink = pa.BufferOutputStream()
        with pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table, max_chunksize=64 * 1024)
        write_sealed(name, sink.getvalue())  # the rows still hold customer numbers in clear
        self.files.append(name)
        self.rows += table.num_rows

    def discard(self) -> None:
        import shutil

        self.tables = []
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def result(self, types: dict[str, pa.DataType]) -> pa.Table | SpilledRows:
        if self.folder is None:
            if self.tables:
                return self.tables[0]
            fields = [pa.field(n, t) for n, t in types.items()]
            return pa.table({f.name: pa.array([], f.type) for f in fields})
        schema = pa.schema([pa.field(n, t) for n, t in types.items()])
        return SpilledRows(self.files, schema, self.rows, self.folder)
