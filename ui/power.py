"""Lock before the laptop sleeps, when the screen locks, and on waking from an unannounced sleep.

A laptop closed in a car park must not wake with a case on screen. ``PowerWatcher`` emits
``sig_sleep`` when the operating system says it is about to suspend, ``sig_screen_locked``
when the desktop session locks, and ``sig_woke`` when the clocks show that the machine slept
without telling us (:mod:`ui.wake`); the flow locks the vault on each (drafts are saved first,
as for every lock).

- Linux: logind's ``PrepareForSleep(true)`` on the system bus, logind's ``Lock`` for any
  session, and the freedesktop/GNOME screensaver's ``ActiveChanged(true)`` on the session bus,
  all through QtDBus (part of PySide6-Essentials). With no bus (CI, containers) it does
  nothing, silently.
- Windows: a native event filter for ``WM_POWERBROADCAST`` with ``PBT_APMSUSPEND``, and
  ``WM_WTSSESSION_CHANGE`` with ``WTS_SESSION_LOCK``, which Windows sends only because the main
  window registers for session notifications (:mod:`ui.winsession`).
- macOS: ``NSWorkspaceWillSleepNotification`` before sleep and ``com.apple.screenIsLocked``
  at screen lock, through PyObjC (a macOS-only dependency; :mod:`ui.macpower`).
- Everywhere: the wake detector, so a sleep that sent no signal (macOS, Windows Modern
  Standby, a Linux box without logind) still locks on waking.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from ui.macpower import Cocoa, MacNotifications, cocoa
from ui.wake import WakeDetector
from ui.winsession import Register, SessionNotifications, Unregister, wtsapi32_calls

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
    sig_woke = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        wake: WakeDetector | None = None,
        wtsapi: tuple[Register, Unregister] | None = None,
        cocoa: Cocoa | None = None,
    ) -> None:
        """``wake``, ``wtsapi`` (the wtsapi32 calls) and ``cocoa`` (the macOS notification
        centres and observer maker) are injected by tests."""
        super().__init__(parent)
        self.listening: list[str] = []  # what this platform gave us (for tests and About)
        self._filter: _WindowsFilter | None = None
        self.wake = wake or WakeDetector(parent=self)
        self.wake.sig_woke.connect(self.sig_woke)
        self.wtsapi = wtsapi  # the wtsapi32 calls: found at start on Windows, given by tests
        self.session_notifications: SessionNotifications | None = None
        self.cocoa = cocoa  # PyObjC's parts: found at start on macOS, given by tests
        self.mac: MacNotifications | None = None

    def start(self, window: QWidget | None = None) -> None:
        """Subscribe to whatever the platform offers for ``window`` (the main one); never raises."""
        if self.listening:
            return
        self.wake.start(window)
        self.listening.append("wake")
        if sys.platform.startswith("linux"):
            self._listen_dbus()
        elif sys.platform == "win32":
            app = QCoreApplication.instance()
            if app is not None:
                self._filter = _WindowsFilter(self)
                app.installNativeEventFilter(self._filter)
                self.listening.append("windows")
            self.wtsapi = self.wtsapi or wtsapi32_calls()
        elif sys.platform == "darwin":
            self.cocoa = self.cocoa or cocoa()
        if self.cocoa is not None:
            self.mac = MacNotifications(self.cocoa)
            self.listening += self.mac.listen(self.sig_sleep.emit, self.sig_screen_locked.emit)
        if window is not None and self.wtsapi is not None:
            self.watch_session(window, *self.wtsapi)

    def watch_session(self, window: QWidget, register: Register, unregister: Unregister) -> None:
        """Have Windows send ``window`` the session-lock message (until the window closes)."""
        self.session_notifications = SessionNotifications(register, unregister, self)
        if self.session_notifications.watch(window):
            self.listening.append("windows session")

    def stop(self) -> None:
        """Stop the wake detector and let go of what the platform was asked for."""
        self.wake.stop()
        if self.session_notifications is not None:
            self.session_notifications.release()
        if self.mac is not None:
            self.mac.release()

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
