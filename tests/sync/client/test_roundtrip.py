"""Records made on one laptop reach another in the same district, and edits come back."""

from __future__ import annotations

from datetime import date

from oxfield.domain.people import Child
from oxfield.replica.state import SyncState
from oxfield.services import sync_status
from tests.sync.helpers import Server


def test_a_child_travels_between_two_laptops(sync_server: Server, laptops) -> None:
    officer = sync_server.officer("ehe")
    a = laptops("a", officer)
    b = laptops("b", officer)
    child_id = a.new_child(given="Robin")
    assert sync_status.record_states(a.open(), [child_id])[child_id].state is SyncState.NEW

    report = a.sync_ok()
    assert report.pushed == 1
    assert sync_status.record_states(a.open(), [child_id])[child_id].state is SyncState.SYNCED

    report = b.sync_ok()
    assert report.pulled == 1
    with b.open().read() as s:
        child = s.get(Child, child_id)
        assert child is not None
        assert child.legal_given_names == "Robin"
        assert child.date_of_birth == date(2015, 5, 1)
        assert child.search_key  # derived keys rebuilt on arrival
        assert child.version == 1

    with b.edit() as s:
        s.get(Child, child_id).preferred_name = "Rob"
    assert b.sync_ok().pushed == 1
    assert a.sync_ok().pulled == 1
    with a.open().read() as s:
        child = s.get(Child, child_id)
        assert child.preferred_name == "Rob"
        assert child.version == 2
    # nothing to do: one request, nothing moved
    empty = a.sync_ok()
    assert (empty.pushed, empty.pulled, empty.requests) == (0, 0, 1)
