"""macOS's own word before sleep and at screen lock, through PyObjC's notification centres.

``NSWorkspaceWillSleepNotification`` comes from the workspace's notification centre just
before the Mac sleeps, and ``com.apple.screenIsLocked`` from the distributed centre when the
screen locks. Both are delivered on the main thread through the run loop Qt's Cocoa event
loop already spins, so the block can lock the vault directly. PyObjC
(``pyobjc-framework-Cocoa``) is installed on macOS only; :func:`cocoa_centres` returns None
anywhere else, and tests pass their own centres with the same two methods.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Protocol

WILL_SLEEP = "NSWorkspaceWillSleepNotification"  # the constant's value is its own name
SCREEN_LOCKED = "com.apple.screenIsLocked"


class NotificationCentre(Protocol):
    """The two NSNotificationCenter methods used, with PyObjC's names."""

    def addObserverForName_object_queue_usingBlock_(  # noqa: N802 (PyObjC's selector name)
        self, name: str, obj: Any, queue: Any, block: Callable[[Any], None]
    ) -> Any: ...

    def removeObserver_(self, observer: Any) -> None: ...  # noqa: N802 (PyObjC's selector name)


def cocoa_centres() -> tuple[NotificationCentre, NotificationCentre] | None:
    """The workspace and distributed notification centres; None off macOS or without PyObjC."""
    if sys.platform == "darwin":  # mypy skips this block elsewhere: PyObjC is not there
        try:
            from AppKit import NSWorkspace
            from Foundation import NSDistributedNotificationCenter
        except ImportError:  # run from source without the darwin-only dependency
            return None
        workspace = NSWorkspace.sharedWorkspace().notificationCenter()
        return workspace, NSDistributedNotificationCenter.defaultCenter()
    return None


def _block(handler: Callable[[], None]) -> Callable[[Any], None]:
    """The block PyObjC calls with the NSNotification, which OxField does not need."""

    def block(_notification: Any) -> None:
        handler()

    return block


class MacNotifications:
    """Observes sleep and screen lock until :meth:`release`; returns what it listens to."""

    def __init__(self, workspace: NotificationCentre, distributed: NotificationCentre) -> None:
        self._workspace = workspace
        self._distributed = distributed
        self._observers: list[tuple[NotificationCentre, Any]] = []

    def listen(
        self, on_sleep: Callable[[], None], on_screen_locked: Callable[[], None]
    ) -> list[str]:
        """Register both observers (a queue of None runs the block on the posting thread)."""
        self.release()
        for centre, name, handler in (
            (self._workspace, WILL_SLEEP, on_sleep),
            (self._distributed, SCREEN_LOCKED, on_screen_locked),
        ):
            token = centre.addObserverForName_object_queue_usingBlock_(
                name, None, None, _block(handler)
            )
            self._observers.append((centre, token))
        return ["macOS sleep", "macOS screen lock"]

    def release(self) -> None:
        for centre, token in self._observers:
            centre.removeObserver_(token)
        self._observers.clear()
