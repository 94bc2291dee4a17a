"""Shared pieces of the platform formats: what an adapter returns and small helpers.

An adapter turns a sheet as read (``RawSheet``, every cell a string) into a sheet whose first
row holds the canonical field names of ``workbench.readers.headers.KIND_FIELDS`` and whose
cells hold values in forms the import's coercion reads without guessing: timestamps as
``YYYY-MM-DD HH:MM:SS``, durations as seconds, yes/no as ``Y``/``N``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from workbench.readers.headers import normalise_header
from workbench.readers.raw import RawSheet, from_rows
from workbench.readers.values import BadValue, parse_duration, parse_timestamp

Row = list[str | None]


@dataclass
class Adapted:
    """A sheet rewritten with canonical headers, and what was noticed on the way."""

    kind: str
    sheet: RawSheet
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Format:
    """One platform format: its id, display name, detector and converter."""

    id: str
    name: str
    detect: Callable[[RawSheet], float]
    to_kind: Callable[[RawSheet], tuple[str, RawSheet, list[str]]]


def all_rows(sheet: RawSheet) -> list[Row]:
    """Every row of the sheet (``table`` plus a typed-read ``body``) as lists of strings."""
    rows = sheet.head(sheet.table.num_rows)
    if sheet.body is not None:
        body = sheet.body
        names = [n for n in body.column_names if n != "rn"]
        cols = [[None if v is None else str(v) for v in body.column(n).to_pylist()] for n in names]
        rows.extend([list(r) for r in zip(*cols, strict=True)] if cols else [])
    return rows


def row_numbers(sheet: RawSheet) -> list[int]:
    numbers = sheet.table.column("rn").to_pylist()
    if sheet.body is not None:
        numbers += sheet.body.column("rn").to_pylist()
    return numbers


def keys(row: Sequence[object]) -> list[str]:
    """Header keys of a row (normalised as header matching does)."""
    return [normalise_header(c).key for c in row]


def header_index(rows: Sequence[Row], wanted: Sequence[str], limit: int = 30) -> int | None:
    """The first of the first ``limit`` rows holding every header of ``wanted`` (by key)."""
    want = {normalise_header(w).key for w in wanted}
    for i, row in enumerate(rows[:limit]):
        if want <= set(keys(row)):
            return i
    return None


def column(header_keys: Sequence[str], *names: str) -> int | None:
    """Index of the first header matching one of ``names`` (by key), else None."""
    for name in names:
        key = normalise_header(name).key
        if key in header_keys:
            return header_keys.index(key)
    return None


def cell(row: Row, index: int | None) -> str | None:
    if index is None or index >= len(row):
        return None
    value = row[index]
    if value is None:
        return None
    value = value.strip()
    return value or None


def build(
    headers: Sequence[str], rows: Sequence[Sequence[object]], numbers: Sequence[int], note: str
) -> RawSheet:
    """A sheet: the canonical header row (row number 0 is never shown) and the data rows."""
    first = (numbers[0] - 1) if numbers else 0
    return from_rows(
        [list(headers), *[list(r) for r in rows]],
        [max(first, 0), *numbers],
        name=None,
        source_format="csv",
        note=note,
    )


def build_columns(
    headers: Sequence[str], columns: Sequence[Sequence[str | None]], numbers: Sequence[int],
    note: str,
) -> RawSheet:
    """``build`` from columns of texts (stripped, blanks as None), without a pass over every
    cell in Python: the same sheet as ``build`` of the same rows."""
    import pyarrow as pa

    first = (numbers[0] - 1) if numbers else 0
    width = max(len(headers), len(columns))
    arrays = []
    for i in range(width):
        head = headers[i] if i < len(headers) else None
        head = (str(head).strip() or None) if head is not None else None
        body = list(columns[i]) if i < len(columns) else [None] * len(numbers)
        arrays.append(pa.array([head, *body], type=pa.string()))
    arrays.append(pa.array([max(first, 0), *numbers], type=pa.int64()))
    names = [*(f"c{i}" for i in range(width)), "rn"]
    return RawSheet(None, pa.Table.from_arrays(arrays, names=names), "csv", note)


def stamp(value: datetime | None) -> str | None:
    """``YYYY-MM-DD HH:MM:SS`` (what ``strftime`` gives for the years 1000–9999, three
    times faster: a report of 30,000 intervals writes one per row)."""
    return None if value is None else value.isoformat(" ", "seconds")


def seconds_text(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}".rstrip("0")


# The adapters read a report row by row, and its cells repeat (the same intervals, dates and
# durations on every queue's rows): a parse is kept for the next cell with the same text.
# The parsers are functions of the text alone; ``None`` (unreadable) is kept as well.
_PARSED_TEXTS = 1 << 16


@lru_cache(maxsize=_PARSED_TEXTS)
def try_seconds(text: str | None, unit: str | None = None) -> float | None:
    """A duration in seconds, or None for a blank or unreadable cell."""
    if text is None:
        return None
    try:
        return parse_duration(text, unit=unit)
    except BadValue:
        return None


@lru_cache(maxsize=_PARSED_TEXTS)
def try_stamp(text: str | None, dayfirst: bool = False) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_timestamp(text, dayfirst=dayfirst)
    except BadValue:
        return None


def yes_no(value: bool | None) -> str | None:
    return None if value is None else ("Y" if value else "N")


def share(rows: Sequence[Row], test: Callable[[Row], bool], n: int = 50) -> float:
    """The share of the first ``n`` non-empty rows passing ``test``."""
    sample = [r for r in rows if any(c for c in r)][:n]
    if not sample:
        return 0.0
    return sum(1 for r in sample if test(r)) / len(sample)


# UNIX times carry no zone; the centre's wall clock is China Standard Time (UTC+08:00, no
# daylight saving), the same whatever the computer's TZ says.
CENTRE_OFFSET = timedelta(hours=8)
EPOCH = datetime(1970, 1, 1)


def from_epoch(seconds: float) -> datetime:
    """UNIX seconds → the centre's wall-clock time (naive, to the second)."""
    return (EPOCH + timedelta(seconds=round(seconds)) + CENTRE_OFFSET).replace(microsecond=0)


@dataclass(frozen=True)
class Context:
    """What the user said about reading the file: options and their own column mapping."""

    options: dict[str, str] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def date_format(self) -> str | None:
        return self.options.get("@date_format") or None

    def yes_values(self, field_name: str) -> list[str] | None:
        """The values meaning yes for a yes/no field (``--yes FIELD=V1,V2``), or None."""
        text = self.options.get(f"@yes:{field_name}")
        if text is None:
            return None
        return [v.strip().casefold() for v in text.split(",") if v.strip()]

    def yes_fields(self) -> list[str]:
        return [k.split(":", 1)[1] for k in self.options if k.startswith("@yes:")]


CONTEXT: ContextVar[Context | None] = ContextVar("workbench_formats_context", default=None)


def context() -> Context:
    return CONTEXT.get() or Context()
