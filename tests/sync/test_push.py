"""Push: at most once per (device, seq), per-change answers, rejections that stop nothing."""

from __future__ import annotations

import sqlalchemy as sa

from oxfield.ids import new_id
from sync.server import schema
from tests.sync.helpers import Device, Server


def _versions(server: Server, record_id: str) -> list[int]:
    v = schema.record_versions
    with server.engine.connect() as conn:
        return list(conn.execute(sa.select(v.c.version).where(v.c.record_id == record_id)).scalars())


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
    assert [r["field"] for r in results[1:7]] == ["kind", "subject_id", "scope", "scope", "Bad Name", "base_version"]
    assert all(r["reason"] for r in results[1:7])
    assert _versions(server, good2) == [1]


def test_a_signed_record_cannot_change_but_an_amendment_can_be_added(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    visit = new_id()
    fields = {"case_id": new_id(), "planned_on": "2026-11-02"}
    [made] = device.push([device.change(visit, fields, kind="ehe_visit", scope=device.scope())])
    [signed] = device.push([device.change(visit, {"signed_at": "2026-11-02T10:00:00Z"}, kind="ehe_visit", base_version=1)])
    assert (made["status"], signed["status"]) == ("applied", "applied")
    [refused] = device.push([device.change(visit, {"planned_on": "2026-11-03"}, kind="ehe_visit", base_version=2)])
    assert refused["status"] == "rejected" and refused["field"] == "signed_at"
    [deleting] = device.push([device.change(visit, {}, kind="ehe_visit", base_version=2, deleted=True)])
    assert deleting["status"] == "rejected"
    amend = {"amends_id": visit, "reason": "visit date typed wrongly"}
    [amended] = device.push([device.change(new_id(), amend, kind="amendment", scope=device.scope())])
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
    results = device.push([
        device.change(rid, _note("one"), scope=device.scope()),
        device.change(rid, {"text": "two"}),
        device.change(rid, {"text": "three"}),
    ])
    assert [r["status"] for r in results] == ["applied"] * 3
    later = device.push([device.change(rid, {"text": "four"}, base_version=1)])
    assert later[0]["status"] == "applied" and later[0]["version"] == 4
