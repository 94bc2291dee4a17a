"""The export job: gather the period's figures, lay the workbook out, sign it, write it safely.

``export_workbook`` is a plain generator (yields ``Progress``, returns ``ExportResult``) so the
GUI can run it in a worker with a progress bar and cancel it by closing the generator; ``export``
drains it for the command line. Progress messages are in the user's language (``i18n._``).
"""

from __future__ import annotations

import contextlib
import hashlib
import time as clock
from collections.abc import Generator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
from openpyxl import Workbook

from workbench.domain import Filters, KpiReport, Progress
from workbench.errors import UsageError
from workbench.exporters import manifest as mf
from workbench.exporters.labels import LANGS, sheet_name
from workbench.exporters.safe_write import atomic_write
from workbench.exporters.workbook import compliance
from workbench.exporters.workbook.data import (
    QUEUE_KPIS,
    QUEUE_ONLY,
    ExportResult,
    SheetData,
    exception_order,
    ids,
    missed,
    sources,
)
from workbench.exporters.workbook.layout import build_workbook
from workbench.i18n import _
from workbench.security.signing import fingerprint, sign_manifest, store_signer
from workbench.security.wrapping import save_encrypted
from workbench.store import audit


class _Steps:
    """Counts the job's steps: ``steps(message)`` is the next ``Progress``."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0

    def __call__(self, message: str) -> Progress:
        self.done += 1
        return Progress(min(self.done, self.total), self.total, message)


def export_workbook(
    store,
    out_path: str | Path,
    *,
    start: date,
    end: date,
    lang: str = "zh_CN",
    show_personal_data: bool = False,
    centre_name: str | None = None,
    password: str | None = None,
    open_password: str | None = None,
) -> Generator[Progress, None, ExportResult]:
    """Write the compliance workbook for ``start``–``end`` (inclusive) to ``out_path``.

    Yields ``Progress`` after each step; closing the generator cancels and leaves no file.
    """
    from workbench.kpi import engine

    began = clock.perf_counter()
    if lang not in LANGS:
        raise UsageError(
            _("unknown language '{lang}'").format(lang=lang), hint=_("use zh_CN or en")
        )
    if start > end:
        raise UsageError(
            _("the period starts ({start}) after it ends ({end})").format(start=start, end=end),
            hint=_("swap them"),
        )
    out = Path(out_path).expanduser().absolute()
    con = store.cursor()
    try:
        with store.in_use(con):
            queues = list(engine.filter_choices(con).get("queues") or [])
            steps = _Steps(9 + len(queues))
            yield Progress(0, steps.total, _("reading targets and options"))
            data = yield from _gather(con, steps, queues, start, end, lang)
            data.show_personal_data = show_personal_data
            centre = centre_name if centre_name is not None else store.setting("centre_name", "")
            data.centre = str(centre or "")
            signer = store_signer(store)  # security/signing.py: None for an in-memory store
            data.signed_by = fingerprint(signer.public_key()) if signer else ""
            wb = build_workbook(data, password=password)
            if signer:
                sign_manifest(wb[sheet_name(lang, "manifest")], signer)
            yield steps(_("workbook laid out"))
            with atomic_write(out) as tmp:
                if open_password:  # personal data in clear: a protected file (security/wrapping.py)
                    save_encrypted(wb, tmp, open_password)
                else:
                    _save_workbook(wb, tmp)
                yield steps(_("saving"))
                digest = _file_sha256(tmp)
            yield steps(_("done"))
            _record(store, con, out, digest, start, end)
            return ExportResult(
                path=str(out),
                sha256=digest,
                sheets=tuple(wb.sheetnames),
                kpis=len(data.report.values),
                start=start,
                end=end,
                seconds=clock.perf_counter() - began,
                signed_by=data.signed_by,
            )
    finally:
        with contextlib.suppress(duckdb.Error):
            con.close()


def _gather(
    con, steps: _Steps, queues: list, start: date, end: date, lang: str
) -> Generator[Progress, None, SheetData]:
    """Compute every figure the sheets show (the centre and signer are set by the caller)."""
    from workbench.kpi import engine, targets
    from workbench.periods import previous_range

    options = targets.load_options(con)
    profile = targets.current_profile(con)
    # the comparison period the dashboard shows (a whole month: the month before)
    prev_start, prev_end = previous_range(start, end)
    period = Filters(start=start, end=end)

    def compute(filters: Filters, by: str | None = None, kpi_ids=None) -> KpiReport:
        return engine.compute(
            con, filters, by=by, kpi_ids=kpi_ids, options=options, profile=profile
        )

    report = compute(period)
    yield steps(_("indicators of the period"))
    previous = compute(Filters(start=prev_start, end=prev_end))
    yield steps(_("indicators of the previous period"))
    daily = compute(period, "day")
    yield steps(_("daily values"))
    agents = compute(period, "agent", [i for i in ids("service") if i not in QUEUE_ONLY])
    by_queue = compute(period, "queue", [i for i in ids("service") if i in QUEUE_KPIS])
    yield steps(_("agents"))
    bots = compute(period, "channel", ids("intelligent"))
    campaigns = compute(period, "campaign", ids("operation"))
    yield steps(_("bots and campaigns"))
    data = SheetData(
        start=start, end=end, prev_start=prev_start, prev_end=prev_end, lang=lang,
        options=options, targets_version=profile.version, targets=dict(profile.targets),
        generated_at=datetime.now().replace(microsecond=0), centre="",
        show_personal_data=False, report=report, previous=previous, daily=daily,
        agents=agents, bots=bots, campaigns=campaigns, queues=by_queue,
    )  # fmt: skip
    data.source_mix = engine.source_mix(con, period)
    for queue in queues:
        by_day = compute(Filters(start=start, end=end, queues=(queue,)), "day", ids("service"))
        data.exceptions += missed(by_day.groups, "day_queue", queue=str(queue))
        yield steps(_("exceptions: queue {queue}").format(queue=queue))
    other_ids = set(ids("intelligent") + ids("operation"))
    data.exceptions += missed(daily.groups, "day", kpi_filter=other_ids)
    data.exceptions += missed(agents.groups, "agent")
    data.exceptions.sort(key=exception_order)
    data.sources = sources(con, start, end)
    data.audit, data.compliance = compliance.gather(con, start, end)
    data.tables = mf.store_digests(con, start, end)
    yield steps(_("store digests"))
    return data


def _record(store, con, out: Path, digest: str, start: date, end: date) -> None:
    """Enter the export in the store's audit log (not for a read-only store)."""
    if store.read_only:
        return
    store._before_write(con)  # today's deferred backup first (``Store.open``)
    with store._write_lock:
        audit.record(
            con,
            "export",
            {"file": out.name, "sha256": digest, "from": start.isoformat(), "to": end.isoformat()},
        )


def export(store, out_path: str | Path, **kwargs: Any) -> ExportResult:
    """Run ``export_workbook`` to the end (command line, tests)."""
    job = export_workbook(store, out_path, **kwargs)
    while True:
        try:
            next(job)
        except StopIteration as stop:
            return stop.value


def _save_workbook(wb: Workbook, path: Path) -> None:
    wb.save(path)


def _file_sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()
