"""Idle auto-lock: any key press or mouse use restarts the countdown; silence fires ``sig_idle``.

The policy's default is five minutes (DESIGN.md section 3); tests pass a few milliseconds.
The watcher is an application-wide event filter, so input in any window or dialog counts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

IDLE_LOCK_MS = 5 * 60 * 1000

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    sig_idle = Signal()

    def __init__(self, timeout_ms: int = IDLE_LOCK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.sig_idle)
        self._installed = False

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False
