"""Reading a compliance workbook back as figures: the branch manager's monthly file.

A branch manager receives the workbook, not the store. ``read_figures`` takes the period,
options and targets from its Manifest and Summary sheets, the period's and the previous
period's values (with numerators and denominators) from Summary, the daily values from
Trends and the per-agent / per-channel / per-campaign values from the Agents, Bots and
Campaigns sheets. ``load_into`` writes them into an (in-memory) store as the table
``workbook_figures``; the KPI engine then answers from that table (``workbench.kpi.frozen``)
so the dashboards, trends and tables show the workbook read-only, without the raw data.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from workbench.errors import InputRejected
from workbench.exporters.labels import LABELS, LANGS, MANIFEST_SHEET_NAMES, label, sheet_name
from workbench.i18n import _

#: scope, key, label, kpi_id, value, numerator, denominator, status
Row = tuple[str, str, str | None, str, float | None, float | None, float | None, str | None]


@dataclass
class Figures:
    """What a workbook holds, as the engine's rows."""

    start: date
    end: date
    prev_start: date | None
    prev_end: date | None
    lang: str
    options: dict[str, Any]
    targets: dict[str, str] = field(default_factory=dict)  # kpi_id -> parse_target expression
    rows: list[Row] = field(default_factory=list)


def is_workbench_workbook(path: str | Path) -> bool:
    """True when ``path`` is an xlsx with a Workbench manifest sheet."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as z:
            text = z.read("xl/workbook.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return any(f'name="{name}"' in text for name in MANIFEST_SHEET_NAMES)


def _status_of_text(text: Any) -> str | None:
    for lang in LANGS:
        for status in ("met", "at_risk", "missed"):
            if text == LABELS[lang][f"status.{status}"]:
                return status
    return None


def _target_expr(kpi_id: str, text: Any) -> str | None:
    """The parse_target expression of a Summary target cell (``≥ 80.0%``, ``≤ 0:20``)."""
    from workbench.kpi.targets import parse_target

    if not isinstance(text, str) or text.strip() in ("", "—"):
        return None
    expr = text.replace(" ", "").replace("¥", "").replace(",", "").replace("–", "-")
    if ":" in expr:  # m:ss seconds

        def seconds(part: str) -> str:
            if ":" not in part:
                return part
            pieces = [int(p) for p in part.split(":")]
            total = 0
            for p in pieces:
                total = total * 60 + p
            return str(total)

        head = expr[:1] if expr[:1] in "≥≤" else ""
        body = expr[len(head) :]
        expr = head + "-".join(seconds(p) for p in body.split("-"))
    try:
        target = parse_target(kpi_id, expr)
    except Exception:  # a target we cannot read back shows without status
        return None
    from workbench.kpi.targets import format_target

    return format_target(target)


def read_figures(path: str | Path) -> Figures:
    """Read a Workbench compliance workbook; ``InputRejected`` when it is not one."""
    from openpyxl import load_workbook

    from workbench.exporters.verify import read_manifest
    from workbench.kpi import catalogue

    path = Path(path)
    if not is_workbench_workbook(path):
        raise InputRejected(
            _("this is not a Workbench compliance workbook (no manifest sheet)"),
            file=path,
            hint=_("open a workbook written by 'workbench export', or import raw exports"),
        )
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        name = next(n for n in wb.sheetnames if n in MANIFEST_SHEET_NAMES)
        m = read_manifest(list(wb[name].iter_rows(values_only=True)))
        try:
            start = date.fromisoformat(m.meta["period_start"])
            end = date.fromisoformat(m.meta["period_end"])
            lang = m.meta.get("lang", "zh_CN")
            options = json.loads(m.meta.get("options", "{}"))
        except (KeyError, ValueError) as exc:
            raise InputRejected(
                _("the manifest does not give the period ({error})").format(error=exc),
                file=path,
                hint=_("the workbook was edited; ask for the original file"),
            ) from exc
        prev = [m.meta.get("previous_start"), m.meta.get("previous_end")]
        prev_start, prev_end = (
            (date.fromisoformat(prev[0]), date.fromisoformat(prev[1])) if all(prev) else (None,) * 2
        )
        figures = Figures(start, end, prev_start, prev_end, lang, options)

        def sheet_rows(key: str) -> list[tuple]:
            title = sheet_name(lang, key)
            if title not in wb.sheetnames:
                return []
            return list(wb[title].iter_rows(values_only=True))

        _summary(sheet_rows("summary"), figures)
        by_name = {k.name(lang): k for k in catalogue.KPIS}
        _trends(sheet_rows("trends"), by_name, figures)
        for key, scope, labelled in (
            ("agents", "agent", True),
            ("bots", "channel", False),
            ("campaigns", "campaign", True),
        ):
            _grouped(sheet_rows(key), scope, labelled, lang, by_name, figures)
        return figures
    finally:
        wb.close()


def _summary(rows: list[tuple], figures: Figures) -> None:
    """Summary: id, name, value, target, status, numerator, denominator, previous, …"""
    from workbench.exporters.workbook import FIRST_DATA_ROW, from_cell
    from workbench.kpi import catalogue

    for row in rows[FIRST_DATA_ROW - 1 :]:
        row = tuple(row) + (None,) * 10
        try:
            kpi = catalogue.get(row[0]) if isinstance(row[0], str) else None
        except KeyError:
            kpi = None
        if kpi is None:
            continue
        figures.rows.append(
            ("period", "", None, kpi.id, from_cell(kpi.unit, row[2]), _f(row[5]),
             _f(row[6]), _status_of_text(row[4]))
        )  # fmt: skip
        figures.rows.append(
            ("previous", "", None, kpi.id, from_cell(kpi.unit, row[7]), None, None, None)
        )
        expr = _target_expr(kpi.id, row[3])
        if expr:
            figures.targets[kpi.id] = expr


def _trends(rows: list[tuple], by_name: dict, figures: Figures) -> None:
    """Trends: date, one column per headline indicator (then hidden target columns)."""
    from workbench.exporters.workbook import FIRST_DATA_ROW, from_cell

    if len(rows) < FIRST_DATA_ROW:
        return
    header = rows[FIRST_DATA_ROW - 2]
    for row in rows[FIRST_DATA_ROW - 1 :]:
        day = row[0]
        if not isinstance(day, datetime | date):
            break
        key = (day.date() if isinstance(day, datetime) else day).isoformat()
        for column, title in enumerate(header[1:], start=1):
            kpi = by_name.get(title)
            if kpi is not None:
                value = from_cell(kpi.unit, row[column])
                figures.rows.append(("day", key, None, kpi.id, value, None, None, None))


def _grouped(rows: list[tuple], scope: str, labelled: bool, lang: str, by_name, figures) -> None:
    from workbench.exporters.workbook import FIRST_DATA_ROW, from_cell

    if len(rows) < FIRST_DATA_ROW:
        return
    header = rows[FIRST_DATA_ROW - 2]
    first = 2 if labelled else 1
    total, no_key = label(lang, "all_queues"), label(lang, "no_key")
    for row in rows[FIRST_DATA_ROW - 1 :]:
        if not row or all(cell is None for cell in row):
            break  # the table ends (a block by queue may follow on the agents sheet)
        if row[0] in (None, total):
            continue
        key = "" if row[0] == no_key else str(row[0])
        name = str(row[1]) if labelled and row[1] is not None else None
        for column in range(first, len(header)):
            kpi = by_name.get(header[column])
            if kpi is not None and column < len(row):
                value = from_cell(kpi.unit, row[column])
                figures.rows.append((scope, key, name, kpi.id, value, None, None, None))


def _f(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def load_into(con: Any, figures: Figures) -> None:
    """Write ``figures`` into the store behind ``con`` (``workbook_figures`` and its period)."""
    con.execute(
        "CREATE TABLE workbook_figures (scope VARCHAR, key VARCHAR, label VARCHAR, "
        "kpi_id VARCHAR, value DOUBLE, numerator DOUBLE, denominator DOUBLE, status VARCHAR)"
    )
    if figures.rows:
        con.executemany("INSERT INTO workbook_figures VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        figures.rows)  # fmt: skip
    meta = {
        "workbook_period": json.dumps(
            {
                "start": figures.start.isoformat(),
                "end": figures.end.isoformat(),
                "prev_start": figures.prev_start.isoformat() if figures.prev_start else None,
                "prev_end": figures.prev_end.isoformat() if figures.prev_end else None,
                "lang": figures.lang,
                "targets": figures.targets,
                "options": figures.options,
            }
        )
    }
    for key, value in meta.items():
        con.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [key, value])
