"""The job runner: results, progress, failures and cancellation come back to the main thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from ui.jobs import JobRunner
from workstation.errors import CancelledError, InvalidInputError
from workstation.progress import CancelToken, ProgressCallback


@pytest.fixture
def runner() -> Iterator[JobRunner]:
    runner = JobRunner()
    yield runner
    assert runner.shutdown(timeout_ms=5_000)


def test_a_job_returns_its_result_through_the_callback_in_the_main_thread(
    qtbot: QtBot, runner: JobRunner
) -> None:
    seen: list[tuple[object, bool]] = []
    main_thread = QThread.currentThread()

    def work(progress: ProgressCallback, cancel: CancelToken) -> int:
        assert QThread.currentThread() is not main_thread
        progress(1, 1, "done")
        return 42

    def done(result: object) -> None:
        seen.append((result, QThread.currentThread() is main_thread))

    with qtbot.waitSignal(runner.idle, timeout=5_000):
        assert runner.start(work, "answer", on_done=done)
    assert seen == [(42, True)]
    assert not runner.busy


def test_progress_reports_reach_the_runner(qtbot: QtBot, runner: JobRunner) -> None:
    reports: list[tuple[int, int, str]] = []
    runner.progress.connect(lambda done, total, text: reports.append((done, total, text)))

    def work(progress: ProgressCallback, cancel: CancelToken) -> None:
        progress(0, 2, "first")
        progress(2, 2, "last")

    with qtbot.waitSignal(runner.idle, timeout=5_000):
        runner.start(work, "steps")
    assert reports[0] == (0, 2, "first")
    assert reports[-1] == (2, 2, "last")  # the end always gets through the throttle


def test_a_failing_job_hands_its_exception_to_the_main_thread(
    qtbot: QtBot, runner: JobRunner
) -> None:
    called: list[object] = []

    def work(progress: ProgressCallback, cancel: CancelToken) -> None:
        raise InvalidInputError("bad file")

    with qtbot.waitSignal(runner.failed, timeout=5_000) as failed:
        runner.start(work, "bad", on_done=called.append)
    assert isinstance(failed.args[0], InvalidInputError)
    assert called == []
    assert not runner.busy


def test_cancelling_a_job_stops_it_and_reports_cancelled_not_finished(
    qtbot: QtBot, runner: JobRunner
) -> None:
    started = threading.Event()
    called: list[object] = []

    def work(progress: ProgressCallback, cancel: CancelToken) -> None:
        started.set()
        while True:
            cancel.raise_if_cancelled()
            threading.Event().wait(0.005)

    with qtbot.waitSignal(runner.cancelled, timeout=5_000) as cancelled:
        runner.start(work, "endless", on_done=called.append)
        assert started.wait(5)
        runner.cancel_all()
    assert cancelled.args == ["endless"]
    assert called == []


def test_a_second_writing_job_is_refused_while_one_runs_but_a_reader_may_start(
    qtbot: QtBot, runner: JobRunner
) -> None:
    release = threading.Event()

    def blocked(progress: ProgressCallback, cancel: CancelToken) -> None:
        if not release.wait(5):
            raise CancelledError()

    def reader(progress: ProgressCallback, cancel: CancelToken) -> str:
        return "read"

    assert runner.start(blocked, "import")
    assert runner.writing == "import"
    assert not runner.start(blocked, "another import")
    read: list[object] = []
    assert runner.start(reader, "count", on_done=read.append, writes=False)
    with qtbot.waitSignal(runner.idle, timeout=5_000):
        release.set()
    assert read == ["read"]
    assert runner.writing is None


def test_shutdown_cancels_running_jobs_and_waits_for_them(qtbot: QtBot, runner: JobRunner) -> None:
    started = threading.Event()
    stopped = threading.Event()

    def work(progress: ProgressCallback, cancel: CancelToken) -> None:
        started.set()
        try:
            while True:
                cancel.raise_if_cancelled()
                threading.Event().wait(0.005)
        finally:
            stopped.set()

    runner.start(work, "long")
    assert started.wait(5)
    assert runner.shutdown(timeout_ms=5_000)
    assert stopped.is_set()
    with qtbot.waitSignal(runner.cancelled, timeout=5_000):
        pass  # the worker's report arrives afterwards, in the main thread
