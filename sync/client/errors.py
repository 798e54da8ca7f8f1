"""Why a sync stopped: the refusals that retrying will not cure, and the transient failures
that it may.

Every message is written for the officer and never holds personal data.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from oxfield.errors import OxFieldError


class SyncError(OxFieldError):
    """A sync could not finish."""


class TransientError(SyncError):
    """The network or the server failed in a way that may pass: retried with backoff."""


class RefusedError(SyncError):
    """The server refused, and asking again will not change its answer."""

    def __init__(self, message: str, code: str = "", field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.field = field


class NotEnrolledError(RefusedError):
    """This laptop has no device identity yet (``oxfield device enrol``)."""


class RevokedError(RefusedError):
    """The council revoked this laptop; its vault has been wiped."""


class UpgradeRequiredError(RefusedError):
    """This copy of OxField is too old for the server."""


class ClockSkewError(RefusedError):
    """The laptop's clock is too far from the server's for signed requests to be accepted."""

    def __init__(self, skew: timedelta, server_time: datetime) -> None:
        super().__init__(describe_skew(skew), "stale_timestamp")
        self.skew = skew
        self.server_time = server_time


def describe_skew(skew: timedelta) -> str:
    """Plain words: "this laptop's clock is 1 h 0 min ahead of the server's"."""
    seconds = int(abs(skew.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    amount = f"{hours} h {minutes} min" if hours else f"{minutes} min {secs} s"
    way = "ahead of" if skew.total_seconds() > 0 else "behind"
    return (
        f"this laptop's clock is {amount} {way} the server's; set the date and time "
        "correctly (automatic time), then sync again"
    )
