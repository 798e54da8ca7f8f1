"""macOS's sleep and screen-lock notifications reach the real flow (ui/macpower.py).

PyObjC exists only on a Mac, so the two notification centres are stand-ins with the same
PyObjC method names: they keep the observers OxField registers and call their ``notified:``
selector as Cocoa would, with a notification object the code must accept and ignore.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from tests.ui.conftest import make_flow, start, unlock
from ui.macpower import SCREEN_LOCKED, WILL_SLEEP, Cocoa, cocoa
from ui.power import PowerWatcher


class Observer:
    """What ``make_observer`` gives on a Mac: an object whose ``notified:`` calls the handler."""

    def __init__(self, handler: Callable[[], None]) -> None:
        self.handler = handler

    def notified_(self, _notification: Any) -> None:
        self.handler()


class Centre:
    """An NSNotificationCenter (or the distributed one) as PyObjC shows it."""

    def __init__(self) -> None:
        self.observers: list[tuple[Any, str, str, int | None]] = []

    def addObserver_selector_name_object_(
        self, observer: Any, selector: str, name: str, obj: Any
    ) -> None:
        assert obj is None  # from any sender
        self.observers.append((observer, selector, name, None))

    def addObserver_selector_name_object_suspensionBehavior_(
        self, observer: Any, selector: str, name: str, obj: Any, behaviour: int
    ) -> None:
        assert obj is None
        self.observers.append((observer, selector, name, behaviour))

    def removeObserver_(self, observer: Any) -> None:
        self.observers = [entry for entry in self.observers if entry[0] is not observer]

    def post(self, name: str) -> None:
        """Deliver as Cocoa does: the selector ``notified:`` is the method ``notified_``."""
        for observer, selector, wanted, _behaviour in list(self.observers):
            if wanted == name:
                getattr(observer, selector.replace(":", "_"))(object())

    def names(self) -> list[tuple[str, int | None]]:
        return [(name, behaviour) for _observer, _selector, name, behaviour in self.observers]


def parts() -> Cocoa:
    return Cocoa(Centre(), Centre(), Observer)


def test_macos_sleep_and_screen_lock_lock_the_vault(qtbot, seeded_vault, settings) -> None:
    cocoa = parts()
    workspace, distributed = cocoa.workspace, cocoa.distributed
    assert isinstance(workspace, Centre) and isinstance(distributed, Centre)
    flow = make_flow(qtbot, seeded_vault[0], settings)
    flow.power.cocoa = cocoa
    start(qtbot, flow)
    assert workspace.names() == [(WILL_SLEEP, None)]
    # 4 is NSNotificationSuspensionBehaviorDeliverImmediately: not held back while in the background
    assert distributed.names() == [(SCREEN_LOCKED, 4)]
    assert {"macOS sleep", "macOS screen lock"} <= set(flow.power.listening)
    unlock(qtbot, flow)
    distributed.post("com.apple.screenIsUnlocked")  # not ours: nothing happens
    workspace.post("NSWorkspaceDidWakeNotification")
    assert not flow.locked
    with qtbot.waitSignal(flow.sig_locked, timeout=10000) as locked:
        workspace.post("NSWorkspaceWillSleepNotification")
    assert locked.args == ["sleep"]
    unlock(qtbot, flow)
    with qtbot.waitSignal(flow.sig_locked, timeout=10000) as locked:
        distributed.post("com.apple.screenIsLocked")
    assert locked.args == ["screen"]
    flow.shutdown()


def test_stopping_removes_the_observers() -> None:
    cocoa = parts()
    workspace, distributed = cocoa.workspace, cocoa.distributed
    assert isinstance(workspace, Centre) and isinstance(distributed, Centre)
    watcher = PowerWatcher(cocoa=cocoa)
    got: list[str] = []
    watcher.sig_sleep.connect(lambda: got.append("sleep"))
    watcher.start()
    workspace.post(WILL_SLEEP)
    assert got == ["sleep"]
    watcher.stop()
    assert workspace.observers == [] and distributed.observers == []
    workspace.post(WILL_SLEEP)
    assert got == ["sleep"]


def test_the_real_centres_exist_on_macos_only() -> None:
    # PyObjC is a darwin-only dependency: elsewhere nothing is imported and nothing listens
    assert (cocoa() is not None) == (sys.platform == "darwin")
