"""Ctrl-C and a session's SIGTERM quit the desktop the same way the window's Quit does.

Python runs its signal handlers only when the interpreter gets control, and inside Qt's event
loop that can be never (Ctrl-C did nothing) or in the middle of a slot (a KeyboardInterrupt
traceback, with the vault left open). A socket pair wakes the event loop instead, and the
handler asks the application to quit, so ``aboutToQuit`` locks the vault and waits for workers.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)


class QuitOnSignal(QObject):
    """Installed once, by the desktop's composition root, for the life of the process."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        for sig in SIGNALS:
            signal.signal(sig, self._on_signal)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # Runs as soon as the wake-up byte brings the interpreter back; quitting is queued.
        self._app.quit()

    def _drain(self) -> None:
        with contextlib.suppress(OSError):  # nothing left to read: another wake-up drained it
            self._reader.recv(64)
