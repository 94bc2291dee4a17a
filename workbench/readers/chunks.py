"""Cut one xlsx sheet into small workbooks of consecutive rows, so calamine reads it in chunks.

calamine builds the whole cell grid of a sheet before any row reaches us (about 1.4 GB for a
million rows of 16 columns). Here the sheet XML is streamed out of the archive and cut at
``</row>`` boundaries into blocks of about ``CHUNK_BYTES``; each block becomes a workbook of
its own in memory (stored, not compressed) that holds the same workbook part (1904 dates),
styles (which cells are dates) and shared strings as the original, the sheet's opening XML,
the rows down to the header *renumbered to sit just above the block*, and the block's rows
with their own numbers. calamine then sees, for every block, the same header row and the same
columns as in the whole sheet, and its grid is only the block's rows.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

CHUNK_BYTES = 12 << 20  # of sheet XML per chunk: ~15,000 rows of 16 inline-string columns
_READ = 4 << 20

_ROW_TAG = re.compile(rb"<row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_ROW_REF = re.compile(rb'(<row\b[^>]*?\br=")(\d+)"')
_CELL_REF = re.compile(rb'(<c\b[^>]*?\br="[A-Z]{1,3})(\d+)"')
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_SHEETS = re.compile(rb"<sheets>.*?</sheets>", re.S)
_SHEET_TAG = re.compile(rb"<sheet\b[^>]*>")


def _sheet_part(sheets: list[tuple[str, str, str]], name: str) -> str:
    """The archive path of the sheet called ``name`` (``KeyError`` when none or several)."""
    parts = [part for sheet, _, part in sheets if sheet == name]
    if len(parts) != 1:
        raise KeyError(name)
    return parts[0]


class NotChunkable(Exception):
    """The sheet XML is not laid out as expected (prefixes, rows without numbers …)."""


@dataclass
class Chunk:
    """One workbook of consecutive rows: its bytes (or the path of a sheet read whole), the
    0-based header row in it, and the sheet row number of its first data row."""

    data: bytes | str
    header_row: int
    first_row: int


def _renumber(block: bytes, shift: int) -> bytes:
    if not shift:
        return block

    def bump(match: re.Match[bytes]) -> bytes:
        return match.group(1) + str(int(match.group(2)) + shift).encode() + b'"'

    return _CELL_REF.sub(bump, _ROW_REF.sub(bump, block))


def _first_row_number(block: bytes) -> int:
    tag = _ROW_TAG.search(block)
    number = _ROW_NUMBER.search(tag.group(1)) if tag else None
    if number is None:
        raise NotChunkable("row without a number")
    return int(number.group(1))


def _row_blocks(stream: io.BufferedIOBase, size: int) -> Iterator[bytes]:
    """The sheet's opening XML up to ``<sheetData>``, then blocks of whole ``<row>`` elements
    of about ``size`` bytes."""
    buffer = b""
    while True:  # the opening XML
        data = stream.read(_READ)
        buffer += data
        start = buffer.find(b"<sheetData")
        end = buffer.find(b">", start) if start >= 0 else -1
        if end >= 0:
            break
        if not data or len(buffer) > 8 * _READ:
            raise NotChunkable("no <sheetData> (a prefixed namespace?)")
    if buffer[end - 1 : end] == b"/":
        return  # <sheetData/>: no rows
    yield _DIMENSION.sub(b"", buffer[: end + 1])
    pieces, held = [buffer[end + 1 :]], len(buffer) - end - 1
    while True:
        data = stream.read(_READ)
        if data:
            pieces.append(data)
            held += len(data)
            if held < size:
                continue
        buffer = b"".join(pieces)
        while len(buffer) >= size:  # cut at the first row end past ``size`` bytes
            cut = buffer.find(b"</row>", size - len(b"</row>"))
            if cut < 0:
                if len(buffer) > 4 * size + _READ:
                    raise NotChunkable("no </row> (a prefixed namespace?)")
                break
            cut += len(b"</row>")
            yield buffer[:cut]
            buffer = buffer[cut:]
        if not data:
            break
        pieces, held = [buffer], len(buffer)
    rest = buffer.find(b"</sheetData>")
    if rest < 0:
        raise NotChunkable("the sheet XML ends early")
    if buffer[:rest].strip():
        yield buffer[:rest]


def _faster_inflate(stream: io.BufferedIOBase) -> None:
    """Inflate the member with ISA-L (``isal``: about 2.5x faster than zlib on sheet XML,
    the same bytes) when it is installed and the member is deflated; else leave zlib.
    Called on a member just opened, before its first read."""
    try:
        from isal import isal_zlib
    except ImportError:
        return
    if getattr(stream, "_compress_type", None) != zipfile.ZIP_DEFLATED:
        return
    if getattr(stream, "_decompressor", None) is None:
        return
    stream._decompressor = isal_zlib.decompressobj(-15)


class SheetChunks:
    """The chunks of one sheet of an xlsx/xlsm archive, read as they are iterated."""

    def __init__(
        self, archive: zipfile.ZipFile, name: str, part: str, header_index: int, size: int
    ) -> None:
        self.archive = archive
        self.name = name
        self.part = part
        self.header_row = header_index + 1  # sheet row number of the header
        self.size = size
        self._fixed = self._fixed_parts()

    def _fixed_parts(self) -> dict[str, bytes]:
        """Every part a chunk needs besides the sheet (one sheet left in the workbook)."""
        names = set(self.archive.namelist())
        keep: dict[str, bytes] = {}
        for member in ("[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels"):
            if member in names:
                keep[member] = self.archive.read(member)
        workbook = self.archive.read("xl/workbook.xml")
        wanted = [
            tag for tag in _SHEET_TAG.findall(workbook) if self._sheet_named(tag) == self.name
        ]
        if len(wanted) != 1:
            raise NotChunkable("sheet not found in the workbook part")
        keep["xl/workbook.xml"] = _SHEETS.sub(
            lambda _m: b"<sheets>" + wanted[0] + b"</sheets>", workbook, count=1
        )
        rels = keep.get("xl/_rels/workbook.xml.rels", b"")
        for target in re.findall(rb'Target="([^"]+)"', rels):
            text = target.decode("utf-8")
            member = text.lstrip("/") if text.startswith("/") else "xl/" + text
            base = member.rsplit("/", 1)[-1]
            if member in names and base.startswith(("sharedStrings", "styles")):
                keep[member] = self.archive.read(member)
        return keep

    def _sheet_named(self, tag: bytes) -> str:
        import html

        found = re.search(rb'\bname="([^"]*)"', tag)
        return html.unescape(found.group(1).decode("utf-8")) if found else ""

    def _workbook(self, *sheet_xml: bytes) -> bytes:
        """A stored (uncompressed) workbook: the fixed parts and the sheet's XML pieces."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as book:
            for member, data in self._fixed.items():
                book.writestr(member, data)
            with book.open(self.part, "w", force_zip64=True) as sheet:
                for piece in sheet_xml:
                    sheet.write(piece)
        return out.getvalue()

    def __iter__(self) -> Iterator[Chunk]:
        tail = b"</sheetData></worksheet>"
        with self.archive.open(self.part) as stream:
            # zipfile checks the member's CRC-32 as it inflates it: a second pass over every
            # byte (about 0.4 s per million rows) that calamine, reading the file itself,
            # never made either; inflating fails on most damaged data all the same
            if getattr(stream, "_expected_crc", None) is not None:
                stream._expected_crc = None
            _faster_inflate(stream)
            blocks = _row_blocks(stream, self.size)
            head = next(blocks, None)
            if head is None:
                return
            first = next(blocks, b"")
            # the rows down to the header: the first row tag numbered above the header
            prefix_end = None
            for tag in _ROW_TAG.finditer(first):
                number = _ROW_NUMBER.search(tag.group(1))
                if number is None:
                    raise NotChunkable("row without a number")
                if int(number.group(1)) > self.header_row:
                    prefix_end = tag.start()
                    break
            if prefix_end is None:  # nothing below the header in the first block
                prefix_end = len(first)
            prefix = first[:prefix_end]
            if b"<row" not in prefix:
                raise NotChunkable("header row not found")
            yield Chunk(self._workbook(head, first, tail), self.header_row - 1, self.header_row + 1)
            del first
            for block in blocks:
                start = _first_row_number(block)
                shift = start - 1 - self.header_row
                if shift < 0:
                    raise NotChunkable("rows out of order")
                data = self._workbook(head, _renumber(prefix, shift), block, tail)
                del block
                yield Chunk(data, self.header_row - 1 + shift, start)
