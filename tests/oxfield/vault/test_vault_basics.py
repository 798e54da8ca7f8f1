"""Create, unlock, lock, change passphrase and recover: the vault's core contract."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from oxfield.errors import VaultExistsError, VaultLockedError, WrongPassphraseError
from oxfield.vault.paths import VaultFiles
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE


def test_data_survives_lock_and_unlock(vault_path: Path) -> None:
    v = Vault.unlock(vault_path, PASSPHRASE)
    with v.write() as s:
        s.execute(text("CREATE TABLE probe (x TEXT)"))
        s.execute(text("INSERT INTO probe VALUES ('kept')"))
    v.lock()
    with pytest.raises(VaultLockedError):
        v.meta("vault_id")
    again = Vault.unlock(vault_path, PASSPHRASE)
    with again.read() as s:
        assert s.execute(text("SELECT x FROM probe")).scalar_one() == "kept"
    again.lock()


def test_generation_counter_increases_at_each_unlock(vault_path: Path) -> None:
    first = Vault.unlock(vault_path, PASSPHRASE)
    g1 = first.generation
    first.lock()
    second = Vault.unlock(vault_path, PASSPHRASE)
    assert second.generation == g1 + 1
    second.lock()


def test_wrong_passphrase_then_right_one(vault_path: Path) -> None:
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, "not it")
    Vault.unlock(vault_path, PASSPHRASE).lock()


def test_recovery_key_sets_new_passphrase(vault_path: Path, recovery_key: str) -> None:
    typed = recovery_key.lower().replace("-", " ")
    Vault.recover(vault_path, typed, "a brand new passphrase").lock()
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, PASSPHRASE)
    Vault.unlock(vault_path, "a brand new passphrase").lock()


def test_create_refuses_to_overwrite(vault_path: Path) -> None:
    with pytest.raises(VaultExistsError):
        Vault.create(vault_path, "whatever")


def test_any_path_works(vault_path: Path, tmp_path: Path) -> None:
    odd = tmp_path / "Ævar's files — ünïcode" / "vault with spaces.oxv"
    odd.parent.mkdir()
    files = VaultFiles.at(vault_path)
    files.database.rename(odd)
    files.keys.rename(VaultFiles.at(odd).keys)
    Vault.unlock(odd, PASSPHRASE).lock()
