"""Tests 3 and 4: damage is reported as damage, saying what was checked, and never repaired.

A truncated file, a flipped bit inside a page, a swapped page, a foreign file and a damaged key
file each raise VaultDamagedError (from unlock, or from the full check that reads every page).
A key file asking for weaker Argon2id settings than the floor is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from oxfield.errors import VaultDamagedError, WeakKeyParametersError, WrongPassphraseError
from oxfield.services.vaults import check_vault
from oxfield.vault.engine import PAGE_SIZE
from oxfield.vault.keyfile import KdfParams, read_keyfile, write_keyfile
from oxfield.vault.paths import VaultFiles
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.oxfield.vault.helpers import flip_bit, page_count, swap_pages


@pytest.fixture
def filled_path(vault_path: Path) -> Path:
    """A vault with a few pages of drafts, locked (so its WAL is checkpointed away)."""
    v = Vault.unlock(vault_path, PASSPHRASE)
    with v.write() as s:
        for i in range(60):
            s.execute(
                text(
                    "INSERT INTO draft (id, form, payload, updated_at) "
                    "VALUES (:i, 'visit', :p, '2026-01-01 00:00:00')"
                ),
                {"i": f"d{i}", "p": "synthetic note " * 40},
            )
    v.lock()
    assert page_count(vault_path) >= 10
    return vault_path


def _damaged(path: Path) -> str:
    with pytest.raises(VaultDamagedError) as info:
        check_vault(path, PASSPHRASE).raise_if_damaged()
    message = str(info.value)
    assert "damaged" in message
    assert "checked" in message
    return message


def test_truncated_mid_page(filled_path: Path) -> None:
    size = filled_path.stat().st_size
    os.truncate(filled_path, size - PAGE_SIZE // 2)
    assert "truncated" in _damaged(filled_path)
    assert filled_path.stat().st_size == size - PAGE_SIZE // 2  # left as found


def test_truncated_on_a_page_boundary(filled_path: Path) -> None:
    size = filled_path.stat().st_size
    os.truncate(filled_path, size - 3 * PAGE_SIZE)
    _damaged(filled_path)


@pytest.mark.parametrize("page", [1, 2, "middle", "last"])
def test_flipped_bit_inside_a_page(filled_path: Path, page: int | str) -> None:
    pages = page_count(filled_path)
    number = {"middle": pages // 2, "last": pages}.get(str(page), page)
    assert isinstance(number, int)
    flip_bit(filled_path, number)
    before = filled_path.read_bytes()
    _damaged(filled_path)
    assert filled_path.read_bytes() == before  # nothing written, nothing "repaired"


def test_swapped_pages(filled_path: Path) -> None:
    pages = page_count(filled_path)
    swap_pages(filled_path, pages - 2, pages - 1)
    _damaged(filled_path)


def test_foreign_files(vault_path: Path, tmp_path: Path) -> None:
    files = VaultFiles.at(vault_path)
    random_bytes = os.urandom(8 * PAGE_SIZE)
    files.database.write_bytes(random_bytes)
    _damaged(vault_path)
    assert files.database.read_bytes() == random_bytes  # never deleted or rewritten

    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    shutil.copy(plain, files.database)
    _damaged(vault_path)


def test_another_vaults_database(vault_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "vault.oxv"
    other.parent.mkdir()
    shutil.copy(vault_path, other)
    shutil.copy(VaultFiles.at(vault_path).keys, VaultFiles.at(other).keys)
    Vault.unlock(other, PASSPHRASE).rekey(PASSPHRASE)  # now under a different data key
    shutil.copy(other, vault_path)
    _damaged(vault_path)


def test_damaged_key_file_is_damage_not_a_wrong_passphrase(vault_path: Path) -> None:
    keys = VaultFiles.at(vault_path).keys
    doc = json.loads(keys.read_text())
    ciphertext = doc["wraps"]["passphrase"]["ciphertext"]
    doc["wraps"]["passphrase"]["ciphertext"] = ("A" if ciphertext[0] != "A" else "B") + ciphertext[
        1:
    ]
    keys.write_text(json.dumps(doc))
    with pytest.raises(VaultDamagedError, match=r"key file is damaged.*checksum"):
        Vault.unlock(vault_path, PASSPHRASE)
    keys.write_text('{"format": "oxfield-vault-keys", "version": 1, "kdf"')
    with pytest.raises(VaultDamagedError, match=r"key file is damaged.*checked"):
        Vault.unlock(vault_path, PASSPHRASE)
    keys.unlink()
    with pytest.raises(VaultDamagedError, match="key file is missing"):
        Vault.unlock(vault_path, PASSPHRASE)


@pytest.mark.parametrize(
    "lower",
    [
        lambda k: {**k, "memory_kib": k["memory_kib"] // 2},
        lambda k: {**k, "iterations": 2},
        lambda k: {**k, "lanes": 0},
        lambda k: {**k, "algorithm": "pbkdf2"},
    ],
    ids=["memory", "passes", "lanes", "algorithm"],
)
def test_key_file_with_lowered_kdf_is_refused(
    vault_path: Path, lower: Callable[[dict[str, object]], dict[str, object]]
) -> None:
    """Test 4, even when the attacker fixes up the (unkeyed) checksum too."""
    keys = VaultFiles.at(vault_path).keys
    doc = json.loads(keys.read_text())
    doc["kdf"] = lower(doc["kdf"])
    doc.pop("checksum")
    keys.write_text(json.dumps(doc))
    with pytest.raises(WeakKeyParametersError):
        Vault.unlock(vault_path, PASSPHRASE)


def test_a_key_file_rewritten_with_weaker_kdf_cannot_be_made_at_all(vault_path: Path) -> None:
    files = VaultFiles.at(vault_path)
    keyfile = read_keyfile(files.keys)
    weak = KdfParams(8 * 1024, 1, 1, os.urandom(16))
    with pytest.raises(WeakKeyParametersError):
        keyfile.__class__(keyfile.vault_id, weak).with_passphrase("x", bytes(32))
    write_keyfile(files.keys, keyfile)  # untouched round trip still opens
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, "wrong")
