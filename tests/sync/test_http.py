"""The HTTP surface: enrolment and every refusal of a signed request, and the OpenAPI
description fuzzed with schemathesis (requests signed by a real enrolled device so the fuzz
reaches the handlers): no answer may be a server error, every answer must match the schema."""

from __future__ import annotations

import gzip
import json
import time
from datetime import timedelta
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from oxfield.clock import Clock
from sync import signing
from sync.protocol import PROTOCOL_VERSION
from sync.server import admin
from tests.sync.helpers import Device, Server

PROTO = {signing.HEADER_PROTOCOL: str(PROTOCOL_VERSION)}


def _enrol(server: Server, code: str, key: Ed25519PrivateKey | None = None) -> httpx.Response:
    key = key or Ed25519PrivateKey.generate()
    body = {"code": code, "public_key": signing.public_key_text(key), "device_name": "laptop"}
    return httpx.post(server.url + "/v1/enrol", json=body, headers=PROTO)


def test_status_is_open_and_says_versions(server: Server) -> None:
    body = httpx.get(server.url + "/v1/status").json()
    assert body["status"] == "ok" and body["protocol_version"] == PROTOCOL_VERSION
    assert body["database"] in {"sqlite", "postgresql"}


def test_enrol_code_works_once(server: Server) -> None:
    officer = server.officer()
    code = admin.enrol_code(server.engine, officer.id, 1, Clock().now())
    first = _enrol(server, code.lower())  # typed in lower case still works
    assert first.status_code == 200
    assert first.json()["officer_id"] == officer.id
    assert first.json()["scope"]["district"] == officer.district
    again = _enrol(server, code)
    assert (again.status_code, again.json()["code"]) == (403, "enrol_code_used")


def test_unknown_and_expired_codes_are_refused(server: Server) -> None:
    unknown = _enrol(server, "AAAA-BBBB-CCCC")
    assert (unknown.status_code, unknown.json()["code"]) == (403, "enrol_code_unknown")
    officer = server.officer()
    old = admin.enrol_code(server.engine, officer.id, 1, Clock().now() - timedelta(hours=2))
    expired = _enrol(server, old)
    assert (expired.status_code, expired.json()["code"]) == (403, "enrol_code_expired")


def test_bad_public_key_names_the_field(server: Server) -> None:
    officer = server.officer()
    code = admin.enrol_code(server.engine, officer.id, 1, Clock().now())
    resp = httpx.post(
        server.url + "/v1/enrol",
        headers=PROTO,
        json={"code": code, "public_key": "A" * 44, "device_name": "x"},
    )
    assert resp.status_code == 422 and resp.json()["field"] == "public_key"


def test_protocol_version_is_required_and_old_clients_are_told_to_update(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    old = device.request(
        "POST", "/v1/pull", {"cursor": 0, "vault_generation": 0}, protocol_version=0
    )
    assert old.status_code == 426 and old.json()["code"] == "upgrade_required"
    assert "update" in old.json()["message"]
    resp = httpx.post(server.url + "/v1/pull", json={"cursor": 0, "vault_generation": 0})
    assert resp.status_code == 400 and resp.json()["code"] == "bad_protocol_version"


def test_unsigned_unknown_and_badly_signed_requests_are_refused(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    body = {"cursor": 0, "vault_generation": 0}
    unsigned = httpx.post(server.url + "/v1/pull", json=body, headers=PROTO)
    assert (unsigned.status_code, unsigned.json()["code"]) == (401, "unsigned")

    stranger = Device(
        server, device.officer, id="01900000-0000-7000-8000-000000000000", client=device.client
    )
    unknown = stranger.request("POST", "/v1/pull", body)
    assert (unknown.status_code, unknown.json()["code"]) == (401, "unknown_device")

    forger = Device(server, device.officer, id=device.id, client=device.client)  # its own new key
    forged = forger.request("POST", "/v1/pull", body)
    assert (forged.status_code, forged.json()["code"]) == (401, "bad_signature")

    # a signature over one body does not cover another
    headers = signing.sign_request(
        device.key, device.id, "POST", "/v1/pull", b'{"cursor":0,"vault_generation":0}'
    )
    tampered = device.client.post(
        "/v1/pull",
        content=b'{"cursor":5,"vault_generation":0}',
        headers={**headers, "content-type": "application/json"},
    )
    assert tampered.json()["code"] == "bad_signature"


def test_stale_timestamp_is_refused_with_the_server_time(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    resp = device.request(
        "POST", "/v1/pull", {"cursor": 0, "vault_generation": 0}, timestamp=int(time.time()) - 3600
    )
    assert (resp.status_code, resp.json()["code"]) == (401, "stale_timestamp")
    assert resp.json()["server_time"].startswith(time.strftime("%Y-%m-%d", time.gmtime()))


def test_replayed_nonce_is_refused(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    body = {"cursor": 0, "vault_generation": 0}
    first = device.request("POST", "/v1/pull", body, nonce="same-nonce-0123456789")
    again = device.request("POST", "/v1/pull", body, nonce="same-nonce-0123456789")
    assert first.status_code == 200
    assert (again.status_code, again.json()["code"]) == (401, "replayed_nonce")


def test_revoked_device_is_refused_at_once_with_a_wipe_order(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    assert device.pull(0)["has_more"] is False
    assert admin.revoke_device(server.engine, device.id, Clock().now())
    resp = device.request("POST", "/v1/pull", {"cursor": 0, "vault_generation": 0})
    assert resp.status_code == 403
    assert resp.json()["code"] == "device_revoked" and resp.json()["wipe"] is True


def test_vault_rollback_is_flagged(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    device.generation = 5
    assert device.pull(0)["rollback_detected"] is False
    device.generation = 3
    assert device.pull(0)["rollback_detected"] is True
    [row] = [d for d in admin.devices(server.engine) if d.id == device.id]
    assert row.rollback_at is not None and row.vault_generation == 5


def test_gzip_request_bodies_are_accepted(server: Server) -> None:
    device = Device(server, server.officer()).enrol()
    raw = json.dumps({"cursor": 0, "vault_generation": 0}).encode()
    resp = device.request(
        "POST",
        "/v1/pull",
        raw=raw,
        headers={"content-encoding": "gzip", "content-type": "application/json"},
    )
    assert (resp.status_code, resp.json()["code"]) == (
        400,
        "bad_encoding",
    )  # labelled gzip, sent plain
    headers = signing.sign_request(device.key, device.id, "POST", "/v1/pull", raw)
    ok = device.client.post(
        "/v1/pull",
        content=gzip.compress(raw),
        headers={**headers, "content-encoding": "gzip", "content-type": "application/json"},
    )
    assert ok.status_code == 200, ok.text
    # the access log names the route of a compressed request too
    log = server.log(containing='"route": "/v1/pull", "status": 200')
    assert '"route": "/v1/pull", "status": 200' in log


def test_logs_hold_no_personal_data(server: Server) -> None:
    officer = server.officer()
    device = Device(server, officer).enrol()
    from oxfield.ids import new_id

    device.push(
        [
            device.change(
                new_id(), {"subject_id": new_id(), "text": "Zebedee Quixote"}, scope=device.scope()
            )
        ]
    )
    log = server.log(containing='"route": "/v1/push"')
    assert '"route": "/v1/push"' in log
    assert "Zebedee" not in log and "Test Officer" not in log and officer.district not in log


class _Sign(requests.auth.AuthBase):
    def __init__(self, device: Device) -> None:
        self.device = device

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        body = r.body or b""
        if isinstance(body, str):
            body = body.encode()
        r.headers.update(
            signing.sign_request(
                self.device.key, self.device.id, r.method or "GET", r.path_url, body
            )
        )
        return r


@pytest.fixture(scope="module")
def signed_session(server: Server) -> requests.Session:
    device = Device(server, server.officer()).enrol()
    session = requests.Session()
    session.auth = _Sign(device)
    return session


def test_no_server_error_and_answers_match_the_schema(
    server: Server, signed_session: requests.Session
) -> None:
    api = schemathesis.openapi.from_url(server.url + "/openapi.json")
    labels: list[str] = []
    statuses: list[int] = []
    for result in api.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(
            max_examples=5, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def fuzz(case: Any) -> None:
            response = case.call(session=signed_session)
            statuses.append(response.status_code)
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance]
            )
            if response.status_code == 401:
                assert (
                    response.json()["code"] != "bad_signature"
                )  # our signing matches the server's

        fuzz()
    assert len(labels) == 10
    assert 200 in statuses  # signed fuzz reached the handlers, not only the refusals


def test_schema_lists_every_route(server: Server) -> None:
    import httpx

    paths = httpx.get(server.url + "/openapi.json").json()["paths"]
    assert set(paths) == {
        "/v1/status",
        "/v1/enrol",
        "/v1/push",
        "/v1/pull",
        "/v1/held",
        "/v1/officers",
        "/v1/attachments/{sha256}",
        "/v1/attachments/{sha256}/data",
    }
