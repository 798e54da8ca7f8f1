"""Record-form fixtures: an unlocked copy of the seeded vault and a task runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from ui.tasks import TaskRunner


@pytest.fixture
def open_vault(seeded_vault: tuple[Path, list[str]]) -> Iterator[tuple[Vault, list[str]]]:
    vault = Vault.unlock(seeded_vault[0], PASSPHRASE)
    try:
        yield vault, seeded_vault[1]
    finally:
        vault.lock()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    made = TaskRunner()
    yield made
    made.shutdown()
