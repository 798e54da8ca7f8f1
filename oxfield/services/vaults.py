"""The vault as the desktop and the command line see it: open, make, recover, lock.

``ui`` never imports ``oxfield.vault``; it comes through here, so the vault's internals can
change without touching a window or a command.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from oxfield.errors import OxFieldError, ValidationError
from oxfield.services.schools import ensure_default_schools
from oxfield.vault.check import CheckReport
from oxfield.vault.paths import VaultFiles, default_vault_path, open_private
from oxfield.vault.vault import Created, Vault, backoff_remaining

log = logging.getLogger(__name__)

__all__ = [
    "CheckReport",
    "Created",
    "Vault",
    "check_vault",
    "create_vault",
    "default_vault_path",
    "escrow_recover_vault",
    "load_x25519_private",
    "load_x25519_public",
    "lockout_remaining",
    "recover_vault",
    "save_recovery_key",
    "unlock_vault",
    "vault_exists",
]


def save_recovery_key(path: Path, recovery_key: str) -> None:
    """The recovery key in a text file its owner alone can read (it opens the vault)."""
    path.unlink(missing_ok=True)  # a file chosen again is replaced, and made private anew
    with open_private(path, "w", encoding="utf-8") as fh:
        fh.write(f"OxField recovery key\n{recovery_key}\n")


def vault_exists(path: Path | None) -> bool:
    return VaultFiles.at(path).exists()


def create_vault(
    path: Path | None, passphrase: str, escrow_public_key: bytes | None = None
) -> Created:
    """A new vault; show ``recovery_key`` once, then forget it."""
    created = Vault.create(path, passphrase, escrow_public_key=escrow_public_key)
    _with_schools(created.vault)
    return created


def unlock_vault(path: Path | None, passphrase: str) -> Vault:
    return _with_schools(Vault.unlock(path, passphrase))


def recover_vault(path: Path | None, recovery_key: str, new_passphrase: str) -> Vault:
    return _with_schools(Vault.recover(path, recovery_key, new_passphrase))


def _with_schools(vault: Vault) -> Vault:
    """Every vault carries the shipped school list: cases pulled from another laptop name their
    school by URN, and a vault without the list showed them with no school at all.

    Best effort: a damaged installation must not lose a new vault's recovery key or lock an
    officer out of their cases; the school picker and the demo try again when they need it."""
    try:
        ensure_default_schools(vault)
    except (OxFieldError, OSError) as exc:
        log.warning("the shipped school list was not loaded: %s", type(exc).__name__)
    return vault


def escrow_recover_vault(
    path: Path | None, council_private_key: bytes, new_passphrase: str
) -> Vault:
    """An administrator opens a vault with the council's escrow private key (raw 32 bytes)."""
    return Vault.recover_with_escrow(path, council_private_key, new_passphrase)


def check_vault(path: Path | None, passphrase: str) -> CheckReport:
    """Read every page and check the structure before anything is written; then unlock
    (audited), verify the audit chain and lock again."""
    return Vault.check_file(path, passphrase)


def lockout_remaining(path: Path | None) -> float:
    """Seconds before another unlock attempt is allowed (0 when free)."""
    return backoff_remaining(VaultFiles.at(path))


_RAW = serialization.Encoding.Raw


def load_x25519_public(data: bytes) -> bytes:
    """The council's escrow public key from a file's bytes: raw 32 bytes or PEM."""
    if len(data) == 32:
        return data
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        key = None
    if not isinstance(key, X25519PublicKey):
        raise ValidationError("the escrow public key is not an X25519 key", "escrow key")
    return key.public_bytes(_RAW, serialization.PublicFormat.Raw)


def load_x25519_private(data: bytes) -> bytes:
    """The council's escrow private key from a file's bytes: raw 32 bytes or PEM."""
    if len(data) == 32:
        return data
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, X25519PrivateKey):
        raise ValidationError("the escrow private key is not an X25519 key", "private key")
    return key.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
