"""The runner's hooks for the lock: a cancel reaches work blocked where it cannot poll, and
the vault's closing waits for the tasks running at the lock, not for ones started after it."""

from __future__ import annotations

import threading

from ui.tasks import TaskRunner


def test_a_cancel_wakes_work_blocked_in_a_call_that_cannot_poll(qtbot) -> None:
    runner = TaskRunner()
    blocked, woken = threading.Event(), threading.Event()
    log: list[str] = []

    def work(progress) -> None:
        progress.on_cancel(woken.set)  # how to interrupt the blocking call below
        blocked.set()
        woken.wait()  # a network read that never returns by itself
        log.append("work returned")

    task = runner.run("blocked", work, database=False)
    assert blocked.wait(30)
    task.cancel()
    qtbot.waitUntil(lambda: task.finished, timeout=30_000)
    assert log == ["work returned"] and not runner.busy
    runner.shutdown()


def test_a_hook_added_after_the_cancel_runs_at_once(qtbot) -> None:
    runner = TaskRunner()
    task = runner.run("quick", lambda progress: None, database=False)
    task.cancel()
    called: list[str] = []
    task.progress.on_cancel(lambda: called.append("hook"))
    assert called == ["hook"]
    qtbot.waitUntil(lambda: task.finished, timeout=30_000)
    runner.shutdown()


def test_after_current_waits_only_for_the_tasks_running_now(qtbot) -> None:
    runner = TaskRunner()
    first_gate, later_gate = threading.Event(), threading.Event()
    log: list[str] = []
    first = runner.run("first", lambda p: first_gate.wait(30), database=False)
    runner.after_current(lambda: log.append("closed"))
    later = runner.run("later", lambda p: later_gate.wait(30), database=False)
    assert log == []
    first_gate.set()
    qtbot.waitUntil(lambda: first.finished, timeout=30_000)
    assert log == ["closed"] and not later.finished  # the later task did not hold it up
    later_gate.set()
    qtbot.waitUntil(lambda: later.finished, timeout=30_000)
    runner.after_current(lambda: log.append("at once"))
    assert log == ["closed", "at once"]
    runner.shutdown()
