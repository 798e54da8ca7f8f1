"""Push: at most once per (device, seq), per-change answers, rejections that stop nothing;
merges and conflicts give the same result whichever device syncs first, and both values of a
conflicting field are kept with who, when and which device."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from oxfield.ids import new_id
from sync.server import admin, schema
from tests.sync.helpers import Device, Server, next_hlc


def _versions(server: Server, record_id: str) -> list[int]:
    v = schema.record_versions
    with server.engine.connect() as conn:
        return list(
            conn.execute(sa.select(v.c.version).where(v.c.record_id == record_id)).scalars()
        )


def _note(text: str = "called at the door") -> dict[str, str]:
    return {"subject_id": new_id(), "text": text}


def test_the_same_push_twice_applies_once(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    rid = new_id()
    changes = [device.change(rid, _note(), scope=device.scope())]
    first = device.push(changes)
    second = device.push(changes)
    assert first == second
    assert first[0]["status"] == "applied" and first[0]["version"] == 1
    assert _versions(server, rid) == [1]


def test_a_lost_answer_resent_with_more_changes_applies_each_once(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    rid = new_id()
    create = device.change(rid, _note("first"), scope=device.scope())
    device.push([create])  # the answer is "lost": the device sends it again with the next edit
    edit = device.change(rid, {"text": "second"}, base_version=0)
    results = device.push([create, edit])
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert [r["version"] for r in results] == [1, 2]
    assert _versions(server, rid) == [1, 2]
    assert device.push([create, edit]) == results


def test_a_bad_change_is_rejected_and_the_rest_apply(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    good1, good2 = new_id(), new_id()
    batch = [
        device.change(good1, _note(), scope=device.scope()),
        device.change(new_id(), {"x": 1}, kind="spaceship", scope=device.scope()),
        device.change(new_id(), {"text": "no subject"}, scope=device.scope()),
        device.change(new_id(), _note(), scope=device.scope(district="elsewhere")),
        device.change(new_id(), _note(), scope=None),
        device.change(new_id(), {"Bad Name": 1, **_note()}, scope=device.scope()),
        device.change(new_id(), _note(), base_version=4, scope=device.scope()),
        device.change(good2, _note(), scope=device.scope()),
    ]
    results = device.push(batch)
    assert [r["status"] for r in results] == ["applied", *["rejected"] * 6, "applied"]
    assert [r["field"] for r in results[1:7]] == [
        "kind",
        "subject_id",
        "scope",
        "scope",
        "Bad Name",
        "base_version",
    ]
    assert all(r["reason"] for r in results[1:7])
    assert _versions(server, good2) == [1]


def test_a_signed_record_cannot_change_but_an_amendment_can_be_added(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    visit = new_id()
    fields = {"case_id": new_id(), "planned_on": "2026-11-02"}
    [made] = device.push([device.change(visit, fields, kind="ehe_visit", scope=device.scope())])
    [signed] = device.push(
        [
            device.change(
                visit, {"signed_at": "2026-11-02T10:00:00Z"}, kind="ehe_visit", base_version=1
            )
        ]
    )
    assert (made["status"], signed["status"]) == ("applied", "applied")
    [refused] = device.push(
        [device.change(visit, {"planned_on": "2026-11-03"}, kind="ehe_visit", base_version=2)]
    )
    assert refused["status"] == "rejected" and refused["field"] == "signed_at"
    [deleting] = device.push(
        [device.change(visit, {}, kind="ehe_visit", base_version=2, deleted=True)]
    )
    assert deleting["status"] == "rejected"
    amend = {"amends_id": visit, "reason": "visit date typed wrongly"}
    [amended] = device.push(
        [device.change(new_id(), amend, kind="amendment", scope=device.scope())]
    )
    assert amended["status"] == "applied"


def test_a_record_outside_the_officers_scope_cannot_be_changed(server: Server) -> None:
    owner = Device(server, server.officer()).enrol()
    rid = new_id()
    owner.push([owner.change(rid, _note(), scope=owner.scope())])
    outsider = Device(server, server.officer()).enrol()  # same team, other district
    [result] = outsider.push([outsider.change(rid, {"text": "mine now"}, base_version=1)])
    assert result["status"] == "rejected" and "scope" in result["reason"]


def test_kind_cannot_change_and_required_fields_cannot_be_cleared(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    rid = new_id()
    device.push([device.change(rid, _note(), scope=device.scope())])
    [kind] = device.push([device.change(rid, {}, kind="task", base_version=1)])
    [cleared] = device.push([device.change(rid, {"text": None}, base_version=1)])
    assert (kind["field"], cleared["field"]) == ("kind", "text")


def test_a_devices_successive_edits_do_not_conflict_with_each_other(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    rid = new_id()
    results = device.push(
        [
            device.change(rid, _note("one"), scope=device.scope()),
            device.change(rid, {"text": "two"}),
            device.change(rid, {"text": "three"}),
        ]
    )
    assert [r["status"] for r in results] == ["applied"] * 3
    later = device.push([device.change(rid, {"text": "four"}, base_version=1)])
    assert later[0]["status"] == "applied" and later[0]["version"] == 4


BASE = {"subject_id": "01900000-0000-7000-8000-000000000001", "text": "base", "mood": "calm"}


def _run(
    server: Server, edits: tuple[dict[str, Any], dict[str, Any]], order: tuple[int, int]
) -> dict[str, Any]:
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
    records, _, conflicts, _ = creator.pull_all()  # the last write was not its own
    rec = records[rid]
    return {
        "fields": rec["fields"],
        "deleted": rec["deleted"],
        "conflicts": sorted(
            (c["field"], repr(c["kept_value"]), repr(c["other_value"])) for c in conflicts
        ),
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
    [resolved] = a.push(
        [a.change(rid, {"text": "agreed words"}, base_version=version, resolves=[conflict["id"]])]
    )
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


def test_values_the_databases_cannot_keep_are_rejected_one_by_one(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    deep: Any = "x"
    for _ in range(40):
        deep = [deep]
    bad = [
        {"subject_id": new_id(), "text": "nul \x00 inside"},
        {"subject_id": new_id(), "text": "fine", "extra": {"k\x00": 1}},
        {"subject_id": new_id(), "text": "fine", "nested": deep},
    ]
    good = new_id()
    batch = [device.change(new_id(), f, scope=device.scope()) for f in bad]
    batch.append(device.change(good, _note(), scope=device.scope()))
    results = device.push(batch)
    assert [r["status"] for r in results] == ["rejected", "rejected", "rejected", "applied"]
    assert [r["field"] for r in results[:3]] == ["text", "extra", "nested"]
    raw = (
        b'{"vault_generation":0,"changes":[{"seq":99,"record_id":"%s","kind":"note",'
        % good.encode()
    )
    raw += b'"base_version":1,"hlc":"9","fields":{"text":NaN}}]}'
    resp = device.request("POST", "/v1/push", raw=raw, headers={"content-type": "application/json"})
    assert resp.status_code in (200, 422) and resp.status_code < 500
    if resp.status_code == 200:
        assert resp.json()["results"][0]["status"] == "rejected"


def test_a_conflict_reaches_each_device_once(server: Server) -> None:
    """The push that finds a conflict answers with it; the pull brings it to the others once
    and never back to the device that raised it; its resolution likewise."""
    officer = server.officer()
    a, b, c = (Device(server, officer).enrol() for _ in range(3))
    rid = new_id()
    a.push([a.change(rid, dict(BASE), scope=a.scope())])
    cursors = {d.id: d.pull_all()[3] for d in (a, b, c)}
    change_b = b.change(rid, {"text": "b's words"}, base_version=1)
    a.push([a.change(rid, {"text": "a's words"}, base_version=1)])
    [rb] = b.push([change_b])
    assert rb["status"] == "conflict"
    [told] = rb["conflicts"]
    # a lost answer re-sent gets the same conflict back, not a second one
    assert b.push([change_b])[0]["conflicts"] == [told]

    def delivered(device: Device) -> list[str]:
        _, _, conflicts, cursors[device.id] = device.pull_all(cursors[device.id])
        return [x["id"] for x in conflicts]

    assert delivered(b) == []  # b was told in its push answer
    assert delivered(a) == [told["id"]] and delivered(c) == [told["id"]]
    assert delivered(a) == [] and delivered(c) == []  # once each

    [done] = a.push(
        [a.change(rid, {"text": "agreed"}, base_version=rb["version"], resolves=[told["id"]])]
    )
    assert done["status"] == "applied"
    assert delivered(a) == []  # a resolved it: it knows
    assert delivered(b) == [told["id"]] and delivered(c) == [told["id"]]
    assert delivered(b) == [] and delivered(c) == []
