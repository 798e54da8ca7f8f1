"""The OpenAPI description fuzzed with schemathesis against the running server: requests
signed by a real enrolled device (so the fuzz reaches the handlers) and unsigned ones; no
answer may be a server error, and every answer must match the published schema."""

from __future__ import annotations

from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from sync import signing
from tests.sync.helpers import Device, Server


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
    assert len(labels) == 8
    assert 200 in statuses  # signed fuzz reached the handlers, not only the refusals


def test_schema_lists_every_route(server: Server) -> None:
    import httpx

    paths = httpx.get(server.url + "/openapi.json").json()["paths"]
    assert set(paths) == {
        "/v1/status",
        "/v1/enrol",
        "/v1/push",
        "/v1/pull",
        "/v1/attachments/{sha256}",
        "/v1/attachments/{sha256}/data",
    }
