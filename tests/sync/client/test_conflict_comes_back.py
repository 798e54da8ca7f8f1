"""An open conflict on a record that leaves a laptop and comes back to it through a *record*
reassignment (``oxfield-server officer assign``) reaches the laptop again: two real laptops and
the real server process.

Officer A works in another district and holds the child only because it is assigned to them;
officer B works in the child's district. Both change one field offline, which makes a
conflict. The administrator assigns the child to someone else (A's laptop purges it and the
conflict with it) and then back to A: A's laptop must show the open conflict again, whichever
laptop's push found it (the one whose push found it was told in that push's answer, and so was
left out of the pulls that brought it to others).
"""

from __future__ import annotations

import uuid

import pytest

from oxfield.clock import Clock
from oxfield.domain.people import Child
from oxfield.services import sync_status
from sync.server import officers
from tests.sync.client.conftest import Laptop
from tests.sync.helpers import Server


def _district(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:12]}"


def _assign(server: Server, record_id: str, officer_id: str | None) -> None:
    officers.assign_record(server.engine, record_id, officer_id, Clock().now())


def _holds(laptop: Laptop, child_id: str) -> bool:
    with laptop.open().read() as s:
        return s.get(Child, child_id) is not None


@pytest.mark.parametrize("found_by", ["a", "b"])
def test_open_conflict_returns_with_the_reassigned_record(
    sync_server: Server, laptops, found_by: str
) -> None:
    home, away = _district("home"), _district("away")
    a = laptops("a", sync_server.officer("ehe", district=away))
    b = laptops("b", sync_server.officer("ehe", district=home))
    elsewhere = sync_server.officer("ehe", district=_district("elsewhere"))
    child_id = b.new_child(given="Noor")
    b.sync_ok()
    _assign(sync_server, child_id, a.officer.id)
    a.sync_ok()
    assert _holds(a, child_id)

    with a.edit() as s:
        s.get(Child, child_id).preferred_name = "Noor A"
    with b.edit() as s:
        s.get(Child, child_id).preferred_name = "Noor B"
    first, second = (b, a) if found_by == "a" else (a, b)
    first.sync_ok()
    assert second.sync_ok().conflicts == 1  # this push found it
    first.sync_ok()  # the pull brings it to the other laptop
    (conflict,) = sync_status.conflicts(a.open())
    assert [c.id for c in sync_status.conflicts(b.open())] == [conflict.id]

    _assign(sync_server, child_id, elsewhere.id)
    assert a.sync_ok().purged == 1
    assert not _holds(a, child_id) and sync_status.conflicts(a.open()) == []

    _assign(sync_server, child_id, a.officer.id)
    report = a.sync_ok()
    assert _holds(a, child_id)
    back = sync_status.conflicts(a.open())
    assert [(c.id, c.field) for c in back] == [(conflict.id, "preferred_name")]
    assert {back[0].mine, back[0].theirs} == {"Noor A", "Noor B"}
    assert report.conflicts == 1
    # B held the conflict all along: the reassignments bring it again, but nothing new to tell
    assert b.sync_ok().conflicts == 0
    assert [c.id for c in sync_status.conflicts(b.open())] == [conflict.id]

    # A settles it from the returned copy; B learns the resolution, and nothing comes back
    sync_status.resolve(a.open(), conflict.id, take="mine")
    a.sync_ok()
    b.sync_ok()
    assert sync_status.conflicts(a.open()) == sync_status.conflicts(b.open()) == []
    with a.open().read() as s, b.open().read() as t:
        assert s.get(Child, child_id).preferred_name == t.get(Child, child_id).preferred_name
    assert a.sync_ok().pulled == 0
