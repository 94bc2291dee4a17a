"""Is this store file whole? The probe ``Store.open`` runs, and the full check backups rely on.

DuckDB notices a damaged header or a truncated file when it opens it, but a garbled *data*
block only when a query reads that block, which could be minutes later in the middle of an
export. So ``Store.open`` reads every table once (``probe(con, full=True)``) for stores up to
``FULL_CHECK_MAX_BYTES``: DuckDB verifies each block's checksum as it loads it, so a damaged
block fails here, at open, with a one-line ``StoreDamaged``. Bigger stores get the quick probe
at every open (catalogue, row counts, small tables read whole) and the full check once a day:
the daily backup is checked in full, and it holds the store's own bytes.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from workbench.errors import StoreUnavailable
from workbench.i18n import N_, _

# A full check reads ~150-300 MB/s on a 2-core laptop (benchmarks/bench_store_safety.py);
# up to this size it costs under a tenth of a second at open. Above it (about half a million
# contacts) every open would pay it — each scheduled import, each cold start of the window —
# so those stores rely on the quick probe plus the daily backup's full check.
FULL_CHECK_MAX_BYTES = 16 * 1024 * 1024

DAMAGED_HINT = N_("restore a backup with 'workbench store restore' or choose another --store")


def probe(con: duckdb.DuckDBPyConnection, *, full: bool, path: Path | None = None) -> None:
    """Read the store's catalogue and tables; raise ``StoreUnavailable`` if any block is damaged.

    ``full`` reads every column of every row (checksums every data block); otherwise only the
    row counts are read, plus every table of fewer than 10,000 rows in full.
    """
    try:
        tables = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                "AND schema_name = 'main' ORDER BY table_name"
            ).fetchall()
        ]
        quoted = ['"' + table.replace('"', '""') + '"' for table in tables]
        if not quoted:
            return
        # one statement for all the tables' counts and one for the tables read whole (a
        # statement each cost ~1 ms apiece at every open: the store has ~18 tables)
        read = quoted
        if not full:
            counts = _one_row(con, [f"(SELECT count(*) FROM {q})" for q in quoted])
            read = [q for q, rows in zip(quoted, counts, strict=True) if rows < 10_000]
        if read:
            # hash(COLUMNS(*)) makes DuckDB load every column's blocks, and so verify them.
            _one_row(
                con,
                [f"(SELECT count(*) FROM {q} WHERE hash(COLUMNS(*)) IS NOT NULL)" for q in read],
            )
    except duckdb.Error as exc:
        raise damaged(path, exc) from exc


def _one_row(con: duckdb.DuckDBPyConnection, scalars: list[str]) -> tuple:
    """The row of one statement selecting every scalar subquery of ``scalars``."""
    return con.execute("SELECT " + ", ".join(scalars)).fetchone()


class StoreDamaged(StoreUnavailable):
    """The store file is truncated or garbled: restoring a backup is the way out (exit 4)."""

    title = "Store damaged"


def damaged(path: Path | str | None, exc: BaseException) -> StoreDamaged:
    """The one-line error for a store whose file is damaged."""
    return StoreDamaged(
        _("the store file is damaged ({reason})").format(reason=first_line(str(exc))),
        file=path,
        hint=_(DAMAGED_HINT),
    )


def check_file(path: Path, *, full: bool = True, key: str | None = None) -> None:
    """Open ``path`` read-only on its own and probe it; ``StoreUnavailable`` if it is not whole.

    An encrypted file opens with ``key``, else with the key the key home has for it
    (``KeyMissing``, exit 4, when there is none).
    """
    from workbench.security import database as db
    from workbench.security.storekeys import KeyMissing, open_file

    alias = None
    try:
        if key is not None and db.is_encrypted(path):
            con, alias = db.attach(path, key, read_only=True)
        else:
            con, alias = open_file(path, read_only=True)
    except KeyMissing:
        raise
    except duckdb.Error as exc:
        raise damaged(path, exc) from exc
    try:
        probe(con, full=full, path=path)
        has_version = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version' "
            "AND database_name = current_database()"
        ).fetchone()[0]
        if not has_version:
            raise StoreDamaged(
                _("this file is not a Workbench store (no schema version)"),
                file=path,
                hint=_(DAMAGED_HINT),
            )
    finally:
        con.close()
        if alias is not None:
            db.detach(alias)


def is_damage_message(text: str) -> bool:
    """DuckDB's words for a file that is not (or no longer) a whole database.

    DuckDB 1.5 says "Corrupt database file" where earlier versions said "not a valid DuckDB
    database"; a wrong AES tag on an encrypted block is damage too (the key was right, since
    the header's check passed).
    """
    lowered = text.lower()
    return any(
        words in lowered
        for words in (
            "not a valid duckdb database",
            "could not read enough bytes",
            "corrupt database file",
            "computed aes tag differs",
        )
    )


def is_lock_error(exc: BaseException) -> bool:
    """DuckDB's 'another process holds this file' (not any message with 'block' in it)."""
    text = str(exc).lower()
    return (
        "could not set lock" in text
        or "conflicting lock" in text
        or "unique file handle conflict" in text
    )


def first_line(text: str) -> str:
    """The first line of a DuckDB message, shortened, for a one-line error."""
    text = text.strip()
    return text.splitlines()[0][:200] if text else "unknown error"
