"""macOS's own word before sleep and at screen lock, through PyObjC's notification centres.

``NSWorkspaceWillSleepNotification`` comes from the workspace's notification centre just
before the Mac sleeps, and ``com.apple.screenIsLocked`` from the distributed centre when the
screen locks. AppKit holds distributed notifications back while the app is not frontmost,
so the screen lock is observed with ``NSNotificationSuspensionBehaviorDeliverImmediately``:
that takes the selector form of the call, hence a small NSObject observer whose
``notified:`` method calls back. Both arrive on the main thread through the run loop Qt's
Cocoa event loop spins, so the callback can lock the vault directly.

PyObjC (``pyobjc-framework-Cocoa``) is installed on macOS only; :func:`cocoa` returns None
anywhere else, and tests pass centres and an observer class with the same PyObjC names.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple, Protocol

WILL_SLEEP = "NSWorkspaceWillSleepNotification"  # the constant's value is its own name
SCREEN_LOCKED = "com.apple.screenIsLocked"
SELECTOR = "notified:"  # PyObjC's name for the observer's ``notified_`` method
DELIVER_IMMEDIATELY = 4  # NSNotificationSuspensionBehaviorDeliverImmediately


class NotificationCentre(Protocol):
    """The NSNotificationCenter methods used, with PyObjC's names."""

    def addObserver_selector_name_object_(  # noqa: N802 (PyObjC's selector name)
        self, observer: Any, selector: str, name: str, obj: Any
    ) -> None: ...

    def removeObserver_(self, observer: Any) -> None: ...  # noqa: N802 (PyObjC's selector name)


class DistributedCentre(NotificationCentre, Protocol):
    def addObserver_selector_name_object_suspensionBehavior_(  # noqa: N802 (PyObjC's name)
        self, observer: Any, selector: str, name: str, obj: Any, behaviour: int
    ) -> None: ...


class Cocoa(NamedTuple):
    workspace: NotificationCentre
    distributed: DistributedCentre
    make_observer: Callable[[Callable[[], None]], Any]  # handler -> object with notified_


def cocoa() -> Cocoa | None:
    """The workspace and distributed centres and the observer maker; None off macOS."""
    if sys.platform == "darwin":  # mypy skips this block elsewhere: PyObjC is not there
        try:
            from AppKit import NSWorkspace
            from Foundation import NSDistributedNotificationCenter
        except ImportError:  # run from source without the darwin-only dependency
            return None
        return Cocoa(
            NSWorkspace.sharedWorkspace().notificationCenter(),
            NSDistributedNotificationCenter.defaultCenter(),
            _make_ns_observer,
        )
    return None


@cache
def _observer_class() -> Any:
    """Defined once, on first use (an Objective-C class name can be registered only once)."""
    if sys.platform == "darwin":
        from Foundation import NSObject

        class OxFieldPowerObserver(NSObject):
            def notified_(self, _notification: Any) -> None:
                self.handler()

        return OxFieldPowerObserver
    raise RuntimeError("NSObject exists on macOS only")


def _make_ns_observer(handler: Callable[[], None]) -> Any:
    observer = _observer_class().alloc().init()
    observer.handler = handler
    return observer


class MacNotifications:
    """Observes sleep and screen lock until :meth:`release`; keeps the observers alive."""

    def __init__(self, parts: Cocoa) -> None:
        self._parts = parts
        self._observers: list[tuple[NotificationCentre, Any]] = []

    def listen(
        self, on_sleep: Callable[[], None], on_screen_locked: Callable[[], None]
    ) -> list[str]:
        """Register both observers; returns what is listened to."""
        self.release()
        workspace, distributed, make_observer = self._parts
        sleep = make_observer(on_sleep)
        workspace.addObserver_selector_name_object_(sleep, SELECTOR, WILL_SLEEP, None)
        locked = make_observer(on_screen_locked)
        distributed.addObserver_selector_name_object_suspensionBehavior_(
            locked, SELECTOR, SCREEN_LOCKED, None, DELIVER_IMMEDIATELY
        )
        self._observers = [(workspace, sleep), (distributed, locked)]
        return ["macOS sleep", "macOS screen lock"]

    def release(self) -> None:
        for centre, observer in self._observers:
            centre.removeObserver_(observer)
        self._observers.clear()
