"""Session-wide test setup: a temporary folder of the run's own, Qt offscreen before anything
imports it, and vault fixtures.

Every temporary file of the run, the test process's and its children's (the server, the CLI,
SQLite's and Qt's own), goes under one fresh folder made here, before anything else is
imported: ``tempfile.tempdir`` and ``TMPDIR`` point at it, and pytest's ``tmp_path`` folders
are made inside it. So the privacy test can scan exactly what this run wrote, however many
other suites share the machine's temp folder. The folder is removed when the run passes and
kept for a look when it fails.

Key derivation is never weakened below the floor; instead one vault is made per session (at
the floor's settings, which every vault must meet) and its files are copied for each test
that needs a fresh one (DESIGN.md section 3).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

#: this run's temporary root (see the module's note)
RUN_TEMP = tempfile.mkdtemp(prefix="oxfield-tests-")
tempfile.tempdir = RUN_TEMP
os.environ["TMPDIR"] = RUN_TEMP
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from oxfield.vault.keyfile import MIN_ITERATIONS, MIN_MEMORY_KIB, KdfParams  # noqa: E402 - after the temp folder is set
from oxfield.vault.paths import VaultFiles  # noqa: E402 - after the temp folder is set
from oxfield.vault.vault import Vault  # noqa: E402 - after the temp folder is set

PASSPHRASE = "a long passphrase for tests only"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if exitstatus == 0:
        shutil.rmtree(RUN_TEMP, ignore_errors=True)


@pytest.fixture(scope="session")
def vault_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A vault made once per session: (database path, recovery key)."""
    path = tmp_path_factory.mktemp("template") / "vault.oxv"
    floor = KdfParams(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, os.urandom(16))
    created = Vault.create(path, PASSPHRASE, kdf=floor)
    created.vault.lock()
    return path, created.recovery_key


@pytest.fixture
def vault_path(vault_template: tuple[Path, str], tmp_path: Path) -> Path:
    """A fresh copy of the template vault in this test's own folder."""
    source = VaultFiles.at(vault_template[0])
    target = VaultFiles.at(tmp_path / "vault.oxv")
    shutil.copy2(source.database, target.database)
    shutil.copy2(source.keys, target.keys)
    return target.database


@pytest.fixture
def recovery_key(vault_template: tuple[Path, str]) -> str:
    return vault_template[1]


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    """An unlocked fresh vault, locked again after the test."""
    opened = Vault.unlock(vault_path, PASSPHRASE)
    yield opened
    opened.lock()
