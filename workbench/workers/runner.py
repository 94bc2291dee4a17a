"""Run work off the GUI thread: queries where the latest request wins, and cancellable jobs.

Two helpers, both built on superqt's workers (``FunctionWorker`` / ``GeneratorWorker`` on the
global ``QThreadPool``); their signals are delivered on the GUI thread.

``LatestRunner`` — for read queries a view makes when filters change::

    self._runner = LatestRunner(self)
    self._runner.resultReady.connect(self._show)
    self._runner.submit_query(ctx.store, compute_dashboard, filters)   # fn(cursor, filters)

Only one request runs at a time. A request made while another is running replaces any request
still waiting, and the running one is interrupted (``cursor.interrupt()``) and its result
dropped: the view only ever receives the result of the newest request.

``JobRunner`` — for a long job written as a plain generator yielding ``Progress``::

    job = JobRunner(self)
    job.progress.connect(bar.update); job.finished.connect(done); job.cancelled.connect(...)
    job.start(run_import, store, paths)
    job.cancel()          # takes effect at the next yield; the generator is closed in its thread

Tests and ``workbench screenshot`` call ``wait_for_idle()`` to let every runner finish.
"""

from __future__ import annotations

import contextlib
import inspect
import time
import weakref
from collections.abc import Callable, Generator
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
from superqt.utils import FunctionWorker, GeneratorWorker

__all__ = ["JobRunner", "LatestRunner", "any_busy", "wait_for_idle"]


class _Tracked:
    """Remembers live runners so ``wait_for_idle`` can ask whether any is busy."""

    runners: ClassVar[weakref.WeakSet] = weakref.WeakSet()


class LatestRunner(QObject):
    """Run one function at a time off the GUI thread; deliver only the newest request's result.

    Signals carry the request's ``tag`` (any object given to ``submit``) with the result, so a
    view can run several kinds of query through one runner if it wishes.
    """

    #: (result, tag) of the newest request
    resultReady = Signal(object, object)
    #: (exception, tag) when the newest request failed
    failed = Signal(object, object)
    #: True when work starts, False when the runner becomes idle
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: FunctionWorker | None = None
        self._running_interrupt: Callable[[], None] | None = None
        self._pending: tuple[Callable[..., Any], tuple, dict, Any, Callable | None] | None = None
        self._serial = 0
        self._running_serial = 0
        _Tracked.runners.add(self)

    # ---- public --------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a request runs or waits."""
        return self._running is not None or self._pending is not None

    def submit(self, func: Callable[..., Any], *args: Any, tag: Any = None, **kwargs: Any) -> None:
        """Run ``func(*args, **kwargs)`` in a worker thread; newer requests supersede this one."""
        self._enqueue(func, args, kwargs, tag, None)

    def submit_query(
        self, store: Any, func: Callable[..., Any], *args: Any, tag: Any = None, **kwargs: Any
    ) -> None:
        """Run ``func(cursor, *args, **kwargs)`` on a fresh cursor of ``store`` (a ``Store``).

        The cursor is made here (on the GUI thread), used only by the worker and closed after;
        a newer request interrupts it so a superseded long query stops early.
        """
        cursor = store.cursor()

        def with_cursor() -> Any:
            try:
                with store.in_use(cursor):
                    return func(cursor, *args, **kwargs)
            finally:
                with contextlib.suppress(Exception):
                    cursor.close()

        self._enqueue(with_cursor, (), {}, tag, cursor.interrupt)

    def cancel(self) -> None:
        """Drop the waiting request and interrupt the running one (its result is discarded)."""
        self._pending = None
        if self._running is not None:
            self._serial += 1  # the running result is now stale
            self._interrupt_running()

    def wait(self, timeout_s: float = 10.0) -> bool:
        """Process events until this runner is idle (tests, screenshots). True when idle."""
        return _process_events_while_busy(self, timeout_s)

    # ---- internals -----------------------------------------------------------------------
    def _enqueue(self, func, args, kwargs, tag, interrupt) -> None:
        self._serial += 1
        was_busy = self.busy
        self._pending = (func, args, kwargs, tag, interrupt)
        if self._running is not None:
            self._interrupt_running()
        else:
            self._start_pending()
        if not was_busy:
            self.busyChanged.emit(True)

    def _interrupt_running(self) -> None:
        if self._running_interrupt is not None:
            with contextlib.suppress(Exception):
                self._running_interrupt()

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        func, args, kwargs, tag, interrupt = self._pending
        self._pending = None
        serial = self._serial
        worker = FunctionWorker(func, *args, **kwargs)
        self._running = worker
        self._running_interrupt = interrupt
        self._running_serial = serial
        worker.returned.connect(lambda result, s=serial, t=tag: self._on_returned(result, s, t))
        worker.errored.connect(lambda exc, s=serial, t=tag: self._on_errored(exc, s, t))
        worker.finished.connect(self._on_finished)
        worker.start()

    def _on_returned(self, result: Any, serial: int, tag: Any) -> None:
        if serial == self._serial and self._pending is None:
            self.resultReady.emit(result, tag)

    def _on_errored(self, exc: BaseException, serial: int, tag: Any) -> None:
        if serial == self._serial and self._pending is None:
            self.failed.emit(exc, tag)

    def _on_finished(self) -> None:
        self._running = None
        self._running_interrupt = None
        if self._pending is not None:
            self._start_pending()
        else:
            self.busyChanged.emit(False)


class _ClosingGeneratorWorker(GeneratorWorker):
    """A ``GeneratorWorker`` that closes its generator in the worker thread when aborted.

    Closing raises ``GeneratorExit`` inside the job, which is how a job rolls back the file in
    progress; doing it here keeps the rollback on the thread that owns the job's cursor.
    """

    completed = False
    result: Any = None

    def work(self) -> Any:
        result = super().work()
        if inspect.getgeneratorstate(self._gen) == inspect.GEN_CLOSED:
            # ran to its end: a cancel that came too late must not lose the result
            self.completed, self.result = True, result
        elif self.abort_requested:
            with contextlib.suppress(Exception):
                self._gen.close()
        return result


class _RecordingFunctionWorker(FunctionWorker):
    """A ``FunctionWorker`` that keeps its result even when a cancel came too late."""

    completed = False
    result: Any = None

    def work(self) -> Any:
        result = super().work()
        self.completed, self.result = True, result
        return result


class JobRunner(QObject):
    """Run one generator job at a time off the GUI thread, with progress and cancel."""

    #: whatever the job yielded (a ``Progress`` for our jobs)
    progress = Signal(object)
    #: the job's return value (also when a cancel came after its last step: the work is done)
    finished = Signal(object)
    #: the exception the job raised
    failed = Signal(object)
    #: the job stopped because ``cancel()`` was called
    cancelled = Signal()
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: _ClosingGeneratorWorker | _RecordingFunctionWorker | None = None
        self._interrupt: Callable[[], None] | None = None
        self._cancel_requested = False
        self._outcome_sent = False
        _Tracked.runners.add(self)

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def start(
        self,
        job: Callable[..., Generator[Any, Any, Any] | Any],
        *args: Any,
        interrupt: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Start ``job(*args, **kwargs)``: a generator function (or a plain function).

        ``interrupt`` (e.g. a cursor's ``interrupt``) is called on cancel to stop a long single
        statement. Raises ``RuntimeError`` if a job is already running.
        """
        if self._worker is not None:
            raise RuntimeError("a job is already running")
        self._cancel_requested = False
        self._outcome_sent = False
        self._interrupt = interrupt
        if inspect.isgeneratorfunction(job):
            worker = _ClosingGeneratorWorker(job, *args, **kwargs)
            worker.yielded.connect(self.progress.emit)
            worker.aborted.connect(self._on_aborted)
        else:
            worker = _RecordingFunctionWorker(job, *args, **kwargs)
        worker.returned.connect(self._on_returned)
        worker.errored.connect(self._on_errored)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        self.busyChanged.emit(True)
        worker.start()

    def cancel(self) -> None:
        """Ask the running job to stop at its next yield (and interrupt a long statement)."""
        if self._worker is None:
            return
        self._cancel_requested = True
        self._worker.quit()
        if self._interrupt is not None:
            with contextlib.suppress(Exception):
                self._interrupt()

    def wait(self, timeout_s: float = 30.0) -> bool:
        """Process events until the job is over (tests). True when idle."""
        return _process_events_while_busy(self, timeout_s)

    def _on_returned(self, result: Any) -> None:
        # the job completed (a cancel may have come after its last step: the result stands)
        self._outcome_sent = True
        self.finished.emit(result)

    def _on_errored(self, exc: BaseException) -> None:
        self._outcome_sent = True
        if self._cancel_requested:
            self.cancelled.emit()  # an interrupted statement surfaces as an error
        else:
            self.failed.emit(exc)

    def _on_aborted(self) -> None:
        self._outcome_sent = True
        self.cancelled.emit()

    def _on_finished(self) -> None:
        worker = self._worker
        self._worker = None
        self._interrupt = None
        if not self._outcome_sent:
            # superqt drops ``returned`` once abort was requested; say what really happened
            self._outcome_sent = True
            if worker is not None and getattr(worker, "completed", False):
                self.finished.emit(worker.result)
            else:
                self.cancelled.emit()
        self.busyChanged.emit(False)


def _process_events_while_busy(runner: LatestRunner | JobRunner, timeout_s: float) -> bool:
    """Process events until ``runner`` is idle or ``timeout_s`` passed; True when idle."""
    deadline = time.monotonic() + timeout_s
    while runner.busy and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.002)
    QCoreApplication.processEvents()
    return not runner.busy


def any_busy() -> bool:
    """True while any runner of this process has work running or waiting.

    A runner whose Qt object was deleted (its view closed mid-query) never hears that its work
    ended, so it would count as busy forever: it is skipped.
    """
    return any(r.busy for r in list(_Tracked.runners) if shiboken6.isValid(r))


def wait_for_idle(timeout_s: float = 20.0, settle_s: float = 0.05) -> bool:
    """Process events until every runner is idle and stays idle for ``settle_s``.

    A finished query often triggers another (a view refreshing after the first result), so
    idleness must hold for a moment before we trust it. True when idle within the timeout.
    """
    deadline = time.monotonic() + timeout_s
    idle_since: float | None = None
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if any_busy() or QThreadPool.globalInstance().activeThreadCount() > 0:
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since >= settle_s:
            return True
        time.sleep(0.002)
    return False
