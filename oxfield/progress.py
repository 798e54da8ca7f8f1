"""How long work reports progress and learns of a cancel, without knowing about Qt.

The desktop adapts this to signals (Orange's TaskState habit); the command line prints or
ignores it; tests use :class:`NullProgress` or a recording fake.
"""

from __future__ import annotations

from typing import Protocol

from oxfield.errors import CancelledError


class Progress(Protocol):
    def report(self, done: int, total: int, text: str = "") -> None: ...

    def cancelled(self) -> bool: ...


class NullProgress:
    """Progress that nobody watches and nobody cancels."""

    def report(self, done: int, total: int, text: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        return False


def check_cancel(progress: Progress) -> None:
    """Raise :class:`CancelledError` if the officer asked to stop."""
    if progress.cancelled():
        raise CancelledError("Cancelled.")
