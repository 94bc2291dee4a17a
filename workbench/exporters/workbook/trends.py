"""The Trends sheet: the headline indicators day by day with their targets, and one native
line chart per indicator (the target drawn as its own dashed series)."""

from __future__ import annotations

from datetime import date

from openpyxl.chart import LineChart, Reference
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RichTextProperties,
)
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from workbench.exporters.cells import write
from workbench.exporters.labels import label
from workbench.exporters.workbook import styles as st
from workbench.exporters.workbook.data import SheetData
from workbench.kpi import catalogue

#: a column: its title, what it holds (None for the date, "value", "target", "low", "high")
#: and the indicator it belongs to
Column = tuple[str, str | None, catalogue.KpiDef | None]
PER_ROW = 2  # charts side by side


def headline() -> list[catalogue.KpiDef]:
    """The indicators the Trends sheet charts."""
    return [k for k in catalogue.KPIS if k.headline]


def trends(ws: Worksheet, data: SheetData) -> None:
    """The daily table (target columns grouped and collapsed at the right), then the charts."""
    st.title(ws, data, "trends")
    kpis = headline()
    columns = _columns(data, kpis)
    n_values = 1 + len(kpis)
    st.header(ws, [c[0] for c in columns])
    last = _rows(ws, data, columns)
    st.box(ws, st.FIRST_DATA_ROW, max(last, st.FIRST_DATA_ROW), n_values)
    ws.freeze_panes = f"B{st.FIRST_DATA_ROW}"
    st.widths(ws, [11] + [11] * (len(columns) - 1))
    if len(columns) > n_values:
        ws.column_dimensions.group(
            get_column_letter(n_values + 1),
            get_column_letter(len(columns)),
            hidden=True,
            outline_level=1,
        )
    if last >= st.FIRST_DATA_ROW:
        _charts(ws, data, kpis, columns, last)


def _columns(data: SheetData, kpis: list[catalogue.KpiDef]) -> list[Column]:
    """Date, one value column per headline indicator, then the target series (the charts
    draw them, readers see the targets on Summary)."""
    L = data.lang
    columns: list[Column] = [(label(L, "col.date"), None, None)]
    columns += [(kpi.name(L), "value", kpi) for kpi in kpis]
    for kpi in kpis:
        target = data.targets.get(kpi.id)
        if target is None:
            continue
        if target.op == "band":
            columns.append((f"{kpi.name(L)} {label(L, 'target_low_suffix')}", "low", kpi))
            columns.append((f"{kpi.name(L)} {label(L, 'target_high_suffix')}", "high", kpi))
        else:
            columns.append((f"{kpi.name(L)} {label(L, 'target_suffix')}", "target", kpi))
    return columns


def _rows(ws: Worksheet, data: SheetData, columns: list[Column]) -> int:
    """One row per day; returns the last row written."""
    row = st.FIRST_DATA_ROW
    for group in data.daily.groups:
        day = date.fromisoformat(str(group.key)[:10])
        write(ws, row, 1, day, st.DATE_FORMAT)
        for column, (_name, role, kpi) in enumerate(columns[1:], start=2):
            assert kpi is not None
            target = data.targets.get(kpi.id)
            if role == "value":
                kv = group.value(kpi.id)
                value = kv.value if kv else None
            elif target is None:
                value = None
            elif role == "target":
                value = target.bound()
            else:
                value = target.low if role == "low" else target.high
            write(ws, row, column, st.to_cell(kpi.unit, value), st.UNIT_FORMATS[kpi.unit])
        row += 1
    return row - 1


def _charts(
    ws: Worksheet, data: SheetData, kpis: list[catalogue.KpiDef], columns: list[Column], last: int
) -> None:
    """One native line chart per headline indicator, two per row, below the table."""
    chart_row = last + 2
    categories = Reference(ws, min_col=1, min_row=st.FIRST_DATA_ROW, max_row=last)
    skip = max(1, (last - st.FIRST_DATA_ROW + 1) // 8)
    span = max(7, (1 + len(kpis) + 1) // PER_ROW)
    for index, kpi in enumerate(kpis):
        chart = _chart(kpi, data.lang, skip)
        for column, (_name, _role, owner) in enumerate(columns[1:], start=2):
            if owner is kpi:
                ref = Reference(ws, min_col=column, min_row=st.HEADER_ROW, max_row=last)
                chart.add_data(ref, titles_from_data=True)
        chart.set_categories(categories)
        _style_series(chart)
        anchor = get_column_letter(1 + (index % PER_ROW) * span)
        ws.add_chart(chart, f"{anchor}{chart_row + (index // PER_ROW) * st.CHART_ROWS}")
    # Printed: the charts start on a new page, two rows of two charts per page.
    for block in range(0, (len(kpis) + PER_ROW - 1) // PER_ROW, 2):
        ws.row_breaks.append(Break(id=chart_row - 1 + block * st.CHART_ROWS))


def _chart(kpi: catalogue.KpiDef, lang: str, skip: int) -> LineChart:
    chart = LineChart()
    chart.title = kpi.name(lang)
    chart.height = 6.8
    chart.width = 15
    chart.legend.position = "b"
    chart.visible_cells_only = False  # the target columns are collapsed
    chart.y_axis.number_format = st.UNIT_FORMATS[kpi.unit]
    chart.x_axis.number_format = "mm-dd"
    chart.x_axis.tickLblSkip = skip
    chart.x_axis.txPr = _rotated_labels()
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


def _style_series(chart: LineChart) -> None:
    """The value in solid blue, the target series in dashed red."""
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
