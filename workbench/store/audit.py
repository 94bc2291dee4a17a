"""The audit trail: an append-only, hash-chained log of what was done to the store.

Every entry records when, which OS user on which machine, the event (``EVENTS``) and its
details (JSON). Its ``hash`` is SHA-256 over the previous entry's hash followed by the entry's
canonical JSON (sorted keys, no spaces, UTF-8), so editing any entry breaks its own hash and
deleting one breaks the next entry's ``prev_hash`` and the numbering. The newest entry's seq and
hash are also kept in ``store_meta`` (``audit_head``), so deleting the last entries is caught
too. ``check_chain`` returns the first broken seq; ``Store.open`` and ``workbench verify
--store`` report it on one line.

Writes are plain statements without BEGIN: the caller may hold a transaction (the import job
records its entry inside the import's transaction, so a rolled-back import leaves no entry).
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workbench.i18n import _

#: The events the trail records.
EVENTS: tuple[str, ...] = (
    "import",
    "reject",
    "target_change",
    "option_change",
    "contact_rules_change",
    "backup",
    "restore",
    "export",
    "key_rotation",
    "import_undo",
)

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


@dataclass(frozen=True)
class Entry:
    """One audit entry as stored."""

    seq: int
    at: datetime
    os_user: str
    machine: str
    event: str
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at.isoformat(sep=" "),
            "os_user": self.os_user,
            "machine": self.machine,
            "event": self.event,
            "details": self.details,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, non-ASCII kept."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(
    prev_hash: str, seq: int, at: datetime, os_user: str, machine: str, event: str, details: str
) -> str:
    """SHA-256 of the previous hash + the canonical JSON of the entry (details as stored)."""
    body = canonical(
        {
            "seq": seq,
            "at": at.isoformat(sep=" "),
            "os_user": os_user,
            "machine": machine,
            "event": event,
            "details": details,
        }
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def machine_name() -> str:
    """This computer's network name (``unknown`` when it has none)."""
    return platform.node() or "unknown"


def _has_table(con: Any) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
            "AND table_name = 'audit_log'"
        ).fetchone()[0]
    )


def record(con: Any, event: str, details: dict[str, Any] | None = None) -> int | None:
    """Append one entry; returns its seq (None on a store older than schema 3)."""
    from workbench.store import current_user

    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    if not _has_table(con):
        return None
    last = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(last[0]) + 1, last[1]) if last else (1, GENESIS)
    at = datetime.now()
    user, machine = current_user(), machine_name()
    text = canonical(details or {})
    digest = entry_hash(prev, seq, at, user, machine, event, text)
    con.execute(
        "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, at, user, machine, event, text, prev, digest],
    )
    con.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [HEAD_KEY, f"{seq}:{digest}"])
    return seq


def entries(
    con: Any, *, since: datetime | None = None, until: datetime | None = None
) -> list[Entry]:
    """Entries in order, optionally those with ``since <= at < until``."""
    if not _has_table(con):
        return []
    where, params = [], []
    if since is not None:
        where.append("logged_at >= ?")
        params.append(since)
    if until is not None:
        where.append("logged_at < ?")
        params.append(until)
    sql = "SELECT seq, logged_at, os_user, machine, event, details, prev_hash, hash FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = con.execute(sql + " ORDER BY seq", params).fetchall()
    return [Entry(int(s), at, u, m, e, json.loads(d), p, h) for s, at, u, m, e, d, p, h in rows]


@dataclass(frozen=True)
class ChainBreak:
    """Where the chain breaks: the seq, and what is wrong there."""

    seq: int
    problem: str

    def message(self) -> str:
        return _("audit log entry {seq}: {problem}").format(seq=self.seq, problem=self.problem)


def check_rows(rows: list[tuple], head: str | None = None) -> ChainBreak | None:
    """Check (seq, at, os_user, machine, event, details, prev_hash, hash) rows in seq order."""
    prev, expected = GENESIS, 1
    for seq, at, user, machine, event, details, prev_hash, digest in rows:
        seq = int(seq)
        if seq != expected:
            return ChainBreak(expected, _("deleted (the log jumps to entry {seq})").format(seq=seq))
        if prev_hash != prev:
            return ChainBreak(seq, _("the link to the previous entry was changed"))
        if entry_hash(prev, seq, at, user, machine, event, details) != digest:
            return ChainBreak(seq, _("edited after it was written"))
        prev, expected = digest, seq + 1
    if head:
        head_seq, _sep, head_hash = head.partition(":")
        if head_seq.isdigit() and int(head_seq) >= expected:
            return ChainBreak(expected, _("deleted (the log ends before its last entry)"))
        if head_seq.isdigit() and int(head_seq) == expected - 1 and head_hash != prev:
            return ChainBreak(int(head_seq), _("edited after it was written"))
    return None


def check_chain(con: Any) -> ChainBreak | None:
    """The first broken entry of the store's log, or None when the chain is whole."""
    if not _has_table(con):
        return None
    rows = con.execute(
        "SELECT seq, logged_at, os_user, machine, event, details, prev_hash, hash FROM audit_log "
        "ORDER BY seq"
    ).fetchall()
    head = con.execute("SELECT value FROM store_meta WHERE key = ?", [HEAD_KEY]).fetchone()
    return check_rows(rows, head[0] if head else None)
