"""The Agents, Bots and Campaigns sheets: one row per agent / channel / campaign with the
indicators of its catalogue group, the period's total below them; on Agents, the queue-level
indicators per queue (an abandoned contact belongs to a queue, not to an agent)."""

from __future__ import annotations

import dataclasses

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workbench.domain import KpiReport
from workbench.exporters.cells import write
from workbench.exporters.labels import label
from workbench.exporters.workbook import styles as st
from workbench.exporters.workbook.data import QUEUE_KPIS, SheetData
from workbench.kpi import catalogue

_BY_QUEUE = {"zh_CN": "按队列（放弃的来电属于队列，不属于坐席）",
             "en": "By queue (abandoned contacts belong to a queue, not to an agent)"}  # fmt: skip


def grouped(
    ws: Worksheet,
    data: SheetData,
    key: str,
    report: KpiReport,
    group_id: str,
    key_title: str,
    label_title: str | None,
) -> None:
    """A sheet of ``report``'s groups (rows) by the indicators of ``group_id`` that have a value."""
    L = data.lang
    st.title(ws, data, key)
    kpis = [
        k
        for k in catalogue.by_group(group_id)
        if any((g.value(k.id) and g.value(k.id).value is not None) for g in report.groups)
    ]
    fixed = [key_title] if label_title is None else [key_title, label_title]
    first = len(fixed) + 1
    titles = fixed + [k.name(L) for k in kpis]
    st.header(ws, titles)
    row = st.FIRST_DATA_ROW
    for group in report.groups:
        values = [group.value(k.id) for k in kpis]
        if not any(v is not None and v.value is not None for v in values):
            continue
        write(ws, row, 1, group.key if group.key not in (None, "") else label(L, "no_key"))
        if label_title is not None:
            write(ws, row, 2, group.label or "")
        for column, (kpi, kv) in enumerate(zip(kpis, values, strict=True), start=first):
            value = st.to_cell(kpi.unit, kv.value if kv else None)
            write(ws, row, column, value, st.UNIT_FORMATS[kpi.unit])
        row += 1
    # The period's total, from the same engine (exact totals, not an average of the rows).
    total = write(ws, row, 1, label(L, "all_queues"))
    total.font = Font(bold=True)
    for column, kpi in enumerate(kpis, start=first):
        kv = data.report.value(kpi.id)
        value = st.to_cell(kpi.unit, kv.value if kv else None)
        write(ws, row, column, value, st.UNIT_FORMATS[kpi.unit]).font = Font(bold=True)
    st.box(ws, st.FIRST_DATA_ROW, row, len(titles))
    ws.freeze_panes = f"{get_column_letter(first)}{st.FIRST_DATA_ROW}"
    st.widths(ws, [14, 22][: len(fixed)] + [13] * len(kpis))


def agents(ws: Worksheet, data: SheetData) -> None:
    """Agents with their own indicators (no "(none)" row holding every abandon), then the
    queue-level indicators per queue below them."""
    L = data.lang
    titles = label(L, "col.agent_id"), label(L, "col.agent_name")
    named = dataclasses.replace(
        data.agents, groups=tuple(g for g in data.agents.groups if g.key not in (None, ""))
    )
    grouped(ws, data, "agents", named, "service", *titles)
    if data.queues is None or not data.queues.groups:
        return
    kpis = [k for k in catalogue.by_group("service") if k.id in QUEUE_KPIS]
    row = ws.max_row + 2
    ws.cell(row=row, column=1, value=_BY_QUEUE.get(L, _BY_QUEUE["en"])).font = Font(bold=True)
    first = row + 1
    st.header(ws, [label(L, "col.queue"), "", *[k.name(L) for k in kpis]], row=first)
    for row, group in enumerate(data.queues.groups, start=first + 1):
        write(ws, row, 1, group.key if group.key not in (None, "") else label(L, "no_key"))
        for column, kpi in enumerate(kpis, start=3):
            kv = group.value(kpi.id)
            write(ws, row, column, st.to_cell(kpi.unit, kv.value if kv else None),
                  st.UNIT_FORMATS[kpi.unit])  # fmt: skip
    st.box(ws, first + 1, ws.max_row, len(kpis) + 2)


def bots(ws: Worksheet, data: SheetData) -> None:
    """Per channel: the intelligent-service indicators."""
    L = data.lang
    grouped(ws, data, "bots", data.bots, "intelligent", label(L, "col.channel"), None)


def campaigns(ws: Worksheet, data: SheetData) -> None:
    """Per campaign: the operation indicators."""
    L = data.lang
    grouped(
        ws,
        data,
        "campaigns",
        data.campaigns,
        "operation",
        label(L, "col.campaign"),
        label(L, "col.campaign_name"),
    )
