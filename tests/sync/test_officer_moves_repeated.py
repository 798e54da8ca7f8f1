"""The same officer move given twice, and a move there and back before the laptop syncs.

An administrator may run a command twice (a copied line, a retried SSH session). The second
run must change nothing: no records lost or gained, no purge sent twice. A move there and back
before the officer's laptop pulls must leave it holding what it held, with nothing purged
(SQLite and PostgreSQL, a real server process)."""

from __future__ import annotations

import pytest

from oxfield.clock import Clock
from oxfield.errors import ValidationError
from oxfield.ids import new_id
from sync.server import officers
from tests.sync.helpers import Device, Server
from tests.sync.test_officer_changes import _create


def test_the_same_move_twice_changes_nothing_the_second_time(server: Server) -> None:
    north, south = f"north-{new_id()[:8]}", f"south-{new_id()[:8]}"
    mover = server.officer(district=north)
    laptop = Device(server, mover).enrol()
    north_ids = _create(Device(server, server.officer(district=north)).enrol(), 2)
    south_ids = _create(Device(server, server.officer(district=south)).enrol(), 3)
    _, _, _, cursor = laptop.pull_all()
    first = officers.update_officer(server.engine, mover.id, Clock().now(), district=south)
    again = officers.update_officer(server.engine, mover.id, Clock().now(), district=south)
    assert (first.lost, first.gained) == (2, 3)
    assert (again.lost, again.gained) == (0, 0)
    records, purges, _, _ = laptop.pull_all(cursor)
    assert sorted(purges) == sorted(north_ids)  # once each
    assert set(south_ids) <= set(records)


def test_there_and_back_before_a_pull_purges_nothing(server: Server) -> None:
    north, south = f"north-{new_id()[:8]}", f"south-{new_id()[:8]}"
    mover = server.officer(district=north)
    laptop = Device(server, mover).enrol()
    north_ids = _create(Device(server, server.officer(district=north)).enrol(), 2)
    _create(Device(server, server.officer(district=south)).enrol(), 2)
    held, _, _, cursor = laptop.pull_all()
    assert set(north_ids) <= set(held)
    officers.update_officer(server.engine, mover.id, Clock().now(), district=south)
    officers.update_officer(server.engine, mover.id, Clock().now(), district=north)
    records, purges, _, _ = laptop.pull_all(cursor)
    assert not set(purges) & set(north_ids)
    assert set(north_ids) <= set(records)  # delivered again: harmless, and nothing is lost


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"team": "EHE"}, "team"),
        ({"team": ""}, "team"),
        ({"role": "Admin"}, "role"),
        ({"district": "\t"}, "district"),
    ],
)
def test_bad_values_are_refused_by_name(server: Server, kwargs: dict, field: str) -> None:
    officer = server.officer()
    with pytest.raises(ValidationError) as raised:
        officers.update_officer(server.engine, officer.id, Clock().now(), **kwargs)
    assert raised.value.field == field
