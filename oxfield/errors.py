"""The errors the core raises, which the desktop and the command line turn into messages.

Every message is safe to show and to log: it never contains personal data (names, dates of
birth, notes) or secrets, only what went wrong and what was checked.
"""

from __future__ import annotations


class OxFieldError(Exception):
    """Base of every error the core raises on purpose."""


class VaultError(OxFieldError):
    """Something about the vault file or its keys."""


class WrongPassphraseError(VaultError):
    """The passphrase (or recovery key) does not unwrap the data key."""


class LockedOutError(VaultError):
    """Too many wrong passphrases in a row: the caller must wait ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class VaultDamagedError(VaultError):
    """The vault or its key file is truncated, altered or not an OxField vault at all."""


class WeakKeyParametersError(VaultError):
    """The key file asks for key-derivation settings below the floor: refused."""


class VaultNotFoundError(VaultError):
    """There is no vault at the given path."""


class VaultExistsError(VaultError):
    """A vault already exists at the path given for a new one."""


class VaultLockedError(VaultError):
    """The operation needs an unlocked vault."""


class ValidationError(OxFieldError):
    """Input that breaks a rule of the domain; ``field`` names the culprit when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class SignedRecordError(OxFieldError):
    """A signed record cannot change; corrections are amendments."""


class CancelledError(OxFieldError):
    """Long work stopped because the officer pressed cancel."""
