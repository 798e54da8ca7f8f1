"""Lock before the laptop sleeps, and when the screen locks: the platform's own signals.

A laptop closed in a car park must not wake with a case on screen. ``PowerWatcher`` emits
``sig_sleep`` when the operating system says it is about to suspend, and ``sig_screen_locked``
when the desktop session locks; the flow locks the vault on either (drafts are saved first,
as for every lock).

- Linux: logind's ``PrepareForSleep(true)`` on the system bus, logind's ``Lock`` for any
  session, and the freedesktop/GNOME screensaver's ``ActiveChanged(true)`` on the session bus,
  all through QtDBus (part of PySide6-Essentials). With no bus (CI, containers) it does
  nothing, silently.
- Windows: a native event filter for ``WM_POWERBROADCAST`` with ``PBT_APMSUSPEND``, and
  ``WM_WTSSESSION_CHANGE`` with ``WTS_SESSION_LOCK`` (delivered once the window registers for
  session notifications, which needs a native window handle: not done, so on Windows the
  screen lock is covered by the idle lock only).
- macOS: ``NSWorkspaceWillSleepNotification`` needs PyObjC, a dependency too heavy for this;
  not done: the idle lock covers a Mac (OxField's laptops run Windows).
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, Signal, Slot

LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
LOGIND_SESSION = "org.freedesktop.login1.Session"
SCREENSAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")

WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x0004
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7


def windows_event(message: int, wparam: int) -> str | None:
    """What a Windows message means for us: "sleep", "screen_locked" or None."""
    if message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND:
        return "sleep"
    if message == WM_WTSSESSION_CHANGE and wparam == WTS_SESSION_LOCK:
        return "screen_locked"
    return None


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, watcher: PowerWatcher) -> None:
        super().__init__()
        self._watcher = watcher

    def nativeEventFilter(self, event_type: Any, message: Any) -> Any:  # noqa: N802 (Qt)
        if bytes(event_type) == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            self._watcher.on_windows_message(msg.message, int(msg.wParam or 0))
        return False, 0


class PowerWatcher(QObject):
    sig_sleep = Signal()
    sig_screen_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listening: list[str] = []  # what this platform gave us (for tests and About)
        self._filter: _WindowsFilter | None = None

    def start(self) -> None:
        """Subscribe to whatever the platform offers; never raises."""
        if self.listening:
            return
        if sys.platform.startswith("linux"):
            self._listen_dbus()
        elif sys.platform == "win32":
            app = QCoreApplication.instance()
            if app is not None:
                self._filter = _WindowsFilter(self)
                app.installNativeEventFilter(self._filter)
                self.listening.append("windows")

    def _listen_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a build without QtDBus: the idle lock still works
            return
        system = QDBusConnection.systemBus()
        if system.isConnected():
            self.listen_logind(system)
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            self.listen_screensaver(session)

    def listen_logind(self, bus: Any) -> None:
        """logind's sleep and session-lock signals on ``bus`` (the system bus, or a test's)."""
        if bus.connect(
            "", LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep", self, "1on_prepare_for_sleep(bool)"
        ):
            self.listening.append("logind sleep")
        if bus.connect("", "", LOGIND_SESSION, "Lock", self, "1on_session_lock()"):
            self.listening.append("logind lock")

    def listen_screensaver(self, bus: Any) -> None:
        for interface in SCREENSAVERS:
            if bus.connect("", "", interface, "ActiveChanged", self, "1on_screensaver(bool)"):
                self.listening.append(interface)

    # --- handlers (called by the platform; tests call them directly too) ---------------------

    @Slot(bool)
    def on_prepare_for_sleep(self, going: bool) -> None:
        if going:  # False is sent on waking: nothing to do, the officer unlocks
            self.sig_sleep.emit()

    @Slot()
    def on_session_lock(self) -> None:
        self.sig_screen_locked.emit()

    @Slot(bool)
    def on_screensaver(self, active: bool) -> None:
        if active:
            self.sig_screen_locked.emit()

    def on_windows_message(self, message: int, wparam: int) -> None:
        meaning = windows_event(message, wparam)
        if meaning == "sleep":
            self.sig_sleep.emit()
        elif meaning == "screen_locked":
            self.sig_screen_locked.emit()
