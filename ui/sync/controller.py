"""Run sync in the background with progress and cancel, and feed the status bar.

The run goes through the desktop's one task runner (``ui.tasks.TaskRunner``), on its pool
rather than its single database lane, so the lists stay responsive during a long first sync
(the vault serialises its own writes). The work receives a plain progress object, never a
widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from oxfield.services import sync_status
from oxfield.services.vaults import Vault
from sync.client.run import Options, SyncReport, SyncRun
from ui.status import SyncFacts
from ui.tasks import TaskProgress, TaskRunner

Work = Callable[[Any], Any]
#: the report's message when the officer cancelled (the engine's own words for it)
CANCELLED = "Cancelled."


class SyncController(QObject):
    """Start, follow and cancel sync; the status bar reads :meth:`sync_facts` on a worker."""

    sig_started = Signal()
    sig_progress = Signal(int, int, str)
    sig_finished = Signal(object)  # SyncReport
    sig_failed = Signal(str)

    def __init__(
        self,
        vault: Vault,
        runner: TaskRunner,
        options: Options | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.runner = runner
        self.options = options
        self._handle: Any = None
        self.running = False
        self._closed = False

    def sync_facts(self) -> SyncFacts:
        """What the desktop's status bar asks of a ``ui.status.SyncStatusSource`` (it counts
        the outbox, so the bar asks from a worker)."""
        if self.vault.locked:
            return SyncFacts(last_sync=None, pending_changes=0)
        status = sync_status.status(self.vault)
        return SyncFacts(
            last_sync=status.last_success, pending_changes=status.waiting, rejected=status.rejected
        )

    @Slot()
    def start(self) -> bool:
        """Start a run unless one is going; False when it was already running."""
        if self.running:
            return False
        self.running = True
        self.sig_started.emit()
        vault, options = self.vault, self.options

        def work(progress: TaskProgress) -> SyncReport:
            run = SyncRun(vault, progress=progress, options=options)
            # a cancel (the officer's, or the lock's) also cuts the request in flight: a
            # stalled server must not hold the worker, nor the vault, until its time-out
            progress.on_cancel(run.abort)
            return run.run()

        self._handle = self.runner.run(
            "Sync",
            work,
            on_finished=self._finished,
            on_failed=self._failed,
            on_progress=self.sig_progress.emit,
            database=False,
        )
        # The desktop's runner drops the result of a cancelled task and only says it is done:
        # without this the controller would wait for ever and the status bar keep its progress.
        done = getattr(self._handle, "sig_done", None)
        if done is not None:
            done.connect(self._on_done)
        return True

    def _on_done(self) -> None:
        if self.running:  # neither finished nor failed: the run was cancelled
            self._finished(SyncReport(message=CANCELLED))

    @Slot()
    def cancel(self) -> None:
        if self._handle is not None and hasattr(self._handle, "cancel"):
            self._handle.cancel()

    def close(self) -> None:
        """At lock: cancel the run and never touch the vault again. The vault may stay open
        a moment longer, until the worker has returned, and its outcome must not be read
        back onto a locked screen."""
        self._closed = True
        self.running = False
        self.cancel()

    def _finished(self, report: SyncReport) -> None:
        if self._closed:
            return
        self.running = False
        self.sig_finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self.running = False
        self.sig_failed.emit(str(exc) or type(exc).__name__)
