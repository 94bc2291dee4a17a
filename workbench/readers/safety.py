"""Checks made before any parsing: what the file really is, and whether it is safe to open.

Decides the source format from the bytes (not the extension): a zip (xlsx / xlsm / ods) is
refused when its central directory promises a decompression bomb; an OLE container is either
a real ``.xls`` or an encrypted (password-protected) workbook, which we refuse and say so; an
``.xls`` that is really an HTML table or text is read as such; truncated or non-spreadsheet
files are refused. Every refusal is an ``InputRejected`` naming the file and what to do.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from workbench.errors import InputRejected
from workbench.i18n import _

MAX_UNCOMPRESSED = 3 * 1024**3  # a 1,048,576-row sheet inflates to well under this
MAX_RATIO = 150  # spreadsheet XML compresses 5–30x; bombs compress 1000x
RATIO_FLOOR = 64 * 1024**2  # small members may compress very well (empty styles etc.)
MAX_MEMBERS = 20_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def sniff_format(path: Path, data: bytes | None = None) -> str:
    """``xlsx`` ``xlsm`` ``ods`` ``xls`` ``html`` or ``text``; raises ``InputRejected``.

    Without ``data`` only the first 64 KiB are read (and the zip central directory), so a
    large workbook is never held in memory twice.
    """
    if data is None:
        try:
            with open(path, "rb") as stream:
                data = stream.read(65536)
        except OSError as exc:
            raise InputRejected(
                _("cannot read the file ({error})").format(error=exc.strerror),
                file=path,
                hint=_("check the path"),
            ) from None
        if data.startswith(OLE_MAGIC):
            data = path.read_bytes()
        elif data.startswith(ZIP_MAGIC) or data.startswith(b"PK\x05\x06"):
            return _zip_format(path, None)
    if not data:
        raise InputRejected(_("the file is empty"), file=path, hint=_("export the report again"))
    if data.startswith(ZIP_MAGIC) or data.startswith(b"PK\x05\x06"):
        return _zip_format(path, data)
    if data.startswith(OLE_MAGIC):
        return _ole_format(path, data)
    head = data[:4096]
    if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:65536] and b"<table" not in head:
        raise InputRejected(
            _("an 'XML Spreadsheet 2003' file, which is not supported"),
            file=path,
            hint=_("open it in Excel or WPS, save it as .xlsx and import that"),
        )
    if _looks_html(head):
        return "html"
    if _looks_text(data[:65536]):
        return "text"
    raise InputRejected(
        _("not a spreadsheet or text table"),
        file=path,
        hint=_("export the report as .xlsx or .csv and import that"),
    )


def _zip_format(path: Path, data: bytes | None) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputRejected(
            _("the file is damaged or truncated ({error})").format(error=exc),
            file=path,
            hint=_("download or export it again"),
        ) from None
    check_zip_members(path, members)
    names = {m.filename for m in members}
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names:
            raise InputRejected(
                _("binary workbooks (.xlsb) are not supported"),
                file=path,
                hint=_("save it as .xlsx in Excel and import that"),
            )
        suffix = path.suffix.lower()
        return "xlsm" if suffix == ".xlsm" else "xlsx"
    if "content.xml" in names:
        return "ods"
    raise InputRejected(
        _("a zip archive but not a spreadsheet"),
        file=path,
        hint=_("unpack it and import the .xlsx or .csv inside"),
    )


def check_zip_members(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a decompression bomb from the central directory alone (no inflating)."""
    if len(members) > MAX_MEMBERS:
        raise InputRejected(
            _("the workbook has {parts:,} parts, far more than any export").format(
                parts=len(members)
            ),
            file=path,
            hint=_("this looks like a decompression bomb; do not open it"),
        )
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise InputRejected(
                _("part '{part}' would inflate {ratio:,.0f}x to {mb:,.0f} MB").format(
                    part=member.filename, ratio=ratio, mb=member.file_size / 1e6
                ),
                file=path,
                hint=_("this looks like a decompression bomb; do not open it"),
            )
    if total > MAX_UNCOMPRESSED:
        raise InputRejected(
            _("the workbook would inflate to {gb:,.1f} GB").format(gb=total / 1e9),
            file=path,
            hint=_("this looks like a decompression bomb; split the export into smaller files"),
        )


def _ole_format(path: Path, data: bytes) -> str:
    if (
        "EncryptionInfo".encode("utf-16-le") in data
        or "EncryptedPackage".encode("utf-16-le") in data
    ):
        raise InputRejected(
            _("the workbook is encrypted (password-protected)"),
            file=path,
            hint=_(
                "open it in Excel, remove the password (File › Info › Protect Workbook), "
                "save and import again"
            ),
        )
    if len(data) < 1536:
        raise InputRejected(
            _("the file is damaged or truncated"), file=path, hint=_("download or export it again")
        )
    return "xls"


def _looks_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"\xff\xfe") or text.startswith(b"\xfe\xff"):
        try:
            text = head.decode("utf-16").encode("utf-8", "ignore").lower().lstrip()
        except UnicodeDecodeError:
            return False
    return text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")) or (
        text.startswith(b"<") and b"<table" in text
    )


def _looks_text(sample: bytes) -> bool:
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        # UTF-16 without BOM: every other byte zero for ASCII text
        zeros = sample.count(b"\x00")
        return zeros > len(sample) // 3 and zeros < len(sample) * 2 // 3
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control <= len(sample) // 200
