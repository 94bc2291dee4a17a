"""Laying out the workbook: every sheet in order, the manifest over them, then protection and
print setup (A4 landscape, one page wide, the period and the centre in the footer)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from workbench import __version__
from workbench.exporters import manifest as mf
from workbench.exporters.labels import label, sheet_name
from workbench.exporters.workbook import compliance, grouped, styles
from workbench.exporters.workbook.cover import cover
from workbench.exporters.workbook.data import SheetData
from workbench.exporters.workbook.exceptions import exceptions
from workbench.exporters.workbook.manifest_sheet import manifest
from workbench.exporters.workbook.methodology import methodology
from workbench.exporters.workbook.sources import sources_sheet
from workbench.exporters.workbook.summary import summary
from workbench.exporters.workbook.trends import trends

#: the sheets in order (the Manifest comes last), each with the function that lays it out
BUILDERS = (
    ("cover", cover),
    ("summary", summary),
    ("trends", trends),
    ("agents", grouped.agents),
    ("bots", grouped.bots),
    ("campaigns", grouped.campaigns),
    ("exceptions", exceptions),
    ("methodology", methodology),
    ("sources", sources_sheet),
    ("compliance", compliance.compliance_sheet),
    ("audit", compliance.audit_sheet),
)
#: the store tables behind each sheet (their digests are combined in the manifest)
STORE_TABLES: dict[str, tuple[str, ...]] = {
    "cover": (),
    "summary": tuple(mf.PERIOD_COLUMNS),
    "trends": tuple(mf.PERIOD_COLUMNS),
    "agents": ("contacts", "intervals", "agent_states", "quality"),
    "bots": ("bot_sessions", "contacts", "intervals"),
    "campaigns": ("campaigns",),
    "exceptions": tuple(mf.PERIOD_COLUMNS),
    "methodology": (),
    "sources": tuple(mf.PERIOD_COLUMNS),
    "compliance": ("campaigns",),
    "audit": (),
}


def build_workbook(data: SheetData, *, password: str | None = None) -> Workbook:
    """Lay out every sheet, then the manifest over them, then protect and set up printing."""
    wb = Workbook()
    wb.remove(wb.active)
    L = data.lang
    sheets = []
    for key, builder in BUILDERS:
        ws = wb.create_sheet(sheet_name(L, key))
        builder(ws, data)
        sheets.append((key, ws))
    ws_manifest = wb.create_sheet(sheet_name(L, "manifest"))
    manifest(ws_manifest, data, sheets, STORE_TABLES)
    period = f"{data.start.isoformat()} – {data.end.isoformat()}"
    for ws in wb.worksheets:
        print_setup(ws, data, period)
        ws.protection.sheet = True
        if password:
            ws.protection.password = password
    wb.properties.creator = f"Workbench {__version__}"
    wb.properties.title = f"{label(L, 'title')} {period}"
    return wb


def print_setup(ws: Worksheet, data: SheetData, period: str) -> None:
    """A4 landscape, one page wide, header rows repeated, period / page / centre in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.6
    ws.page_margins.footer = 0.3
    if ws.freeze_panes:
        ws.print_title_rows = f"1:{styles.HEADER_ROW}"
    safe = lambda text: text.replace("&", "&&")  # noqa: E731 - '&' starts a footer code
    ws.oddFooter.left.text = safe(f"{label(data.lang, 'footer_period')} {period}")
    ws.oddFooter.left.size = 8
    ws.oddFooter.center.text = label(data.lang, "page")
    ws.oddFooter.center.size = 8
    ws.oddFooter.right.text = safe(f"{data.centre}  {ws.title}".strip())
    ws.oddFooter.right.size = 8
