"""The revocation wipe: destroy the wrapped keys and the vault, and say why.

The key file holds the only copies of the wrapped data key, so overwriting it and deleting it
makes the database unreadable even if a copy of the database survives on disk; the database,
its journal files, the migration backups and the unlock-state file go too.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from oxfield.vault.vault import Vault


def _shred(path: Path) -> None:
    with suppress(FileNotFoundError):
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.write(os.urandom(min(size, 1 << 20)) if size else b"")
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()


def wipe(vault: Vault) -> list[Path]:
    """Lock ``vault`` and destroy its files; returns what was removed."""
    files = vault.files
    vault.lock()
    targets = [files.keys, files.database, files.wal, files.shm, files.state]
    targets += sorted(files.database.parent.glob(files.database.name + ".*.bak"))
    removed = []
    for path in targets:
        if path.exists():
            _shred(path)
            removed.append(path)
    return removed
