"""Records that leave a laptop's scope are removed from it, but only after its own changes to
them have gone up."""

from __future__ import annotations

from oxfield.domain import guard
from oxfield.domain.people import Child
from oxfield.replica import store
from oxfield.replica.tables import OutboxRow
from sync.client.reconcile import Tally, apply_page
from tests.sync.helpers import Server


def test_moved_out_of_scope_is_purged(sync_server: Server, laptops) -> None:
    officer = sync_server.officer("ehe")
    boss = laptops("boss", sync_server.officer("ehe", district="county", role="manager"))
    a = laptops("a", officer)
    child_id = a.new_child(given="Mo")
    a.sync_ok()
    boss.sync_ok()
    with boss.edit() as s:
        s.get(Child, child_id).district = "elsewhere"
    boss.sync_ok()
    report = a.sync_ok()
    assert report.purged == 1
    with a.open().read() as s:
        assert s.get(Child, child_id) is None
        assert store.shadow(s, child_id) is None


def test_purge_waits_for_pending_changes(sync_server: Server, laptops) -> None:
    officer = sync_server.officer("ehe")
    a = laptops("a", officer)
    child_id = a.new_child(given="Pat")
    a.sync_ok()
    with a.edit() as s:
        s.get(Child, child_id).preferred_name = "not yet sent"
    vault = a.open()
    with vault.write() as s:  # a purge arrives while the change still waits to go up
        s.info[guard.REMOTE] = True
        apply_page(s, [], [child_id], [], a.device_id, a.clock, Tally())
    with vault.read() as s:
        assert s.get(Child, child_id).preferred_name == "not yet sent"
        assert store.purges(s) == [child_id]
    report = a.sync_ok()  # the change goes up first, then the purge is carried out
    assert report.pushed == 1 and report.purged == 1
    with vault.read() as s:
        assert s.get(Child, child_id) is None
        assert s.query(OutboxRow).count() == 0
        assert store.purges(s) == []
