"""Real laptops through an officer's move away and back, and a laptop that sleeps through a
record leaving its district and then its officer's move: each ends holding exactly its scope."""

from __future__ import annotations

import uuid

from oxfield.clock import Clock
from oxfield.domain.people import Child
from sync.server import officers
from tests.sync.helpers import Server


def _district(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:12]}"


def test_a_child_the_laptop_recorded_comes_back_after_its_officer_returns(
    sync_server: Server, laptops
) -> None:
    north, south = _district("north"), _district("south")
    officer = sync_server.officer("ehe", district=north)
    laptop = laptops("mover", officer)
    child_id = laptop.new_child(given="Rory")
    laptop.sync_ok()

    officers.update_officer(sync_server.engine, officer.id, Clock().now(), district=south)
    assert laptop.sync_ok().purged == 1
    with laptop.open().read() as s:
        assert s.get(Child, child_id) is None

    officers.update_officer(sync_server.engine, officer.id, Clock().now(), district=north)
    laptop.sync_ok()
    with laptop.open().read() as s:
        back = s.get(Child, child_id)
        assert back is not None and back.legal_given_names == "Rory"
    # an edit after the return goes up and does not come back down as new work
    with laptop.edit() as s:
        s.get(Child, child_id).preferred_name = "Ro"
    report = laptop.sync_ok()
    assert report.pushed == 1 and report.pulled == 0


def test_a_sleeping_laptop_loses_a_child_that_left_before_its_officer_moved(
    sync_server: Server, laptops
) -> None:
    north, south, mid = _district("north"), _district("south"), _district("mid")
    officer = sync_server.officer("ehe", district=north)
    sleeper = laptops("sleeper", officer)
    colleague = laptops("colleague", sync_server.officer("ehe", district=north))
    boss = laptops("boss", sync_server.officer("ehe", district="county", role="manager"))
    child_id = colleague.new_child(given="Sasha")
    colleague.sync_ok()
    sleeper.sync_ok()
    with sleeper.open().read() as s:
        assert s.get(Child, child_id) is not None

    boss.sync_ok()
    with boss.edit() as s:
        s.get(Child, child_id).district = mid
    boss.sync_ok()
    officers.update_officer(sync_server.engine, officer.id, Clock().now(), district=south)

    assert sleeper.sync_ok().purged == 1
    with sleeper.open().read() as s:
        assert s.get(Child, child_id) is None
