"""Scope changes in awkward orders (SQLite and PostgreSQL, a real server process over HTTP).

- Away and back: a record a device wrote itself is purged when its officer moves away and
  delivered again when they move back, yet a device never pulls its own writes back while it
  still holds them (also when it missed the purge, e.g. because an answer was lost).
- A missed purge: a device behind both a record leaving its officer's district and the officer's
  later move is still told to purge that record, whatever page size it catches up with.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import sqlalchemy as sa

from oxfield.clock import Clock
from oxfield.ids import new_id
from sync.server import officers, schema
from tests.sync.helpers import Device, Server


def _note(text: str = "called at the door") -> dict[str, str]:
    return {"subject_id": new_id(), "text": text}


def _create(device: Device, count: int, **scope: Any) -> list[str]:
    ids = [new_id() for _ in range(count)]
    answers = device.push([device.change(i, _note(), scope=device.scope(**scope)) for i in ids])
    assert {a["status"] for a in answers} == {"applied"}
    return ids


def _move(server: Server, officer_id: str, **change: str) -> None:
    officers.update_officer(server.engine, officer_id, Clock().now(), **change)


def _districts() -> tuple[str, str, str]:
    tag = uuid.uuid4().hex[:12]
    return f"north-{tag}", f"south-{tag}", f"mid-{tag}"


def test_own_writes_come_back_after_the_officer_moves_away_and_back(server: Server) -> None:
    north, south, _ = _districts()
    mover = server.officer(district=north)
    laptop = Device(server, mover).enrol()
    stay_home = Device(server, mover).enrol()  # a second laptop that sleeps through it all
    mine = _create(laptop, 2)
    home = _create(stay_home, 1)
    records, _, _, start = laptop.pull_all()
    assert not set(records) & set(mine)  # its own writes never come back as new work
    _, _, _, home_cursor = stay_home.pull_all()

    _move(server, mover.id, district=south)
    _, purges, _, away = laptop.pull_all(start)
    assert sorted(purges) == sorted([*mine, *home])
    _move(server, mover.id, district=north)

    records, purges, _, back = laptop.pull_all(away)
    assert set(mine) <= set(records) and purges == []
    assert records[mine[0]]["fields"]["text"] == "called at the door"
    # the same laptop replaying the away pull's answer (lost on the way) still holds its
    # writes: nothing of its own comes back, and nothing is purged
    replay, purges, _, _ = laptop.pull_all(start)
    assert not set(replay) & set(mine) and purges == []
    # the laptop that slept through both moves holds its write: not sent back, not purged
    records, purges, _, _ = stay_home.pull_all(home_cursor)
    assert not set(records) & set(home) and purges == []
    assert set(mine) <= set(records)

    # an edit after the return is the laptop's own again: never pulled back
    [edited] = laptop.push([laptop.change(mine[0], {"text": "back again"}, base_version=1)])
    assert edited["status"] == "applied"
    records, _, _, _ = laptop.pull_all(back)
    assert mine[0] not in records
    assert mine[1] not in records  # delivered once; nothing changed it since


def test_a_record_reassigned_away_and_back_returns(server: Server) -> None:
    north, south, _ = _districts()
    owner = server.officer(district=north)
    laptop = Device(server, owner).enrol()
    [rid] = _create(laptop, 1, district=south, assigned_officer=owner.id)
    _, _, _, cursor = laptop.pull_all()
    officers.assign_record(server.engine, rid, server.officer(district=south).id, Clock().now())
    _, purges, _, cursor = laptop.pull_all(cursor)
    assert purges == [rid]
    officers.assign_record(server.engine, rid, owner.id, Clock().now())
    records, purges, _, _ = laptop.pull_all(cursor)
    assert purges == [] and records[rid]["scope"]["assigned_officer"] == owner.id


def _manager(server: Server) -> Device:
    return Device(server, server.officer(role="manager")).enrol()


@pytest.mark.parametrize("limit", [500, 1])
def test_a_record_leaving_before_its_officer_moves_is_still_purged(
    server: Server, limit: int
) -> None:
    north, south, mid = _districts()
    mover = server.officer(district=north)
    laptop = Device(server, mover).enrol()
    colleague = Device(server, server.officer(district=north)).enrol()
    leaving, staying = _create(colleague, 2)
    held, _, _, cursor = laptop.pull_all()
    assert {leaving, staying} <= set(held)

    # the laptop is offline: first the record moves to another district, then its officer
    manager = _manager(server)
    [moved] = manager.push([manager.change(leaving, {"text": "moved"}, base_version=1,
                                           scope=manager.scope(district=mid))])  # fmt: skip
    assert moved["status"] == "applied"
    _move(server, mover.id, district=south)

    records, purges, _, _ = laptop.pull_all(cursor, limit)
    assert sorted(purges) == sorted([leaving, staying])
    assert not set(records) & {leaving, staying}


def test_every_order_of_record_and_officer_moves_ends_with_exactly_the_scope(
    server: Server,
) -> None:
    """Record out, officer away, record into the new district, officer back: a device that
    catches up after all of it, or after each step, ends holding what its scope allows."""
    north, south, mid = _districts()
    mover = server.officer(district=north)
    late = Device(server, mover).enrol()
    step = Device(server, mover).enrol()
    colleague = Device(server, server.officer(district=north)).enrol()
    a, b, c = _create(colleague, 3)
    manager = _manager(server)
    held_late, _, _, late_cursor = late.pull_all()
    held_step, _, _, step_cursor = step.pull_all()

    def relocate(rid: str, district: str, version: int) -> None:
        [res] = manager.push([manager.change(rid, {"text": district}, base_version=version,
                                             scope=manager.scope(district=district))])  # fmt: skip
        assert res["status"] == "applied", res

    def catch_up(device: Device, held: dict[str, Any], cursor: int) -> int:
        records, gone, _, cursor = device.pull_all(cursor, 2)
        for rid in gone:
            held.pop(rid, None)
        held.update(records)
        return cursor

    steps = [
        lambda: relocate(a, mid, 1),
        lambda: _move(server, mover.id, district=south),
        lambda: relocate(b, south, 1),
        lambda: relocate(c, mid, 1),
        lambda: _move(server, mover.id, district=mid),
        lambda: relocate(a, north, 2),
    ]
    for act in steps:
        act()
        step_cursor = catch_up(step, held_step, step_cursor)
    late_cursor = catch_up(late, held_late, late_cursor)
    ours = {rid for rid in (a, b, c)}
    assert {rid for rid in held_step if rid in ours} == {c}
    assert {rid for rid in held_late if rid in ours} == {c}


def test_purges_sent_are_remembered_once_per_device_and_record(server: Server) -> None:
    north, south, _ = _districts()
    mover = server.officer(district=north)
    laptop = Device(server, mover).enrol()
    [rid] = _create(laptop, 1)
    _, _, _, cursor = laptop.pull_all()
    _move(server, mover.id, district=south)
    laptop.pull_all(cursor)
    laptop.pull_all(cursor)  # the same answer again: no second row, no error
    d = schema.device_purges
    with server.engine.connect() as conn:
        rows = conn.execute(sa.select(d).where(d.c.device_id == laptop.id)).all()
    assert [row.record_id for row in rows] == [rid]
