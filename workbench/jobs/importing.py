"""The import job: files → checked, typed, de-duplicated rows in the store, one file at a time.

``run_import`` is a plain generator (yields ``Progress``, returns ``ImportResult``) so the GUI
can run it on a worker thread and cancel it by closing the generator; ``import_files`` drains
it for the command line and tests.

Per file: read the bytes once (sha256 → an identical file already imported is "duplicate");
check and read the file (``workbench.readers``); then, in **one transaction**, coerce every
value in DuckDB, record bad rows in ``rejects`` with the row number the user sees, reject the
later of two rows with the same natural key, skip rows whose key is already stored, insert
the rest and the ``imports`` record. Any failure, a kill or a closed generator leaves nothing
of the file. Timestamps are stored as the export's local wall-clock time (naive), durations
in seconds, personal data as a keyed hash plus a masked form.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from workbench.domain import KIND_NAMES, FileImportResult, ImportResult, Progress, Reject
from workbench.errors import InputRejected, UsageError
from workbench.jobs import profiles
from workbench.readers import Located, locate_for_import
from workbench.readers.coerce import (
    coerce,
    drop_stage,
    drop_staged_rows,
    first_row,
    has_empty_cells,
    inject_error_cells,
    stage,
)
from workbench.readers.excel import error_cells
from workbench.readers.headers import KIND_FIELDS
from workbench.store import Store, current_user

log = logging.getLogger(__name__)

STEPS = 4  # progress units per file
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
) -> Generator[Progress, None, ImportResult]:
    """Import ``paths`` one transaction per file; see the module docstring."""
    if kind is not None and kind not in KIND_NAMES:
        raise UsageError(f"unknown kind '{kind}'", hint=f"one of: {', '.join(KIND_NAMES)}")
    con = store.cursor()
    try:
        wanted = dict(mapping or {})
        if profile:
            saved = profiles.load_profile(con, profile)
            kind = kind or saved.kind
            wanted = {**saved.mapping, **wanted}
        total = max(len(paths), 1) * STEPS
        results: list[FileImportResult] = []
        for number, path in enumerate(paths):
            job = _FileJob(store, con, Path(path), kind, wanted or None, strict, sheet)
            result = yield from job.run(number * STEPS, total)
            results.append(result)
            if save_profile and result.status == "imported" and job.used_mapping:
                with store.transaction(con):
                    profiles.save_profile(con, save_profile, result.kind, job.used_mapping)
        yield Progress(total, total, "done")
        return ImportResult(tuple(results))
    finally:
        con.close()


@dataclass
class _Outcome:
    rows: int
    rejects: list[Reject]
    rejected: int
    skipped: dict[str, int]
    import_id: int | None
    notes: tuple[str, ...] = ()


class _StrictRejected(Exception):
    def __init__(self, rejects: list[Reject], rejected: int):
        super().__init__("strict")
        self.rejects = rejects
        self.rejected = rejected


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
    ) -> None:
        self.store, self.con, self.path = store, con, path
        self.kind, self.mapping, self.strict, self.sheet = kind, mapping, strict, sheet
        self.sha256 = ""
        self._scan_errors = False
        self.used_mapping: dict[str, str] = {}

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
        yield Progress(base, total, f"reading {name}")
        try:
            with open(self.path, "rb") as stream:
                self.sha256 = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError as exc:
            return self._rejected(
                f"{self.path}: cannot read the file ({exc.strerror}) — check the path"
            )
        seen = first_row(
            self.con.execute(
                "SELECT id, kind, sheet, rows FROM imports WHERE sha256 = ?", [self.sha256]
            )
        )
        if seen is not None:
            return FileImportResult(
                path=str(self.path),
                sha256=self.sha256,
                kind=seen[1],
                status="duplicate",
                sheet=seen[2],
                kind_reason=f"the same file was imported before (import #{seen[0]})",
                import_id=seen[0],
            )
        try:
            found = locate_for_import(
                self.path, sheet=self.sheet, mapping=self.mapping, kind=self.kind
            )
        except InputRejected as exc:
            return self._rejected(str(exc))
        self._scan_errors = found.sheet.source_format in ("xlsx", "xlsm")
        sheet_name = found.sheet.name
        self.used_mapping = {n: found.headers[i].text for n, i in found.mapping.columns.items()}
        if not found.mapping.complete:
            return self._rejected(
                f"{self.path}: {found.missing_message()} — map them with --map FIELD=HEADER "
                "or choose --kind",
                kind=found.kind,
                sheet=sheet_name,
                kind_reason=found.kind_reason,
            )
        yield Progress(base + 1, total, f"checking {name}")
        try:
            with self.store.transaction(self.con):
                outcome = yield from self._store_rows(found, base, total)
        except _StrictRejected as exc:
            first = exc.rejects[0]
            where = ":".join(str(p) for p in (self.path, first.sheet, first.row) if p)
            return self._rejected(
                f"{where}: {exc.rejected} row(s) rejected and --strict is on; first: "
                f"column '{first.column}': {first.reason} — fix the rows or import without "
                "--strict",
                kind=found.kind,
                sheet=sheet_name,
                kind_reason=found.kind_reason,
                rejects=tuple(exc.rejects[:MAX_LISTED_REJECTS]),
                rejected=exc.rejected,
            )
        except InputRejected as exc:
            return self._rejected(str(exc), kind=found.kind, sheet=sheet_name)
        finally:
            self._drop_temp()
        yield Progress(base + STEPS, total, f"imported {name}")
        return FileImportResult(
            path=str(self.path),
            sha256=self.sha256,
            kind=found.kind,
            status="imported",
            rows=outcome.rows,
            rejected=outcome.rejected,
            skipped=outcome.skipped,
            rejects=tuple(outcome.rejects),
            sheet=sheet_name,
            kind_reason="; ".join(
                part for part in (found.kind_reason, found.sheet_reason, *outcome.notes) if part
            ),
            import_id=outcome.import_id,
        )

    def _drop_temp(self) -> None:
        drop_stage(self.con)

    def _personal_key(self, found: Located) -> bytes:
        from workbench.security.storekeys import personal_data_key  # never kept in the store

        return personal_data_key(self.store, self.con, kind=found.kind, mapping=found.mapping)

    def _store_rows(
        self, found: Located, base: int, total: int
    ) -> Generator[Progress, None, _Outcome]:
        con, kind = self.con, found.kind
        info = stage(con, found.sheet, found.header_index, found.mapping)
        if info.data_rows == 0:
            raise InputRejected(
                "no data rows below the header",
                file=self.path,
                sheet=found.sheet.name,
                hint="check that this is the right export or sheet",
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
        coerce(con, kind, found.mapping, found.headers, self._personal_key(found), info)
        drop_staged_rows(con)
        _row_checks(con, kind, found)
        yield Progress(base + 2, total, f"checking {self.path.name}: {info.data_rows:,} rows")
        spec = _KINDS[kind]
        final = f"SELECT rn, {spec.select(found)} FROM wb_typed WHERE err_reason IS NULL"
        key_cols = spec.key
        partition = ", ".join(key_cols)
        has_dups = first_row(
            con.execute(
                f"SELECT count(*) FROM (SELECT {partition} FROM ({final}) GROUP BY ALL "
                "HAVING count(*) > 1)"
            )
        )[0]
        headers = {n: found.headers[i].text for n, i in found.mapping.columns.items()}
        header_of = (
            "CASE err_field "
            + " ".join(f"WHEN {_q(n)} THEN {_q(h)}" for n, h in headers.items())
            + " ELSE err_field END"
        )
        # every rejected row, with the header the user sees: bad values, then repeated keys
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE wb_rejects AS SELECT rn, {header_of} AS column_name, "
            "err_reason AS reason, err_value AS value FROM wb_typed WHERE err_reason IS NOT NULL"
        )
        if has_dups:
            key_header = _q(headers.get(spec.key_field, spec.key_field))
            first = key_cols[0]
            con.execute(
                f"INSERT INTO wb_rejects SELECT rn, {key_header}, 'duplicate key ' || "
                f"coalesce(CAST({first} AS VARCHAR), '') || ' (also on row ' || first_rn || ')', "
                f"CAST({first} AS VARCHAR) FROM (SELECT rn, {first}, "
                f"row_number() OVER (PARTITION BY {partition} ORDER BY rn) AS k, "
                f"min(rn) OVER (PARTITION BY {partition}) AS first_rn FROM ({final})) "
                "WHERE k > 1"
            )
        rejected = first_row(con.execute("SELECT count(*) FROM wb_rejects"))[0]
        sheet = found.sheet.name
        rejects = [
            Reject(sheet, *row)
            for row in con.execute(
                f"SELECT rn, column_name, reason, value FROM wb_rejects ORDER BY rn "
                f"LIMIT {MAX_LISTED_REJECTS}"
            ).fetchall()
        ]
        if self.strict and rejected:
            raise _StrictRejected(rejects, rejected)
        not_dup = " AND f.rn NOT IN (SELECT rn FROM wb_rejects)" if has_dups else ""
        match = " AND ".join(f"s.{c} IS NOT DISTINCT FROM f.{c}" for c in key_cols)
        stored_before = first_row(con.execute(f"SELECT count(*) FROM {kind}"))[0]
        not_present = (
            f"NOT EXISTS (SELECT 1 FROM {kind} s WHERE {match})" if stored_before else "TRUE"
        )
        import_id = first_row(con.execute("SELECT nextval('import_id_seq')"))[0]
        columns = spec.columns
        stored = first_row(
            con.execute(
                f"INSERT INTO {kind} ({', '.join(columns)}, import_id) SELECT "
                f"{', '.join('f.' + c for c in columns)}, {import_id} FROM ({final}) f "
                f"WHERE {not_present}{not_dup}"
            )
        )[0]
        present = info.data_rows - rejected - stored
        if rejected:
            con.execute(
                f"INSERT INTO rejects SELECT {import_id}, ?, rn, column_name, reason, value "
                "FROM wb_rejects ORDER BY rn",
                [sheet],
            )
        skipped = {"title_rows": info.title_rows, "total_rows": info.total_rows}
        if info.blank_rows:
            skipped["blank_rows"] = info.blank_rows
        if present:
            skipped["already_present"] = present
        con.execute(
            "INSERT INTO imports (id, file_name, path, sha256, kind, sheet, rows, rejected, "
            "skipped, mapping, kind_reason, imported_at, imported_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                import_id,
                self.path.name,
                str(self.path.resolve()),
                self.sha256,
                kind,
                sheet,
                stored,
                rejected,
                json.dumps(skipped),
                json.dumps(self.used_mapping, ensure_ascii=False),
                found.kind_reason,
                datetime.now(),
                current_user(),
            ],
        )
        yield Progress(base + 3, total, f"storing {stored:,} rows from {self.path.name}")
        return _Outcome(stored, rejects, rejected, skipped, import_id, tuple(info.notes))


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# ---- per-kind final columns ------------------------------------------------------------------
def _v(found: Located, name: str, cast: str | None = None) -> str:
    if name not in found.mapping.columns:
        return f"CAST(NULL AS {cast})" if cast else "NULL"
    return f"CAST(v_{name} AS {cast})" if cast else f"v_{name}"


def _mapped(found: Located, name: str) -> bool:
    return name in found.mapping.columns


def _stamp(found: Located, stamp_field: str) -> str:
    """A timestamp field, or its date plus the time column when there is one."""
    has_time = _mapped(found, "time")
    if _mapped(found, stamp_field):
        if has_time and stamp_field == "period_start":
            return (
                f"date_trunc('day', v_{stamp_field}) + "
                "to_milliseconds(CAST(round(coalesce(v_time, 0) * 1000) AS BIGINT))"
            )
        return f"v_{stamp_field}"
    base = "CAST(date_trunc('day', v_date) AS TIMESTAMP)"
    if has_time:
        return f"{base} + to_milliseconds(CAST(round(coalesce(v_time, 0) * 1000) AS BIGINT))"
    return base


def _csat(found: Located, name: str, prefix: str) -> str:
    if not _mapped(found, name):
        return f"NULL AS {prefix}_score, NULL AS {prefix}_scale, NULL AS {prefix}_satisfied"
    return (
        f"v_{name}_score AS {prefix}_score, v_{name}_scale AS {prefix}_scale, "
        f"v_{name}_satisfied AS {prefix}_satisfied"
    )


def _personal(found: Located) -> str:
    if not _mapped(found, "customer_ref"):
        return "NULL AS customer_hash, NULL AS customer_masked"
    return "v_customer_ref_hash AS customer_hash, v_customer_ref_masked AS customer_masked"


@dataclass(frozen=True)
class _KindSpec:
    columns: tuple[str, ...]
    key: tuple[str, ...]
    key_field: str  # the field whose header names a duplicate-key reject
    select_fn: object

    def select(self, found: Located) -> str:
        return self.select_fn(found)  # type: ignore[operator]


def _contacts(f: Located) -> str:
    derived = "(coalesce({talk}, 0) > 0 OR {aid} IS NOT NULL OR {aname} IS NOT NULL)".format(
        talk=_v(f, "talk_s"), aid=_v(f, "agent_id"), aname=_v(f, "agent_name")
    )
    return ", ".join(
        [
            "v_contact_id AS contact_id",
            f"{_stamp(f, 'started_at')} AS started_at",
            f"coalesce({_v(f, 'channel')}, 'voice') AS channel",
            f"{_v(f, 'queue')} AS queue",
            f"{_v(f, 'agent_id')} AS agent_id",
            f"{_v(f, 'agent_name')} AS agent_name",
            f"{_v(f, 'wait_s')} AS wait_s",
            f"coalesce({_v(f, 'answered')}, {derived}) AS answered",
            f"{_v(f, 'talk_s')} AS talk_s",
            f"{_v(f, 'hold_s')} AS hold_s",
            f"{_v(f, 'acw_s')} AS acw_s",
            f"{_v(f, 'transferred')} AS transferred",
            f"{_v(f, 'resolved')} AS resolved",
            _csat(f, "csat", "csat"),
            f"{_v(f, 'complaint')} AS complaint",
            _personal(f),
        ]
    )


def _intervals(f: Located) -> str:
    offered, answered = "v_offered", "v_answered"
    sl = "NULL"
    threshold = "NULL"
    if _mapped(f, "answered_in_sl"):
        sl = f"coalesce(v_answered_in_sl_count, round(v_answered_in_sl_pct * {offered}))"
        header = f.headers[f.mapping.columns["answered_in_sl"]]
        threshold = str(header.threshold_s or 20)
    handle = "coalesce({aht}, {talk})".format(aht=_v(f, "aht_s"), talk=_v(f, "talk_s"))
    return ", ".join(
        [
            f"{_stamp(f, 'period_start')} AS period_start",
            "CAST(NULL AS INTEGER) AS interval_s",
            f"{_v(f, 'queue')} AS queue",
            f"CAST({offered} AS BIGINT) AS offered",
            f"CAST({answered} AS BIGINT) AS answered",
            f"{_v(f, 'abandoned', 'BIGINT')} AS abandoned",
            f"CAST({sl} AS BIGINT) AS answered_in_sl",
            f"CAST({threshold} AS INTEGER) AS sl_threshold_s",
            f"{_v(f, 'asa_s')} * {answered} AS answer_wait_sum_s",
            f"{handle} * {answered} AS handle_sum_s",
            f"{_v(f, 'talk_s')} * {answered} AS talk_sum_s",
            f"{_v(f, 'wait_s')} * {offered} AS queue_wait_sum_s",
        ]
    )


def _agent_states(f: Located) -> str:
    parts = [
        "v_agent_id AS agent_id",
        f"{_v(f, 'agent_name')} AS agent_name",
        f"{_stamp(f, 'period_start')} AS period_start",
    ]
    for name in (
        "logged_in_s",
        "available_s",
        "talk_s",
        "hold_s",
        "acw_s",
        "not_ready_s",
        "scheduled_s",
    ):
        parts.append(f"{_v(f, name)} AS {name}")
    return ", ".join(parts)


def _bot_sessions(f: Located) -> str:
    return ", ".join(
        [
            "v_session_id AS session_id",
            f"{_stamp(f, 'started_at')} AS started_at",
            f"{_v(f, 'channel')} AS channel",
            f"{_v(f, 'questions', 'INTEGER')} AS questions",
            f"{_v(f, 'recognized', 'INTEGER')} AS recognized",
            f"{_v(f, 'resolved')} AS resolved",
            f"{_v(f, 'transferred')} AS transferred",
            _csat(f, "rating", "rating"),
        ]
    )


def _campaigns(f: Located) -> str:
    return ", ".join(
        [
            "v_campaign_id AS campaign_id",
            f"{_v(f, 'campaign_name')} AS campaign_name",
            _personal(f),
            f"{_stamp(f, 'touched_at')} AS touched_at",
            f"{_v(f, 'channel')} AS channel",
            f"{_v(f, 'agent_id')} AS agent_id",
            f"{_v(f, 'reached')} AS reached",
            f"{_v(f, 'converted')} AS converted",
            f"{_v(f, 'product')} AS product",
            f"{_v(f, 'amount', 'DECIMAL(18, 2)')} AS amount",
            f"{_v(f, 'complaint')} AS complaint",
        ]
    )


def _quality(f: Located) -> str:
    return ", ".join(
        [
            "v_agent_id AS agent_id",
            f"{_v(f, 'inspected_at')} AS inspected_at",
            f"{_v(f, 'contact_id')} AS contact_id",
            f"{_v(f, 'score')} AS score",
            f"{_v(f, 'fatal')} AS fatal",
        ]
    )


_KINDS: dict[str, _KindSpec] = {
    "contacts": _KindSpec(
        (
            "contact_id",
            "started_at",
            "channel",
            "queue",
            "agent_id",
            "agent_name",
            "wait_s",
            "answered",
            "talk_s",
            "hold_s",
            "acw_s",
            "transferred",
            "resolved",
            "csat_score",
            "csat_scale",
            "csat_satisfied",
            "complaint",
            "customer_hash",
            "customer_masked",
        ),
        ("contact_id",),
        "contact_id",
        _contacts,
    ),
    "intervals": _KindSpec(
        (
            "period_start",
            "interval_s",
            "queue",
            "offered",
            "answered",
            "abandoned",
            "answered_in_sl",
            "sl_threshold_s",
            "answer_wait_sum_s",
            "handle_sum_s",
            "talk_sum_s",
            "queue_wait_sum_s",
        ),
        ("period_start", "queue"),
        "period_start",
        _intervals,
    ),
    "agent_states": _KindSpec(
        (
            "agent_id",
            "agent_name",
            "period_start",
            "logged_in_s",
            "available_s",
            "talk_s",
            "hold_s",
            "acw_s",
            "not_ready_s",
            "scheduled_s",
        ),
        ("agent_id", "period_start"),
        "agent_id",
        _agent_states,
    ),
    "bot_sessions": _KindSpec(
        (
            "session_id",
            "started_at",
            "channel",
            "questions",
            "recognized",
            "resolved",
            "transferred",
            "rating_score",
            "rating_scale",
            "rating_satisfied",
        ),
        ("session_id",),
        "session_id",
        _bot_sessions,
    ),
    "campaigns": _KindSpec(
        (
            "campaign_id",
            "campaign_name",
            "customer_hash",
            "customer_masked",
            "touched_at",
            "channel",
            "agent_id",
            "reached",
            "converted",
            "product",
            "amount",
            "complaint",
        ),
        ("campaign_id", "customer_hash", "touched_at"),
        "campaign_id",
        _campaigns,
    ),
    "quality": _KindSpec(
        ("agent_id", "inspected_at", "contact_id", "score", "fatal"),
        ("agent_id", "inspected_at", "contact_id"),
        "agent_id",
        _quality,
    ),
}
assert set(_KINDS) == set(KIND_FIELDS)


def _row_checks(con: duckdb.DuckDBPyConnection, kind: str, found: Located) -> None:
    """Checks across fields of one row (answered ≤ offered, recognized ≤ questions)."""
    checks: list[tuple[str, str, str]] = []
    if kind == "intervals":
        checks.append(("answered", "v_answered > v_offered", "answered exceeds offered"))
        if _mapped(found, "abandoned"):
            checks.append(("abandoned", "v_abandoned > v_offered", "abandoned exceeds offered"))
    if kind == "bot_sessions" and _mapped(found, "recognized") and _mapped(found, "questions"):
        checks.append(("recognized", "v_recognized > v_questions", "recognized exceeds questions"))
    for name, cond, reason in checks:
        con.execute(
            f"UPDATE wb_typed SET err_field = '{name}', err_reason = '{reason}', "
            f"err_value = CAST(v_{name} AS VARCHAR) WHERE err_reason IS NULL AND {cond}"
        )
