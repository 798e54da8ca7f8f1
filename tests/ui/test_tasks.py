"""The task runner: results on the GUI thread, progress, cancel, one database lane, wait at quit."""

from __future__ import annotations

import threading
import time

from oxfield.progress import check_cancel
from ui.tasks import TaskRunner


def test_result_and_progress_arrive_on_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    seen: dict[str, object] = {}
    progress: list[tuple[int, int, str]] = []

    def work(p) -> str:
        seen["worker"] = threading.current_thread()
        for i in range(1, 201):
            p.report(i, 200, "counting")
        return "done"

    def on_finished(value: str) -> None:
        seen["value"] = value
        seen["slot"] = threading.current_thread()

    task = runner.run(
        "count", work, on_finished=on_finished, on_progress=lambda *a: progress.append(a)
    )
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert seen["value"] == "done"
    assert seen["slot"] is threading.main_thread() and seen["worker"] is not threading.main_thread()
    assert progress[-1] == (200, 200, "counting")
    assert len(progress) < 200  # throttled: a chatty job cannot flood the event loop
    assert not runner.busy
    runner.shutdown()


def test_failure_is_delivered_and_cancel_stops_quietly(qtbot) -> None:
    runner = TaskRunner()
    failures: list[BaseException] = []
    task = runner.run("boom", lambda p: 1 / 0, on_failed=failures.append)
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert isinstance(failures[0], ZeroDivisionError)

    started = threading.Event()
    finished: list[object] = []

    def long_work(p) -> str:
        started.set()
        while True:
            check_cancel(p)  # raises CancelledError once cancelled
            time.sleep(0.01)

    task = runner.run("long", long_work, on_finished=finished.append, on_failed=failures.append)
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert finished == [] and len(failures) == 1  # cancelled: neither finished nor failed
    assert task.cancelled
    runner.shutdown()


def test_database_lane_runs_one_job_at_a_time(qtbot) -> None:
    runner = TaskRunner()
    active, overlaps = [0], []
    lock = threading.Lock()

    def job(_p) -> None:
        with lock:
            active[0] += 1
            overlaps.append(active[0])
        time.sleep(0.02)
        with lock:
            active[0] -= 1

    tasks = [runner.run(f"db {i}", job) for i in range(6)]
    qtbot.waitUntil(lambda: all(t.finished for t in tasks), timeout=5000)
    assert max(overlaps) == 1
    pool_tasks = [runner.run(f"pool {i}", job, database=False) for i in range(4)]
    qtbot.waitUntil(lambda: all(t.finished for t in pool_tasks), timeout=5000)
    runner.shutdown()


def test_shutdown_cancels_and_waits_for_workers(qtbot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    runs: list[str] = []

    def slow(p) -> None:
        started.set()
        for _ in range(300):
            if p.cancelled():
                break
            time.sleep(0.01)
        runs.append("returned")

    runner.run("slow", slow)
    runner.run("queued behind it", slow)
    assert started.wait(5)
    began = time.monotonic()
    runner.shutdown()
    assert runs == ["returned"]  # the running one stopped and was waited for; the queued one
    assert time.monotonic() - began < 2  # never started; cancel was honoured, not sat out
    assert not runner.busy
