"""An injectable clock, so that tests and the rules never read "now" behind our back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class Clock:
    """The real clock. Instants are aware UTC datetimes; calendar dates are London dates."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone(LONDON).date()


@dataclass
class FixedClock(Clock):
    """A clock that stands still until a test moves it."""

    instant: datetime = field(default_factory=lambda: datetime(2026, 3, 29, 0, 30, tzinfo=UTC))

    def now(self) -> datetime:
        return self.instant

    def advance(self, delta: timedelta) -> None:
        self.instant += delta


def from_callable(now: Callable[[], datetime]) -> Clock:
    """Wrap a plain function as a Clock (handy for monotonic fakes)."""

    class _Wrapped(Clock):
        def now(self) -> datetime:
            return now()

    return _Wrapped()
