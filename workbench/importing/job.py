"""One file's import, one transaction: ``run_import`` / ``import_files``.

``run_import`` is a plain generator (yields ``Progress``, returns ``ImportResult``) so the GUI
can run it on a worker thread and cancel it by closing the generator; ``import_files`` drains
it for the command line and tests.

Per file: read the bytes once (sha256 → an identical file already imported is "duplicate");
check and read the file (``workbench.readers``); then, in **one transaction**, coerce every
value in DuckDB (``coerce``), record bad rows in ``rejects`` with the row number the user
sees, refuse the whole file when too little of it could be stored (``rejects``), merge the
legs of one call (``kinds.collapse_legs``), reject the later of two rows that a real
identifier says are the same record, skip rows already stored, insert the rest and the
``imports`` record, update what the file changes elsewhere (``links``) and bring the KPI
engine's contacts rollup up to date (``kpi.rollup``: when it was current before the batch,
the days every file of the batch stored or relinked, refreshed once in the last file's
transaction or just after the batch — in between, its fingerprint tells its readers that it
is stale, and a store opened after a kill rebuilds it; else one rebuild per batch in the same
place). Any failure, a kill or a closed generator leaves nothing of the file.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from workbench.compliance.hooks import after_import, record_reject
from workbench.domain import (
    KIND_NAMES,
    FileImportResult,
    ImportResult,
    Progress,
    ReasonGroup,
    Reject,
)
from workbench.errors import InputRejected, UsageError
from workbench.i18n import _
from workbench.importing import links
from workbench.importing.coerce import coerce
from workbench.importing.kinds import answered_rule, effective_key, final_sql, mapped
from workbench.importing.options import ImportOptions
from workbench.importing.read_ahead import ReadAhead
from workbench.importing.rejects import (
    collect_rejects,
    grouped_reasons,
    reasons_text,
    row_checks,
    too_little_stored,
)
from workbench.importing.stage import (
    Coerced,
    drop_stage,
    drop_staged_rows,
    first_row,
    has_empty_cells,
    inject_error_cells,
    stage,
)
from workbench.jobs import profiles
from workbench.kpi import rollup
from workbench.kpi.targets import load_options
from workbench.readers import Located, locate_for_import, raw
from workbench.readers.excel import error_cells
from workbench.readers.headers import KIND_FIELDS
from workbench.store import Store, current_user
from workbench.store.schema import TABLES

log = logging.getLogger(__name__)

# DuckDB's memory limit when a file is staged again after running out of memory under
# ``raw.STAGING_MEMORY`` (None: the connection's own limit)
RETRY_STAGING_MEMORY: str | None = None

STEPS = 4  # progress units per file
ONE_THREAD_MAX_ROWS = 122_880  # DuckDB's row group: a sheet up to it is coerced on one thread
MAX_LISTED_REJECTS = 1000  # in the result; every reject is kept in the store


def import_files(store: Store, paths: Sequence[str | Path], **kwargs) -> ImportResult:
    """Run ``run_import`` to the end and return its result."""
    job = run_import(store, paths, **kwargs)
    while True:
        try:
            next(job)
        except StopIteration as stop:
            return stop.value


def run_import(
    store: Store,
    paths: Sequence[str | Path],
    *,
    kind: str | None = None,
    mapping: dict[str, str] | None = None,
    profile: str | None = None,
    save_profile: str | None = None,
    strict: bool = False,
    sheet: str | None = None,
    options: ImportOptions | None = None,
    read_ahead: ReadAhead | None = None,
) -> Generator[Progress, None, ImportResult]:
    """Import ``paths`` one transaction per file; see the module docstring.

    While a file is stored, the next one is read (``ReadAhead``; small files only); a caller
    may pass the ``read_ahead`` it began the first file's read with (closed here).
    """
    if kind is not None and kind not in KIND_NAMES:
        raise UsageError(
            _("unknown kind '{kind}'").format(kind=kind),
            hint=_("one of: {kinds}").format(kinds=", ".join(KIND_NAMES)),
        )
    ahead = read_ahead or ReadAhead()
    try:
        con = store.cursor()
    except BaseException:
        ahead.close()
        raise
    options = options or ImportOptions()
    try:
        wanted = dict(mapping or {})
        if profile:
            saved = profiles.load_profile(con, profile)
            kind = kind or saved.kind
            wanted = {**saved.mapping, **wanted}
            options = options.with_saved(saved.options)
        total = max(len(paths), 1) * STEPS
        results: list[FileImportResult] = []
        debt = _RollupDebt()
        for number, path in enumerate(paths):
            if number + 1 < len(paths):
                ahead.start(paths[number + 1], sheet=sheet, mapping=wanted or None, kind=kind)
            job = _FileJob(store, con, Path(path), kind, wanted or None, strict, sheet, options)
            job.read_ahead = ahead
            # one rollup refresh or rebuild per batch: in the last file's transaction, else
            # just after
            job.rebuild_rollup = number == len(paths) - 1
            job.rollup_debt = debt
            result = yield from job.run(number * STEPS, total)
            results.append(result)
            if job.rebuild_rollup and result.status == "imported":
                debt.days.clear()  # the last file's transaction refreshed them
            record_reject(store, con, result)
            if save_profile and result.status == "imported" and job.used_mapping:
                with store.transaction(con):
                    profiles.save_profile(
                        con, save_profile, result.kind, job.used_mapping, options.to_json()
                    )
        if any(r.status == "imported" for r in results):
            with store.transaction(con):
                if debt.current and debt.days:  # the last file did not get to refresh them
                    rollup.refresh_days(con, debt.days)
                else:
                    rollup.ensure(con)  # a no-op when the last file refreshed or rebuilt it
        yield Progress(total, total, _("done"))
        return ImportResult(tuple(results))
    finally:
        ahead.close()
        con.close()


@dataclass
class _RollupDebt:
    """What a batch's files changed that the contacts rollup has not caught up with yet."""

    current: bool | None = None  # the rollup was current before the batch's first change
    days: set = field(default_factory=set)  # days stored or relinked since (a superset)


@dataclass
class _Outcome:
    rows: int
    rejects: list[Reject]
    rejected: int
    skipped: dict[str, int]
    import_id: int | None
    notes: tuple[str, ...] = ()
    reasons: tuple[ReasonGroup, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass
class _Refused(Exception):
    """The file is refused whole after its rows were checked (rolls the transaction back)."""

    message: str
    rejects: list[Reject] = field(default_factory=list)
    rejected: int = 0
    reasons: tuple[ReasonGroup, ...] = ()


@dataclass
class _SameRows(Exception):
    """A file without identifiers whose rows are those of an earlier import, to the letter:
    the same export again (re-saved, or downloaded twice), a duplicate file."""

    import_id: int
    file_name: str


class _FileJob:
    """One file's import."""

    def __init__(
        self,
        store: Store,
        con: duckdb.DuckDBPyConnection,
        path: Path,
        kind: str | None,
        mapping: dict[str, str] | None,
        strict: bool,
        sheet: str | None,
        options: ImportOptions,
    ) -> None:
        self.store, self.con, self.path = store, con, path
        self.kind, self.mapping, self.strict, self.sheet = kind, mapping, strict, sheet
        self.options = options
        self.rebuild_rollup = True  # rebuild the contacts rollup in this file's transaction
        self.rollup_debt = _RollupDebt()  # shared by the files of one batch
        self.read_ahead: ReadAhead | None = None  # where this file may have been read already
        self.sha256 = ""
        self._scan_errors = False
        self.used_mapping: dict[str, str] = {}
        # DuckDB's memory limit while staging; RETRY_STAGING_MEMORY after a retry (``_stored``)
        self.staging_memory: str | None = raw.STAGING_MEMORY

    def _rejected(self, error: str, kind: str | None = None, **extra) -> FileImportResult:
        return FileImportResult(
            path=str(self.path),
            sha256=self.sha256,
            kind=kind,
            status="rejected",
            error=error,
            **extra,
        )

    def run(self, base: int, total: int) -> Generator[Progress, None, FileImportResult]:
        name = self.path.name
        yield Progress(base, total, _("reading {name}").format(name=name), reading=name)
        known = self._digest_or_duplicate()
        if known is not None:
            return known
        try:
            found = self._read_ahead() or locate_for_import(
                self.path, sheet=self.sheet, mapping=self.mapping, kind=self.kind
            )
        except InputRejected as exc:
            return self._rejected(str(exc))
        self._scan_errors = found.sheet.source_format in ("xlsx", "xlsm")
        sheet_name = found.sheet.name
        self.used_mapping = {n: found.headers[i].text for n, i in found.mapping.columns.items()}
        if not found.mapping.complete:
            return self._rejected(
                _("{path}: {problem} — map them with --map FIELD=HEADER or choose --kind").format(
                    path=self.path, problem=found.missing_message()
                ),
                kind=found.kind,
                sheet=sheet_name,
                kind_reason=found.kind_reason,
            )
        yield Progress(base + 1, total, _("checking {name}").format(name=name))
        try:
            outcome = yield from self._stored(found, base, total)
        except _Refused as exc:
            return self._rejected(
                exc.message,
                kind=found.kind,
                sheet=sheet_name,
                kind_reason=found.kind_reason,
                rejects=tuple(exc.rejects[:MAX_LISTED_REJECTS]),
                rejected=exc.rejected,
                reasons=exc.reasons,
            )
        except InputRejected as exc:
            return self._rejected(str(exc), kind=found.kind, sheet=sheet_name)
        except _SameRows as same:
            return FileImportResult(
                path=str(self.path),
                sha256=self.sha256,
                kind=found.kind,
                status="duplicate",
                sheet=sheet_name,
                kind_reason=_(
                    "its rows are those of import #{id} ({file}), to the letter: the same "
                    "export again"
                ).format(id=same.import_id, file=same.file_name),
                import_id=same.import_id,
            )
        except duckdb.OutOfMemoryException:
            log.exception("%s: out of memory", name)
            return self._rejected(
                _("{path}: the computer ran out of memory while importing it; nothing was "
                  "stored — close other programs and import it again").format(path=self.path),
                kind=found.kind,
                sheet=sheet_name,
            )
        finally:
            drop_stage(self.con)
        yield Progress(base + STEPS, total, _("imported {name}").format(name=name))
        return self._imported(found, outcome)

    def _read_ahead(self) -> Located | None:
        if self.read_ahead is None:
            return None
        return self.read_ahead.take(
            self.path, sheet=self.sheet, mapping=self.mapping, kind=self.kind
        )

    def _stored(
        self, found: Located, base: int, total: int
    ) -> Generator[Progress, None, _Outcome]:
        """``_store_rows`` in one transaction; once more, read again and staged under
        ``RETRY_STAGING_MEMORY``, when DuckDB ran out of memory under ``raw.STAGING_MEMORY``
        (DuckDB 1.5 cannot spill every operator)."""
        while True:
            try:
                with self.store.transaction(self.con):
                    return (yield from self._store_rows(found, base, total))
            except duckdb.OutOfMemoryException as exc:
                if self.staging_memory == RETRY_STAGING_MEMORY:
                    raise
                limit = self.staging_memory
                log.warning(
                    "%s: staging over %s, read again without it (%s)",
                    self.path.name,
                    limit,
                    str(exc).splitlines()[0],
                    exc_info=True,
                )
                drop_stage(self.con)
                self.staging_memory = RETRY_STAGING_MEMORY
                found = locate_for_import(
                    self.path, sheet=self.sheet, mapping=self.mapping, kind=self.kind
                )

    def _digest_or_duplicate(self) -> FileImportResult | None:
        """Read the file's SHA-256; the result when it cannot be read or was imported before
        (a duplicate), else None."""
        try:
            with open(self.path, "rb") as stream:
                self.sha256 = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError as exc:
            return self._rejected(
                _("{path}: cannot read the file ({error}) — check the path").format(
                    path=self.path, error=exc.strerror
                )
            )
        seen = first_row(
            self.con.execute(
                "SELECT id, kind, sheet, rows FROM imports WHERE sha256 = ?", [self.sha256]
            )
        )
        if seen is None:
            return None
        return FileImportResult(
            path=str(self.path),
            sha256=self.sha256,
            kind=seen[1],
            status="duplicate",
            sheet=seen[2],
            kind_reason=_("the same file was imported before (import #{id})").format(id=seen[0]),
            import_id=seen[0],
        )

    def _imported(self, found: Located, outcome: _Outcome) -> FileImportResult:
        """The result of a file whose rows were stored."""
        return FileImportResult(
            path=str(self.path),
            sha256=self.sha256,
            kind=found.kind,
            status="imported",
            rows=outcome.rows,
            rejected=outcome.rejected,
            skipped=outcome.skipped,
            rejects=tuple(outcome.rejects),
            sheet=found.sheet.name,
            kind_reason="; ".join(
                part for part in (found.kind_reason, found.sheet_reason, *outcome.notes) if part
            ),
            import_id=outcome.import_id,
            reasons=outcome.reasons,
            ignored_columns=_ignored_columns(found),
            warnings=outcome.warnings,
        )

    def _personal_key(self, found: Located) -> bytes:
        from workbench.security.storekeys import personal_data_key  # never kept in the store

        personal = any(
            spec.type == "personal" and spec.name in found.mapping.columns
            for spec in KIND_FIELDS[found.kind]
        )
        return personal_data_key(self.store, self.con, personal=personal)

    def _where(self, sheet: str | None, row: int | None = None) -> str:
        return ":".join(str(p) for p in (self.path, sheet, row) if p)

    def _coerced(self, found: Located) -> Coerced:
        """Stage and coerce the rows into ``wb_typed`` (bad values marked per row); a sheet
        that fits in one of DuckDB's row groups on one thread (``one_thread``)."""
        with one_thread(self.con, found.sheet.height <= ONE_THREAD_MAX_ROWS):
            return self._coerced_rows(found)

    def _coerced_rows(self, found: Located) -> Coerced:
        con = self.con
        info = stage(con, found.sheet, found.header_index, found.mapping, self.staging_memory)
        if info.data_rows == 0:
            raise InputRejected(
                _("no data rows below the header"),
                file=self.path,
                sheet=found.sheet.name,
                hint=_("check that this is the right export or sheet"),
            )
        reported = found.sheet.error_cells  # from the reader; else scan the sheet's XML
        if self._scan_errors and reported is not None:
            if reported:
                inject_error_cells(con, reported, found.mapping, 0)
        elif self._scan_errors and has_empty_cells(con, found.mapping):
            first_column, cells = error_cells(self.path, found.sheet.name or "")
            if cells:
                inject_error_cells(con, cells, found.mapping, first_column)
        found.sheet.release_body(found.header_index)  # DuckDB holds the rows now
        personal_key = self._personal_key(found)
        coerce(con, found.kind, found.mapping, found.headers, personal_key, info, self.options)
        drop_staged_rows(con)
        row_checks(con, found.kind, found)
        return info

    def _store_rows(
        self, found: Located, base: int, total: int
    ) -> Generator[Progress, None, _Outcome]:
        con, kind = self.con, found.kind
        info = self._coerced(found)
        yield Progress(
            base + 2,
            total,
            _("checking {name}: {rows:,} rows").format(name=self.path.name, rows=info.data_rows),
        )
        final = final_sql(con, found, info)
        key_cols = effective_key(con, kind, found, final)
        headers = {n: found.headers[i].text for n, i in found.mapping.columns.items()}
        collect_rejects(con, final, key_cols, headers)
        rejected = first_row(con.execute("SELECT count(*) FROM wb_rejects"))[0]
        sheet = found.sheet.name
        rejects = [
            Reject(sheet, *row)
            for row in con.execute(
                f"SELECT rn, column_name, reason, value FROM wb_rejects ORDER BY rn "
                f"LIMIT {MAX_LISTED_REJECTS}"
            ).fetchall()
        ]
        reasons = tuple(grouped_reasons(con)) if rejected else ()
        self._refuse_if_needed(found, info, rejects, rejected, reasons)
        identical = 0
        if not key_cols:
            same = _same_rows_as(con, kind, final)
            if same is not None:
                raise _SameRows(*same)
            identical = _identical_rows(con, final, TABLES[kind].columns)
        debt = self.rollup_debt
        if debt.current is None:  # before the batch's first change
            debt.current = rollup.is_current(con, load_options(con))
        import_id = first_row(con.execute("SELECT nextval('import_id_seq')"))[0]
        stored = _insert_new_rows(con, kind, final, key_cols, import_id)
        present = info.data_rows - rejected - stored - _merged_legs(found, info)
        if rejected:
            con.execute(
                f"INSERT INTO rejects SELECT {import_id}, ?, rn, column_name, reason, value "
                "FROM wb_rejects ORDER BY rn",
                [sheet],
            )
        skipped = _skipped(info, present, identical)
        present_in = _present_in(con, kind, final, key_cols, import_id) if present > 0 else {}
        warnings = self._warnings(found, info, kind, import_id)
        warnings += _changed_rows_warnings(con, present_in)
        relinked_days = links.relink_customers(con, kind, import_id, stored)
        after_import(con, import_id, kind, self.path.name, self.sha256, stored, rejected)
        details = {
            "ignored_columns": list(_ignored_columns(found)),
            "warnings": warnings,
            "notes": info.notes,
            "key": list(key_cols),
        }
        if present > 0:  # undo of those imports must not take these rows away
            details["present_in"] = {other: rows for other, (rows, _c) in present_in.items()}
        self._record_import(found, import_id, stored, rejected, skipped, details)
        # last: the rollup's fingerprint includes the imports log
        if debt.current:  # only the days this batch stored or relinked, once per batch
            debt.days |= relinked_days | _days_of(con, kind, import_id)
            if self.rebuild_rollup:
                rollup.refresh_days(con, debt.days)
        elif self.rebuild_rollup:
            rollup.rebuild(con)
        yield Progress(
            base + 3,
            total,
            _("storing {rows:,} rows from {name}").format(rows=stored, name=self.path.name),
        )
        return _Outcome(
            stored,
            rejects,
            rejected,
            skipped,
            import_id,
            tuple(info.notes),
            reasons,
            tuple(warnings),
        )

    def _record_import(
        self,
        found: Located,
        import_id: int,
        stored: int,
        rejected: int,
        skipped: dict[str, int],
        details: dict,
    ) -> None:
        """The ``imports`` row of the file."""
        self.con.execute(
            "INSERT INTO imports (id, file_name, path, sha256, kind, sheet, rows, rejected, "
            "skipped, mapping, kind_reason, imported_at, imported_by, details) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                import_id,
                self.path.name,
                str(self.path.resolve()),
                self.sha256,
                found.kind,
                found.sheet.name,
                stored,
                rejected,
                json.dumps(skipped),
                json.dumps(self.used_mapping, ensure_ascii=False),
                found.kind_reason,
                datetime.now(),
                current_user(),
                json.dumps(details, ensure_ascii=False),
            ],
        )

    def _refuse_if_needed(
        self,
        found: Located,
        info: Coerced,
        rejects: list[Reject],
        rejected: int,
        reasons: tuple[ReasonGroup, ...],
    ) -> None:
        """Raise ``_Refused`` under --strict with any reject, or when too little is left."""
        if not rejected:
            return
        sheet = found.sheet.name
        if self.strict:
            first = rejects[0]
            raise _Refused(
                _(
                    "{where}: {count} row(s) rejected and --strict is on; first: column "
                    "'{column}': {reason} — fix the rows or import without --strict"
                ).format(
                    where=self._where(first.sheet, first.row),
                    count=rejected,
                    column=first.column,
                    reason=first.reason,
                ),
                rejects,
                rejected,
                reasons,
            )
        if too_little_stored(info.data_rows, rejected, accept_partial=self.options.accept_partial):
            stored = max(info.data_rows - rejected, 0)
            hint = (
                _("fix the file or the mapping (--map, --kind)")
                if stored == 0
                else _("fix the file or the mapping, or keep the good rows with --accept-partial")
            )
            raise _Refused(
                _(
                    "{where}: only {stored:,} of {rows:,} rows could be stored, nothing was "
                    "kept — {reasons} — {hint}"
                ).format(
                    where=self._where(sheet),
                    stored=stored,
                    rows=info.data_rows,
                    reasons=reasons_text(list(reasons)),
                    hint=hint,
                ),
                rejects,
                rejected,
                reasons,
            )

    def _warnings(self, found: Located, info: Coerced, kind: str, import_id: int) -> list[str]:
        """What the user should check: derived fields, guessed scales, bot rows, overlaps."""
        warnings = list(info.warnings)
        con = self.con
        if kind == "contacts":
            rule = answered_rule(found)
            if not mapped(found, "answered"):
                if rule:
                    warnings.append(
                        _("'answered' is not in the file: derived from {columns}").format(
                            columns=", ".join(
                                repr(found.headers[found.mapping.columns[n]].text)
                                for n in ("talk_s", "agent_id", "agent_name")
                                if mapped(found, n)
                            )
                        )
                    )
                else:
                    warnings.append(
                        _(
                            "no answered, talk-time or agent column: whether a contact was "
                            "answered is unknown, so answer rate, abandon rate and service "
                            "level have no figure from this file"
                        )
                    )
            bots = first_row(
                con.execute(
                    f"SELECT count(*) FROM contacts WHERE import_id = {int(import_id)} "
                    "AND human = FALSE"
                )
            )[0]
            if bots:
                warnings.append(
                    _(
                        "{count:,} rows of bot or IVR channels are kept for linking customers "
                        "but left out of the human-service indicators"
                    ).format(count=bots)
                )
        pairs = links.overlapping_pairs(con, kind, import_id)
        if pairs:
            shown = ", ".join(f"{d} {q or _('(all queues)')}" for d, q in pairs[:5])
            more = _(" and {count} more").format(count=len(pairs) - 5) if len(pairs) > 5 else ""
            warnings.append(
                _(
                    "{count} day/queue pair(s) hold both call detail and interval summaries "
                    "({pairs}{more}): the detail is used there, the summaries elsewhere"
                ).format(count=len(pairs), pairs=shown, more=more)
            )
        return warnings


@contextmanager
def one_thread(con: duckdb.DuckDBPyConnection, wanted: bool = True) -> Iterator[None]:
    """Run the block's DuckDB work on one thread (when ``wanted``), then restore the setting.

    DuckDB splits a scan into row groups of 122,880 rows: a smaller sheet's staging and
    coercion run on one thread whatever the setting, and a second one only adds the cost of
    handing tasks around (measured: a third of the CPU time of a 10,000-row file's coercion).
    The setting is the database's: the window's readers, if any, share the one thread for
    that fraction of a second.
    """
    if not wanted:
        yield
        return
    before = first_row(con.execute("SELECT current_setting('threads')"))[0]
    if int(before) <= 1:
        yield
        return
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        with suppress(duckdb.Error):  # also while cleaning up after an error
            con.execute(f"SET threads = {int(before)}")


def _ignored_columns(found: Located) -> tuple[str, ...]:
    """Headers of the file that no field was taken from (blank headers left out)."""
    used = set(found.mapping.columns.values())
    return tuple(h.text for i, h in enumerate(found.headers) if i not in used and h.text and h.key)


def _insert_new_rows(
    con: duckdb.DuckDBPyConnection, kind: str, final: str, key_cols: tuple[str, ...], import_id: int
) -> int:
    """Insert the rows that are not rejected and (by their key) not stored yet; their count."""
    not_present = "TRUE"
    stored_before = first_row(con.execute(f"SELECT count(*) FROM {kind}"))[0]
    if key_cols and stored_before:
        not_present = f"NOT EXISTS (SELECT 1 FROM {kind} s WHERE {_key_match(key_cols)})"
    columns = TABLES[kind].columns
    inserted = f"{not_present} AND f.rn NOT IN (SELECT rn FROM wb_rejects)"
    constants = TABLES[kind].inserted
    names = [*columns, *(name for name, _sql in constants)]
    values = [*(f"f.{c}" for c in columns), *(sql for _name, sql in constants)]
    join = ""
    if kind == "contacts":
        # each new contact linked to its customer's next one in the file;
        # ``links.relink_customers`` then recomputes only customers with other imports
        table = links.link_within_file(con, final, inserted)
        names.append("next_contact_at")
        values.append("l.next_at")
        join = f" LEFT JOIN {table} l ON l.rn = f.rn"
    count = first_row(
        con.execute(
            f"INSERT INTO {kind} ({', '.join(names)}, import_id) SELECT "
            f"{', '.join(values)}, {import_id} FROM ({final}) f{join} WHERE {inserted}"
        )
    )[0]
    if join:
        con.execute(f"DROP TABLE temp.{table}")
    return count


def _key_match(key_cols: tuple[str, ...]) -> str:
    """A stored row ``s`` has the key of a file row ``f`` (blank keys match blank keys)."""
    return " AND ".join(f"s.{c} IS NOT DISTINCT FROM f.{c}" for c in key_cols)


def _present_in(
    con: duckdb.DuckDBPyConnection, kind: str, final: str, key_cols: tuple[str, ...], import_id: int
) -> dict[str, tuple[int, int]]:
    """The earlier imports holding the file's rows that were skipped as already present:
    ``{import id: (rows, rows whose other values differ)}`` (``importing.undo`` refuses to
    remove one of them alone; the differing rows are a warning)."""
    if not key_cols:
        return {}
    differ = " OR ".join(
        f"s.{c} IS DISTINCT FROM f.{c}" for c in TABLES[kind].columns if c not in key_cols
    ) or "FALSE"
    rows = con.execute(
        f"SELECT s.import_id, count(DISTINCT f.rn), count(DISTINCT f.rn) FILTER (WHERE {differ}) "
        f"FROM ({final}) f JOIN {kind} s ON {_key_match(key_cols)} "
        f"WHERE s.import_id <> {int(import_id)} AND f.rn NOT IN (SELECT rn FROM wb_rejects) "
        "GROUP BY s.import_id ORDER BY s.import_id"
    ).fetchall()
    return {str(other): (int(n), int(changed)) for other, n, changed in rows}


def _changed_rows_warnings(
    con: duckdb.DuckDBPyConnection, present_in: dict[str, tuple[int, int]]
) -> list[str]:
    """A warning per earlier import whose rows this file repeats with other values (a
    corrected re-export): the stored values were kept, and how to replace them."""
    warnings = []
    for other, (_rows, changed) in present_in.items():
        if not changed:
            continue
        found = con.execute("SELECT file_name FROM imports WHERE id = ?", [int(other)]).fetchone()
        warnings.append(
            _("{rows:,} rows have the key of rows already stored by import {id} ({file}) but "
              "other values: the stored values were kept — to use this file's values, remove "
              "this import and import {id}, then import this file again").format(
                rows=changed, id=other, file=found[0] if found else "?")
        )  # fmt: skip
    return warnings


def _days_of(con: duckdb.DuckDBPyConnection, kind: str, import_id: int) -> set:
    """The days holding contacts of this import (none for other kinds)."""
    if kind != "contacts":
        return set()
    rows = con.execute(
        "SELECT DISTINCT CAST(started_at AS DATE) FROM contacts WHERE import_id = ?",
        [int(import_id)],
    ).fetchall()
    return {row[0] for row in rows}


def _skipped(info: Coerced, present: int, identical: int) -> dict[str, int]:
    """The rows not stored and not rejected, by why (the summary's "skipped")."""
    skipped = {"title_rows": info.title_rows, "total_rows": info.total_rows}
    if info.blank_rows:
        skipped["blank_rows"] = info.blank_rows
    if present > 0:
        skipped["already_present"] = present
    if identical:
        skipped["identical_rows_kept"] = identical
    return skipped


def _merged_legs(found: Located, info: Coerced) -> int:
    return info.merged_legs if found.kind == "contacts" else 0


def _same_rows_as(
    con: duckdb.DuckDBPyConnection, kind: str, final: str
) -> tuple[int, str] | None:
    """(id, file name) of an earlier import whose rows equal the rows this file would store,
    as a multiset (the same count of each row), for a file without identifiers; else None.

    Compared by count and the sum of the rows' hashes per import: a re-export of the same
    rows matches whatever its bytes, a file with one row more or less or changed does not."""
    cols = ", ".join(TABLES[kind].columns)
    n, total = first_row(
        con.execute(
            f"SELECT count(*), coalesce(sum(hash({cols})), 0) FROM ({final}) "
            "WHERE rn NOT IN (SELECT rn FROM wb_rejects)"
        )
    )
    if not n:
        return None
    return first_row(
        con.execute(
            f"SELECT t.import_id, i.file_name FROM (SELECT import_id FROM {kind} "
            f"GROUP BY import_id HAVING count(*) = ? AND sum(hash({cols})) = ?) t "
            "JOIN imports i ON i.id = t.import_id ORDER BY t.import_id LIMIT 1",
            [int(n), int(total)],
        )
    )


def _identical_rows(con: duckdb.DuckDBPyConnection, final: str, columns: tuple[str, ...]) -> int:
    """Rows of a file without identifiers that repeat an earlier row to the letter: kept (two
    genuine touches can look alike), and counted for the summary."""
    cols = ", ".join(columns)
    return first_row(con.execute(f"SELECT count(*) - count(DISTINCT ({cols})) FROM ({final})"))[0]
