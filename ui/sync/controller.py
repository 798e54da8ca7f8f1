"""Run sync in the background with progress and cancel, and feed the status bar.

The controller needs only something that runs ``work(progress)`` off the GUI thread and calls
back on it (the desktop's ``ui.tasks.TaskRunner.run`` has exactly this shape; ``ThreadRunner``
below is a small stand-alone one). The work receives a plain progress object, never a widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from oxfield.services import sync_status
from oxfield.services.sync_status import SyncStatus
from oxfield.services.vaults import Vault
from sync.client.run import Options, SyncReport, SyncRun
from ui.status import SyncFacts

Work = Callable[[Any], Any]


class Runner(Protocol):
    def run(
        self,
        name: str,
        work: Work,
        *,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        database: bool = True,
    ) -> Any: ...


class _Progress:
    """What the sync run sees: report() from the worker, cancelled() checked between steps."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._emit(done, total, text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Relay(QObject):
    sig_progress = Signal(int, int, str)
    sig_result = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Work, progress: _Progress, relay: _Relay) -> None:
        super().__init__()
        self.work, self.progress, self.relay = work, progress, relay

    def run(self) -> None:
        try:
            value: Any = (True, self.work(self.progress))
        except BaseException as exc:  # handed to the GUI thread, never raised in the pool
            value = (False, exc)
        self.relay.sig_result.emit(value)


class ThreadRunner(QObject):
    """A one-lane runner for when the desktop's task runner is not there (and for tests)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.progress: _Progress | None = None
        self._relays: set[_Relay] = set()

    def run(
        self,
        name: str,
        work: Work,
        *,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        database: bool = True,
    ) -> _Progress:
        relay = _Relay()
        self._relays.add(relay)
        progress = _Progress(relay.sig_progress.emit)
        if on_progress is not None:
            relay.sig_progress.connect(on_progress)

        def done(outcome: tuple[bool, Any]) -> None:
            self._relays.discard(relay)
            ok, value = outcome
            callback = on_finished if ok else on_failed
            if callback is not None:
                callback(value)

        relay.sig_result.connect(done)
        self._pool.start(_Job(work, progress, relay))
        return progress

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)


class SyncController(QObject):
    """Start, follow and cancel sync; ``sig_status`` carries the status bar's line."""

    sig_started = Signal()
    sig_progress = Signal(int, int, str)
    sig_finished = Signal(object)  # SyncReport
    sig_failed = Signal(str)
    sig_status = Signal(str)

    def __init__(
        self,
        vault: Vault,
        runner: Runner | None = None,
        options: Options | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.runner: Runner = runner or ThreadRunner(self)
        self.options = options
        self._handle: Any = None
        self.running = False

    def status(self) -> SyncStatus:
        return sync_status.status(self.vault)

    def sync_facts(self) -> SyncFacts:
        """What the desktop's status bar asks of a ``ui.status.SyncStatusSource``."""
        if self.vault.locked:
            return SyncFacts(last_sync=None, pending_changes=0)
        status = self.status()
        return SyncFacts(last_sync=status.last_success, pending_changes=status.waiting)

    @Slot()
    def start(self) -> bool:
        """Start a run unless one is going; False when it was already running."""
        if self.running:
            return False
        self.running = True
        self.sig_started.emit()
        vault, options = self.vault, self.options

        def work(progress: Any) -> SyncReport:
            return SyncRun(vault, progress=progress, options=options).run()

        self._handle = self.runner.run(
            "Sync",
            work,
            on_finished=self._finished,
            on_failed=self._failed,
            on_progress=self.sig_progress.emit,
        )
        # The desktop's runner drops the result of a cancelled task and only says it is done:
        # without this the controller would wait for ever and the status bar keep its progress.
        done = getattr(self._handle, "sig_done", None)
        if done is not None:
            done.connect(self._on_done)
        return True

    def _on_done(self) -> None:
        if self.running:  # neither finished nor failed: the run was cancelled
            self._finished(SyncReport(message="Cancelled."))

    @Slot()
    def cancel(self) -> None:
        if self._handle is not None and hasattr(self._handle, "cancel"):
            self._handle.cancel()

    def _finished(self, report: SyncReport) -> None:
        self.running = False
        self.sig_finished.emit(report)
        self._emit_status(report)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.sig_failed.emit(str(exc) or type(exc).__name__)
        self._emit_status(None)

    def _emit_status(self, report: SyncReport | None) -> None:
        if self.vault.locked:  # wiped after a revocation
            self.sig_status.emit(report.message if report else "The vault is closed")
            return
        line = self.status().summary()
        if report is not None and not report.finished:
            line = f"Sync did not finish: {report.message} · {line}"
        self.sig_status.emit(line)
