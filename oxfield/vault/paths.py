"""Where a vault and its companion files live.

A vault is three files side by side: the SQLCipher database (``vault.oxv``), its key file
(``vault.oxv.keys``: wrapped data keys, no personal data) and a small state file
(``vault.oxv.state``: the failed-unlock counter, which must survive restarts). Any folder
works, including paths with spaces and non-ASCII characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "OxField"
APP_AUTHOR = "Oxfordshire County Council"


def default_vault_path() -> Path:
    """The officer's vault in the platform's per-user data folder."""
    return user_data_path(APP_NAME, APP_AUTHOR, ensure_exists=False) / "vault.oxv"


@dataclass(frozen=True, slots=True)
class VaultFiles:
    database: Path

    @classmethod
    def at(cls, path: Path | None) -> VaultFiles:
        return cls((path or default_vault_path()).expanduser().resolve())

    @property
    def keys(self) -> Path:
        return self.database.with_name(self.database.name + ".keys")

    @property
    def state(self) -> Path:
        return self.database.with_name(self.database.name + ".state")

    @property
    def wal(self) -> Path:
        return self.database.with_name(self.database.name + "-wal")

    @property
    def shm(self) -> Path:
        return self.database.with_name(self.database.name + "-shm")

    def backup(self, label: str) -> Path:
        return self.database.with_name(f"{self.database.name}.{label}.bak")

    def exists(self) -> bool:
        return self.database.exists() or self.keys.exists()
