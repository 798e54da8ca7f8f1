"""The one task runner: every piece of long work in the desktop goes through here.

Work runs on a thread pool; database work runs in a lane with a single worker so that writes
never race each other (Anki's taskman habit). A worker receives plain arguments and a
:class:`oxfield.progress.Progress`, never a widget (Orange's TaskState habit); its progress,
result or error comes back to the GUI thread only through queued signals of a :class:`Task`
handle that lives on the GUI thread. Progress is throttled so a chatty job cannot starve paint
events. At quit every task is cancelled and the runner waits for its workers, so no thread is
still running when Qt tears down.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

from oxfield.errors import CancelledError

#: Progress reports closer together than this are dropped (the last one always gets through).
PROGRESS_INTERVAL = 0.05

Work = Callable[["TaskProgress"], Any]


class TaskProgress:
    """The plain progress/cancel object a worker sees (satisfies ``oxfield.progress.Progress``)."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()
        self._last = 0.0
        self._lock = threading.Lock()
        self._on_cancel: list[Callable[[], None]] = []

    def report(self, done: int, total: int, text: str = "") -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= PROGRESS_INTERVAL:
            self._last = now
            self._emit(done, total, text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        with self._lock:
            self._cancel.set()
            hooks, self._on_cancel = self._on_cancel, []
        for hook in hooks:
            hook()

    def on_cancel(self, hook: Callable[[], None]) -> None:
        """Call ``hook`` (thread-safe, quick) on cancel, from the cancelling thread; at once if
        already cancelled. Work blocked in a call that cannot poll :meth:`cancelled` (a network
        read) registers how to interrupt it, so a cancel is felt in milliseconds."""
        with self._lock:
            if not self._cancel.is_set():
                self._on_cancel.append(hook)
                return
        hook()


class Task(QObject):
    """The GUI-thread handle of one piece of work: connect to its signals, or cancel it.

    ``sig_finished`` carries the work's return value, ``sig_failed`` the exception it raised
    (a cancelled task emits neither); ``sig_done`` fires last in every case.
    """

    sig_progress = Signal(int, int, str)
    sig_finished = Signal(object)
    sig_failed = Signal(object)
    sig_done = Signal()

    # Emitted from the worker thread; delivered to this object's (GUI) thread by a queued call.
    _sig_worker_progress = Signal(int, int, str)
    _sig_worker_result = Signal(object)  # (ok, value): one object, no bool marshalling

    def __init__(self, name: str, on_done: Callable[[Task], None] | None = None) -> None:
        # No Qt parent: the runner holds a Python reference until the work is done, then the
        # handle lives exactly as long as someone keeps it (no deleteLater races).
        super().__init__()
        self.name = name
        self._on_done = on_done
        self.progress = TaskProgress(self._sig_worker_progress.emit)
        self.finished = False
        self._sig_worker_progress.connect(
            self._on_worker_progress, Qt.ConnectionType.QueuedConnection
        )
        self._sig_worker_result.connect(self._on_worker_result, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        """Ask the work to stop; its result, if it still comes, is dropped."""
        self.progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled()

    @Slot(int, int, str)
    def _on_worker_progress(self, done: int, total: int, text: str) -> None:
        if not self.cancelled:
            self.sig_progress.emit(done, total, text)

    @Slot(object)
    def _on_worker_result(self, outcome: tuple[bool, object]) -> None:
        ok, value = outcome
        self.finished = True
        if not self.cancelled and not isinstance(value, CancelledError):
            (self.sig_finished if ok else self.sig_failed).emit(value)
        self.sig_done.emit()
        if self._on_done is not None:
            self._on_done(self)


def _execute(task: Task, work: Work) -> None:
    """Runs on a pool thread. The pool is handed a plain callable rather than a Python QRunnable
    subclass, so no Python wrapper of a C++ object the pool deletes can outlive it."""
    try:
        if task.cancelled:
            raise CancelledError("Cancelled.")
        value = work(task.progress)
    except BaseException as exc:
        exc.__traceback__ = None  # frames hold the worker's locals: do not carry them around
        task._sig_worker_result.emit((False, exc))
    else:
        task._sig_worker_result.emit((True, value))


class TaskRunner(QObject):
    """Owns every worker thread of the desktop."""

    sig_busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, workers: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(workers)
        self._db_lane = QThreadPool(self)
        self._db_lane.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def run(
        self,
        name: str,
        work: Work,
        *,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        database: bool = True,
    ) -> Task:
        """Start ``work(progress)``; database work (the default) queues in the single lane."""
        task = Task(name, self._forget)
        if on_finished is not None:
            task.sig_finished.connect(on_finished)
        if on_failed is not None:
            task.sig_failed.connect(on_failed)
        if on_progress is not None:
            task.sig_progress.connect(on_progress)
        was_idle = not self._running
        self._running.add(task)
        (self._db_lane if database else self._pool).start(partial(_execute, task, work))
        if was_idle:
            self.sig_busy_changed.emit(True)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def tasks(self) -> list[Task]:
        return list(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def after_current(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` on the GUI thread once every task running now is done (at once if
        none is): tasks started later do not delay it. The lock closes the vault this way."""
        waiting = {task for task in self._running if not task.finished}
        if not waiting:
            callback()
            return

        def one_done(task: Task) -> None:
            waiting.discard(task)
            if not waiting:
                callback()

        for task in waiting:
            task.sig_done.connect(partial(one_done, task))

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every worker has returned (used at lock and at quit)."""
        ok = self._pool.waitForDone(timeout_ms)
        return self._db_lane.waitForDone(timeout_ms) and ok

    def shutdown(self) -> None:
        """Cancel everything and wait for the threads: connect to ``aboutToQuit``."""
        self.cancel_all()
        self.wait()
        self._running.clear()

    def _forget(self, task: Task) -> None:
        self._running.discard(task)
        if not self._running:
            self.sig_busy_changed.emit(False)
