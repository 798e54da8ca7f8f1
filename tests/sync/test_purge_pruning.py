"""``device_purges`` rows go once nothing can need them (SQLite and PostgreSQL, a real server
process over HTTP): after the device acknowledged getting the record back (a pull from a cursor
past the record and its conflicts), or once they are obsolete (another device wrote the record
and no open conflict of the device's own needs bringing back). A row still needed stays: for a
record still away, and for a record delivered back until the pull that acknowledges it and its
conflicts, so a pull repeated after a lost answer still gets them.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from oxfield.clock import Clock
from oxfield.ids import new_id
from sync.server import officers, schema
from tests.sync.helpers import Device, Server


def _rows(server: Server, device: Device) -> dict[str, int]:
    d = schema.device_purges
    with server.engine.connect() as conn:
        found = conn.execute(
            sa.select(d.c.record_id, d.c.feed_seq).where(d.c.device_id == device.id)
        )
        return {rid: int(seq) for rid, seq in found}


def _create(device: Device, count: int, **scope: Any) -> list[str]:
    ids = [new_id() for _ in range(count)]
    texts = {"subject_id": new_id(), "text": "called at the door"}
    answers = device.push([device.change(i, texts, scope=device.scope(**scope)) for i in ids])
    assert {a["status"] for a in answers} == {"applied"}
    return ids


def _move(server: Server, officer_id: str, district: str) -> None:
    officers.update_officer(server.engine, officer_id, Clock().now(), district=district)


def _places() -> tuple[str, str, str]:
    tag = uuid.uuid4().hex[:12]
    return f"north-{tag}", f"south-{tag}", f"mid-{tag}"


def test_rows_go_when_the_device_acknowledges_its_writes_back(server: Server) -> None:
    north, south, _ = _places()
    mover = server.officer(district=north)
    laptop = Device(server, mover).enrol()
    mine = _create(laptop, 2)
    _, _, _, start = laptop.pull_all()

    _move(server, mover.id, south)
    _, purges, _, away = laptop.pull_all(start)
    assert sorted(purges) == sorted(mine)
    assert set(_rows(server, laptop)) == set(mine)
    laptop.pull_all(away)  # still away: the rows are what will bring the records back
    assert set(_rows(server, laptop)) == set(mine)

    _move(server, mover.id, north)
    records, _, _, back = laptop.pull_all(away)
    assert set(mine) <= set(records)
    assert set(_rows(server, laptop)) == set(mine)  # not acknowledged yet
    replay, _, _, _ = laptop.pull_all(away)  # that answer was lost: the same pull again
    assert set(mine) <= set(replay)

    laptop.pull_all(back)  # nothing new: this pull acknowledges the last page
    assert _rows(server, laptop) == {}
    # and a later move away and back works from fresh rows
    _move(server, mover.id, south)
    _, purges, _, away = laptop.pull_all(back)
    assert sorted(purges) == sorted(mine)
    _move(server, mover.id, north)
    records, _, _, _ = laptop.pull_all(away)
    assert set(mine) <= set(records)


def test_a_row_goes_once_another_device_wrote_the_record(server: Server) -> None:
    north, south, _ = _places()
    mover = server.officer(district=north)
    laptop = Device(server, mover).enrol()
    manager = Device(server, server.officer(team=mover.team, role="manager")).enrol()
    [rid] = _create(laptop, 1)
    _, _, _, start = laptop.pull_all()
    _move(server, mover.id, south)
    _, purges, _, away = laptop.pull_all(start)
    assert purges == [rid] and set(_rows(server, laptop)) == {rid}

    [edit] = manager.push([manager.change(rid, {"text": "seen by the manager"}, base_version=1)])
    assert edit["status"] == "applied"
    page = laptop.pull(away)  # the record is out of scope: an empty page, yet the row goes
    assert page["records"] == [] and page["purges"] == []
    assert _rows(server, laptop) == {}

    _move(server, mover.id, north)  # the manager's write comes to the laptop as any other
    records, _, _, _ = laptop.pull_all(page["cursor"])
    assert records[rid]["fields"]["text"] == "seen by the manager"


def test_a_row_stays_until_its_returning_conflict_is_acknowledged(server: Server) -> None:
    home, away, elsewhere = _places()
    officer_a, officer_b = server.officer(district=away), server.officer(district=home)
    a, b = Device(server, officer_a).enrol(), Device(server, officer_b).enrol()
    [rid] = _create(b, 1, assigned_officer=officer_a.id)
    _, _, _, cursor = a.pull_all()
    [first] = b.push([b.change(rid, {"text": "B's account"}, base_version=1)])
    [second] = a.push([a.change(rid, {"text": "A's account"}, base_version=1)])
    assert (first["status"], second["status"]) == ("applied", "conflict")
    [conflict] = second["conflicts"]
    _, _, _, cursor = a.pull_all(cursor)

    officers.assign_record(server.engine, rid, server.officer(district=elsewhere).id, Clock().now())
    _, purges, _, cursor = a.pull_all(cursor)
    assert purges == [rid] and set(_rows(server, a)) == {rid}
    officers.assign_record(server.engine, rid, officer_a.id, Clock().now())

    # one record a page: the record, then its conflict (found by A's own push) on the next
    page = a.pull(cursor, limit=1)
    assert [r["id"] for r in page["records"]] == [rid] and page["conflicts"] == []
    after_record = page["cursor"]
    page = a.pull(after_record, limit=1)
    assert [c["id"] for c in page["conflicts"]] == [conflict["id"]]
    assert set(_rows(server, a)) == {rid}  # the conflict's page is not acknowledged yet
    again = a.pull(after_record, limit=1)  # its answer was lost
    assert [c["id"] for c in again["conflicts"]] == [conflict["id"]]
    _, _, conflicts, _ = a.pull_all(page["cursor"])
    assert conflicts == [] and _rows(server, a) == {}
