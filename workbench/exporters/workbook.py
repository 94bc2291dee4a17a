"""The compliance workbook: one period's results as an xlsx an auditor can verify offline.

``export_workbook`` is a plain generator (yields ``Progress``, returns ``ExportResult``) so the
GUI can run it in a worker with a progress bar and cancel it by closing the generator; ``export``
drains it for the command line. Sheets: Cover, Summary, Trends, Agents, Bots, Campaigns,
Exceptions, Methodology, Sources and Manifest (names and labels from ``labels.LABELS``).
Indicator names, formulas and sources come from the KPI catalogue; values from the KPI engine.
The file is written to a temporary name beside the target and renamed at the end
(``safe_write``); every data cell goes through ``cells.write`` so text never becomes a formula.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import time as clock
from collections.abc import Generator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import duckdb
from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RichTextProperties,
)
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from workbench import __version__
from workbench.domain import Filters, KpiOptions, KpiReport, KpiValue, Progress, Target
from workbench.errors import UsageError
from workbench.exporters import compliance_sheets
from workbench.exporters import manifest as mf
from workbench.exporters.cells import write
from workbench.exporters.labels import LANGS, label, sheet_name
from workbench.exporters.safe_write import atomic_write
from workbench.kpi import catalogue
from workbench.kpi.benchmarks import benchmark
from workbench.security.signing import COVER_LABEL, fingerprint, sign_manifest, store_signer
from workbench.security.wrapping import save_encrypted
from workbench.store import audit

# ---- formats and styles -------------------------------------------------------------------
SECONDS_PER_DAY = 86_400
UNIT_FORMATS: dict[str, str] = {
    "count": "#,##0",
    "ratio": "0.00%",
    "s": "[m]:ss",  # the cell holds seconds / 86400 (an Excel duration)
    "score": "0.00",
    "points": "0.0",
    "yuan": '"¥"#,##0.00',
}
INT_FORMAT = "#,##0"
DEC_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_GROUP_FILL = PatternFill("solid", fgColor="D9E1F2")
_TITLE_FONT = Font(bold=True, size=14)
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_STATUS_FILLS = {
    "met": ("C6EFCE", "006100"),
    "at_risk": ("FFEB9C", "9C5700"),
    "missed": ("FFC7CE", "9C0006"),
}
CHART_ROWS = 14  # rows one chart (6.8 cm) takes on the Trends sheet
HEADER_ROW = 2  # row 1 is the sheet title, row 2 the column headers, data from row 3
FIRST_DATA_ROW = 3


def to_cell(unit: str, value: float | None) -> float | None:
    """An indicator value as its cell holds it (seconds become an Excel duration)."""
    if value is None:
        return None
    return value / SECONDS_PER_DAY if unit == "s" else value


def from_cell(unit: str, value: Any) -> float | None:
    """The inverse of ``to_cell`` for a value read back from the workbook."""
    if value is None or value == "":
        return None
    if isinstance(value, timedelta):  # a duration cell as an xlsx reader returns it
        return value.total_seconds()
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    number = float(value)
    return number * SECONDS_PER_DAY if unit == "s" else number


# ---- results ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportResult:
    """What was written: the file, its SHA-256, its sheets and how many indicators it reports."""

    path: str
    sha256: str
    sheets: tuple[str, ...]
    kpis: int
    start: date
    end: date
    seconds: float = 0.0
    signed_by: str = ""  # the signing key's fingerprint (security/signing.py)

    def to_json(self) -> dict:
        """``workbench export --json`` (cli.md)."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "sheets": list(self.sheets),
            "kpis": self.kpis,
            "signed_by": self.signed_by or None,
        }


@dataclass(frozen=True)
class ExceptionRow:
    """One missed target: a day × queue, a day (store-wide) or an agent over the period."""

    scope: str  # "day_queue", "day", "agent"
    day: str
    queue: str
    agent: str
    kpi_id: str
    value: float
    target: Target
    shortfall: float
    denominator: float | None


@dataclass
class _Data:
    start: date
    end: date
    prev_start: date
    prev_end: date
    lang: str
    options: KpiOptions
    targets_version: int
    targets: dict[str, Target]
    generated_at: datetime
    centre: str
    show_personal_data: bool
    report: KpiReport
    previous: KpiReport
    daily: KpiReport
    agents: KpiReport
    bots: KpiReport
    campaigns: KpiReport
    #: queue-level indicators by queue (abandons belong to queues, not to agents)
    queues: KpiReport | None = None
    exceptions: list[ExceptionRow] = field(default_factory=list)
    sources: list[tuple] = field(default_factory=list)
    tables: dict[str, mf.TableDigest] = field(default_factory=dict)
    #: (day, queue) pairs from call detail / from summaries / summaries set aside
    source_mix: dict = field(default_factory=dict)
    audit: list = field(default_factory=list)  # audit entries since the period began
    compliance: tuple | None = None  # (Summary, ContactRules, violations) of the period
    signed_by: str = ""


# ---- the job ------------------------------------------------------------------------------
def export_workbook(
    store,
    out_path: str | Path,
    *,
    start: date,
    end: date,
    lang: str = "zh_CN",
    show_personal_data: bool = False,
    centre_name: str | None = None,
    password: str | None = None,
    open_password: str | None = None,
) -> Generator[Progress, None, ExportResult]:
    """Write the compliance workbook for ``start``–``end`` (inclusive) to ``out_path``.

    Yields ``Progress`` after each step; closing the generator cancels and leaves no file.
    """
    from workbench.kpi import engine, targets
    from workbench.periods import previous_range

    began = clock.perf_counter()
    if lang not in LANGS:
        raise UsageError(f"unknown language '{lang}'", hint="use zh_CN or en")
    if start > end:
        raise UsageError(f"the period starts ({start}) after it ends ({end})", hint="swap them")
    out = Path(out_path).expanduser().absolute()
    con = store.cursor()
    try:
        with store.in_use(con):
            queues = list(engine.filter_choices(con).get("queues") or [])
            total = 9 + len(queues)
            done = 0

            def step(message: str) -> Progress:
                nonlocal done
                done += 1
                return Progress(min(done, total), total, message)

            yield Progress(0, total, "reading targets and options")
            options = targets.load_options(con)
            profile = targets.current_profile(con)
            # the comparison period the dashboard shows (a whole month: the month before)
            prev_start, prev_end = previous_range(start, end)
            period = Filters(start=start, end=end)

            def compute(filters: Filters, by: str | None = None, kpi_ids=None) -> KpiReport:
                return engine.compute(
                    con, filters, by=by, kpi_ids=kpi_ids, options=options, profile=profile
                )

            report = compute(period)
            yield step("indicators of the period")
            previous = compute(Filters(start=prev_start, end=prev_end))
            yield step("indicators of the previous period")
            daily = compute(period, "day")
            yield step("daily values")
            agents = compute(period, "agent", [i for i in _ids("service") if i not in QUEUE_ONLY])
            by_queue = compute(period, "queue", [i for i in _ids("service") if i in QUEUE_KPIS])
            yield step("agents")
            bots = compute(period, "channel", _ids("intelligent"))
            campaigns = compute(period, "campaign", _ids("operation"))
            yield step("bots and campaigns")
            centre = centre_name if centre_name is not None else store.setting("centre_name", "")
            data = _Data(
                start=start,
                end=end,
                prev_start=prev_start,
                prev_end=prev_end,
                lang=lang,
                options=options,
                targets_version=profile.version,
                targets=dict(profile.targets),
                generated_at=datetime.now().replace(microsecond=0),
                centre=str(centre or ""),
                show_personal_data=show_personal_data,
                report=report,
                previous=previous,
                daily=daily,
                agents=agents,
                bots=bots,
                campaigns=campaigns,
                queues=by_queue,
            )
            data.source_mix = engine.source_mix(con, period)
            service_ids = _ids("service")
            for queue in queues:
                by_day = compute(Filters(start=start, end=end, queues=(queue,)), "day", service_ids)
                data.exceptions += _missed(by_day.groups, "day_queue", queue=str(queue))
                yield step(f"exceptions: queue {queue}")
            other_ids = set(_ids("intelligent") + _ids("operation"))
            data.exceptions += _missed(daily.groups, "day", kpi_filter=other_ids)
            data.exceptions += _missed(agents.groups, "agent")
            data.exceptions.sort(key=_exception_order)
            data.sources = _sources(con, start, end)
            data.audit, data.compliance = compliance_sheets.gather(con, start, end)
            data.tables = mf.store_digests(con, start, end)
            yield step("store digests")
            signer = store_signer(store)  # security/signing.py: None for an in-memory store
            data.signed_by = fingerprint(signer.public_key()) if signer else ""
            wb = build_workbook(data, password=password)
            if signer:
                sign_manifest(wb[sheet_name(lang, "manifest")], signer)
            yield step("workbook laid out")
            with atomic_write(out) as tmp:
                if open_password:  # personal data in clear: a protected file (security/wrapping.py)
                    save_encrypted(wb, tmp, open_password)
                else:
                    _save_workbook(wb, tmp)
                yield step("saving")
                digest = _file_sha256(tmp)
            yield step("done")
            if not store.read_only:
                with store._write_lock:
                    audit.record(
                        con,
                        "export",
                        {
                            "file": out.name,
                            "sha256": digest,
                            "from": start.isoformat(),
                            "to": end.isoformat(),
                        },
                    )
            return ExportResult(
                path=str(out),
                sha256=digest,
                sheets=tuple(wb.sheetnames),
                kpis=len(report.values),
                start=start,
                end=end,
                seconds=clock.perf_counter() - began,
                signed_by=data.signed_by,
            )
    finally:
        with contextlib.suppress(duckdb.Error):
            con.close()


def export(store, out_path: str | Path, **kwargs: Any) -> ExportResult:
    """Run ``export_workbook`` to the end (command line, tests)."""
    job = export_workbook(store, out_path, **kwargs)
    while True:
        try:
            next(job)
        except StopIteration as stop:
            return stop.value


def _save_workbook(wb: Workbook, path: Path) -> None:
    wb.save(path)


def _file_sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def _ids(group: str) -> list[str]:
    return [k.id for k in catalogue.by_group(group)]


# ---- exceptions -----------------------------------------------------------------------------
def shortfall(value: float, target: Target) -> float:
    """How far ``value`` misses ``target``, relative to the bound it misses (0 when it meets it)."""

    def rel(gap: float, bound: float | None) -> float:
        return gap / abs(bound) if bound else gap

    if target.op == ">=" and target.low is not None and value < target.low:
        return rel(target.low - value, target.low)
    if target.op == "<=" and target.high is not None and value > target.high:
        return rel(value - target.high, target.high)
    if target.op == "band":
        if target.low is not None and value < target.low:
            return rel(target.low - value, target.low)
        if target.high is not None and value > target.high:
            return rel(value - target.high, target.high)
    return 0.0


def _missed(groups, scope: str, *, queue: str = "", kpi_filter=None) -> list[ExceptionRow]:
    rows = []
    for group in groups:
        for kv in group.values:
            if kv.status != "missed" or kv.value is None or kv.target is None:
                continue
            if kpi_filter is not None and kv.kpi_id not in kpi_filter:
                continue
            if scope == "agent":
                who = f"{group.key} {group.label}" if group.label else str(group.key)
                day, agent = "", who
            else:
                day, agent = str(group.key), ""
            rows.append(
                ExceptionRow(
                    scope=scope,
                    day=day,
                    queue=queue,
                    agent=agent,
                    kpi_id=kv.kpi_id,
                    value=kv.value,
                    target=kv.target,
                    shortfall=round(shortfall(kv.value, kv.target), 10),
                    denominator=kv.denominator,
                )
            )
    return rows


def _exception_order(row: ExceptionRow) -> tuple:
    return (-row.shortfall, row.scope, row.day, row.queue, row.agent, row.kpi_id)


# ---- sources ------------------------------------------------------------------------------
def _sources(con, start: date, end: date) -> list[tuple]:
    """The imports whose rows fall in the period: name, SHA-256, kind, sheet, rows, rejects…"""
    used = " UNION ".join(
        f"SELECT DISTINCT import_id FROM {table} WHERE {column} >= $1 AND {column} < $2"
        for table, column in mf.PERIOD_COLUMNS.items()
    )
    sql = (
        "SELECT file_name, sha256, kind, sheet, rows, rejected, imported_at, imported_by "
        f"FROM imports WHERE id IN ({used}) ORDER BY imported_at, id"
    )
    return con.execute(sql, [start, end + timedelta(days=1)]).fetchall()


# ---- laying out ---------------------------------------------------------------------------
def build_workbook(data: _Data, *, password: str | None = None) -> Workbook:
    """Lay out every sheet, then the manifest over them, then protect and set up printing."""
    wb = Workbook()
    wb.remove(wb.active)
    L = data.lang
    builders = [
        ("cover", _cover),
        ("summary", _summary),
        ("trends", _trends),
        ("agents", _agents),
        ("bots", _bots),
        ("campaigns", _campaigns),
        ("exceptions", _exceptions),
        ("methodology", _methodology),
        ("sources", _sources_sheet),
        ("compliance", compliance_sheets.compliance_sheet),
        ("audit", compliance_sheets.audit_sheet),
    ]
    store_tables = {
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
    sheets = []
    for key, builder in builders:
        ws = wb.create_sheet(sheet_name(L, key))
        builder(ws, data)
        sheets.append((key, ws))
    ws_manifest = wb.create_sheet(sheet_name(L, "manifest"))
    _manifest(ws_manifest, data, sheets, store_tables)
    period = f"{data.start.isoformat()} – {data.end.isoformat()}"
    for ws in wb.worksheets:
        _print_setup(ws, data, period)
        ws.protection.sheet = True
        if password:
            ws.protection.password = password
    wb.properties.creator = f"Workbench {__version__}"
    wb.properties.title = f"{label(L, 'title')} {period}"
    return wb


def _title(ws: Worksheet, data: _Data, key: str) -> None:
    text = f"{sheet_name(data.lang, key)}  {data.start.isoformat()} – {data.end.isoformat()}"
    if data.centre:
        text = f"{data.centre}  {text}"
    cell = write(ws, 1, 1, text)
    cell.font = _TITLE_FONT


def _header(ws: Worksheet, titles: Sequence[str], row: int = HEADER_ROW) -> None:
    for column, text in enumerate(titles, start=1):
        cell = write(ws, row, column, text)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _BORDER
    ws.row_dimensions[row].height = 32


def _box(ws: Worksheet, first_row: int, last_row: int, n_cols: int) -> None:
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, max_col=n_cols):
        for cell in row:
            cell.border = _BORDER


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width


def _status_text(lang: str, status: str) -> str:
    return label(lang, f"status.{status}")


def _target_text(kpi_id: str, target: Target | None, lang: str) -> str:
    from workbench.kpi.engine import format_value

    if target is None:
        return "—"
    kpi = catalogue.get(kpi_id)
    if target.op == ">=":
        return f"≥ {format_value(kpi, target.low, lang)}"
    if target.op == "<=":
        return f"≤ {format_value(kpi, target.high, lang)}"
    return f"{format_value(kpi, target.low, lang)} – {format_value(kpi, target.high, lang)}"


def _count_format(value: float | None) -> str:
    if value is None or float(value).is_integer():
        return INT_FORMAT
    return DEC_FORMAT


def _status_rules(ws: Worksheet, data: _Data, status_col: str, ranges: str, last: int) -> None:
    """Green / amber / red fills keyed on the status column's text."""
    if last < FIRST_DATA_ROW:
        return
    for status, (fill, font) in _STATUS_FILLS.items():
        text = _status_text(data.lang, status).replace('"', '""')
        rule = FormulaRule(
            formula=[f'${status_col}{FIRST_DATA_ROW}="{text}"'],
            fill=PatternFill("solid", fgColor=fill, bgColor=fill),
            font=Font(color=font, bold=status == "missed"),
        )
        ws.conditional_formatting.add(ranges, rule)


# -- Cover
def _cover(ws: Worksheet, data: _Data) -> None:
    L = data.lang
    write(ws, 1, 1, label(L, "title")).font = Font(bold=True, size=18)
    o = data.options
    rows: list[tuple[str, Any]] = [
        ("centre", data.centre or "—"),
        ("period", f"{data.start.isoformat()} – {data.end.isoformat()}"),
        ("previous_period", f"{data.prev_start.isoformat()} – {data.prev_end.isoformat()}"),
        ("generated_at", data.generated_at.isoformat(sep=" ")),
        ("version", __version__),
        ("targets_version", data.targets_version),
        ("sl_threshold", f"{o.sl_threshold_s} {label(L, 'seconds')}"),
        ("short_abandon", f"{o.short_abandon_s} {label(L, 'seconds')}"),
        ("sl_denominator", label(L, f"sl_den.{o.sl_denominator}")),
        ("time_convention", label(L, "time_convention_text")),
        (
            "personal_data",
            label(L, "personal_shown" if data.show_personal_data else "personal_masked"),
        ),
        ("reading_guide", label(L, "guide")),
    ]
    row = 3
    for key, value in rows:
        name = write(ws, row, 1, label(L, key))
        name.font = Font(bold=True)
        name.alignment = _WRAP
        cell = write(ws, row, 2, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if key == "personal_data" and data.show_personal_data:
            cell.font = Font(bold=True, color="C00000")
        if key in ("reading_guide", "time_convention"):
            ws.row_dimensions[row].height = 150 if key == "reading_guide" else 32
        row += 1
    if data.signed_by:
        write(ws, row, 1, COVER_LABEL.get(L, COVER_LABEL["en"])).font = Font(bold=True)
        write(ws, row, 2, data.signed_by)
    _widths(ws, [26, 100])


# -- Summary
def summary_columns(lang: str) -> list[str]:
    return [
        label(lang, "col.id"),
        label(lang, "col.indicator"),
        label(lang, "col.value"),
        label(lang, "col.target"),
        label(lang, "col.status"),
        label(lang, "col.numerator"),
        label(lang, "col.denominator"),
        label(lang, "col.previous"),
        label(lang, "col.benchmark"),
        label(lang, "col.benchmark_source"),
        label(lang, "col.coverage"),
    ]


def coverage_text(value: KpiValue) -> str:
    """``4,054 / 5,000 (81.1%)``: records behind the figure of those it could cover."""
    if not value.coverage_of:
        return "—"
    n, of = value.coverage_n or 0, value.coverage_of
    return f"{n:,.0f} / {of:,.0f} ({n / of:.1%})"


def _summary(ws: Worksheet, data: _Data) -> None:
    L = data.lang
    _title(ws, data, "summary")
    titles = summary_columns(L)
    titles[7] = f"{titles[7]}\n{data.prev_start.isoformat()} – {data.prev_end.isoformat()}"
    _header(ws, titles)
    row = FIRST_DATA_ROW
    for group_id, _zh, _en in catalogue.GROUPS:
        kpis = [k for k in catalogue.by_group(group_id) if data.report.value(k.id) is not None]
        if not kpis:
            continue
        cell = write(ws, row, 1, catalogue.group_name(group_id, L))
        cell.font = Font(bold=True)
        for column in range(1, len(titles) + 1):
            ws.cell(row, column).fill = _GROUP_FILL
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(titles))
        row += 1
        for kpi in kpis:
            kv = data.report.value(kpi.id) or KpiValue(kpi.id, None)
            prev = data.previous.value(kpi.id)
            fmt = UNIT_FORMATS[kpi.unit]
            write(ws, row, 1, kpi.id)
            write(ws, row, 2, kpi.name(L, data.options, kv.variant))
            write(ws, row, 3, to_cell(kpi.unit, kv.value), fmt)
            write(ws, row, 4, _target_text(kpi.id, kv.target, L))
            status = _status_text(L, kv.status) if kv.target is not None else "—"
            write(ws, row, 5, status)
            num_fmt = UNIT_FORMATS["yuan"] if kpi.unit == "yuan" else _count_format(kv.numerator)
            write(ws, row, 6, kv.numerator, num_fmt)
            write(ws, row, 7, kv.denominator, _count_format(kv.denominator))
            write(ws, row, 8, to_cell(kpi.unit, prev.value if prev else None), fmt)
            bench = benchmark(kpi.id, data.options)
            if bench is not None:
                write(ws, row, 9, to_cell(kpi.unit, bench.value), fmt)
                write(ws, row, 10, bench.label(L))
            write(ws, row, 11, coverage_text(kv))
            row += 1
    last = row - 1
    _box(ws, FIRST_DATA_ROW, last, len(titles))
    _status_rules(ws, data, "E", f"C{FIRST_DATA_ROW}:C{last} E{FIRST_DATA_ROW}:E{last}", last)
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"
    ws.row_dimensions[HEADER_ROW].height = 48
    _widths(ws, [24, 24, 12, 16, 10, 14, 14, 22, 12, 36, 22])


# -- Trends
def _headline() -> list[catalogue.KpiDef]:
    return [k for k in catalogue.KPIS if k.headline]


def _trends(ws: Worksheet, data: _Data) -> None:
    L = data.lang
    _title(ws, data, "trends")
    kpis = _headline()
    # Date, one value column per headline indicator, then the target series (grouped and
    # collapsed at the right: the charts draw them, readers see the targets on Summary).
    columns: list[tuple[str, str | None, catalogue.KpiDef | None]] = [
        (label(L, "col.date"), None, None)
    ]
    columns += [(kpi.name(L), "value", kpi) for kpi in kpis]
    n_values = len(columns)
    for kpi in kpis:
        target = data.targets.get(kpi.id)
        if target is None:
            continue
        if target.op == "band":
            columns.append((f"{kpi.name(L)} {label(L, 'target_low_suffix')}", "low", kpi))
            columns.append((f"{kpi.name(L)} {label(L, 'target_high_suffix')}", "high", kpi))
        else:
            columns.append((f"{kpi.name(L)} {label(L, 'target_suffix')}", "target", kpi))
    _header(ws, [c[0] for c in columns])
    row = FIRST_DATA_ROW
    for group in data.daily.groups:
        day = date.fromisoformat(str(group.key)[:10])
        write(ws, row, 1, day, DATE_FORMAT)
        for column, (_name, role, kpi) in enumerate(columns[1:], start=2):
            assert kpi is not None
            target = data.targets.get(kpi.id)
            if role == "value":
                kv = group.value(kpi.id)
                value = kv.value if kv else None
            elif target is None:
                value = None
            elif role == "target":
                value = target.low if target.op == ">=" else target.high
            else:
                value = target.low if role == "low" else target.high
            write(ws, row, column, to_cell(kpi.unit, value), UNIT_FORMATS[kpi.unit])
        row += 1
    last = row - 1
    _box(ws, FIRST_DATA_ROW, max(last, FIRST_DATA_ROW), n_values)
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"
    _widths(ws, [11] + [11] * (len(columns) - 1))
    if len(columns) > n_values:
        ws.column_dimensions.group(
            get_column_letter(n_values + 1),
            get_column_letter(len(columns)),
            hidden=True,
            outline_level=1,
        )
    if last < FIRST_DATA_ROW:
        return
    # One native line chart per headline indicator, the target as its own dashed series.
    chart_row = last + 2
    categories = Reference(ws, min_col=1, min_row=FIRST_DATA_ROW, max_row=last)
    skip = max(1, (last - FIRST_DATA_ROW + 1) // 8)
    per_row = 2
    span = max(7, (n_values + 1) // per_row)
    for index, kpi in enumerate(kpis):
        chart = LineChart()
        chart.title = kpi.name(L)
        chart.height = 6.8
        chart.width = 15
        chart.legend.position = "b"
        chart.visible_cells_only = False  # the target columns are collapsed
        chart.y_axis.number_format = UNIT_FORMATS[kpi.unit]
        chart.x_axis.number_format = "mm-dd"
        chart.x_axis.tickLblSkip = skip
        chart.x_axis.txPr = _rotated_labels()
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        for column, (_name, _role, owner) in enumerate(columns[1:], start=2):
            if owner is kpi:
                ref = Reference(ws, min_col=column, min_row=HEADER_ROW, max_row=last)
                chart.add_data(ref, titles_from_data=True)
        chart.set_categories(categories)
        for number, series in enumerate(chart.series):
            series.smooth = False
            line = series.graphicalProperties.line
            if number == 0:
                line.solidFill = "1F4E78"
                line.width = 22000
            else:
                line.solidFill = "C00000"
                line.dashStyle = "dash"
                line.width = 15000
        anchor = get_column_letter(1 + (index % per_row) * span)
        ws.add_chart(chart, f"{anchor}{chart_row + (index // per_row) * CHART_ROWS}")
    # Printed: the charts start on a new page, two rows of two charts per page.
    for block in range(0, (len(kpis) + per_row - 1) // per_row, 2):
        ws.row_breaks.append(Break(id=chart_row - 1 + block * CHART_ROWS))


def _rotated_labels() -> RichText:
    """Axis labels at 45°, 8 pt (dates stay readable instead of wrapping)."""
    return RichText(
        bodyPr=RichTextProperties(rot=-2_700_000, vert="horz"),
        p=[
            Paragraph(
                pPr=ParagraphProperties(defRPr=CharacterProperties(sz=800)),
                endParaRPr=CharacterProperties(),
            )
        ],
    )


# -- Agents, Bots, Campaigns
def _grouped(
    ws: Worksheet,
    data: _Data,
    key: str,
    report: KpiReport,
    group_id: str,
    key_title: str,
    label_title: str | None,
) -> None:
    L = data.lang
    _title(ws, data, key)
    kpis = [
        k
        for k in catalogue.by_group(group_id)
        if any((g.value(k.id) and g.value(k.id).value is not None) for g in report.groups)
    ]
    fixed = [key_title] if label_title is None else [key_title, label_title]
    first = len(fixed) + 1
    titles = fixed + [k.name(L) for k in kpis]
    _header(ws, titles)
    row = FIRST_DATA_ROW
    for group in report.groups:
        values = [group.value(k.id) for k in kpis]
        if not any(v is not None and v.value is not None for v in values):
            continue
        write(ws, row, 1, group.key if group.key not in (None, "") else label(L, "no_key"))
        if label_title is not None:
            write(ws, row, 2, group.label or "")
        for column, (kpi, kv) in enumerate(zip(kpis, values, strict=True), start=first):
            value = to_cell(kpi.unit, kv.value if kv else None)
            write(ws, row, column, value, UNIT_FORMATS[kpi.unit])
        row += 1
    # The period's total, from the same engine (exact totals, not an average of the rows).
    total = write(ws, row, 1, label(L, "all_queues"))
    total.font = Font(bold=True)
    for column, kpi in enumerate(kpis, start=first):
        kv = data.report.value(kpi.id)
        value = to_cell(kpi.unit, kv.value if kv else None)
        write(ws, row, column, value, UNIT_FORMATS[kpi.unit]).font = Font(bold=True)
    _box(ws, FIRST_DATA_ROW, row, len(titles))
    ws.freeze_panes = f"{get_column_letter(first)}{FIRST_DATA_ROW}"
    _widths(ws, [14, 22][: len(fixed)] + [13] * len(kpis))


#: indicators of the queue, not of an agent: an abandoned contact never reached an agent
QUEUE_KPIS = frozenset({"offered", "answer_rate", "service_level", "asa", "abandon_rate"})
QUEUE_ONLY = QUEUE_KPIS - {"offered"}  # what an agent's row never shows
_BY_QUEUE = {"zh_CN": "按队列（放弃的来电属于队列，不属于坐席）",
             "en": "By queue (abandoned contacts belong to a queue, not to an agent)"}  # fmt: skip


def _agents(ws: Worksheet, data: _Data) -> None:
    """Agents with their own indicators (no "(none)" row holding every abandon), then the
    queue-level indicators per queue below them."""
    L = data.lang
    titles = label(L, "col.agent_id"), label(L, "col.agent_name")
    agents = dataclasses.replace(
        data.agents, groups=tuple(g for g in data.agents.groups if g.key not in (None, ""))
    )
    _grouped(ws, data, "agents", agents, "service", *titles)
    if data.queues is None or not data.queues.groups:
        return
    kpis = [k for k in catalogue.by_group("service") if k.id in QUEUE_KPIS]
    row = ws.max_row + 2
    ws.cell(row=row, column=1, value=_BY_QUEUE.get(L, _BY_QUEUE["en"])).font = Font(bold=True)
    first = row + 1
    _header(ws, [label(L, "col.queue"), "", *[k.name(L) for k in kpis]], row=first)
    for row, group in enumerate(data.queues.groups, start=first + 1):
        write(ws, row, 1, group.key if group.key not in (None, "") else label(L, "no_key"))
        for column, kpi in enumerate(kpis, start=3):
            kv = group.value(kpi.id)
            write(ws, row, column, to_cell(kpi.unit, kv.value if kv else None),
                  UNIT_FORMATS[kpi.unit])  # fmt: skip
    _box(ws, first + 1, ws.max_row, len(kpis) + 2)


def _bots(ws: Worksheet, data: _Data) -> None:
    L = data.lang
    _grouped(ws, data, "bots", data.bots, "intelligent", label(L, "col.channel"), None)


def _campaigns(ws: Worksheet, data: _Data) -> None:
    L = data.lang
    _grouped(
        ws,
        data,
        "campaigns",
        data.campaigns,
        "operation",
        label(L, "col.campaign"),
        label(L, "col.campaign_name"),
    )


# -- Exceptions
def _exceptions(ws: Worksheet, data: _Data) -> None:
    L = data.lang
    _title(ws, data, "exceptions")
    titles = [
        label(L, "col.scope"),
        label(L, "col.date"),
        label(L, "col.queue"),
        label(L, "col.agent"),
        label(L, "col.id"),
        label(L, "col.indicator"),
        label(L, "col.value"),
        label(L, "col.target"),
        label(L, "col.shortfall"),
        label(L, "col.denominator"),
    ]
    _header(ws, titles)
    row = FIRST_DATA_ROW
    for ex in data.exceptions:
        kpi = catalogue.get(ex.kpi_id)
        write(ws, row, 1, label(L, f"scope.{ex.scope}"))
        write(ws, row, 2, ex.day)
        write(ws, row, 3, ex.queue or (label(L, "all_queues") if ex.scope == "day" else ""))
        write(ws, row, 4, ex.agent)
        write(ws, row, 5, ex.kpi_id)
        write(ws, row, 6, kpi.name(L))
        write(ws, row, 7, to_cell(kpi.unit, ex.value), UNIT_FORMATS[kpi.unit])
        write(ws, row, 8, _target_text(ex.kpi_id, ex.target, L))
        write(ws, row, 9, ex.shortfall, "0.0%")
        write(ws, row, 10, ex.denominator, _count_format(ex.denominator))
        row += 1
    if not data.exceptions:
        write(ws, row, 1, label(L, "no_exceptions"))
        row += 1
    _box(ws, FIRST_DATA_ROW, row - 1, len(titles))
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    _widths(ws, [12, 12, 14, 22, 18, 22, 12, 16, 12, 12])


# -- Methodology
def _methodology(ws: Worksheet, data: _Data) -> None:
    L = data.lang
    _title(ws, data, "methodology")
    titles = [
        label(L, "col.id"),
        label(L, "col.indicator"),
        label(L, "col.group"),
        label(L, "col.unit"),
        label(L, "col.direction"),
        label(L, "col.formula"),
        label(L, "col.source"),
        label(L, "col.target_in_force"),
        label(L, "col.benchmark_source"),
        label(L, "col.coverage"),
    ]
    _header(ws, titles)
    row = FIRST_DATA_ROW
    for group_id, _zh, _en in catalogue.GROUPS:
        for kpi in catalogue.by_group(group_id):
            bench = benchmark(kpi.id, data.options)
            value = data.report.value(kpi.id) or KpiValue(kpi.id, None)
            formula = kpi.formula(L)
            if value.variant and kpi.fallback:
                formula = kpi.fallback.formula_zh if L.startswith("zh") else kpi.fallback.formula_en
            values = [
                kpi.id,
                kpi.name(L, data.options, value.variant),
                catalogue.group_name(group_id, L),
                label(L, f"unit.{kpi.unit}"),
                label(L, f"direction.{kpi.direction}"),
                formula,
                kpi.source,
                _target_text(kpi.id, data.targets.get(kpi.id), L),
                f"{bench.label(L)}: {_bench_value(kpi, bench.value, L)} — {bench.source}"
                if bench
                else "",
                coverage_text(value),
            ]
            for column, value in enumerate(values, start=1):
                write(ws, row, column, value).alignment = _WRAP
            ws.row_dimensions[row].height = 15 * _lines(values, METHOD_WIDTHS)
            row += 1
    _box(ws, FIRST_DATA_ROW, row - 1, len(titles))
    row += 1
    write(ws, row, 1, label(L, "options")).font = Font(bold=True, size=12)
    row += 1
    o = data.options
    for key, value in (
        ("sl_threshold", f"T = {o.sl_threshold_s} {label(L, 'seconds')}"),
        ("short_abandon", f"S = {o.short_abandon_s} {label(L, 'seconds')}"),
        ("sl_denominator", f"{o.sl_denominator} ({label(L, f'sl_den.{o.sl_denominator}')})"),
        ("fcr_window", f"W = {o.fcr_window_h} {label(L, 'hours')}"),
        ("targets_version", data.targets_version),
        ("time_convention", label(L, "time_convention_text")),
        ("ratio_convention", label(L, "ratio_convention_text")),
    ):
        write(ws, row, 1, label(L, key)).font = Font(bold=True)
        cell = write(ws, row, 2, value)
        cell.alignment = Alignment(wrap_text=False, vertical="top")
        row += 1
    row = _source_mix_rows(ws, data, row + 1)
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"
    _widths(ws, METHOD_WIDTHS)


METHOD_WIDTHS = (22, 20, 12, 14, 10, 44, 40, 16, 40, 22)
MAX_LISTED_PAIRS = 50


def _source_mix_rows(ws: Worksheet, data: _Data, row: int) -> int:
    """Which (day, queue) pairs came from call detail, which from summaries, and the
    summaries set aside because detail covers the same pair."""
    L = data.lang
    mix = data.source_mix or {}
    write(ws, row, 1, label(L, "sources_mix")).font = Font(bold=True, size=12)
    row += 1
    for key in ("detail", "summary", "overlap"):
        write(ws, row, 1, label(L, f"mix.{key}")).font = Font(bold=True)
        write(ws, row, 2, int(mix.get(key, 0)))
        row += 1
    for day, queue in list(mix.get("overlap_pairs", ()))[:MAX_LISTED_PAIRS]:
        write(ws, row, 2, f"{day}  {queue if queue is not None else label(L, 'all_queues')}")
        row += 1
    return row


def _display_width(text: str) -> int:
    """Character cells a text takes in a spreadsheet column (CJK characters count double)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _lines(values: Sequence[Any], widths: Sequence[float]) -> int:
    """Lines the tallest wrapped cell of a row needs (LibreOffice does not re-measure)."""
    need = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            need = max(need, -(-_display_width(value) // max(1, int(width) - 1)))
    return need


def _bench_value(kpi: catalogue.KpiDef, value: float, lang: str) -> str:
    from workbench.kpi.engine import format_value

    return format_value(kpi, value, lang)


# -- Sources
def _sources_sheet(ws: Worksheet, data: _Data) -> None:
    L = data.lang
    _title(ws, data, "sources")
    titles = [
        label(L, "col.file"),
        label(L, "col.sha256"),
        label(L, "col.kind"),
        label(L, "col.sheet"),
        label(L, "col.rows"),
        label(L, "col.rejected"),
        label(L, "col.imported_at"),
        label(L, "col.imported_by"),
    ]
    _header(ws, titles)
    row = FIRST_DATA_ROW
    for name, sha, kind, sheet, rows, rejected, imported_at, imported_by in data.sources:
        write(ws, row, 1, name)
        write(ws, row, 2, sha).font = Font(name="Consolas", size=9)
        write(ws, row, 3, kind)
        write(ws, row, 4, sheet or "")
        write(ws, row, 5, rows, INT_FORMAT)
        write(ws, row, 6, rejected, INT_FORMAT)
        stamp = imported_at.replace(microsecond=0) if imported_at else None
        write(ws, row, 7, stamp, DATETIME_FORMAT)
        write(ws, row, 8, imported_by or "")
        row += 1
    if not data.sources:
        write(ws, row, 1, label(L, "no_sources"))
        row += 1
    _box(ws, FIRST_DATA_ROW, row - 1, len(titles))
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"
    _widths(ws, [30, 66, 12, 12, 10, 10, 20, 12])


# -- Manifest
ROW_DIGESTS_PER_CELL = 1000
DIGEST_COL = 6  # column F holds the long digests in every section of the Manifest sheet


def manifest_meta(data: _Data) -> dict[str, str]:
    """Everything ``verify`` needs to recompute the workbook's numbers from the store."""
    return {
        "format": str(mf.MANIFEST_FORMAT),
        "workbench_version": __version__,
        "duckdb_version": duckdb.__version__,
        "generated_at": data.generated_at.isoformat(sep=" "),
        "period_start": data.start.isoformat(),
        "period_end": data.end.isoformat(),
        "previous_start": data.prev_start.isoformat(),
        "previous_end": data.prev_end.isoformat(),
        "lang": data.lang,
        "targets_version": str(data.targets_version),
        "options": json.dumps(asdict(data.options), sort_keys=True),
        "show_personal_data": "yes" if data.show_personal_data else "no",
        "kpis": ",".join(v.kpi_id for v in data.report.values),
    }


def _manifest(ws: Worksheet, data: _Data, sheets, store_tables: dict[str, tuple]) -> None:
    """The verification data, in sections a machine reads by their markers in column A."""
    L = data.lang
    write(ws, 1, 1, label(L, "manifest_title")).font = Font(bold=True, size=12)
    row = 3
    write(ws, row, 1, "[meta]").font = Font(bold=True)
    row += 1
    for key, value in manifest_meta(data).items():
        write(ws, row, 1, key)
        write(ws, row, 2, value)
        row += 1
    row += 1
    write(ws, row, 1, "[store]").font = Font(bold=True)
    write(ws, row, 2, "rows")
    write(ws, row, DIGEST_COL, "digest")
    write(ws, row, DIGEST_COL + 1, "columns")
    row += 1
    for table, td in data.tables.items():
        write(ws, row, 1, table)
        write(ws, row, 2, td.rows, INT_FORMAT)
        write(ws, row, DIGEST_COL, td.digest)
        write(ws, row, DIGEST_COL + 1, ",".join(td.columns))
        row += 1
    row += 1
    write(ws, row, 1, "[sheets]").font = Font(bold=True)
    for column, text in enumerate(
        ["name", "rows", "columns", "", "sheet digest", "store tables", "store digest"], 2
    ):
        write(ws, row, column, text)
    row += 1
    digests = []
    for key, sheet in sheets:
        sd = mf.sheet_digest(sheet.title, mf.values_as_read(sheet))
        digests.append((key, sd))
        tables = store_tables.get(key, ())
        store_digest = mf.combined(data.tables[t].digest for t in tables) if tables else ""
        values = [key, sd.sheet, sd.n_rows, sd.n_cols, "", sd.digest, ",".join(tables)]
        for column, value in enumerate([*values, store_digest], 1):
            write(ws, row, column, value)
        row += 1
    # Printed: the human part (meta, store, sheets); the per-row digests are for the machine.
    ws.print_area = f"A1:H{row - 1}"
    row += 1
    write(ws, row, 1, "[cells]").font = Font(bold=True)
    write(ws, row, 2, "columns / rows")
    write(ws, row, 3, "part")
    write(ws, row, DIGEST_COL, "digests")
    row += 1
    for key, sd in digests:
        write(ws, row, 1, key)
        write(ws, row, 2, "columns")
        write(ws, row, 3, 0)
        write(ws, row, DIGEST_COL, " ".join(sd.cols))
        row += 1
        chunks = [
            sd.rows[i : i + ROW_DIGESTS_PER_CELL]
            for i in range(0, len(sd.rows), ROW_DIGESTS_PER_CELL)
        ] or [()]
        for part, chunk in enumerate(chunks):
            write(ws, row, 1, key)
            write(ws, row, 2, "rows")
            write(ws, row, 3, part)
            write(ws, row, DIGEST_COL, " ".join(chunk))
            row += 1
    row += 1
    # The manifest's own digest covers everything above it (so an edit here is seen too).
    own = mf.sheet_digest(ws.title, list(mf.values_as_read(ws))[: row - 1]).digest
    write(ws, row, 1, "[end]").font = Font(bold=True)
    write(ws, row, 2, own)
    _widths(ws, [20, 14, 12, 9, 9, 70, 40, 70])
    for cells in ws.iter_rows(min_row=3, max_row=row):
        for cell in cells:
            cell.alignment = Alignment(vertical="top", wrap_text=False)
            if cell.column > 1:
                cell.font = Font(name="Consolas", size=8)


# -- print setup
def _print_setup(ws: Worksheet, data: _Data, period: str) -> None:
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
        ws.print_title_rows = f"1:{HEADER_ROW}"
    safe = lambda text: text.replace("&", "&&")  # noqa: E731 - '&' starts a footer code
    ws.oddFooter.left.text = safe(f"{label(data.lang, 'footer_period')} {period}")
    ws.oddFooter.left.size = 8
    ws.oddFooter.center.text = label(data.lang, "page")
    ws.oddFooter.center.size = 8
    ws.oddFooter.right.text = safe(f"{data.centre}  {ws.title}".strip())
    ws.oddFooter.right.size = 8


__all__ = [
    "UNIT_FORMATS",
    "ExportResult",
    "build_workbook",
    "export",
    "export_workbook",
    "from_cell",
    "shortfall",
    "summary_columns",
    "to_cell",
]
