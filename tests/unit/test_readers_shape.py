"""Header normalisation, header-row detection, kind detection and the file-format sniffing."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from workbench.errors import InputRejected
from workbench.readers import locate, preview, read_raw_sheets
from workbench.readers.headers import (
    detect_kind,
    find_header_row,
    is_total_label,
    normalise_header,
)
from workbench.readers.safety import sniff_format
from workbench.readers.text import decode, sniff_delimiter


def test_normalise_header_units_and_width() -> None:
    h = normalise_header("通话时长（秒）")
    assert (h.key, h.unit) == ("通话时长", "s")
    h = normalise_header("Wait_Time (min)")
    assert (h.key, h.unit) == ("waittime", "min")
    assert normalise_header("接通率(%)").unit == "%"
    assert normalise_header("成交金额（元）").unit == "yuan"
    h = normalise_header("Service Level (30 Seconds)")
    assert (h.key, h.threshold_s) == ("servicelevel", 30)
    assert normalise_header("20秒服务水平").threshold_s == 20
    assert normalise_header("Answered (Y/N)").key == "answered(y/n)"
    assert normalise_header("ＣＳＡＴ").key == "csat"


def test_header_row_below_titles() -> None:
    rows = [
        ["2026年10月 话单明细", None, None],
        [None, None, None],
        ["导出人：张三", None, None],
        ["通话流水号", "进线时间", "是否接通"],
        ["A1", "2026-10-01", "是"],
    ]
    assert find_header_row(rows) == 3


def test_total_labels() -> None:
    for label in ("合计", "总计", "Total", "GRAND TOTAL", "合计：", "小计"):
        assert is_total_label(label)
    assert not is_total_label("张总")


def test_kind_detection_with_reason() -> None:
    def headers(*names: str):
        return [normalise_header(n) for n in names]

    mapping, reason = detect_kind(headers("Call Id", "Date", "Time", "Answered (Y/N)"))
    assert mapping.kind == "contacts" and mapping.complete
    assert "contact_id ← 'Call Id'" in reason
    mapping, _ = detect_kind(headers("Split", "Calls Offered", "ACD Calls", "Date"))
    assert mapping.kind == "intervals" and mapping.complete
    mapping, _ = detect_kind(headers("会话ID", "会话开始时间", "用户问题数", "识别问题数"))
    assert mapping.kind == "bot_sessions"
    mapping, _ = detect_kind(headers("活动编号", "客户号", "外呼时间", "是否成交", "成交金额(元)"))
    assert mapping.kind == "campaigns" and mapping.complete
    mapping, _ = detect_kind(headers("坐席工号", "质检时间", "质检得分", "致命错误"))
    assert mapping.kind == "quality" and mapping.complete
    mapping, _ = detect_kind(headers("坐席工号", "日期", "签入时长", "示闲时长", "示忙时长"))
    assert mapping.kind == "agent_states" and mapping.complete


def test_explicit_mapping_and_missing_fields() -> None:
    heads = [normalise_header(n) for n in ("编号", "时刻", "结果")]
    mapping, _ = detect_kind(heads, kind="contacts")
    assert set(mapping.missing) == {"contact_id", "started_at"}
    mapping, _ = detect_kind(
        heads, {"contact_id": "编号", "started_at": "时刻", "answered": "结果"}, kind="contacts"
    )
    assert mapping.complete and mapping.columns == {"contact_id": 0, "started_at": 1, "answered": 2}


def _xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_data_sheet_is_chosen_and_named(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "two.xlsx",
        {
            "Dashboard": [["Answered", "Offered"], [3, 4]],
            "明细": [["Call Id", "Start Time", "Answered"], ["A", "2026-10-01 09:00", "Y"]],
        },
    )
    found = locate(path, path.read_bytes())
    assert found.sheet.name == "明细" and found.kind == "contacts"
    assert "明细" in found.sheet_reason and "Dashboard" in found.sheet_reason
    forced = locate(path, path.read_bytes(), sheet="Dashboard")
    assert forced.sheet.name == "Dashboard"
    with pytest.raises(InputRejected, match="no sheet 'Nope'"):
        locate(path, path.read_bytes(), sheet="Nope")


def test_preview_for_the_mapping_dialog(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "p.xlsx",
        {"S": [["Title"], ["Call Id", "Start Time", "Mystery"], ["A", "2026-10-01 09:00", "x"]]},
    )
    p = preview(path)
    assert p.kind == "contacts" and p.header_row == 2
    assert p.headers == ["Call Id", "Start Time", "Mystery"]
    assert p.rows[0][:2] == ["A", "2026-10-01 09:00"]
    assert p.mapping == {"contact_id": "Call Id", "started_at": "Start Time"}
    bad = preview(tmp_path / "missing.xlsx")
    assert bad.error and bad.kind is None


def test_encodings_are_sniffed() -> None:
    text = "流水号,开始时间\nA1,2026-10-01\n"
    for enc, label in [("utf-8", "utf-8"), ("gbk", "gb18030"), ("utf-16", "utf-16")]:
        decoded, found = decode(Path("x.csv"), text.encode(enc))
        assert decoded.replace("\ufeff", "") == text and found == label
    decoded, found = decode(Path("x.csv"), b"\xef\xbb\xbf" + text.encode())
    assert decoded == text and found == "utf-8 (BOM)"
    decoded, found = decode(Path("x.csv"), text.encode("utf-16-le"))
    assert decoded == text and found == "utf-16-le"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(delimiter: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["Call Id", "Start Time", "Wait, in s", "Answered"])
    for i in range(5):
        writer.writerow([f"A{i}", "2026-10-01 09:00", "1,5" if delimiter != "," else "15", "Y"])
    assert sniff_delimiter(out.getvalue()) == delimiter


def test_formats_are_sniffed_from_bytes(tmp_path: Path) -> None:
    xlsx = _xlsx(tmp_path / "a.xls", {"S": [["a"]]})  # misnamed xlsx
    assert sniff_format(xlsx, xlsx.read_bytes()) == "xlsx"
    assert sniff_format(Path("r.xls"), b"<html><body><table><tr><td>1") == "html"
    assert sniff_format(Path("r.xls"), "a\tb\n1\t2\n".encode("utf-16")) == "text"
    with pytest.raises(InputRejected, match="empty"):
        sniff_format(Path("e.csv"), b"")
    with pytest.raises(InputRejected, match="not a spreadsheet"):
        sniff_format(Path("x.xlsx"), bytes(range(256)) * 40)


def test_truncated_workbook_is_refused(tmp_path: Path) -> None:
    good = _xlsx(tmp_path / "g.xlsx", {"S": [["Call Id", "Start Time"], ["A", "2026-10-01"]]})
    data = good.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputRejected, match="damaged or truncated"):
        read_raw_sheets(cut, cut.read_bytes())


def test_encrypted_workbook_is_named(tmp_path: Path) -> None:
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    name = "EncryptedPackage".encode("utf-16-le")
    ole[2000 : 2000 + len(name)] = name
    with pytest.raises(InputRejected, match="encrypted") as info:
        sniff_format(Path("secret.xlsx"), bytes(ole))
    assert "password" in str(info.value)


def make_bomb(path: Path, megabytes: int = 300) -> Path:
    """A zip whose one member inflates ~1000x: refused from the central directory alone."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return path


def test_decompression_bomb_is_refused_fast(tmp_path: Path) -> None:
    bomb = make_bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 2_000_000
    start = time.perf_counter()
    with pytest.raises(InputRejected, match="decompression bomb"):
        read_raw_sheets(bomb, bomb.read_bytes())
    assert time.perf_counter() - start < 0.5


def test_xml_spreadsheet_2003_is_named() -> None:
    data = (
        b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        b"<Worksheet><Table><Row><Cell><Data>1</Data></Cell></Row></Table></Worksheet></Workbook>"
    )
    with pytest.raises(InputRejected, match="XML Spreadsheet 2003"):
        sniff_format(Path("old.xls"), data)


def test_hand_made_ods_is_read(tmp_path: Path) -> None:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="明细">'
        + "".join(
            "<table:table-row>"
            + "".join(
                f'<table:table-cell office:value-type="string"><text:p>{c}</text:p>'
                "</table:table-cell>"
                for c in row
            )
            + "</table:table-row>"
            for row in (["流水号", "开始时间", "是否接通"], ["O1", "2026-10-01 09:00", "是"])
        )
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "calls.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>',
        )
    found = locate(path)
    assert found.sheet.source_format == "ods" and found.sheet.name == "明细"
    assert found.kind == "contacts" and found.mapping.complete
    assert found.sheet.head(2)[1] == ["O1", "2026-10-01 09:00", "是"]


def test_hidden_sheets_are_not_candidates(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "old"
    for row in (["Call Id", "Start Time", "Answered", "Talk"], ["H", "2026-09-01", "Y", 3]):
        hidden.append(row)
    hidden.sheet_state = "hidden"
    shown = wb.create_sheet("current")
    for row in (["Call Id", "Start Time"], ["S", "2026-10-01"]):
        shown.append(row)
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    assert locate(path).sheet.name == "current"
    assert locate(path, sheet="old").sheet.name == "old"  # still readable when asked for
