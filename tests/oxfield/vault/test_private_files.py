"""A vault's files are its owner's alone (0600, in a 0700 folder made for it): the database is
encrypted, but another account on the laptop must not be able to copy it and the key file away
to try passphrases offline. This holds for a new vault, for the files written later (the
failed-unlock counter, the key file after a passphrase change) and for a vault made by an older
version with looser permissions, which is tightened at its next unlock."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from oxfield.errors import WrongPassphraseError
from oxfield.vault.paths import VaultFiles
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.oxfield.vault.helpers import floor_kdf


def _modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}


def test_a_new_vault_and_its_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "new folder" / "Zoë"
    vault = Vault.create(folder / "vault.oxv", PASSPHRASE, kdf=floor_kdf()).vault
    try:
        modes = _modes(folder)
        assert {"vault.oxv", "vault.oxv.keys"} <= set(modes)
        assert set(modes.values()) == {0o600}, modes  # the -wal and -shm files too
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    finally:
        vault.lock()


def test_files_written_later_are_private(vault_path: Path) -> None:
    files = VaultFiles.at(vault_path)
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, "not the passphrase")
    assert stat.S_IMODE(files.state.stat().st_mode) == 0o600  # the failed-unlock counter
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        vault.change_passphrase("a different long passphrase")
    finally:
        vault.lock()
    assert stat.S_IMODE(files.keys.stat().st_mode) == 0o600


def test_an_older_vault_is_tightened_at_unlock(vault_path: Path) -> None:
    files = VaultFiles.at(vault_path)
    backup = files.backup("before-0001")
    backup.write_bytes(files.database.read_bytes())
    for path in (files.database, files.keys, backup):
        path.chmod(0o644)
    Vault.unlock(vault_path, PASSPHRASE).lock()
    assert set(_modes(vault_path.parent).values()) == {0o600}


def test_an_unlock_that_fails_still_tightens_and_links_are_left_alone(
    vault_path: Path, tmp_path: Path
) -> None:
    files = VaultFiles.at(vault_path)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not the vault's")
    elsewhere.chmod(0o644)
    files.backup("before-0002").symlink_to(elsewhere)
    leftover = vault_path.with_name("vault.oxv.keys.0a1b2c.tmp")  # a crash mid-write, once
    leftover.write_bytes(files.keys.read_bytes())
    for path in (files.database, files.keys, leftover):
        path.chmod(0o644)
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, "not the passphrase")
    for path in (files.database, files.keys, leftover, files.state):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o644


def test_oxfields_own_data_folder_is_tightened_but_a_chosen_folder_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    own = VaultFiles.at(None).database
    chosen = tmp_path / "shared on purpose" / "vault.oxv"
    for path in (own, chosen):
        Vault.create(path, PASSPHRASE, kdf=floor_kdf()).vault.lock()
        path.parent.chmod(0o755)  # as an older version left its folder
        Vault.unlock(path, PASSPHRASE).lock()
    assert stat.S_IMODE(own.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(chosen.parent.stat().st_mode) == 0o755
