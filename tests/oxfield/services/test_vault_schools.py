"""The shipped school list goes into every vault when it is made or opened, but never at the
cost of the vault: with the list missing (a damaged installation) a new vault still shows its
recovery key, an existing one still opens, and recovery still reports what it did."""

from __future__ import annotations

from pathlib import Path

import pytest

from oxfield.services import schools
from oxfield.services.schools import school_count
from oxfield.services.vaults import create_vault, recover_vault, unlock_vault
from tests.conftest import PASSPHRASE


def test_a_vault_is_made_with_the_school_list(tmp_path: Path) -> None:
    created = create_vault(tmp_path / "v.oxv", PASSPHRASE)
    try:
        assert school_count(created.vault) > 300
    finally:
        created.vault.lock()


def test_a_missing_school_list_costs_the_schools_not_the_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(schools, "DEFAULT_FILE", ("reference", "no-such-list.csv"))
    path = tmp_path / "v.oxv"
    created = create_vault(path, PASSPHRASE)
    created.vault.lock()
    assert len(created.recovery_key) > 20
    unlock_vault(path, PASSPHRASE).lock()
    recovered = recover_vault(path, created.recovery_key, "a new long passphrase here")
    assert school_count(recovered) == 0
    recovered.lock()
    unlock_vault(path, "a new long passphrase here").lock()
    assert "school list was not loaded" in caplog.text
    assert "no-such-list" not in caplog.text  # the reason's kind, never a path
