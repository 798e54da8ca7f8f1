"""Ask Windows to tell the main window when the session locks (Win+L, lid policy, screensaver).

Windows sends ``WM_WTSSESSION_CHANGE`` only to windows registered with
``WTSRegisterSessionNotification`` (wtsapi32), and a registered window must unregister before
its native handle goes. :class:`SessionNotifications` registers the window's handle
(``int(window.winId())``) for this session, registers again if Qt recreates the native window,
and unregisters when the window closes. The two wtsapi32 calls are injected, so the logic runs
(and is tested) everywhere; :func:`wtsapi32_calls` gives the real ones on Windows only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

NOTIFY_FOR_THIS_SESSION = 0
NOTIFY_FOR_ALL_SESSIONS = 1

Register = Callable[[int, int], bool]  # (hwnd, flags) -> ok
Unregister = Callable[[int], bool]  # (hwnd) -> ok


def wtsapi32_calls() -> tuple[Register, Unregister] | None:
    """The real ``WTS(Un)RegisterSessionNotification`` through ctypes; None off Windows."""
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    try:
        dll = ctypes.WinDLL("wtsapi32")
    except OSError:  # Windows without Terminal Services (some embedded editions)
        return None
    register = dll.WTSRegisterSessionNotification
    register.argtypes = [wintypes.HWND, wintypes.DWORD]
    register.restype = wintypes.BOOL
    unregister = dll.WTSUnRegisterSessionNotification
    unregister.argtypes = [wintypes.HWND]
    unregister.restype = wintypes.BOOL
    return (lambda hwnd, flags: bool(register(hwnd, flags))), (lambda hwnd: bool(unregister(hwnd)))


class SessionNotifications(QObject):
    """Keeps one window registered for session notifications while it is open."""

    def __init__(
        self, register: Register, unregister: Unregister, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._register = register
        self._unregister = unregister
        self._window: QWidget | None = None
        self.hwnd: int | None = None  # the handle registered now, if any

    def watch(self, window: QWidget) -> bool:
        """Register ``window`` (creating its native handle if needed); True if Windows agreed."""
        hwnd = int(window.winId())  # before the filter: creating the handle sends WinIdChange
        if self._window is None:
            self._window = window
            window.installEventFilter(self)
        self._on_new_handle(hwnd)
        return self.hwnd is not None

    def release(self) -> None:
        """Unregister and stop watching: at close, before the handle is destroyed."""
        self._unregister_now()
        if self._window is not None:
            self._window.removeEventFilter(self)
            self._window = None

    def _unregister_now(self) -> None:
        if self.hwnd is not None:
            self._unregister(self.hwnd)
            self.hwnd = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._window:
            if event.type() == QEvent.Type.Close:
                self.release()
            elif event.type() == QEvent.Type.WinIdChange:
                self._on_new_handle(int(self._window.internalWinId()))
        return False

    def _on_new_handle(self, hwnd: int) -> None:
        """Qt destroyed (0) or recreated the native window: follow it, without forcing one."""
        if hwnd == self.hwnd:
            return
        self._unregister_now()
        if hwnd and self._register(hwnd, NOTIFY_FOR_THIS_SESSION):
            self.hwnd = hwnd
