"""The status bar's facts: online or not, when the laptop last synced, how many changes wait.

Sync feeds :class:`SyncFacts` through a :class:`SyncStatusSource` (the sync controller once a
vault is open); :class:`NoSyncYet` says "never" and 0. When the server refused changes, a
button says how many and opens "Rejected changes". The online check is cheap on purpose: it asks the
operating system whether any non-loopback network interface is up and running, every 30 s,
without sending a packet; the sync run itself is what proves the server is reachable.

The facts are read on a worker: counting a big outbox held the window for 0.3 s at unlock on a
cold disk (50,000 changes waiting), and again every 30 s. Only the newest answer is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QTimer, Signal
from PySide6.QtNetwork import QNetworkInterface
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from oxfield.clock import LONDON
from ui.tasks import TaskRunner

CHECK_INTERVAL_MS = 30_000


@dataclass(frozen=True, slots=True)
class SyncFacts:
    last_sync: datetime | None
    pending_changes: int
    #: records whose change the server refused (the status bar offers to show them)
    rejected: int = 0


class SyncStatusSource(Protocol):
    def sync_facts(self) -> SyncFacts: ...


class NoSyncYet:
    """What the status bar shows until the sync engine exists."""

    def sync_facts(self) -> SyncFacts:
        return SyncFacts(last_sync=None, pending_changes=0)


def interfaces_online() -> bool:
    """True when a non-loopback interface is up and running (no traffic is sent)."""
    for iface in QNetworkInterface.allInterfaces():
        flags = iface.flags()
        if (
            flags & QNetworkInterface.InterfaceFlag.IsUp
            and flags & QNetworkInterface.InterfaceFlag.IsRunning
            and not flags & QNetworkInterface.InterfaceFlag.IsLoopBack
        ):
            return True
    return False


def last_sync_text(when: datetime | None) -> str:
    if when is None:
        return "Last sync: never"
    return f"Last sync: {when.astimezone(LONDON):%d %b %Y %H:%M}"


class StatusPanel(QStatusBar):
    """Three labels, refreshed by a timer and whenever sync says something changed, and a
    progress bar with Cancel while sync runs."""

    sig_cancel_requested = Signal()
    sig_rejected_requested = Signal()

    def __init__(
        self,
        source: SyncStatusSource,
        runner: TaskRunner,
        online: Callable[[], bool] = interfaces_online,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Status bar")
        self._source = source
        self._runner = runner
        self._asked = 0  # the newest refresh: an older one's answer is dropped
        self._online = online
        self.online_label = QLabel(self)
        self.online_label.setAccessibleName("Connection")
        self.sync_label = QLabel(self)
        self.sync_label.setAccessibleName("Last sync")
        self.pending_label = QLabel(self)
        self.pending_label.setAccessibleName("Changes waiting")
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Sync progress")
        self.progress.setMaximumWidth(200)
        self.cancel_button = QPushButton("Cancel sync", self)
        self.cancel_button.setAccessibleName("Cancel sync")
        self.cancel_button.clicked.connect(self.sig_cancel_requested)
        self.rejected_button = QPushButton(self)
        self.rejected_button.setFlat(True)
        self.rejected_button.setAccessibleName("Show rejected changes")
        self.rejected_button.clicked.connect(self.sig_rejected_requested)
        for widget in (self.progress, self.cancel_button, self.rejected_button):
            self.addPermanentWidget(widget)
            widget.hide()
        for label in (self.online_label, self.sync_label, self.pending_label):
            self.addPermanentWidget(label)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        """The connection at once; the sync facts when a worker has read them."""
        is_online = self._online()
        self.online_label.setText("● Online" if is_online else "○ Offline")
        self.online_label.setProperty("online", is_online)
        self._asked += 1
        asked, source = self._asked, self._source
        if isinstance(source, NoSyncYet):  # no vault open: nothing to read, no worker
            self._show(source.sync_facts())
            return
        self._runner.run(
            "status bar",
            lambda _progress: (asked, source.sync_facts()),
            on_finished=self._on_facts,
            on_failed=self._on_facts_failed,
            database=False,
        )

    def _on_facts(self, answer: tuple[int, SyncFacts]) -> None:
        asked, facts = answer
        if asked == self._asked:
            self._show(facts)

    def _on_facts_failed(self, _exc: BaseException) -> None:
        """Locked while it read: the labels were cleared, and the next refresh tries again."""

    def _show(self, facts: SyncFacts) -> None:
        self.sync_label.setText(last_sync_text(facts.last_sync))
        self.pending_label.setText(f"Changes waiting: {facts.pending_changes}")
        self.rejected_button.setText(f"{facts.rejected} rejected: review")
        self.rejected_button.setVisible(facts.rejected > 0)

    def set_source(self, source: SyncStatusSource) -> None:
        """Follow another source (the sync controller after unlock, nothing after lock). The
        old source's facts leave the screen at once: at lock, nothing of the vault stays."""
        self._source = source
        self._show(SyncFacts(last_sync=None, pending_changes=0))
        self.refresh()

    def show_progress(self, done: int, total: int, text: str = "") -> None:
        self.progress.setRange(0, max(total, 0))  # 0..0 is Qt's busy indicator
        self.progress.setValue(min(done, total) if total else 0)
        self.progress.setFormat(text or "%p%")
        self.progress.show()
        self.cancel_button.show()

    def hide_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
