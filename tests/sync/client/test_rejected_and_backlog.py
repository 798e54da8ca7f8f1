"""A rejected change is listed with its reason, fixed and sent again (service and command
line); records older than the outbox are queued once, at enrolment or at the first sync."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text

from oxfield.domain.kinds import Team
from oxfield.domain.people import Child
from oxfield.errors import ValidationError
from oxfield.replica.backlog import QUEUED_KEY
from oxfield.replica.tables import OutboxRow
from oxfield.services import records, sync_status
from oxfield.services.sync_status import Requeued, SyncState
from oxfield.vault.tables import AuditEntry, VaultMeta
from tests.conftest import PASSPHRASE
from tests.sync.helpers import Server
from ui.cli import main


def _bad_child(laptop: Any) -> str:
    """A child whose assigned officer is not an id: the change cannot be sent."""
    with laptop.edit() as s:
        child = records.create_child(
            s, team=Team(laptop.officer.team), legal_family_name="Testfamily",
            legal_given_names="Sam", date_of_birth=date(2015, 5, 1),
            district=laptop.officer.district, assigned_officer="not-an-officer-id",
        )  # fmt: skip
        s.flush()
        return child.id


def _actions(laptop: Any, action: str) -> list[AuditEntry]:
    with laptop.open().read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_a_rejected_change_is_fixed_and_sent_again(laptops: Any, sync_server: Server) -> None:
    officer = sync_server.officer()
    a, b = laptops("a", officer), laptops("b", officer)
    child_id = _bad_child(a)
    assert a.sync_ok().rejected == 1

    found = sync_status.rejected(a.open())
    assert [(r.record_id, r.kind, r.missing) for r in found] == [(child_id, "child", False)]
    assert found[0].field is not None and "assigned_officer" in found[0].field
    assert "not valid" in found[0].reason
    assert sync_status.record_states(a.open(), [child_id])[child_id].state is SyncState.REJECTED

    with a.edit() as s:  # the officer fixes the record
        s.get(Child, child_id).assigned_officer = officer.id
    assert sync_status.resend(a.open(), child_id) is Requeued.WAITING  # the edit carries it
    assert sync_status.rejected(a.open()) == []
    assert sync_status.record_states(a.open(), [child_id])[child_id].state is SyncState.NEW
    report = a.sync_ok()
    assert (report.pushed, report.rejected) == (1, 0)
    b.sync_ok()
    with b.open().read() as s:
        assert s.get(Child, child_id).assigned_officer == officer.id
    assert [e.subject_id for e in _actions(a, "sync.change_resent")] == [child_id]


def test_resend_queues_the_current_state_when_no_edit_waits(
    laptops: Any, sync_server: Server
) -> None:
    officer = sync_server.officer()
    a = laptops("a", officer)
    child_id = _bad_child(a)
    a.sync_ok()
    with a.open().write() as s:  # fixed by a path that queues nothing (a repair script)
        s.execute(
            text("UPDATE child SET assigned_officer = :o WHERE id = :i"),
            {"o": officer.id, "i": child_id},
        )
    assert sync_status.resend(a.open(), child_id) is Requeued.QUEUED
    with pytest.raises(ValidationError) as err:
        sync_status.resend(a.open(), child_id)
    assert err.value.field == "record_id"
    assert a.sync_ok().pushed == 1
    assert sync_status.status(a.open()).rejected == 0


def test_the_command_line_lists_and_resends(
    laptops: Any, sync_server: Server, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("OXFIELD_PASSPHRASE", PASSPHRASE)
    officer = sync_server.officer()
    a = laptops("a", officer)
    child_id = _bad_child(a)
    a.sync_ok()
    a.close()
    vault = ["--vault", str(a.path)]
    assert main([*vault, "sync", "rejected", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["record_id"], r["kind"], r["on_laptop"]) for r in listed] == [
        (child_id, "child", True)
    ]
    assert "assigned_officer" in listed[0]["field"]
    assert main([*vault, "sync", "rejected"]) == 0
    assert child_id in capsys.readouterr().out

    assert main([*vault, "sync", "resend", "no-such-record"]) == 1
    err = capsys.readouterr().err
    assert "no rejected change" in err and "Traceback" not in err

    with a.edit() as s:
        s.get(Child, child_id).assigned_officer = None
    a.close()
    assert main([*vault, "sync", "resend", child_id]) == 0
    assert "wait to go up" in capsys.readouterr().out
    assert main([*vault, "sync"]) == 0
    assert "pushed 1," in capsys.readouterr().out
    assert main([*vault, "sync", "rejected"]) == 0
    assert "no rejected changes" in capsys.readouterr().out


def _forget_outbox(laptop: Any) -> None:
    """What a vault filled before migration 0003 looks like: records, no outbox rows."""
    with laptop.open().write() as s:
        s.execute(delete(OutboxRow))
        s.execute(delete(VaultMeta).where(VaultMeta.key == QUEUED_KEY))


def _outbox_ids(laptop: Any) -> list[str]:
    with laptop.open().read() as s:
        return sorted(s.scalars(select(OutboxRow.record_id)))


def test_records_older_than_the_outbox_are_queued_at_enrolment(
    laptops: Any, sync_server: Server
) -> None:
    officer = sync_server.officer()
    a = laptops("a", officer, enrolled=False)
    ids = sorted(a.new_child(given=g) for g in ("Ash", "Bo", "Cy"))
    _forget_outbox(a)
    with a.open().write() as s:  # one written before the hybrid clock existed
        s.execute(text("UPDATE child SET hlc = '' WHERE id = :i"), {"i": ids[0]})
    a.enrol()
    assert _outbox_ids(a) == ids
    assert sync_status.queue_unsent(a.open()) == 0  # once only
    assert sync_status.queue_unsent(a.open(), force=True) == 0  # and idempotent when forced
    assert _outbox_ids(a) == ids
    assert len(_actions(a, "sync.backlog_queued")) == 1
    assert a.sync_ok().pushed == 3
    b = laptops("b", officer)
    assert b.sync_ok().pulled == 3
    with b.open().read() as s:
        assert s.scalar(select(func.count()).select_from(Child)) == 3


def test_records_older_than_the_outbox_are_queued_at_the_first_sync(
    laptops: Any, sync_server: Server
) -> None:
    officer = sync_server.officer()
    a = laptops("a", officer)
    synced = a.new_child(given="Dee")
    a.sync_ok()
    ids = [a.new_child(given=g) for g in ("Eve", "Fay")]
    _forget_outbox(a)  # an enrolled vault from before this release
    assert _outbox_ids(a) == []
    report = a.sync_ok()
    assert report.pushed == 2
    assert a.sync_ok().pushed == 0
    b = laptops("b", officer)
    b.sync_ok()
    with b.open().read() as s:
        assert set(s.scalars(select(Child.id))) == {synced, *ids}
