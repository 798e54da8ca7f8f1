"""Test 8: the audit chain's verifier names the first entry that was edited, deleted or moved,
and notices rows deleted from the end; unlock, passphrase changes, recovery and re-key are
audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from oxfield.errors import VaultDamagedError
from oxfield.services import audit as audit_service
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def chained(vault: Vault) -> Vault:
    for i in range(8):
        audit_service.record(
            vault, "case.read", subject_kind="case", subject_id=f"case-{i}", detail={"n": i}
        )
    report = audit_service.verify(vault)
    assert report.ok and report.entries >= 10
    return vault


def _sql(vault: Vault, statement: str) -> None:
    with vault.write() as s:
        s.execute(text(statement))


def _first_broken(vault: Vault) -> int | None:
    report = audit_service.verify(vault)
    assert not report.ok
    return report.first_broken


def test_edited_field_is_named(chained: Vault) -> None:
    _sql(chained, "UPDATE audit_log SET subject_id = 'case-99' WHERE seq = 5")
    assert _first_broken(chained) == 5


def test_edited_time_is_named(chained: Vault) -> None:
    _sql(chained, "UPDATE audit_log SET at = '2020-01-01 00:00:00.000000' WHERE seq = 7")
    assert _first_broken(chained) == 7


def test_deleted_row_is_named(chained: Vault) -> None:
    _sql(chained, "DELETE FROM audit_log WHERE seq = 4")
    report = audit_service.verify(chained)
    assert report.first_broken == 4
    assert "missing" in report.reason


def test_renumbered_rows_after_a_deletion_are_caught(chained: Vault) -> None:
    _sql(chained, "DELETE FROM audit_log WHERE seq = 4")
    _sql(chained, "UPDATE audit_log SET seq = seq - 1 WHERE seq > 4")
    assert _first_broken(chained) == 4


def test_swapped_rows_are_caught(chained: Vault) -> None:
    _sql(chained, "UPDATE audit_log SET seq = -1 WHERE seq = 3")
    _sql(chained, "UPDATE audit_log SET seq = 3 WHERE seq = 6")
    _sql(chained, "UPDATE audit_log SET seq = 6 WHERE seq = -1")
    assert _first_broken(chained) == 3


def test_deleting_the_tail_is_caught_by_the_head(chained: Vault) -> None:
    last = audit_service.verify(chained).entries
    _sql(chained, f"DELETE FROM audit_log WHERE seq >= {last - 1}")
    report = audit_service.verify(chained)
    assert report.first_broken == last - 1
    assert "removed" in report.reason


def test_deleting_the_head_record_is_caught(chained: Vault) -> None:
    _sql(chained, "DELETE FROM vault_meta WHERE key = 'audit_head'")
    assert "head" in audit_service.verify(chained).reason


def test_a_mac_copied_from_another_row_does_not_help(chained: Vault) -> None:
    _sql(
        chained,
        "UPDATE audit_log SET mac = (SELECT mac FROM audit_log WHERE seq = 2) WHERE seq = 3",
    )
    assert _first_broken(chained) == 3


def test_check_reports_a_broken_chain(chained: Vault) -> None:
    _sql(chained, "UPDATE audit_log SET action = 'nothing' WHERE seq = 2")
    report = chained.check()
    assert not report.ok
    assert "entry 2" in report.problem()
    with pytest.raises(VaultDamagedError, match="audit"):
        report.raise_if_damaged()


def test_audit_row_commits_with_the_change_or_not_at_all(vault: Vault) -> None:
    before = audit_service.verify(vault).entries
    with pytest.raises(RuntimeError), vault.write() as s:
        audit_service.record_in(vault, s, "case.update", subject_id="case-1")
        raise RuntimeError("the change failed")
    assert audit_service.verify(vault).entries == before


def test_vault_events_are_audited(vault_path: Path) -> None:
    v = Vault.unlock(vault_path, PASSPHRASE)
    v.change_passphrase("second passphrase")
    new_recovery = v.rekey("second passphrase")
    v.lock()
    v = Vault.recover(vault_path, new_recovery, "third passphrase")
    with v.read() as s:
        actions = list(s.execute(text("SELECT action FROM audit_log ORDER BY seq")).scalars())
    assert v.verify_audit().ok
    v.lock()
    assert actions[0] == "vault.create"
    assert actions[-4:] == ["vault.unlock", "vault.passwd", "vault.rekey", "vault.recover"]
