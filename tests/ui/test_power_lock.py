"""Locking before sleep and on screen lock: the platform's signal reaches the real flow.

The handler is driven directly (CI has no logind), through a private ``dbus-daemon`` bus with
real D-Bus signals when the machine has one, and the Windows message decoding is checked as
the pure function the native filter calls.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

from PySide6.QtWidgets import QWidget

from oxfield.services.drafts import load_draft
from oxfield.services.vaults import unlock_vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import make_flow, start, unlock
from ui.power import (
    LOGIND_MANAGER,
    LOGIND_PATH,
    PBT_APMSUSPEND,
    WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE,
    WTS_SESSION_LOCK,
    PowerWatcher,
    windows_event,
)
from ui.winsession import NOTIFY_FOR_THIS_SESSION, SessionNotifications


def test_sleep_locks_the_vault_and_the_draft_survives(qtbot, seeded_vault, settings) -> None:
    path, ids = seeded_vault
    flow = make_flow(qtbot, path, settings)
    start(qtbot, flow)
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    workspace.open_case(ids[0])
    detail = workspace.detail
    qtbot.waitUntil(lambda: detail.details is not None)
    detail.start_edit()
    detail.form.edits["preferred_name"].setText("Zed")  # typed, not saved
    flow.power.on_prepare_for_sleep(False)  # waking up: nothing happens
    assert not flow.locked
    with qtbot.waitSignal(flow.sig_locked, timeout=10000) as locked:
        flow.power.on_prepare_for_sleep(True)
    assert locked.args == ["sleep"] and flow.locked
    assert detail.form.edits["preferred_name"].text() == ""
    assert "before the computer went to sleep" in flow.unlock_window.message.text()
    vault = unlock_vault(path, PASSPHRASE)
    try:
        draft = load_draft(vault, "ehe_case", ids[0])
        assert draft is not None and draft.fields["preferred_name"] == "Zed"
    finally:
        vault.lock()
    flow.power.on_session_lock()  # already locked: a second lock is harmless
    flow.shutdown()


def test_screen_lock_locks_the_vault(qtbot, seeded_vault, settings) -> None:
    flow = make_flow(qtbot, seeded_vault[0], settings)
    start(qtbot, flow)
    unlock(qtbot, flow)
    with qtbot.waitSignal(flow.sig_locked, timeout=10000) as locked:
        flow.power.on_screensaver(True)
    assert locked.args == ["screen"] and flow.locked
    flow.shutdown()


def test_windows_messages_are_decoded() -> None:
    # the values from WinUser.h and WtsApi32.h, so a typo in ui.power cannot hide here
    assert (WM_POWERBROADCAST, PBT_APMSUSPEND) == (0x0218, 0x0004)
    assert (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK) == (0x02B1, 0x7)
    assert windows_event(0x0218, 0x0004) == "sleep"
    assert windows_event(0x02B1, 0x7) == "screen_locked"
    assert windows_event(WM_POWERBROADCAST, PBT_APMSUSPEND) == "sleep"
    assert windows_event(WM_POWERBROADCAST, 0x12) is None  # PBT_APMRESUMEAUTOMATIC
    assert windows_event(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK) == "screen_locked"
    assert windows_event(WM_WTSSESSION_CHANGE, 0x8) is None  # unlock
    assert windows_event(0x0010, PBT_APMSUSPEND) is None  # WM_CLOSE
    assert NOTIFY_FOR_THIS_SESSION == 0  # WtsApi32.h: only this officer's session


class FakeWtsApi:
    """Stands in for wtsapi32's two calls and records them; ``agree`` is what Windows answers."""

    def __init__(self, agree: bool = True) -> None:
        self.agree = agree
        self.calls: list[tuple[str, int, int | None]] = []

    def register(self, hwnd: int, flags: int) -> bool:
        self.calls.append(("register", hwnd, flags))
        return self.agree

    def unregister(self, hwnd: int) -> bool:
        self.calls.append(("unregister", hwnd, None))
        return True


def test_main_window_registers_for_session_lock_and_unregisters_at_close(
    qtbot, seeded_vault, settings
) -> None:
    wts = FakeWtsApi()
    flow = make_flow(qtbot, seeded_vault[0], settings)
    flow.power.wtsapi = (wts.register, wts.unregister)
    start(qtbot, flow)
    hwnd = int(flow.window.winId())
    assert hwnd != 0
    assert wts.calls == [("register", hwnd, NOTIFY_FOR_THIS_SESSION)]
    assert "windows session" in flow.power.listening
    unlock(qtbot, flow)
    with qtbot.waitSignal(flow.sig_locked, timeout=10000) as locked:  # what Windows then sends
        flow.power.on_windows_message(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    assert locked.args == ["screen"]
    flow.window.close()  # the flow shuts down on close; the handle is let go first
    assert wts.calls == [
        ("register", hwnd, NOTIFY_FOR_THIS_SESSION),
        ("unregister", hwnd, None),
    ]


def test_a_recreated_native_window_is_registered_again(qtbot) -> None:
    wts = FakeWtsApi()
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    notifications = SessionNotifications(wts.register, wts.unregister)
    assert notifications.watch(window)
    first = int(window.winId())
    window.destroy()  # Qt lets the native window go (as when a window is re-parented)
    assert wts.calls == [("register", first, 0), ("unregister", first, None)]
    window.show()  # a new native window
    second = int(window.winId())
    assert wts.calls[2:] == [("register", second, 0)]
    assert notifications.hwnd == second
    window.close()
    assert wts.calls[3:] == [("unregister", second, None)] and notifications.hwnd is None


def test_windows_refusing_the_registration_is_not_counted(qtbot) -> None:
    wts = FakeWtsApi(agree=False)
    window = QWidget()
    qtbot.addWidget(window)
    watcher = PowerWatcher(wtsapi=(wts.register, wts.unregister))
    watcher.start(window)
    assert "windows session" not in watcher.listening
    window.close()  # nothing was registered: nothing to undo
    assert [call[0] for call in wts.calls] == ["register"]
    watcher.stop()


@pytest.fixture
def private_bus() -> Iterator[str]:
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("no dbus-daemon on this machine: the handlers are tested directly above")
    proc = subprocess.Popen(
        [daemon, "--session", "--print-address=1", "--nofork", "--nopidfile"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_real_dbus_signals_reach_the_watcher(qtbot, private_bus: str) -> None:
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    listener = QDBusConnection.connectToBus(private_bus, "oxfield-test-listener")
    sender = QDBusConnection.connectToBus(private_bus, "oxfield-test-sender")
    assert listener.isConnected() and sender.isConnected()
    watcher = PowerWatcher()
    got: list[str] = []
    watcher.sig_sleep.connect(lambda: got.append("sleep"))
    watcher.sig_screen_locked.connect(lambda: got.append("locked"))
    watcher.listen_logind(listener)
    watcher.listen_screensaver(listener)
    assert {"logind sleep", "logind lock", "org.freedesktop.ScreenSaver"} <= set(watcher.listening)
    # Qt sends the AddMatch rules without waiting; a round trip on the same connection makes
    # sure the daemon has them before the sender's signals arrive (else the first may be lost)
    ping = QDBusMessage.createMethodCall(
        "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId"
    )
    assert listener.call(ping).type() == QDBusMessage.MessageType.ReplyMessage

    def send(path: str, interface: str, name: str, *args: object) -> None:
        message = QDBusMessage.createSignal(path, interface, name)
        message.setArguments(list(args))
        assert sender.send(message)

    send(LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep", False)  # waking: ignored
    send(LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep", True)
    qtbot.waitUntil(lambda: got == ["sleep"], timeout=15000)
    send("/org/freedesktop/login1/session/_31", "org.freedesktop.login1.Session", "Lock")
    qtbot.waitUntil(lambda: got == ["sleep", "locked"], timeout=15000)
    send("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
    qtbot.waitUntil(lambda: got == ["sleep", "locked", "locked"], timeout=15000)
    time.sleep(0.05)
    QDBusConnection.disconnectFromBus("oxfield-test-listener")
    QDBusConnection.disconnectFromBus("oxfield-test-sender")
