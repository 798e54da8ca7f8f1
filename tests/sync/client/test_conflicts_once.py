"""A conflict is reported once per laptop: the laptop whose push found it learns of it from
the push answer, the other from its next pull, and neither hears of it again (real server,
real vaults)."""

from __future__ import annotations

from oxfield.domain.people import Child
from oxfield.services import sync_status
from tests.sync.helpers import Server


def test_each_laptop_reports_and_stores_a_conflict_once(sync_server: Server, laptops) -> None:
    alice_o = sync_server.officer("ehe", district="d-once")
    bob_o = sync_server.officer("ehe", district="d-once")
    alice, bob = laptops("alice", alice_o), laptops("bob", bob_o)
    child_id = alice.new_child(given="Robin")
    alice.sync_ok()
    bob.sync_ok()
    with alice.edit() as s:
        s.get(Child, child_id).preferred_name = "Rob"
    with bob.edit() as s:
        s.get(Child, child_id).preferred_name = "Robbie"

    assert alice.sync_ok().conflicts == 0
    assert bob.sync_ok().conflicts == 1  # from its push answer
    assert bob.sync_ok().conflicts == 0  # the pull does not bring it back
    assert alice.sync_ok().conflicts == 1  # from her pull
    assert alice.sync_ok().conflicts == 0
    views = [
        [c for c in sync_status.conflicts(lt.open()) if c.record_id == child_id]
        for lt in (alice, bob)
    ]
    assert [len(v) for v in views] == [1, 1] and views[0][0].id == views[1][0].id
