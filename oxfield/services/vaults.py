"""The vault as the desktop and the command line see it: open, make, recover, lock.

``ui`` never imports ``oxfield.vault``; it comes through here, so the vault's internals can
change without touching a window or a command.
"""

from __future__ import annotations

from pathlib import Path

from oxfield.vault.paths import VaultFiles, default_vault_path
from oxfield.vault.vault import Created, Vault, backoff_remaining

__all__ = [
    "Created",
    "Vault",
    "create_vault",
    "default_vault_path",
    "lockout_remaining",
    "recover_vault",
    "unlock_vault",
    "vault_exists",
]


def vault_exists(path: Path | None) -> bool:
    return VaultFiles.at(path).exists()


def create_vault(
    path: Path | None, passphrase: str, escrow_public_key: bytes | None = None
) -> Created:
    """A new vault; show ``recovery_key`` once, then forget it."""
    return Vault.create(path, passphrase, escrow_public_key=escrow_public_key)


def unlock_vault(path: Path | None, passphrase: str) -> Vault:
    return Vault.unlock(path, passphrase)


def recover_vault(path: Path | None, recovery_key: str, new_passphrase: str) -> Vault:
    return Vault.recover(path, recovery_key, new_passphrase)


def lockout_remaining(path: Path | None) -> float:
    """Seconds before another unlock attempt is allowed (0 when free)."""
    return backoff_remaining(VaultFiles.at(path))
