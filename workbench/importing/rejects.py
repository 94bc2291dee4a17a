"""Rejected rows of one file: collected with the header the user sees (bad values, checks
across fields, repeated keys), grouped by column and reason, and the rule that a file from which
too little could be stored is refused whole (never "exit 0 after storing 0 of 33,344 rows")."""

from __future__ import annotations

from typing import Any

import duckdb

from workbench.domain import ReasonGroup
from workbench.i18n import _
from workbench.importing.kinds import mapped
from workbench.importing.stage import first_row, sql_text
from workbench.readers import Located
from workbench.store.sql import quote

MAX_GROUPS = 10  # reason groups kept in a result (every reject stays in the store)


#: SQL: a reject's reason with (the first occurrence of) the cell's value taken out. Only the
#: first: the value may also be a word of the message itself ("'not a date' is not a date").
#: Reasons are in the user's language (one language per import), so this groups alike in each.
_SHAPE = (
    "CASE WHEN value IS NULL OR value = '' OR strpos(reason, value) = 0 THEN reason "
    "ELSE left(reason, strpos(reason, value) - 1) || '…' "
    "|| substr(reason, strpos(reason, value) + length(value)) END"
)


def grouped_reasons(con: Any) -> list[ReasonGroup]:
    """``wb_rejects`` grouped by column and by reason with the cell's value taken out, so
    "date '990201' is out of range" and "date '990202' …" are one group; largest first."""
    rows = con.execute(
        "SELECT column_name, arg_min(reason, rn), count(*), list(rn ORDER BY rn)[1:3] "
        f"FROM (SELECT *, {_SHAPE} AS shape FROM wb_rejects) "
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


def collect_rejects(
    con: duckdb.DuckDBPyConnection, final: str, key_cols: tuple[str, ...], headers: dict
) -> None:
    """``wb_rejects``: every rejected row with the header the user sees: bad values, then
    rows that a real identifier says repeat an earlier row of the file."""
    header_of = (
        "CASE err_field "
        + " ".join(f"WHEN {quote(n)} THEN {quote(h)}" for n, h in headers.items())
        + " ELSE err_field END"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE wb_rejects AS SELECT rn, {header_of} AS column_name, "
        "err_reason AS reason, err_value AS value FROM wb_typed WHERE err_reason IS NOT NULL"
    )
    if not key_cols:
        return
    partition = ", ".join(key_cols)
    has_dups = first_row(
        con.execute(
            f"SELECT count(*) FROM (SELECT {partition} FROM ({final}) GROUP BY ALL "
            "HAVING count(*) > 1)"
        )
    )[0]
    if not has_dups:
        return
    first = key_cols[0]
    key_header = quote(headers.get(first, first))
    value = f"coalesce(CAST({first} AS VARCHAR), '')"
    reason = sql_text(_("duplicate key {value} (also on row {row})"), "{value}")
    reason = reason.replace("{value}", value).replace("{row}", "' || first_rn || '")
    con.execute(
        f"INSERT INTO wb_rejects SELECT rn, {key_header}, {reason}, "
        f"CAST({first} AS VARCHAR) FROM (SELECT rn, {first}, "
        f"row_number() OVER (PARTITION BY {partition} ORDER BY rn) AS k, "
        f"min(rn) OVER (PARTITION BY {partition}) AS first_rn FROM ({final})) "
        "WHERE k > 1"
    )


def row_checks(con: duckdb.DuckDBPyConnection, kind: str, found: Located) -> None:
    """Checks across fields of one row (answered ≤ offered, recognized ≤ questions)."""
    checks: list[tuple[str, str, str]] = []
    if kind == "intervals":
        checks.append(("answered", "v_answered > v_offered", _("answered exceeds offered")))
        if mapped(found, "abandoned"):
            checks.append(("abandoned", "v_abandoned > v_offered", _("abandoned exceeds offered")))
    if kind == "bot_sessions" and mapped(found, "recognized") and mapped(found, "questions"):
        checks.append(
            ("recognized", "v_recognized > v_questions", _("recognized exceeds questions"))
        )
    for name, cond, reason in checks:
        con.execute(
            f"UPDATE wb_typed SET err_field = '{name}', err_reason = {quote(reason)}, "
            f"err_value = CAST(v_{name} AS VARCHAR) WHERE err_reason IS NULL AND {cond}"
        )
