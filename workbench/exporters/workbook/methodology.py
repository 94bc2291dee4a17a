"""The Methodology sheet: how each indicator is computed (formula, source, target in force,
benchmark, coverage), the options in force, and which days and queues came from call detail
and which from interval summaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from workbench.domain import KpiValue
from workbench.exporters.cells import write
from workbench.exporters.labels import label
from workbench.exporters.workbook import styles as st
from workbench.exporters.workbook.data import SheetData
from workbench.exporters.workbook.summary import coverage_text
from workbench.kpi import catalogue
from workbench.kpi.benchmarks import benchmark

METHOD_WIDTHS = (22, 20, 12, 14, 10, 44, 40, 16, 40, 22)
MAX_LISTED_PAIRS = 50
_COLUMNS = ("id", "indicator", "group", "unit", "direction", "formula", "source",
            "target_in_force", "benchmark_source", "coverage")  # fmt: skip


def methodology(ws: Worksheet, data: SheetData) -> None:
    """The indicators' table, then the options, then the source mix."""
    L = data.lang
    st.title(ws, data, "methodology")
    titles = [label(L, f"col.{key}") for key in _COLUMNS]
    st.header(ws, titles)
    row = st.FIRST_DATA_ROW
    for group_id, _zh, _en in catalogue.GROUPS:
        for kpi in catalogue.by_group(group_id):
            values = _indicator_values(data, group_id, kpi)
            for column, value in enumerate(values, start=1):
                write(ws, row, column, value).alignment = st.WRAP
            ws.row_dimensions[row].height = 15 * _lines(values, METHOD_WIDTHS)
            row += 1
    st.box(ws, st.FIRST_DATA_ROW, row - 1, len(titles))
    row = _options_rows(ws, data, row + 1)
    row = _source_mix_rows(ws, data, row + 1)
    ws.freeze_panes = f"C{st.FIRST_DATA_ROW}"
    st.widths(ws, METHOD_WIDTHS)


def _indicator_values(data: SheetData, group_id: str, kpi: catalogue.KpiDef) -> list[Any]:
    L = data.lang
    bench = benchmark(kpi.id, data.options)
    value = data.report.value(kpi.id) or KpiValue(kpi.id, None)
    formula = kpi.formula(L)
    if value.variant and kpi.fallback:
        formula = kpi.fallback.formula_zh if L.startswith("zh") else kpi.fallback.formula_en
    return [
        kpi.id,
        kpi.name(L, data.options, value.variant),
        catalogue.group_name(group_id, L),
        label(L, f"unit.{kpi.unit}"),
        label(L, f"direction.{kpi.direction}"),
        formula,
        kpi.source,
        st.target_text(kpi.id, data.targets.get(kpi.id), L),
        f"{bench.label(L)}: {_bench_value(kpi, bench.value, L)} — {bench.source}" if bench else "",
        coverage_text(value),
    ]


def _options_rows(ws: Worksheet, data: SheetData, row: int) -> int:
    """The options in force (T, S, the service-level denominator, W, the targets' version)."""
    L = data.lang
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
    return row


def _source_mix_rows(ws: Worksheet, data: SheetData, row: int) -> int:
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
