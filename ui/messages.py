"""One sentence for each error the core raises on purpose, as the officer should read it.

The core's messages are already safe (no personal data); this module adds what to do next.
Anything unexpected becomes a generic sentence: the traceback goes to the log, never the screen.
"""

from __future__ import annotations

import logging

from oxfield.errors import (
    CancelledError,
    LockedOutError,
    OxFieldError,
    ValidationError,
    VaultDamagedError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
    WeakKeyParametersError,
    WrongPassphraseError,
)

log = logging.getLogger(__name__)


def countdown_text(seconds: float) -> str:
    whole = int(seconds) + (0 if seconds == int(seconds) else 1)
    minutes, secs = divmod(max(whole, 0), 60)
    wait = f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"
    return f"Too many wrong attempts. You can try again in {wait}."


def message_for(exc: BaseException) -> str:
    if isinstance(exc, LockedOutError):
        return countdown_text(exc.retry_after)
    if isinstance(exc, WrongPassphraseError):
        return "That passphrase is not right. Check Caps Lock and try again."
    if isinstance(exc, WeakKeyParametersError):
        return (
            "This vault's key file asks for weaker protection than OxField allows, so it was "
            "not opened. Contact IT support."
        )
    if isinstance(exc, VaultDamagedError):
        return (
            f"The vault cannot be read: {exc}. Nothing was deleted. Contact IT support, who can "
            "restore it from a backup."
        )
    if isinstance(exc, VaultNotFoundError):
        return "There is no vault at that place."
    if isinstance(exc, VaultExistsError):
        return "A vault already exists there."
    if isinstance(exc, VaultLockedError):
        return "The vault is locked. Unlock it to continue."
    if isinstance(exc, ValidationError):
        return str(exc)
    if isinstance(exc, CancelledError):
        return "Cancelled."
    if isinstance(exc, OxFieldError):
        return str(exc)
    # Only the type: an unexpected error (say from SQL) may carry values we must not log.
    log.error("unexpected error: %s", type(exc).__name__)
    return "Something went wrong. Nothing was lost; please try again or contact IT support."
