"""Readers: turn any supported export into a table of strings and find its shape.

``locate(path, data, …)`` checks the file (``safety``), reads it with the right reader
(``excel`` for xlsx/xlsm/xls/ods, ``text`` for csv/txt, ``html`` for web-console ``.xls``),
picks the data sheet, finds the header row and detects the kind and the field → column
mapping (``headers``). ``preview`` is the same for the GUI's mapping dialog, plus the first
rows. Values are coerced later, in bulk, by ``coerce`` inside the import job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import InputRejected
from workbench.i18n import _
from workbench.readers.headers import (
    KIND_FIELDS,
    FieldSpec,
    Header,
    Mapping,
    MappingProblem,
    closest_for_field,
    detect_kind,
    find_header_row,
    header_row_score,
    normalise_header,
)
from workbench.readers.raw import RawSheet, from_rows

__all__ = [
    "KIND_FIELDS",
    "FieldSpec",
    "Located",
    "Preview",
    "locate",
    "locate_for_import",
    "preview",
    "read_raw_sheets",
]

HEAD_ROWS = 30

log = logging.getLogger(__name__)


@dataclass
class Located:
    """A file's data sheet, its header row, headers, kind and mapping."""

    sheet: RawSheet
    header_index: int  # index into sheet.table of the header row
    headers: list[Header]
    mapping: Mapping
    kind_reason: str
    sheet_names: list[str] = field(default_factory=list)
    sheet_reason: str = ""
    # reading options given with the mapping (``--date-format``, ``--yes``) as mapping keys
    # starting with ``@`` (``@date_format``, ``@yes:answered``): saved with a profile
    options: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.mapping.kind

    def missing_message(self) -> str:
        """``missing required field(s): contact_id (closest headers: 'Call No', …; by their
        values: 'date' (6-digit dates: YYMMDD), …)``."""
        from workbench.readers.proposals import by_values

        rows = self.sheet.head(self.header_index + 1 + 200)[self.header_index + 1 :]
        taken = set(self.mapping.columns.values())
        parts = []
        for name in self.mapping.missing:
            close = closest_for_field(self.kind, name, self.headers)
            hints = (
                [_("closest headers: {headers}").format(headers=", ".join(repr(c) for c in close))]
                if close
                else []
            )
            proposed = by_values(self.kind, name, self.headers, rows, taken)
            if proposed:
                hints.append(
                    _("by their values: {columns}").format(
                        columns=", ".join(f"'{h}' ({what})" for h, what in proposed)
                    )
                )
            parts.append(
                _("{field} ({hints})").format(field=name, hints="; ".join(hints)) if hints else name
            )
        return _("{kind}: missing required field(s): {fields}").format(
            kind=self.kind, fields="; ".join(parts)
        )


@dataclass
class Preview:
    """What the GUI's mapping dialog shows before importing."""

    path: str
    sheet: str | None
    sheet_names: list[str]
    headers: list[str]
    rows: list[list[str | None]]
    kind: str | None
    kind_reason: str
    mapping: dict[str, str]  # field → header text
    missing: list[str]
    header_row: int | None  # row number the user sees
    error: str | None = None


def read_raw_sheets(
    path: Path, data: bytes | None = None, sheet: str | None = None
) -> list[RawSheet]:
    """Check the file and read every candidate sheet (or the one named) as strings.

    Without ``data`` a workbook is read from ``path`` by the native reader (lower peak memory).
    """
    from workbench.readers.safety import sniff_format

    fmt = sniff_format(path, data)
    if fmt in ("xlsx", "xlsm", "xls", "ods"):
        from workbench.readers.excel import read_sheets

        return read_sheets(path, data if data is not None else str(path), fmt, only=sheet)
    if data is None:
        data = path.read_bytes()
    if fmt == "html":
        from workbench.readers.html import read_html

        return [read_html(path, data)]
    from workbench.readers.text import read_text

    return [read_text(path, data, "txt" if path.suffix.lower() == ".txt" else "csv")]


def _locate_in(sheet: RawSheet, mapping: dict[str, str] | None, kind: str | None) -> Located | None:
    head = sheet.head(HEAD_ROWS)
    if not head:
        return None
    extra = frozenset(normalise_header(h).key for h in (mapping or {}).values())
    index = find_header_row(head, extra)
    if index is None:
        return None
    headers = [normalise_header(c) for c in head[index]]
    found, reason = detect_kind(headers, mapping, kind)
    return Located(sheet, index, headers, found, reason)


OPTION_PREFIX = "@"


def split_options(mapping: dict[str, str] | None) -> tuple[dict[str, str], dict[str, str]]:
    """``--map`` fields and the reading options (keys ``@date_format``, ``@yes:FIELD``)."""
    columns = {k: v for k, v in (mapping or {}).items() if not k.startswith(OPTION_PREFIX)}
    options = {k: v for k, v in (mapping or {}).items() if k.startswith(OPTION_PREFIX)}
    return columns, options


def _recognise(
    sheet: RawSheet,
    mapping: dict[str, str] | None,
    kind: str | None,
    options: dict[str, str] | None = None,
):
    """The sheet rewritten by a format of ``workbench.formats``, or None.

    Platform formats are not tried when the user maps columns by the file's own headers
    (``--map``/profile; a profile saved from a recognised file maps each field to its own
    name, which is no obstacle); the generic value forms are, with that mapping. The result
    is kept only when it gives the kind asked for (``--kind``).
    """
    from workbench.formats import recognise

    user_map = {f: h for f, h in (mapping or {}).items() if h.strip() != f}
    found = recognise(sheet, options or {}, user_map)
    if found is None or (kind is not None and found.kind != kind):
        return None
    return found


#: fields a format folds into another one it writes (a date and a time column into the start)
_FOLDED_INTO = {"date": ("started_at", "period_start"), "time": ("started_at", "period_start")}


def _after_rewrite(mapping: dict[str, str] | None, sheet: RawSheet) -> dict[str, str] | None:
    """The user's mapping less the fields a format wrote under their own name, and less the
    date and time columns it folded into the start it wrote (their headers are gone)."""
    if not mapping:
        return mapping
    written = {str(c) for c in sheet.head(1)[0] if c} if sheet.table.num_rows else set()

    def folded(field: str, header: str) -> bool:
        into = _FOLDED_INTO.get(field, ())
        return header.strip() not in written and any(f in written for f in into)

    kept = {f: h for f, h in mapping.items() if f not in written and not folded(f, h)}
    return kept or None


def locate(
    path: Path,
    data: bytes | None = None,
    *,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    kind: str | None = None,
) -> Located:
    """The data sheet of a file, its header row, kind and mapping (or ``InputRejected``)."""
    mapping, options = split_options(mapping)
    sheets = read_raw_sheets(path, data, sheet)
    names = [s.name for s in sheets if s.name]
    best: Located | None = None
    problem: str | None = None
    for raw in sheets:
        recognised = _recognise(raw, mapping, kind, options)
        sheet_map = mapping
        if recognised is not None:
            raw = recognised.sheet
            sheet_map = _after_rewrite(mapping, raw)
        try:
            found = _locate_in(raw, sheet_map, kind)
            if found is not None and recognised is not None:
                found.kind_reason = f"{recognised.reason}; {found.kind_reason}"
        except MappingProblem as exc:
            problem = str(exc)
            continue
        if found is None:
            continue
        rank = (found.mapping.complete, found.mapping.score(), raw.height)
        if best is None or rank > (best.mapping.complete, best.mapping.score(), best.sheet.height):
            best = found
    if best is None:
        if problem:
            raise InputRejected(problem, file=path, hint=_("check --map, --profile or --kind"))
        raise InputRejected(
            _("no table with headers found"),
            file=path,
            hint=_("check that this is the right export"),
        )
    best.sheet_names = names
    best.options = options
    if len(sheets) > 1:
        best.sheet_reason = _(
            "sheet '{sheet}' of {count} (best header match; others: {others})"
        ).format(
            sheet=best.sheet.name,
            count=len(sheets),
            others=", ".join(n for n in names if n != best.sheet.name),
        )
    elif best.sheet.name:
        best.sheet_reason = _("sheet '{sheet}'").format(sheet=best.sheet.name)
    return best


def preview(path: str | Path, sheet: str | None = None, rows: int = 20) -> Preview:
    """Headers, first rows, detected kind and mapping of a file, for the mapping dialog.

    Never raises for a bad file: ``error`` says what is wrong.
    """
    path = Path(path)
    try:
        found = locate(path, sheet=sheet)
    except InputRejected as exc:
        return Preview(str(path), sheet, [], [], [], None, "", {}, [], None, error=str(exc))
    except OSError as exc:
        return Preview(
            str(path), sheet, [], [], [], None, "", {}, [], None, error=f"{path}: {exc.strerror}"
        )
    head = found.sheet.head(found.header_index + 1 + rows)
    header_row = found.sheet.table.column("rn")[found.header_index].as_py()
    return Preview(
        path=str(path),
        sheet=found.sheet.name,
        sheet_names=found.sheet_names,
        headers=[h.text for h in found.headers],
        rows=head[found.header_index + 1 :],
        kind=found.kind,
        kind_reason=found.kind_reason,
        mapping={name: found.headers[i].text for name, i in found.mapping.columns.items()},
        missing=list(found.mapping.missing),
        header_row=header_row,
    )


def locate_for_import(
    path: Path,
    *,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    kind: str | None = None,
) -> Located:
    """``locate`` for the import job: the data rows of a one-sheet xlsx are read typed.

    The header is searched in the first rows of the sheet XML; calamine then reads the rows
    below it, numbers, dates and durations typed (a third faster than as text, and DuckDB
    need not parse them again), unmapped columns left out. Whenever that view could differ
    from reading every cell as text (several sheets, a header found only by the fallback
    rule, a column of mixed types or with error cells, another first column), the whole
    sheet is read as text by ``locate``, as for every other format.
    """
    from workbench.readers.safety import sniff_format

    fmt = sniff_format(path)
    if fmt in ("xlsx", "xlsm") and not split_options(mapping)[1]:
        try:
            found = _locate_typed(path, fmt, sheet, mapping, kind)
        except Exception:  # any surprise in the fast path: the text read reports the file
            log.debug("typed read of %s failed; reading it as text", path, exc_info=True)
            found = None
        if found is not None:
            return found
    return locate(path, sheet=sheet, mapping=mapping, kind=kind)


def _locate_typed(
    path: Path, fmt: str, sheet: str | None, mapping: dict[str, str] | None, kind: str | None
) -> Located | None:
    from workbench.readers.excel import peek_rows, read_body
    from workbench.readers.headers import KIND_FIELDS

    peeked = peek_rows(path, sheet, HEAD_ROWS)
    if peeked is None:
        return None
    name, rows = peeked
    used = [min(i for i, c in enumerate(row) if c is not None) for row in rows if row]
    if not used:
        return None
    origin = min(used)
    head = from_rows([row[origin:] for row in rows], name=name, source_format=fmt)
    if _recognise(head, mapping, kind) is not None:
        return None  # a platform format: read as text and rewritten by ``locate``
    try:
        found = _locate_in(head, mapping, kind)
    except MappingProblem:
        return None
    if found is None or not found.mapping.complete:
        return None
    extra = frozenset(normalise_header(h).key for h in (mapping or {}).values())
    header_cells = head.head(HEAD_ROWS)[found.header_index]
    if header_row_score(header_cells, extra) <= 1:
        return None  # found by the fallback rule, which a date shown as a number could sway
    typed = {"number", "score", "money", "count", "seconds", "timestamp", "date", "time"}
    types = {spec.name: spec.type for spec in KIND_FIELDS[found.kind]}
    # the first three columns (total rows), then every mapped one, checked by its header
    columns: dict[int, tuple[str | None, bool]] = {
        i: (None, False) for i in range(min(head.width, 3))
    }
    for field_name, index in found.mapping.columns.items():
        columns[index] = (header_cells[index], types[field_name] in typed)
    read = read_body(path, name, found.header_index, columns, origin)
    if read is None:
        return None
    body, errors = read
    found.sheet.body = body
    found.sheet.error_cells = errors
    found.sheet_names = [name]
    found.sheet_reason = _("sheet '{sheet}'").format(sheet=name)
    return found
