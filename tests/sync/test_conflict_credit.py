"""Three devices edit one field: in every order the record ends the same, and each value in
each conflict is credited to the device and officer that typed it, not to whoever wrote the
record last (a merged write by a fourth device in between must not take the credit)."""

from __future__ import annotations

from itertools import permutations
from typing import Any

import pytest

from oxfield.ids import new_id
from sync.server import admin
from tests.sync.helpers import Device, Server

BASE = {"subject_id": "01900000-0000-7000-8000-000000000002", "text": "base", "mood": "calm"}


def _run(server: Server, order: tuple[int, ...]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    district = f"district-{new_id()[:8]}"
    # one officer per device, all in one team and district, so officer credit can be told apart
    creator, a, b, c, d = (
        Device(server, server.officer(district=district)).enrol() for _ in range(5)
    )
    rid = new_id()
    creator.push([creator.change(rid, dict(BASE), scope=creator.scope())])
    # a, b and c all edit "text" from version 1; their clocks are fixed in this order, so c's
    # edit is the latest whatever the order of pushing
    edits = [dev.change(rid, {"text": f"from {n}"}, base_version=1) for dev, n in
             ((a, "a"), (b, "b"), (c, "c"))]  # fmt: skip
    devices = (a, b, c)
    answers: list[dict[str, Any]] = []
    for step, i in enumerate(order):
        [answer] = devices[i].push([edits[i]])
        answers.append(answer)
        if step == 0:
            # a fourth device changes another field: a merged write, the record's last writer
            [merged] = d.push([d.change(rid, {"mood": "tired"}, base_version=answer["version"])])
            assert merged["status"] == "applied"
    typist = {"from a": a, "from b": b, "from c": c, "base": creator}
    records, _, _, _ = creator.pull_all()
    conflicts = [x for x in admin.conflicts(server.engine) if x.record_id == rid]
    for conflict in conflicts:
        kept, other = typist[str(conflict.kept_value)], typist[str(conflict.other_value)]
        assert conflict.field == "text"
        assert conflict.kept_by_device == kept.id, (order, conflict.kept_value)
        assert conflict.kept_by_officer == kept.officer.id
        assert conflict.other_by_device == other.id, (order, conflict.other_value)
        assert conflict.other_by_officer == other.officer.id
        assert conflict.kept_at is not None and conflict.other_at is not None
        assert conflict.kept_at <= conflict.created_at and conflict.other_at <= conflict.created_at
    # what the pushing devices were told agrees with what the server stored
    told = {x["id"]: x for ans in answers for x in ans["conflicts"]}
    assert set(told) == {x.id for x in conflicts}
    for conflict in conflicts:
        assert told[conflict.id]["kept_by_device"] == conflict.kept_by_device
        assert told[conflict.id]["other_by_device"] == conflict.other_by_device
    return records[rid], [x.model_dump() for x in conflicts]


@pytest.mark.parametrize("order", list(permutations(range(3))), ids=str)
def test_three_devices_same_field_every_order_same_result_and_right_credit(
    server: Server, order: tuple[int, ...]
) -> None:
    record, conflicts = _run(server, order)
    assert record["fields"]["text"] == "from c"  # the latest edit by clock, in every order
    assert record["fields"]["mood"] == "tired"  # the one-sided edit merged silently
    # neither lost value is dropped: each is kept as the "other" value of some conflict
    assert {c["other_value"] for c in conflicts} == {"from a", "from b"}
    # the newest conflict names the value the record holds now
    assert max(conflicts, key=lambda c: c["created_at"])["kept_value"] == "from c"
