"""Rejected rows of one file: grouped by column and reason, and the rule that a file from which
too little could be stored is refused whole (never "exit 0 after storing 0 of 33,344 rows")."""

from __future__ import annotations

from typing import Any

from workbench.domain import ReasonGroup
from workbench.i18n import _

MAX_GROUPS = 10  # reason groups kept in a result (every reject stays in the store)


def grouped_reasons(con: Any) -> list[ReasonGroup]:
    """``wb_rejects`` grouped by column and by reason with the cell's value taken out, so
    "date '990201' is out of range" and "date '990202' …" are one group; largest first."""
    rows = con.execute(
        "SELECT column_name, arg_min(reason, rn), count(*), list(rn ORDER BY rn)[1:3] "
        "FROM (SELECT *, CASE WHEN value IS NULL OR value = '' THEN reason "
        "ELSE replace(reason, value, '…') END AS shape FROM wb_rejects) "
        f"GROUP BY column_name, shape ORDER BY count(*) DESC, min(rn) LIMIT {MAX_GROUPS}"
    ).fetchall()
    return [
        ReasonGroup(column, reason, int(count), tuple(int(r) for r in first))
        for column, reason, count, first in rows
    ]


def reasons_text(groups: list[ReasonGroup], limit: int = 3) -> str:
    """``33,344 rows: column 'Date': date '990201' … (rows 2, 3, 4); …`` for one line."""
    parts = []
    for group in groups[:limit]:
        where = _("column '{column}': ").format(column=group.column) if group.column else ""
        rows = ", ".join(str(r) for r in group.first_rows)
        parts.append(
            _("{count:,} rows: {where}{reason} (rows {rows}…)").format(
                count=group.rows, where=where, reason=group.reason, rows=rows
            )
        )
    more = len(groups) - limit
    if more > 0:
        parts.append(_("{count} more kinds of problem").format(count=more))
    return "; ".join(parts)


def too_little_stored(data_rows: int, rejected: int, *, accept_partial: bool) -> bool:
    """Whether the file is refused whole: nothing storable, or (unless the user accepts a
    partial file) fewer than half of its data rows."""
    storable = data_rows - rejected
    if storable <= 0:
        return True
    return not accept_partial and storable * 2 < data_rows
