"""Where a vault and its companion files live.

A vault is three files side by side: the SQLCipher database (``vault.oxv``), its key file
(``vault.oxv.keys``: wrapped data keys, no personal data) and a small state file
(``vault.oxv.state``: the failed-unlock counter, which must survive restarts). Any folder
works, including paths with spaces and non-ASCII characters.

On POSIX systems every one of them is readable by its owner only (0600) and a folder made for
a vault by its owner only (0700): the database is encrypted, but a laptop's other accounts
have no business copying it to try passphrases offline. On Windows the per-user data folder's
own permissions do that job.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from platformdirs import user_data_path

APP_NAME = "OxField"
APP_AUTHOR = "Oxfordshire County Council"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def open_private(path: Path, mode: str = "wb", **kwargs: Any) -> IO[Any]:
    """Create ``path`` (it must not exist) readable by its owner only, then open it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags, PRIVATE_FILE), mode, **kwargs)


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

    def make_folder(self) -> None:
        self.database.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)

    def make_private(self) -> None:
        """Owner-only permissions on every file of this vault, including a vault made by an
        older version or copied in, the backups taken before migrations and a key or state
        file's temporary copy left by a crash. Links are left alone: they may point anywhere.
        The folder is tightened only when it is OxField's own data folder: a vault opened with
        ``--vault`` may sit in a folder the officer shares on purpose."""
        if os.name == "nt":
            return
        folder, name = self.database.parent, self.database.name
        if folder == default_vault_path().parent.expanduser().resolve():
            with contextlib.suppress(OSError):
                folder.chmod(PRIVATE_FOLDER)
        companions = [
            *folder.glob(f"{name}.before-*.bak"),
            *folder.glob(f"{name}.before-*.bak-wal"),
            *folder.glob(f"{name}.keys.*.tmp"),
            *folder.glob(f"{name}.state.*.tmp"),
        ]
        for path in (self.database, self.keys, self.state, self.wal, self.shm, *companions):
            with contextlib.suppress(OSError):  # not there, or a file system without modes
                if not path.is_symlink():
                    path.chmod(PRIVATE_FILE)

    def exists(self) -> bool:
        return self.database.exists() or self.keys.exists()
