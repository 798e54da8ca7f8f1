"""Attachments: chunked upload with resume, re-sent chunks harmless, hash verified, download
only within scope."""

from __future__ import annotations

import hashlib
import os

from oxfield.ids import new_id
from tests.sync.helpers import Device, Server

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
