"""Getting data to devices. Pull: pages after a cursor, never a device's own changes back,
purges when a record leaves a device's scope, the conflicts that concern its records.
Attachments: chunked upload with resume, re-sent chunks harmless, hash verified, download
only within scope."""

from __future__ import annotations

import hashlib
import json
import os

from oxfield.ids import new_id
from tests.sync.helpers import Device, Server


def _note() -> dict[str, str]:
    return {"subject_id": new_id(), "text": "letter sent"}


def test_pages_follow_the_cursor_and_own_changes_do_not_come_back(server: Server) -> None:
    officer = server.officer()
    writer, reader = Device(server, officer).enrol(), Device(server, officer).enrol()
    ids = [new_id() for _ in range(7)]
    writer.push([writer.change(rid, _note(), scope=writer.scope()) for rid in ids])
    cursor, seen, pages = 0, [], 0
    while True:
        page = reader.pull(cursor, limit=3)
        pages += 1
        seen += [r["id"] for r in page["records"]]
        assert page["cursor"] >= cursor
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert seen == ids and pages >= 3
    records, _, _, _ = writer.pull_all()
    assert not set(ids) & set(records)  # its own changes are not pulled back
    assert reader.pull(cursor)["records"] == []


def test_records_of_other_districts_and_teams_are_not_sent(server: Server) -> None:
    mine = server.officer()
    elsewhere = server.officer(team="ehe")
    other_team = server.officer(team="licensing", district=mine.district)
    writer = Device(server, elsewhere).enrol()
    hidden = new_id()
    writer.push([writer.change(hidden, _note(), scope=writer.scope())])
    licensing = Device(server, other_team).enrol()
    hidden2 = new_id()
    licensing.push([licensing.change(hidden2, _note(), scope=licensing.scope())])
    reader = Device(server, mine).enrol()
    records, _, _, _ = reader.pull_all()
    assert hidden not in records and hidden2 not in records
    manager = Device(server, server.officer(team="ehe", role="manager")).enrol()
    seen_by_manager, _, _, _ = manager.pull_all()
    assert hidden in seen_by_manager and hidden2 not in seen_by_manager


def test_moving_a_record_purges_it_from_devices_that_lose_it(server: Server) -> None:
    north, south = server.officer(), server.officer()
    manager = Device(server, server.officer(team="ehe", role="manager")).enrol()
    north_dev, south_dev = Device(server, north).enrol(), Device(server, south).enrol()
    rid = new_id()
    manager.push([manager.change(rid, _note(), scope={"team": "ehe", "district": north.district})])
    held, _, _, north_cursor = north_dev.pull_all()
    assert rid in held
    _, _, _, south_cursor = south_dev.pull_all()

    [moved] = manager.push(
        [manager.change(rid, {}, base_version=1, scope={"team": "ehe", "district": south.district})]
    )
    assert moved["status"] == "applied"
    records, purges, _, _ = north_dev.pull_all(north_cursor)
    assert purges == [rid] and rid not in records
    gained, purged, _, _ = south_dev.pull_all(south_cursor)
    assert rid in gained and purged == []


def test_assignment_brings_a_record_in_and_unassignment_purges_it(server: Server) -> None:
    owner, helper = server.officer(), server.officer()
    owner_dev, helper_dev = Device(server, owner).enrol(), Device(server, helper).enrol()
    _, _, _, cursor = helper_dev.pull_all()
    rid = new_id()
    owner_dev.push(
        [owner_dev.change(rid, _note(), scope=owner_dev.scope(assigned_officer=helper.id))]
    )
    records, _, _, cursor = helper_dev.pull_all(cursor)
    assert rid in records
    owner_dev.push([owner_dev.change(rid, {}, base_version=1, scope=owner_dev.scope())])
    records, purges, _, _ = helper_dev.pull_all(cursor)
    assert purges == [rid]


def test_an_officer_cannot_move_a_record_out_of_their_scope(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    rid = new_id()
    device.push([device.change(rid, _note(), scope=device.scope())])
    [result] = device.push(
        [device.change(rid, {}, base_version=1, scope=device.scope(district="far away"))]
    )
    assert result["status"] == "rejected" and result["field"] == "scope"


def test_an_empty_pull_is_small(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    _, _, _, cursor = device.pull_all()
    resp = device.request("POST", "/v1/pull", {"cursor": cursor, "vault_generation": 0})
    body = resp.json()
    assert body["records"] == [] and body["has_more"] is False and body["cursor"] == cursor
    assert len(resp.content) < 300
    assert len(json.dumps(body)) < 300


def test_tombstones_travel(server: Server) -> None:
    officer = server.officer()
    a, b = Device(server, officer).enrol(), Device(server, officer).enrol()
    rid = new_id()
    a.push([a.change(rid, _note(), scope=a.scope())])
    _, _, _, cursor = b.pull_all()
    a.push([a.change(rid, {}, base_version=1, deleted=True)])
    records, _, _, _ = b.pull_all(cursor)
    assert records[rid]["deleted"] is True and records[rid]["version"] == 2


PHOTO = os.urandom(300_000)
SHA = hashlib.sha256(PHOTO).hexdigest()


def _put(device: Device, sha: str, offset: int, data: bytes):  # type: ignore[no-untyped-def]
    return device.request(
        "PUT",
        f"/v1/attachments/{sha}/data?offset={offset}",
        raw=data,
        headers={"content-type": "application/octet-stream"},
    )


def test_upload_resumes_and_a_resent_chunk_is_harmless(server: Server) -> None:
    officer = server.officer()
    device = Device(server, officer).enrol()
    start = device.request("POST", f"/v1/attachments/{SHA}", {"size": len(PHOTO)})
    assert start.json()["received"] == 0
    assert _put(device, SHA, 0, PHOTO[:100_000]).json()["received"] == 100_000
    # the answer was lost: the same chunk again changes nothing
    assert _put(device, SHA, 0, PHOTO[:100_000]).json()["received"] == 100_000
    # a gap is refused with where to resume
    gap = _put(device, SHA, 200_000, PHOTO[200_000:])
    assert gap.status_code == 409 and gap.json()["field"] == "offset"
    # resuming after asking the server where it stands; an overlapping chunk is trimmed
    state = device.request("GET", f"/v1/attachments/{SHA}").json()
    assert state["received"] == 100_000 and not state["complete"]
    done = _put(device, SHA, 50_000, PHOTO[50_000:])
    assert done.json()["complete"] is True

    # a record in the officer's scope references it: a colleague may download it
    rid = new_id()
    device.push(
        [
            device.change(
                rid,
                {"subject_id": new_id(), "text": "photo of work", "attachments": [SHA]},
                scope=device.scope(),
            )
        ]
    )
    colleague = Device(server, officer).enrol()
    got = colleague.request("GET", f"/v1/attachments/{SHA}/data")
    assert got.status_code == 200 and hashlib.sha256(got.content).hexdigest() == SHA
    assert got.headers["x-attachment-size"] == str(len(PHOTO))
    # ranged: any window, across the stored chunks' edges, resumes exactly where asked
    for offset, length in ((0, 1), (49_999, 2), (60_000, 100_000), (len(PHOTO) - 5, 100)):
        part = colleague.request(
            "GET", f"/v1/attachments/{SHA}/data?offset={offset}&length={length}"
        )
        assert part.status_code == 200 and part.content == PHOTO[offset : offset + length]
        assert part.headers["x-attachment-size"] == str(len(PHOTO))
    tail = colleague.request("GET", f"/v1/attachments/{SHA}/data?offset={len(PHOTO)}")
    assert tail.status_code == 200 and tail.content == b""
    beyond = colleague.request("GET", f"/v1/attachments/{SHA}/data?offset={len(PHOTO) + 1}")
    assert beyond.status_code == 409 and beyond.json()["field"] == "offset"

    stranger = Device(server, server.officer()).enrol()  # another district
    refused = stranger.request("GET", f"/v1/attachments/{SHA}/data")
    assert refused.status_code == 404


def test_bytes_that_miss_the_hash_are_thrown_away(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    data = b"scanned letter" * 100
    wrong_sha = hashlib.sha256(b"something else").hexdigest()
    device.request("POST", f"/v1/attachments/{wrong_sha}", {"size": len(data)})
    resp = _put(device, wrong_sha, 0, data)
    assert resp.status_code == 422 and resp.json()["code"] == "hash_mismatch"
    state = device.request("GET", f"/v1/attachments/{wrong_sha}").json()
    assert state["received"] == 0 and state["complete"] is False


def test_an_unfinished_upload_cannot_be_downloaded(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    data = os.urandom(1000)
    sha = hashlib.sha256(data).hexdigest()
    device.request("POST", f"/v1/attachments/{sha}", {"size": len(data)})
    _put(device, sha, 0, data[:10])
    device.push(
        [
            device.change(
                new_id(),
                {"subject_id": new_id(), "text": "t", "attachments": [sha]},
                scope=device.scope(),
            )
        ]
    )
    assert device.request("GET", f"/v1/attachments/{sha}/data").status_code == 404
