"""Merges and conflicts on the server give the same result whichever device syncs first, and
both values of a conflicting field are kept with who, when and which device."""

from __future__ import annotations

from typing import Any

import pytest

from oxfield.ids import new_id
from sync.server import admin
from tests.sync.helpers import Device, Server, next_hlc

BASE = {"subject_id": "01900000-0000-7000-8000-000000000001", "text": "base", "mood": "calm"}


def _run(server: Server, edits: tuple[dict[str, Any], dict[str, Any]], order: tuple[int, int]) -> dict[str, Any]:
    officer = server.officer()
    creator, a, b = (Device(server, officer).enrol() for _ in range(3))
    rid = new_id()
    creator.push([creator.change(rid, dict(BASE), scope=creator.scope())])
    devices = (a, b)
    # Both edit version 1; their clocks are fixed before either pushes.
    changes = [devices[i].change(rid, **edits[i], base_version=1) for i in range(2)]
    answers = {}
    for i in order:
        [answers[i]] = devices[i].push([changes[i]])
    reader = Device(server, officer).enrol()
    records, _, conflicts, _ = reader.pull_all()
    rec = records[rid]
    return {
        "fields": rec["fields"],
        "deleted": rec["deleted"],
        "conflicts": sorted((c["field"], repr(c["kept_value"]), repr(c["other_value"])) for c in conflicts),
        "answers": answers,
    }


CASES = {
    "same field": ({"fields": {"text": "from a"}}, {"fields": {"text": "from b"}}),
    "different fields": ({"fields": {"text": "from a"}}, {"fields": {"mood": "tired"}}),
    "delete against edit": ({"fields": {}, "deleted": True}, {"fields": {"mood": "tired"}}),
    "same value": ({"fields": {"text": "same"}}, {"fields": {"text": "same"}}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_result_is_the_same_in_either_order(server: Server, case: str) -> None:
    ab = _run(server, CASES[case], (0, 1))
    ba = _run(server, CASES[case], (1, 0))
    for key in ("fields", "deleted", "conflicts"):
        ab_value, ba_value = ab[key], ba[key]
        if key == "fields":
            ab_value, ba_value = dict(ab_value), dict(ba_value)
        assert ab_value == ba_value, key
    if case == "same field":
        assert ab["fields"]["text"] == "from b"  # the later edit by clock is kept
        assert ab["conflicts"] == [("text", "'from b'", "'from a'")]
        second = ab["answers"][1]
        assert second["status"] == "conflict" and second["record"]["fields"]["text"] == "from b"
    if case == "different fields":
        assert ab["fields"]["text"] == "from a" and ab["fields"]["mood"] == "tired"
        assert ab["conflicts"] == [] and ab["answers"][1]["status"] == "merged"
    if case == "delete against edit":
        assert ab["deleted"] is False and ab["fields"]["mood"] == "tired"
        assert [c[0] for c in ab["conflicts"]] == ["_deleted"]
    if case == "same value":
        assert ab["conflicts"] == []


def test_conflict_keeps_both_values_who_and_when_until_resolved(server: Server) -> None:
    officer = server.officer()
    a, b = Device(server, officer).enrol(), Device(server, officer).enrol()
    rid = new_id()
    a.push([a.change(rid, dict(BASE), scope=a.scope())])
    change_b = b.change(rid, {"text": "b's words"}, base_version=1)
    [ra] = a.push([a.change(rid, {"text": "a's words"}, base_version=1)])
    [rb] = b.push([change_b])
    assert ra["status"] == "applied" and rb["status"] == "conflict"
    [conflict] = rb["conflicts"]
    assert conflict["base_value"] == "base"
    assert {conflict["kept_value"], conflict["other_value"]} == {"a's words", "b's words"}
    assert conflict["created_at"] and conflict["other_by_officer"] == officer.id
    assert {conflict["kept_by_device"], conflict["other_by_device"]} == {a.id, b.id}
    assert [c.id for c in admin.conflicts(server.engine) if c.record_id == rid] == [conflict["id"]]

    # Officer A sees it on the next pull and resolves it with an ordinary change.
    _, _, seen, _ = a.pull_all()
    assert conflict["id"] in {c["id"] for c in seen}
    version = rb["version"]
    [resolved] = a.push([a.change(rid, {"text": "agreed words"}, base_version=version, resolves=[conflict["id"]])])
    assert resolved["status"] == "applied"
    assert rid not in {c.record_id for c in admin.conflicts(server.engine)}
    _, _, later, _ = b.pull_all()
    assert any(c["id"] == conflict["id"] and c["resolved"] for c in later)


def test_resolving_a_conflict_of_another_record_is_rejected(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    rid = new_id()
    device.push([device.change(rid, dict(BASE), scope=device.scope())])
    [result] = device.push([device.change(rid, {"text": "x"}, base_version=1, resolves=[new_id()])])
    assert result["status"] == "rejected" and result["field"] == "resolves"
    assert next_hlc()
