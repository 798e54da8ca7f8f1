"""Two officers and their manager edit the same case offline, then sync in every order:
the same final state everywhere, every conflict shown on every laptop, no value lost, and a
resolution made on one laptop settles it on all."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
import sqlalchemy as sa

from oxfield.domain.ehe import EheCase, EheSource
from oxfield.domain.people import Child
from oxfield.replica.documents import to_doc
from oxfield.services import records, sync_status
from tests.sync.helpers import Server


def _snapshot(laptop, child_id: str, case_id: str) -> tuple[str, str]:
    with laptop.open().read() as s:
        child, case = s.get(Child, child_id), s.get(EheCase, case_id)
        return json.dumps(to_doc(child), sort_keys=True), json.dumps(to_doc(case), sort_keys=True)


def _server_fields(server: Server, record_id: str) -> dict:
    with server.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT fields FROM records WHERE id = :i"), {"i": record_id})
        value = row.scalar_one()
    return value if isinstance(value, dict) else json.loads(value)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_three_offline_editors_converge(sync_server: Server, laptops, order) -> None:
    district = f"d-{''.join(map(str, order))}"
    alice_o = sync_server.officer("ehe", district=district)
    bob_o = sync_server.officer("ehe", district=district)
    boss_o = sync_server.officer("ehe", district="county", role="manager")
    alice, bob, boss = laptops("alice", alice_o), laptops("bob", bob_o), laptops("boss", boss_o)
    everyone = [alice, bob, boss]

    child_id = alice.new_child(given="Sam")
    with alice.edit() as s:
        case = records.open_ehe_case(
            s,
            s.get(Child, child_id),
            notified_on=date(2026, 9, 1),
            source=EheSource.PARENT,
            reference=f"EHE-2026-{district}",
        )
        s.flush()
        case_id = case.id
    alice.sync_ok()
    assert bob.sync_ok().pulled == 2
    assert boss.sync_ok().pulled >= 2  # a manager holds the whole team's records

    # offline, in this order of time: alice, bob, then the manager
    with alice.edit() as s:
        s.get(Child, child_id).preferred_name = "Sammy"
        s.get(EheCase, case_id).safeguarding_detail = "seen at home"
    with bob.edit() as s:
        s.get(Child, child_id).preferred_name = "Samuel"
        s.get(Child, child_id).upn = "A123456789012"
    with boss.edit() as s:
        s.get(Child, child_id).preferred_name = "Sam J"
        s.get(EheCase, case_id).source_detail = "letter from parent"

    for i in order:
        everyone[i].sync_ok()
    for laptop in everyone:  # a second round spreads what the others sent after each
        laptop.sync_ok()

    snapshots = {_snapshot(laptop, child_id, case_id) for laptop in everyone}
    assert len(snapshots) == 1, "the laptops disagree"
    child_doc = json.loads(snapshots.pop()[0])
    assert child_doc == {
        k: v for k, v in _server_fields(sync_server, child_id).items() if k != "attachments"
    }
    # one-sided edits merged silently; the later edit of the contested field stays
    assert child_doc["upn"] == "A123456789012"
    assert child_doc["preferred_name"] == "Sam J"
    with alice.open().read() as s:
        case = s.get(EheCase, case_id)
        assert (case.safeguarding_detail, case.source_detail) == (
            "seen at home",
            "letter from parent",
        )

    # every laptop shows the same conflicts, and no typed value is lost
    views = [
        [c for c in sync_status.conflicts(lt.open()) if c.record_id == child_id] for lt in everyone
    ]
    ids = [{c.id for c in v} for v in views]
    assert ids[0] == ids[1] == ids[2] and len(ids[0]) == 2
    values = {c.mine for c in views[0]} | {c.theirs for c in views[0]}
    assert {"Sammy", "Samuel", "Sam J"} <= values

    if order != (0, 1, 2):
        return  # resolving is the same whatever the order: checked once
    # alice settles each conflict on her value (by picking the side holding it, or typing it);
    # after syncing, it is settled everywhere
    for c in views[0]:
        if "Sammy" in (c.mine, c.theirs):
            side = "mine" if c.mine == "Sammy" else "theirs"
            sync_status.resolve(alice.open(), c.id, take=side)
        else:
            sync_status.resolve(alice.open(), c.id, value="Sammy")
    alice.sync_ok()
    for laptop in everyone:
        laptop.sync_ok()
    for laptop in everyone:
        assert [c for c in sync_status.conflicts(laptop.open()) if c.record_id == child_id] == []
        with laptop.open().read() as s:
            assert s.get(Child, child_id).preferred_name == "Sammy"
