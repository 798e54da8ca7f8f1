"""Test 5, re-key and escrow: how the data key is reached changes; the data does not.

Changing the passphrase re-wraps the data key and leaves the database's pages as they were
(bar the few that hold the audit row); the old passphrase stops working and the recovery key
still works. Re-key re-encrypts every page under a new key: old key files stop opening it. An
administrator with the council's escrow private key can recover a vault.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import text

from oxfield.errors import VaultDamagedError, WrongPassphraseError
from oxfield.services import attachments
from oxfield.services.vaults import escrow_recover_vault
from oxfield.vault.engine import PAGE_SIZE
from oxfield.vault.keyfile import read_keyfile
from oxfield.vault.paths import VaultFiles
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.oxfield.vault.helpers import floor_kdf

RAW = serialization.Encoding.Raw


def _pages(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return [data[i : i + PAGE_SIZE] for i in range(0, len(data), PAGE_SIZE)]


@pytest.fixture
def big_vault(vault_path: Path) -> Path:
    v = Vault.unlock(vault_path, PASSPHRASE)
    attachments.store(v, io.BytesIO(os.urandom(2 * 1024 * 1024)))
    v.lock()
    return vault_path


def test_changing_the_passphrase_does_not_rewrite_the_database(
    big_vault: Path, recovery_key: str
) -> None:
    v = Vault.unlock(big_vault, PASSPHRASE)
    v.lock()
    before = _pages(big_vault)
    dek_wrap_before = read_keyfile(VaultFiles.at(big_vault).keys).wraps["passphrase"]
    v = Vault.unlock(big_vault, PASSPHRASE)
    v.change_passphrase("a new passphrase for tests")
    v.lock()
    after = _pages(big_vault)
    changed = sum(1 for a, b in zip(before, after, strict=False) if a != b)
    assert len(before) > 500
    # unlock + passwd add two audit rows and bump a counter: a handful of pages, not all
    assert changed <= 12, changed
    assert read_keyfile(VaultFiles.at(big_vault).keys).wraps["passphrase"] != dek_wrap_before
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(big_vault, PASSPHRASE)
    Vault.recover(big_vault, recovery_key, "and another passphrase").lock()
    Vault.unlock(big_vault, "and another passphrase").lock()


def test_rekey_rewrites_every_page_and_old_key_files_stop_working(
    big_vault: Path, recovery_key: str, tmp_path: Path
) -> None:
    files = VaultFiles.at(big_vault)
    old_keys = tmp_path / "old.keys"
    shutil.copy(files.keys, old_keys)
    before = _pages(big_vault)
    v = Vault.unlock(big_vault, PASSPHRASE)
    with v.write() as s:
        s.execute(
            text("INSERT INTO draft VALUES ('d1', 'visit', NULL, '{}', '2026-01-01 00:00:00')")
        )
    new_recovery = v.rekey(PASSPHRASE)
    with v.read() as s:  # still open, on the new key
        assert s.execute(text("SELECT form FROM draft WHERE id = 'd1'")).scalar_one() == "visit"
    assert v.check().ok
    v.lock()
    after = _pages(big_vault)
    unchanged = sum(1 for a, b in zip(before, after, strict=False) if a == b)
    assert unchanged == 0
    assert new_recovery != recovery_key
    assert not read_keyfile(files.keys).rekey_pending
    # the passphrase is the same, the recovery key is new
    with pytest.raises(WrongPassphraseError):
        Vault.recover(big_vault, recovery_key, "whatever passphrase")
    Vault.recover(big_vault, new_recovery, PASSPHRASE).lock()
    # a leaked old key file opens nothing any more
    shutil.copy(old_keys, files.keys)
    with pytest.raises(VaultDamagedError):
        Vault.unlock(big_vault, PASSPHRASE)


def test_escrow_recovery_by_an_administrator(tmp_path: Path) -> None:
    council = X25519PrivateKey.generate()
    public = council.public_key().public_bytes(RAW, serialization.PublicFormat.Raw)
    private = council.private_bytes(
        RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    path = tmp_path / "escrowed.oxv"
    created = Vault.create(path, PASSPHRASE, escrow_public_key=public, kdf=floor_kdf())
    with created.vault.write() as s:
        s.execute(text("INSERT INTO draft VALUES ('d1', 'visit', NULL, '{}', '2026-01-01')"))
    created.vault.lock()

    wrong = X25519PrivateKey.generate().private_bytes(
        RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    with pytest.raises(WrongPassphraseError, match="escrow"):
        escrow_recover_vault(path, wrong, "new passphrase")

    v = escrow_recover_vault(path, private, "passphrase set by the administrator")
    v.lock()
    v = Vault.unlock(path, "passphrase set by the administrator")
    with v.read() as s:
        assert s.execute(text("SELECT count(*) FROM draft")).scalar_one() == 1
    # re-key re-seals the escrow wrap to the same council key
    v.rekey("passphrase set by the administrator")
    v.lock()
    escrow_recover_vault(path, private, "second administrator passphrase").lock()


def test_a_vault_without_escrow_says_so(vault_path: Path) -> None:
    with pytest.raises(VaultDamagedError, match="no escrow"):
        escrow_recover_vault(vault_path, os.urandom(32), "new passphrase")
