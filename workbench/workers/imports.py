"""The window's importer: runs ``run_import`` off the GUI thread, one job at a time.

``ImportController(ctx)`` listens to ``ctx.importRequested`` (drops, the Import… button, the
watched folder), queues the requests and runs each through a ``JobRunner`` on its own store
cursor, sharing the store's single-writer lock. It re-emits progress as (done, total, message),
``cancel()`` closes the job's generator in its thread (the file in progress is rolled back:
nothing of it remains), and a finished import calls ``ctx.notify_data_changed()``.

A file rejected because its headers could not be matched is looked at with
``workbench.readers.preview``: if a saved mapping profile fits its headers it is re-imported
with ``profile=NAME`` automatically; otherwise ``mappingNeeded(path, preview)`` is emitted and
(unless ``ask_mapping`` is False) a ``MappingDialog`` opens; accepting it re-runs the file with
``mapping=`` (and ``save_profile=`` when the user named a profile).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from workbench.domain import ImportResult, Progress
from workbench.profile_match import fitting_profile, headers_unmatched, profile_dict
from workbench.store import Store
from workbench.workers.runner import JobRunner

log = logging.getLogger(__name__)
__all__ = ["ImportController", "fitting_profile", "headers_unmatched", "import_controller_for"]


@dataclass
class ImportRequest:
    """One queued import: files and the ``run_import`` keyword options."""

    paths: list[str]
    options: dict[str, Any] = field(default_factory=dict)
    #: True for a re-run (after a mapping or a profile match): no further automatic retry
    retry: bool = False


@dataclass(frozen=True)
class MappingHelp:
    """A rejected file whose headers did not match, with its preview and a fitting profile."""

    path: str
    preview: Any
    profile: str | None = None


@dataclass(frozen=True)
class Unreadable:
    """A rejected file no mapping can help: why, and whether another program holds it."""

    path: str
    message: str
    locked: bool = False


def worker_store(store: Store, cursor: Any) -> Store:
    """A ``Store`` over ``cursor`` for the worker thread, sharing ``store``'s writer lock.

    The job then reads and writes through its own cursor (DuckDB connections are not shared
    across threads) while ``store.transaction`` still lets one writer in at a time.
    """
    view = Store(cursor, store.path, store.read_only)
    view._write_lock = store._write_lock  # one writer per process, whichever cursor writes
    view.daily_backup = store.daily_backup  # and today's deferred backup comes before it
    return view


def import_job(
    store: Store, cursor: Any, request: ImportRequest
) -> Generator[Progress, None, tuple[ImportResult, list[MappingHelp]]]:
    """The worker-thread job: import, then look at files rejected for unmatched headers."""
    from workbench.importing import run_import

    try:
        with store.in_use(cursor):
            own = worker_store(store, cursor)
            result = yield from run_import(own, request.paths, **request.options)
            _keep_given_in_profile(own, request.options, result)
            helps: list[MappingHelp] = []
            for file in result.files:
                if file.status != "rejected":
                    continue
                help_ = _mapping_help(cursor, file.path)
                if help_ is not None:
                    helps.append(help_)
            return result, helps
    finally:
        with contextlib.suppress(Exception):
            cursor.close()


def _keep_given_in_profile(store: Store, options: dict[str, Any], result: ImportResult) -> None:
    """A profile saved from the mapping dialog keeps the dialog's choices and reading options
    (date format, yes-values), as ``--save-profile`` does on the command line."""
    from workbench.jobs.profiles import add_given

    name, given = options.get("save_profile"), options.get("mapping")
    if name and given and any(f.status == "imported" for f in result.files):
        add_given(store, name, given)


def unreadable_files(result: ImportResult, helps: Sequence[MappingHelp]) -> list[Unreadable]:
    """The rejected files that no mapping can help, with the cause and what to do."""
    from workbench.file_check import content_problem, file_problem

    asked = {h.path for h in helps}
    found = []
    for file in result.files:
        if file.status != "rejected" or file.path in asked:
            continue
        problem = file_problem(file.path) or content_problem(file.path)
        if problem is not None:
            found.append(Unreadable(file.path, problem[1], locked=problem[0] == "locked"))
        else:
            found.append(Unreadable(file.path, file.error or "", locked=False))
    return found


def _mapping_help(cursor: Any, path: str) -> MappingHelp | None:
    from workbench.jobs.profiles import list_profiles
    from workbench.readers import preview

    try:
        found = preview(path)
    except Exception:  # an unreadable file: its rejection message already says why
        log.info("no preview for %s", path, exc_info=True)
        return None
    if not headers_unmatched(found):
        return None
    try:
        profiles = [profile_dict(p) for p in list_profiles(cursor)]
    except Exception:
        log.warning("could not list mapping profiles", exc_info=True)
        profiles = []
    return MappingHelp(path, found, fitting_profile(profiles, list(found.headers)))


class ImportController(QObject):
    """Queues import requests and runs them one at a time off the GUI thread."""

    #: (done, total, message) of the running import
    progress = Signal(int, int, str)
    #: the same step as the job's ``Progress`` (with the file being read, if any)
    stepped = Signal(object)
    #: the files of the import that starts
    started = Signal(list)
    #: the ``ImportResult`` of an import that completed (even if some files were rejected)
    finished = Signal(object)
    #: a one-line message when the import failed (nothing of the file in progress was kept)
    failed = Signal(str)
    #: the user cancelled: nothing of the file in progress was kept
    cancelled = Signal()
    busyChanged = Signal(bool)
    #: (path, preview): a file was rejected because its headers could not be matched
    mappingNeeded = Signal(str, object)
    #: [Unreadable]: files rejected for another cause (not a table, damaged, locked, gone)
    unreadable = Signal(list)

    def __init__(
        self, ctx: Any, parent: QObject | None = None, *, ask_mapping: bool = True
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ask_mapping = ask_mapping
        self._queue: list[ImportRequest] = []
        self._current: ImportRequest | None = None
        self._runner = JobRunner(self)
        self._runner.progress.connect(self._on_progress)
        self._runner.finished.connect(self._on_finished)
        self._runner.failed.connect(self._on_failed)
        self._runner.cancelled.connect(self._on_cancelled)
        # the next queued import starts once the runner has really let go of the last one
        self._runner.busyChanged.connect(lambda busy: None if busy else self._start_next())
        self.last_result: ImportResult | None = None
        self.mapping_dialog = None
        self._mapping_queue: list[tuple[str, Any]] = []
        # One controller per window answers the window's import requests: the first one made
        # for a context registers itself there (``import_controller_for`` returns it); another
        # one only runs what it is given directly, so no file is imported twice.
        if not isinstance(getattr(ctx, "import_controller", None), ImportController):
            ctx.import_controller = self  # type: ignore[attr-defined]
            ctx.importRequested.connect(self.import_files)

    # ---- public --------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._current is not None or bool(self._queue)

    def import_files(self, paths: Sequence[str | Path], **options: Any) -> None:
        """Queue ``paths`` for import with ``run_import`` options (kind, mapping, profile …)."""
        files = [str(p) for p in paths]
        if not files:
            return
        self._queue.append(ImportRequest(files, dict(options), retry=bool(options)))
        self._start_next()

    def cancel(self) -> None:
        """Stop the running import at its next step (rolled back) and drop the queued ones."""
        self._queue.clear()
        self._runner.cancel()

    def wait(self, timeout_s: float = 60.0) -> bool:
        """Process events until every queued import is over (tests). True when idle."""
        import time

        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout_s
        while self.busy and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.005)
        QCoreApplication.processEvents()
        return not self.busy

    # ---- running -------------------------------------------------------------------------
    def _start_next(self) -> None:
        if self._current is not None or not self._queue or self._runner.busy:
            return
        if self.ctx.store.read_only:
            self._queue.clear()
            self.failed.emit(self.tr("This store is open read-only: nothing can be imported."))
            return
        request = self._queue.pop(0)
        self._current = request
        self.busyChanged.emit(True)
        self.started.emit(list(request.paths))
        cursor = self.ctx.store.cursor()
        self._runner.start(import_job, self.ctx.store, cursor, request)

    def _on_progress(self, step: object) -> None:
        if isinstance(step, Progress):
            self.progress.emit(int(step.done), int(step.total), step.message)
            self.stepped.emit(step)

    def _on_finished(self, outcome: tuple[ImportResult, list[MappingHelp]]) -> None:
        result, helps = outcome
        request = self._current
        self.last_result = result
        self._done()
        self.finished.emit(result)
        if any(f.status == "imported" for f in result.files):
            self.ctx.notify_data_changed()
        self._forget_mapping({f.path for f in result.files if f.status != "rejected"})
        problems = unreadable_files(result, helps)
        if problems:
            self.unreadable.emit(problems)
        for help_ in helps:
            if help_.profile and not (request and request.retry):
                # a profile saved for files like this one: apply it without asking
                self.import_files([help_.path], profile=help_.profile)
            else:
                self.mappingNeeded.emit(help_.path, help_.preview)
                if self.ask_mapping:
                    self.open_mapping(help_.path, help_.preview)
        self._start_next()

    def _on_failed(self, exc: object) -> None:
        self._done()
        self.failed.emit(_one_line(exc))
        self._start_next()

    def _on_cancelled(self) -> None:
        self._done()
        self.cancelled.emit()
        self._start_next()

    def _done(self) -> None:
        self._current = None
        if not self._queue:
            self.busyChanged.emit(False)

    # ---- mapping -------------------------------------------------------------------------
    def open_mapping(self, path: str, preview: Any):
        """Open the mapping dialog for a rejected file; accepting it re-imports the file.

        One dialog at a time: files rejected together are asked about one after the other.
        Returns the dialog, or None when it waits for the one already open.
        """
        if self.mapping_dialog is not None and self.mapping_dialog.isVisible():
            self._mapping_queue.append((path, preview))
            return None
        parent = self.parent() if hasattr(self.parent(), "window") else None
        dialog = self.ctx.make_mapping_dialog(path, preview, parent)
        dialog.accepted.connect(lambda: self.apply_mapping(dialog))
        dialog.finished.connect(self._next_mapping)
        self.mapping_dialog = dialog
        dialog.open()
        return dialog

    def _forget_mapping(self, paths: set[str]) -> None:
        """Files now imported need no mapping: close their dialog, drop their queued ones."""
        if not paths:
            return
        self._mapping_queue = [(p, v) for p, v in self._mapping_queue if p not in paths]
        dialog = self.mapping_dialog
        if dialog is not None and dialog.isVisible() and str(dialog.path) in paths:
            dialog.reject()

    def _next_mapping(self, *_: object) -> None:
        if self._mapping_queue:
            path, preview = self._mapping_queue.pop(0)
            self.mapping_dialog = None
            self.open_mapping(path, preview)

    def apply_mapping(self, dialog: Any) -> None:
        """Re-import the dialog's file with its mapping (and save the profile if named)."""
        chosen = getattr(dialog, "import_mapping", dialog.mapping)
        options: dict[str, Any] = {"mapping": chosen()}
        if dialog.kind():
            options["kind"] = dialog.kind()
        if dialog.profile_name():
            options["save_profile"] = dialog.profile_name()
        if getattr(dialog, "sheet", None):
            options["sheet"] = dialog.sheet
        import_options = dialog.import_options() if hasattr(dialog, "import_options") else None
        if import_options is not None:
            options["options"] = import_options
        self.import_files([dialog.path], **options)


def _one_line(exc: object) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def import_controller_for(ctx: Any) -> ImportController:
    """The one ``ImportController`` of ``ctx`` (made on first use, parented to the context).

    The main window should call this at start-up so drops and the watched folder import even
    before the imports view is opened; views call it to show progress.
    """
    existing = getattr(ctx, "import_controller", None)
    if isinstance(existing, ImportController):
        return existing
    return ImportController(ctx, ctx)  # registers itself on ctx
