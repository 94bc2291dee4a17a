"""HTML tables (the ``.xls`` that web consoles export is often an HTML page).

The largest ``<table>`` is read with the standard library's parser; ``colspan`` repeats empty
cells so the columns stay aligned. Row numbers count the table's rows from 1, as Excel shows
them when the page is opened there.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from workbench.errors import InputRejected
from workbench.readers.raw import RawSheet, from_rows
from workbench.readers.text import decode

_CHARSET = re.compile(rb"charset=[\"']?([\w-]+)", re.I)


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._stack: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._stack.append([])
        elif tag == "tr" and self._stack:
            self._finish_row()
            self._row = []
        elif tag in ("td", "th") and self._stack:
            if self._row is None:
                self._row = []
            self._finish_cell()
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._finish_cell()
        elif tag == "tr":
            self._finish_row()
        elif tag == "table" and self._stack:
            self._finish_row()
            self.tables.append(self._stack.pop())

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _finish_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            text = " ".join("".join(self._cell).replace("\xa0", " ").split())
            self._row.append(text)
            self._row.extend([""] * (min(self._span, 200) - 1))
        self._cell = None
        self._span = 1

    def _finish_row(self) -> None:
        self._finish_cell()
        if self._row is not None and self._stack:
            self._stack[-1].append(self._row)
        self._row = None


def read_html(path: Path, data: bytes) -> RawSheet:
    """The largest table of the page."""
    declared = _CHARSET.search(data[:4096])
    text = None
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, _ = decode(path, data)
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    if not parser.tables:
        raise InputRejected(
            _("an HTML page without a table"),
            file=path,
            hint=_("export the report as .xlsx or .csv"),
        )
    table = max(parser.tables, key=len)
    return from_rows(table, name=None, source_format="html", note="HTML table")
