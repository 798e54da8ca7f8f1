"""Sync when the network returns (an officer's choice, off unless turned on).

Two ways to notice the network coming back, both ending in the same cheap question to the
enrolled server (``sync.client.probe``: an unsigned ``GET /v1/status``):

- the operating system's word, through ``QNetworkInformation`` where Qt has a backend for this
  machine: a change to "online" asks the server at once;
- a periodic probe on a ``QTimer`` (every ``interval_ms``), for machines with no backend and
  for the case where the network is up but the server was not.

The probe runs in the desktop's task runner (never on the GUI thread, never two at once).
Only a change from "not reachable" to "reachable" counts, and it starts sync at most once per
``min_gap_s`` and never while a run is going, so a flapping connection cannot hammer the
server. The choice is kept in QSettings (it is not personal).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtNetwork import QNetworkInformation

from ui.tasks import TaskRunner

SETTING = "sync/when_network_returns"
PROBE_INTERVAL_MS = 60_000
MIN_GAP_S = 120.0


def load_choice(settings: QSettings) -> bool:
    value = settings.value(SETTING, False)
    return value in (True, "true", "1", 1)


def save_choice(settings: QSettings, on: bool) -> None:
    settings.setValue(SETTING, on)


def os_network_information() -> QNetworkInformation | None:
    """Qt's network information for this machine, None when it has no reachability backend."""
    try:
        loaded = QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability)
    except (RuntimeError, AttributeError):
        return None
    return QNetworkInformation.instance() if loaded else None


class NetworkWatch(QObject):
    """Emits ``sig_returned`` when the server becomes reachable again (see the module)."""

    sig_returned = Signal()
    sig_probed = Signal(bool)

    def __init__(
        self,
        runner: TaskRunner,
        probe: Callable[[], bool],
        busy: Callable[[], bool],
        *,
        interval_ms: int = PROBE_INTERVAL_MS,
        min_gap_s: float = MIN_GAP_S,
        network: QNetworkInformation | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._probe = probe
        self._busy = busy
        self.min_gap_s = min_gap_s
        #: the last answer: None until the first probe
        self.reachable: bool | None = None
        self.probing = False
        self.triggers = 0
        self._last_trigger = float("-inf")
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._network = network
        if network is not None:
            network.reachabilityChanged.connect(self._on_os_reachability)

    def set_interval(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)

    @property
    def enabled(self) -> bool:
        return self._timer.isActive()

    def set_enabled(self, on: bool) -> None:
        if on and not self._timer.isActive():
            self._timer.start()
            self.check()
        elif not on:
            self._timer.stop()
            self.reachable = None

    def _on_os_reachability(self, reachability: Any) -> None:
        if self.enabled and reachability == QNetworkInformation.Reachability.Online:
            self.check()

    def check(self) -> None:
        """Ask the server now (in the background) unless a probe or a sync is under way."""
        if self.probing or self._busy():
            return
        self.probing = True
        probe = self._probe
        self._runner.run(
            "Is the server reachable?",
            lambda _p: probe(),
            on_finished=self._answered,
            on_failed=lambda _exc: self._answered(False),
            database=False,
        )

    def _answered(self, reachable: bool) -> None:
        self.probing = False
        before, self.reachable = self.reachable, bool(reachable)
        self.sig_probed.emit(self.reachable)
        if not self.enabled or not (before is False and self.reachable):
            return
        now = time.monotonic()
        if self._busy() or now - self._last_trigger < self.min_gap_s:
            return
        self._last_trigger = now
        self.triggers += 1
        self.sig_returned.emit()

    def stop(self) -> None:
        self._timer.stop()
        if self._network is not None:
            self._network.reachabilityChanged.disconnect(self._on_os_reachability)
            self._network = None
