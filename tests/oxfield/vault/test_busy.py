"""A vault held by another window or process (a write transaction open elsewhere) is "in use",
one clear message, never a raw SQLite traceback and never "damaged"."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from oxfield.errors import VaultDamagedError, VaultError
from oxfield.vault import engine
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE


def test_a_vault_written_elsewhere_is_reported_in_use(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)  # wait 50 ms, not 30 s, for the lock
    other = Vault.unlock(vault_path, PASSPHRASE)
    holder = Vault.unlock(vault_path, PASSPHRASE)
    try:
        with holder.write() as session:
            session.execute(text("SELECT 1"))
            with pytest.raises(VaultError, match="in use") as caught, other.write() as mine:
                mine.execute(text("SELECT 1"))
            assert not isinstance(caught.value, VaultDamagedError)
        with other.write() as mine:  # once released, the same object writes
            mine.execute(text("SELECT 1"))
    finally:
        holder.lock()
        other.lock()


def test_a_read_only_vault_is_not_called_damaged() -> None:
    mapped = engine.classify_open_error(Exception("attempt to write a readonly database"))
    assert isinstance(mapped, VaultError) and not isinstance(mapped, VaultDamagedError)
    assert "read-only" in str(mapped)
