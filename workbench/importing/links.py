"""What a newly imported file changes beyond its own rows, inside the same transaction.

- ``next_contact_at``: each contact's next contact of the same customer (any channel), for
  the repeat-contact FCR. The import writes each new contact with its next one *within the
  file* (``link_within_file``); then only the customers that
  also have contacts of other imports are recomputed over all their contacts, since a later
  file can hold the repeat of an earlier contact. A customer new to the store has no other
  contacts, so the in-file link is already the full answer (a first import of a million rows
  then updates nothing: the update of every repeat row cost a few seconds).
- ``agent_reached_at``: for bot sessions transferred to an agent, when the same customer's
  next human contact was answered within 30 minutes.
- overlaps: (day, queue) pairs that hold both call detail and interval summaries (detail
  wins there; the summary says so).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy

from workbench.kpi.precedence import HUMAN_ROWS

HANDOVER_MINUTES = 30  # a transferred bot session links to a human contact this soon after


#: Customers relinked per statement: the set of a file's customers is a hash table of their
#: keyed hashes (~100 bytes each), and a million of them did not fit in the import's memory
#: limit (``readers.raw``): a larger file is relinked in parts of about this many rows.
ROWS_PER_PART = 200_000


def link_within_file(con: Any, final: str, inserted: str) -> str:
    """Create ``wb_links`` (``rn``, ``next_at``): for each row of ``final`` (aliased ``f``)
    that ``inserted`` keeps, the same customer's next contact among those rows, where it
    has one; returns the table's name (the insert joins it on ``rn``).

    Only customers with more than one row in the file are sorted (a window over every row
    of a million-row file, at the staging memory limit, cost seconds); a row without a
    customer has no link, as ``relink_customers`` leaves it."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE wb_links AS SELECT rn, next_at FROM (SELECT f.rn, "
        "lead(f.started_at) OVER (PARTITION BY f.customer_hash ORDER BY f.started_at, "
        f"f.contact_id) AS next_at FROM ({final}) f WHERE {inserted} AND f.customer_hash IN "
        f"(SELECT g.customer_hash FROM ({final}) g WHERE g.customer_hash IS NOT NULL "
        "GROUP BY g.customer_hash HAVING count(*) > 1)) WHERE next_at IS NOT NULL"
    )
    return "wb_links"


def relink_customers(con: Any, kind: str, import_id: int, rows: int = 0) -> set[date]:
    """Recompute the links of the customers that the import ``import_id`` (of ``rows``
    rows) mentions; the days of the older contacts whose next contact changed (the KPI
    rollup refreshes them).

    A contacts import inserted its rows linked within the file (``link_within_file``): their
    ``next_contact_at`` is recomputed only for the customers that also have contacts of other
    imports (none at all when the store held no other contacts). Bot sessions are relinked
    for every customer the import mentions. A bot-session import changes no contact's link:
    a bot session is not a contact (``next_contact_at`` follows the contacts only)."""
    if kind not in ("contacts", "bot_sessions"):
        return set()
    parts = max(1, -(-rows // ROWS_PER_PART))
    bots = _has_rows(con, "bot_sessions")  # else a no-op (still ~10 ms to plan and run)
    others = kind == "contacts" and _has_other_contacts(con, import_id)
    changed = [numpy.array([], dtype="datetime64[D]")]
    for part in range(parts if others or bots else 0):
        # a customer falls in one part by its hash: each part relinks whole customers
        only = f" AND hash(customer_hash) % {parts} = {part}" if parts > 1 else ""
        touched = (
            f"SELECT DISTINCT customer_hash FROM {kind} WHERE import_id = {int(import_id)} "
            f"AND customer_hash IS NOT NULL{only}"
        )
        if others:
            # only customers with contacts of other imports can have a link the file changes
            known = touched + (
                " AND customer_hash IN (SELECT customer_hash FROM contacts WHERE "
                f"import_id <> {int(import_id)} AND customer_hash IS NOT NULL)"
            )
            changed.append(_relink_contacts(con, known))
        if bots:
            _relink_bot_sessions(con, touched)
    # sorted and deduplicated in numpy (numpy.unique would import numpy.ma: ~20 ms once)
    days = numpy.sort(numpy.concatenate(changed).astype("datetime64[D]"))
    first = numpy.ones(len(days), dtype=bool)
    first[1:] = days[1:] != days[:-1]
    return set(days[first].tolist())


def relink_after_removal(con: Any, customers: str) -> None:
    """After an import's rows were removed: ``next_contact_at`` of every remaining contact of
    the ``customers`` (a query of customer hashes), and ``agent_reached_at`` of their
    transferred bot sessions. A contact whose next contact was removed links to the one
    after it, or to none; a customer left with one contact has no next one."""
    _update_links(con, customers)
    if _has_rows(con, "bot_sessions"):
        _relink_bot_sessions(con, customers)


def _relink_contacts(con: Any, touched: str) -> numpy.ndarray:
    """``next_contact_at`` of the contacts of the customers ``touched``; the days of those
    whose link changed."""
    # Only a customer with more than one contact can have a next one (a customer of the file
    # with one contact has just that new row, stored without a link): the window then sorts
    # those few rows, not every row of the file (a million rows under the staging memory
    # limit ran out of memory now and then)
    repeating = (
        f"SELECT customer_hash FROM contacts WHERE customer_hash IN ({touched}) "
        "GROUP BY customer_hash HAVING count(*) > 1"
    )
    return _update_links(con, repeating)


def _update_links(con: Any, customers: str) -> numpy.ndarray:
    """Set ``next_contact_at`` of every contact of the ``customers`` (a query of customer
    hashes) to the customer's next contact, or none; the days of the contacts it changed."""
    return con.execute(
        "UPDATE contacts SET next_contact_at = n.next_at FROM ("
        "SELECT rowid AS r, lead(started_at) OVER (PARTITION BY customer_hash "
        "ORDER BY started_at, contact_id) AS next_at FROM contacts "
        f"WHERE customer_hash IN ({customers})) n WHERE contacts.rowid = n.r "
        "AND contacts.next_contact_at IS DISTINCT FROM n.next_at "
        "RETURNING CAST(contacts.started_at AS DATE) AS d"
    ).fetchnumpy()["d"]  # a whole file relinked is a million rows: not Python objects


def _relink_bot_sessions(con: Any, touched: str) -> None:
    """``agent_reached_at`` of the transferred bot sessions of the customers ``touched``."""
    con.execute(
        "UPDATE bot_sessions SET agent_reached_at = ("
        "SELECT min(c.started_at) FROM contacts c WHERE c.customer_hash = "
        f"bot_sessions.customer_hash AND c.answered AND c.{HUMAN_ROWS} "
        "AND c.started_at >= bot_sessions.started_at AND c.started_at <= "
        f"bot_sessions.started_at + INTERVAL {HANDOVER_MINUTES} MINUTE) "
        f"WHERE transferred AND customer_hash IN ({touched})"
    )


def _has_other_contacts(con: Any, import_id: int) -> bool:
    """Whether the store holds contacts of imports other than ``import_id``."""
    return (
        con.execute(
            f"SELECT EXISTS (SELECT 1 FROM contacts WHERE import_id <> {int(import_id)})"
        ).fetchone()[0]
        is True
    )


def _has_rows(con: Any, table: str) -> bool:
    """Whether ``table`` holds any row (its count is read from DuckDB's metadata)."""
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0


def overlapping_pairs(con: Any, kind: str, import_id: int) -> list[tuple[str, str | None]]:
    """(day, queue) pairs of this import that the other source also holds."""
    if kind == "contacts":
        mine = (
            "SELECT DISTINCT CAST(started_at AS DATE) AS d, queue AS q FROM contacts "
            f"WHERE import_id = {int(import_id)} AND {HUMAN_ROWS}"
        )
        if not _has_rows(con, "intervals"):
            return []
        other = "SELECT DISTINCT CAST(period_start AS DATE) AS d, queue AS q FROM intervals"
    elif kind == "intervals":
        mine = (
            "SELECT DISTINCT CAST(period_start AS DATE) AS d, queue AS q FROM intervals "
            f"WHERE import_id = {int(import_id)}"
        )
        if not _has_rows(con, "contacts"):
            return []
        other = (
            "SELECT DISTINCT CAST(started_at AS DATE) AS d, queue AS q FROM contacts "
            f"WHERE {HUMAN_ROWS}"
        )
    else:
        return []
    rows = con.execute(
        f"SELECT DISTINCT CAST(m.d AS VARCHAR), m.q FROM ({mine}) m JOIN ({other}) o "
        "ON m.d = o.d AND (m.q = o.q OR m.q IS NULL OR o.q IS NULL) ORDER BY 1, 2 NULLS FIRST"
    ).fetchall()
    return [(d, q) for d, q in rows]
