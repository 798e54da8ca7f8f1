"""A vault unlocked once per test module, for tests that only read what they set up."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from oxfield.vault.paths import VaultFiles
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture(scope="module")
def module_vault(
    vault_template: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Vault]:
    source = VaultFiles.at(vault_template[0])
    target = VaultFiles.at(tmp_path_factory.mktemp("module") / "vault.oxv")
    shutil.copy2(source.database, target.database)
    shutil.copy2(source.keys, target.keys)
    opened = Vault.unlock(target.database, PASSPHRASE)
    yield opened
    opened.lock()
