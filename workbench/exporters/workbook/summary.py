"""The Summary sheet: every indicator of the period with its target, status, numerator,
denominator, the previous period, the benchmark and its coverage, grouped as the catalogue."""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from workbench.domain import KpiValue
from workbench.exporters.cells import write
from workbench.exporters.labels import label
from workbench.exporters.workbook import styles as st
from workbench.exporters.workbook.data import SheetData
from workbench.kpi import catalogue
from workbench.kpi.benchmarks import benchmark


def summary_columns(lang: str) -> list[str]:
    """The Summary sheet's column titles in ``lang``."""
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


def summary(ws: Worksheet, data: SheetData) -> None:
    """One row per indicator with a value, under a shaded row per catalogue group."""
    L = data.lang
    st.title(ws, data, "summary")
    titles = summary_columns(L)
    titles[7] = f"{titles[7]}\n{data.prev_start.isoformat()} – {data.prev_end.isoformat()}"
    st.header(ws, titles)
    row = st.FIRST_DATA_ROW
    for group_id, _zh, _en in catalogue.GROUPS:
        kpis = [k for k in catalogue.by_group(group_id) if data.report.value(k.id) is not None]
        if not kpis:
            continue
        cell = write(ws, row, 1, catalogue.group_name(group_id, L))
        cell.font = Font(bold=True)
        for column in range(1, len(titles) + 1):
            ws.cell(row, column).fill = st.GROUP_FILL
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(titles))
        row += 1
        for kpi in kpis:
            _indicator_row(ws, data, row, kpi)
            row += 1
    last = row - 1
    first = st.FIRST_DATA_ROW
    st.box(ws, first, last, len(titles))
    st.status_rules(ws, L, "E", f"C{first}:C{last} E{first}:E{last}", last)
    ws.freeze_panes = f"C{first}"
    ws.row_dimensions[st.HEADER_ROW].height = 48
    st.widths(ws, [24, 24, 12, 16, 10, 14, 14, 22, 12, 36, 22])


def _indicator_row(ws: Worksheet, data: SheetData, row: int, kpi: catalogue.KpiDef) -> None:
    L = data.lang
    kv = data.report.value(kpi.id) or KpiValue(kpi.id, None)
    prev = data.previous.value(kpi.id)
    fmt = st.UNIT_FORMATS[kpi.unit]
    write(ws, row, 1, kpi.id)
    write(ws, row, 2, kpi.name(L, data.options, kv.variant))
    write(ws, row, 3, st.to_cell(kpi.unit, kv.value), fmt)
    write(ws, row, 4, st.target_text(kpi.id, kv.target, L))
    status = st.status_text(L, kv.status) if kv.target is not None else "—"
    write(ws, row, 5, status)
    num_fmt = st.UNIT_FORMATS["yuan"] if kpi.unit == "yuan" else st.count_format(kv.numerator)
    write(ws, row, 6, kv.numerator, num_fmt)
    write(ws, row, 7, kv.denominator, st.count_format(kv.denominator))
    write(ws, row, 8, st.to_cell(kpi.unit, prev.value if prev else None), fmt)
    bench = benchmark(kpi.id, data.options)
    if bench is not None:
        write(ws, row, 9, st.to_cell(kpi.unit, bench.value), fmt)
        write(ws, row, 10, bench.label(L))
    write(ws, row, 11, coverage_text(kv))
