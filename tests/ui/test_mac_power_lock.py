"""macOS's sleep and screen-lock notifications reach the real flow (ui/macpower.py).

PyObjC exists only on a Mac, so the two notification centres are stand-ins with the same two
PyObjC methods: they keep the blocks OxField registers and call them as Cocoa would, with a
notification object the code must accept and ignore.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from tests.ui.conftest import make_flow, start, unlock
from ui.macpower import SCREEN_LOCKED, WILL_SLEEP, cocoa_centres
from ui.power import PowerWatcher


class Centre:
    """An NSNotificationCenter as PyObjC shows it, keeping observers by name."""

    def __init__(self) -> None:
        self.observers: dict[object, tuple[str, Callable[[Any], None]]] = {}

    def addObserverForName_object_queue_usingBlock_(
        self, name: str, obj: Any, queue: Any, block: Callable[[Any], None]
    ) -> object:
        assert obj is None and queue is None  # from anyone, delivered on the posting thread
        token = object()
        self.observers[token] = (name, block)
        return token

    def removeObserver_(self, observer: object) -> None:
        del self.observers[observer]

    def post(self, name: str) -> None:
        for wanted, block in list(self.observers.values()):
            if wanted == name:
                block(object())  # stands for the NSNotification

    def names(self) -> list[str]:
        return [name for name, _block in self.observers.values()]


def test_macos_sleep_and_screen_lock_lock_the_vault(qtbot, seeded_vault, settings) -> None:
    workspace, distributed = Centre(), Centre()
    flow = make_flow(qtbot, seeded_vault[0], settings)
    flow.power.cocoa = (workspace, distributed)
    start(qtbot, flow)
    assert workspace.names() == [WILL_SLEEP] and distributed.names() == [SCREEN_LOCKED]
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
    workspace, distributed = Centre(), Centre()
    watcher = PowerWatcher(cocoa=(workspace, distributed))
    got: list[str] = []
    watcher.sig_sleep.connect(lambda: got.append("sleep"))
    watcher.start()
    workspace.post(WILL_SLEEP)
    assert got == ["sleep"]
    watcher.stop()
    assert workspace.observers == {} and distributed.observers == {}
    workspace.post(WILL_SLEEP)
    assert got == ["sleep"]


def test_the_real_centres_exist_on_macos_only() -> None:
    # PyObjC is a darwin-only dependency: elsewhere nothing is imported and nothing listens
    assert (cocoa_centres() is not None) == (sys.platform == "darwin")
