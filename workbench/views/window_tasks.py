"""The window's one background task at a time (export, verify, monthly file) with callbacks.

Each task module (``task_export``, ``task_verify``, ``task_monthly``) starts its job with its
own ``on_done`` / ``on_failed`` / ``on_cancelled`` callbacks; nothing dispatches on a name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from workbench.workers.runner import JobRunner

Callback = Callable[..., None]


class TaskRunner(QObject):
    """A ``JobRunner`` whose outcome goes to the callbacks given with ``start``."""

    progress = Signal(object)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = JobRunner(self)
        self._runner.progress.connect(self.progress.emit)
        self._runner.busyChanged.connect(self.busyChanged.emit)
        self._runner.finished.connect(lambda result: self._call("done", result))
        self._runner.failed.connect(lambda exc: self._call("failed", exc))
        self._runner.cancelled.connect(lambda: self._call("cancelled"))
        self._callbacks: dict[str, Callback | None] = {}

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def start(
        self,
        job: Callable[..., Any],
        *args: Any,
        on_done: Callback,
        on_failed: Callback,
        on_cancelled: Callback | None = None,
        **kwargs: Any,
    ) -> bool:
        """Run ``job(*args, **kwargs)`` off the GUI thread; False when a task already runs."""
        if self._runner.busy:
            return False
        self._callbacks = {"done": on_done, "failed": on_failed, "cancelled": on_cancelled}
        self._runner.start(job, *args, **kwargs)
        return True

    def cancel(self) -> None:
        self._runner.cancel()

    def wait(self, timeout_s: float = 30.0) -> bool:
        """Process events until the task is over (tests, closing). True when idle."""
        return self._runner.wait(timeout_s)

    def _call(self, outcome: str, *args: Any) -> None:
        callback = self._callbacks.get(outcome)
        self._callbacks = {}
        if callback is not None:
            callback(*args)
