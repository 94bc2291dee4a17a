"""The worker helpers: the newest query wins; a cancelled job's generator is closed."""

from __future__ import annotations

import threading
import time

from workbench.domain import Progress
from workbench.workers.runner import JobRunner, LatestRunner, wait_for_idle


def test_only_the_newest_request_is_delivered(qtbot) -> None:
    runner = LatestRunner()
    results = []
    runner.resultReady.connect(lambda result, tag: results.append((result, tag)))
    release = threading.Event()

    def slow(value: int) -> int:
        release.wait(5)
        return value

    runner.submit(slow, 1, tag="a")
    runner.submit(slow, 2, tag="b")
    runner.submit(slow, 3, tag="c")
    release.set()
    assert runner.wait(10)
    assert results == [(3, "c")]


def test_queries_run_on_a_cursor_of_the_store(store, qtbot) -> None:
    runner = LatestRunner()
    seen = []
    runner.resultReady.connect(lambda result, _tag: seen.append(result))
    main_thread = threading.get_ident()

    def query(con) -> tuple[int, bool]:
        return con.execute("SELECT 41 + 1").fetchone()[0], threading.get_ident() != main_thread

    runner.submit_query(store, query)
    assert runner.wait(10)
    assert seen == [(42, True)]


def test_failures_of_the_newest_request_are_reported(qtbot) -> None:
    runner = LatestRunner()
    errors = []
    runner.failed.connect(lambda exc, _tag: errors.append(str(exc)))

    def broken() -> None:
        raise ValueError("no such table")

    runner.submit(broken)
    assert runner.wait(10)
    assert errors == ["no such table"]


def test_cancelled_job_closes_its_generator_in_the_worker_thread(qtbot) -> None:
    job = JobRunner()
    closed_in: list[int] = []
    progress: list[Progress] = []
    job.progress.connect(progress.append)

    def long_job(steps: int):
        try:
            for i in range(steps):
                time.sleep(0.02)
                yield Progress(i + 1, steps, "working")
            return "done"
        except GeneratorExit:
            closed_in.append(threading.get_ident())
            raise

    with qtbot.waitSignal(job.cancelled, timeout=10000):
        job.start(long_job, 500)
        qtbot.waitUntil(lambda: len(progress) >= 2, timeout=5000)
        job.cancel()
    assert job.wait(10)
    assert closed_in and closed_in[0] != threading.get_ident()
    assert len(progress) < 500


def test_finished_job_returns_its_value(qtbot) -> None:
    job = JobRunner()

    def short_job():
        yield Progress(1, 1)
        return 7

    with qtbot.waitSignal(job.finished, timeout=10000) as blocker:
        job.start(short_job)
    assert blocker.args == [7]
    assert wait_for_idle(10)


def test_a_cancel_that_comes_too_late_still_reports_the_result(qtbot) -> None:
    job = JobRunner()
    done = threading.Event()
    outcomes: list[object] = []
    job.finished.connect(lambda value: outcomes.append(("finished", value)))
    job.cancelled.connect(lambda: outcomes.append("cancelled"))

    def quick_job():
        yield Progress(1, 1)
        done.set()
        return "stored"

    job.start(quick_job)
    assert done.wait(10)
    time.sleep(0.1)  # the worker thread has returned; the GUI has not heard of it yet
    job.cancel()
    assert job.wait(10)
    assert outcomes == [("finished", "stored")]
