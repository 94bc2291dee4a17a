"""Delimited text (csv / txt / tab-separated "Unicode text" / .xls that is really text).

Encoding is sniffed from the bytes: a BOM (UTF-8, UTF-16 LE/BE), else strict UTF-8, else
UTF-16 without BOM (every other byte zero), else GB18030 (a superset of GBK/GB2312), else
charset-normalizer's best guess. The delimiter is the one of ``,`` ``;`` tab ``|`` that splits
the first lines most consistently. Row numbers are the file's line numbers.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workbench.errors import InputRejected
from workbench.i18n import _
from workbench.readers.raw import RawSheet, from_rows

DELIMITERS = (",", "\t", ";", "|")
_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "bar"}


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputRejected(
                _("broken UTF-16 text ({error})").format(error=exc.reason),
                file=path,
                hint=_("export the file again"),
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 3:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text[:2000]:
                return text, enc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise InputRejected(
            _("the text encoding cannot be recognised"),
            file=path,
            hint=_("save it as UTF-8 CSV and import again"),
        )
    return data.decode(best.encoding, errors="replace"), best.encoding


def sniff_delimiter(text: str) -> str:
    """The delimiter that gives the most lines the same, largest field count."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        counts = [len(next(csv.reader([ln], delimiter=delim), [])) for ln in lines]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * (1 + min(common, 50) / 100) if common > 1 else 0
        if score > best_score:
            best, best_score = delim, score
    return best


def read_text(path: Path, data: bytes, source_format: str = "csv") -> RawSheet:
    """The whole file as one ``RawSheet``."""
    text, encoding = decode(path, data)
    rows: list[list[str]] = []
    numbers: list[int] = []
    line = 1
    try:
        delimiter = sniff_delimiter(text)  # csv.Error too (a field over csv's size limit)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for row in reader:
            rows.append(row)
            numbers.append(line)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputRejected(
            _("the text table is malformed ({error})").format(error=exc),
            file=path,
            row=line,
            hint=_("check the quotes on that line or export it again"),
        ) from None
    note = f"encoding {encoding}, delimiter {_NAMES[delimiter]}"
    return from_rows(rows, numbers, name=None, source_format=source_format, note=note)
