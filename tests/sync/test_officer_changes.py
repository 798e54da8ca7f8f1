"""Moving an officer and reassigning a record: the devices that lost records get purges on
their next pull, the devices that gained records receive them, pushes follow the new scope at
once, and every change is audited (SQLite and PostgreSQL, a real server process)."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from oxfield.clock import Clock
from oxfield.ids import new_id
from sync.server import officers, schema
from sync.server.cli import main
from tests.sync.helpers import Device, Server


def _note(text: str = "called at the door") -> dict[str, str]:
    return {"subject_id": new_id(), "text": text}


def _create(device: Device, count: int, **scope: Any) -> list[str]:
    ids = [new_id() for _ in range(count)]
    answers = device.push([device.change(i, _note(), scope=device.scope(**scope)) for i in ids])
    assert {a["status"] for a in answers} == {"applied"}
    return ids


def _audit(server: Server, target: str) -> list[Any]:
    a = schema.admin_audit
    with server.engine.connect() as conn:
        return list(conn.execute(sa.select(a).where(a.c.target == target).order_by(a.c.at)))


def test_moving_an_officer_purges_what_they_lost_and_delivers_what_they_gained(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    north, south = f"north-{new_id()[:8]}", f"south-{new_id()[:8]}"
    mover = server.officer(district=north)
    laptop = Device(server, mover).enrol()
    colleague_n = Device(server, server.officer(district=north)).enrol()
    colleague_s = Device(server, server.officer(district=south)).enrol()
    north_ids = _create(colleague_n, 3)
    kept_id = _create(colleague_n, 1, assigned_officer=mover.id)  # assigned: stays with them
    south_ids = _create(colleague_s, 4)
    held, _, _, cursor = laptop.pull_all()
    assert set(held) >= {*north_ids, *kept_id} and not set(held) & set(south_ids)

    code = main(["--database-url", server.database_url, "officer", "update", mover.id,
                 "--district", south])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "3 records leave" in out and "4 arrive" in out

    records, purges, _, _ = laptop.pull_all(cursor)
    assert sorted(purges) == sorted(north_ids)  # each purge once, only what was lost
    assert set(south_ids) <= set(records) and not set(records) & set(north_ids)
    # an edit to a record it lost is refused at once; one in the new district is accepted
    [refused] = laptop.push([laptop.change(north_ids[0], {"text": "late"}, base_version=1)])
    assert refused["status"] == "rejected" and "scope" in refused["reason"]
    [taken] = laptop.push([laptop.change(south_ids[0], {"text": "seen"}, base_version=1)])
    assert taken["status"] == "applied"
    # a device that did not take part (the colleague up north) is not told anything new
    _, colleague_purges, _, _ = colleague_n.pull_all()
    assert not set(colleague_purges) & set(north_ids)
    # a new laptop of the moved officer starts with exactly the new scope
    fresh, _, _, _ = Device(server, mover).enrol().pull_all()
    assert set(fresh) == {*south_ids, *kept_id}
    [audit] = _audit(server, mover.id)
    assert audit.action == "officer_update"
    assert audit.details["before"]["district"] == north
    assert audit.details["after"]["district"] == south
    assert audit.details["records_lost"] == 3 and audit.details["records_gained"] == 4


def test_promotion_to_manager_delivers_the_whole_team(server: Server) -> None:
    officer = server.officer(team="cme")
    laptop = Device(server, officer).enrol()
    elsewhere = Device(server, server.officer(team="cme")).enrol()
    other_team = Device(server, server.officer(team="attendance")).enrol()
    far = _create(elsewhere, 2)
    not_ours = _create(other_team, 1)
    _, _, _, cursor = laptop.pull_all()
    change = officers.update_officer(server.engine, officer.id, Clock().now(), role="manager")
    assert change.lost == 0 and change.gained >= 2
    records, purges, _, _ = laptop.pull_all(cursor)
    assert set(far) <= set(records) and not set(records) & set(not_ours) and purges == []
    # and back to officer: what only the manager could see leaves again
    officers.update_officer(server.engine, officer.id, Clock().now(), role="officer")
    _, purges, _, _ = laptop.pull_all(cursor)
    assert set(far) <= set(purges)


def test_reassigning_a_record_moves_it_between_officers_devices(server: Server) -> None:
    owner = Device(server, server.officer(team="licensing")).enrol()
    first = Device(server, server.officer(team="licensing")).enrol()
    second = Device(server, server.officer(team="licensing")).enrol()
    [rid] = _create(owner, 1)
    _, _, _, c1 = first.pull_all()
    _, _, _, c2 = second.pull_all()

    code = main(["--database-url", server.database_url, "officer", "assign", rid,
                 "--to", first.officer.id])  # fmt: skip
    assert code == 0
    records, _, _, c1 = first.pull_all(c1)
    assert records[rid]["scope"]["assigned_officer"] == first.officer.id
    assert records[rid]["version"] == 2

    officers.assign_record(server.engine, rid, second.officer.id, Clock().now())
    _, purges, _, _ = first.pull_all(c1)
    assert purges == [rid]
    records, _, _, _ = second.pull_all(c2)
    assert records[rid]["scope"]["assigned_officer"] == second.officer.id
    # the owner's own scope still holds it (team and district unchanged), its edit merges
    [merged] = owner.push([owner.change(rid, {"text": "owner's words"}, base_version=1)])
    assert merged["status"] == "merged"
    assert merged["record"]["scope"]["assigned_officer"] == second.officer.id
    assert [a.action for a in _audit(server, rid)] == ["record_assign", "record_assign"]


def test_officer_commands_refuse_bad_input_with_one_line(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.database_url
    officer = server.officer()
    cases = [
        (["officer", "update", new_id(), "--team", "ehe"], "officer: no officer has this id"),
        (["officer", "update", officer.id], "give at least one of"),
        (["officer", "update", officer.id, "--district", " "], "district: the district is empty"),
        (["officer", "assign", new_id(), "--to", officer.id], "record: no record has this id"),
        (["officer", "assign", new_id(), "--to", new_id()], "officer: no officer has this id"),
    ]
    for argv, message in cases:
        code = main(["--database-url", url, *argv])
        err = capsys.readouterr().err
        assert code == 2 and message in err and "Traceback" not in err, argv
        assert len(err.strip().splitlines()) == 1
