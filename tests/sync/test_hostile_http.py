"""Hostile requests against a real server process: a body too large to hold, JSON nested past
the parser's depth, unknown routes and methods. Every refusal has the protocol's error shape
(``code`` and ``message``), never a bare ``{"detail": ...}``, and nothing is buffered without
limit."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import httpx

from sync.protocol import PROTOCOL_VERSION
from sync.server.middleware import MAX_BODY
from tests.sync.helpers import Server


def _raw_request(server: Server, head: str) -> tuple[int, str]:
    """Send only the request head (no body) and read the answer: a server that waits for a
    body it has already said it will not take would hang here."""
    parts = urlsplit(server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head.encode())
        data = b""
        while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    status_line, _, rest = data.decode("latin-1").partition("\r\n")
    return int(status_line.split()[1]), rest.partition("\r\n\r\n")[2]


def test_a_declared_oversized_body_is_refused_before_it_is_read(server: Server) -> None:
    status, body = _raw_request(
        server,
        "POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"X-OxField-Protocol: {PROTOCOL_VERSION}\r\n"
        f"Content-Length: {MAX_BODY + 1}\r\nConnection: close\r\n\r\n",
    )
    assert status == 413
    assert '"code":"too_large"' in body.replace(" ", "")


def test_an_oversized_chunked_body_is_refused(server: Server) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        piece = b" " * (1024 * 1024)
        sent = 0
        while sent <= MAX_BODY:
            yield piece
            sent += len(piece)

    try:
        resp = httpx.post(
            server.url + "/v1/push",
            content=chunks(),
            headers={"content-type": "application/json", "x-oxfield-protocol": "1"},
            timeout=30,
        )
    except httpx.TransportError:
        return  # the server closed the connection rather than read on: also a refusal
    assert resp.status_code == 413
    assert resp.json()["code"] == "too_large"


def test_json_nested_too_deep_gets_the_error_shape(server: Server) -> None:
    resp = httpx.post(
        server.url + "/v1/enrol",
        content=b"[" * 100_000 + b"]" * 100_000,
        headers={"content-type": "application/json", "x-oxfield-protocol": "1"},
    )
    assert 400 <= resp.status_code < 500
    assert resp.json()["code"] and resp.json()["message"]


def test_unknown_routes_and_methods_get_the_error_shape(server: Server) -> None:
    missing = httpx.get(server.url + "/v1/nothing-here")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    wrong = httpx.delete(server.url + "/v1/status")
    assert wrong.status_code == 405 and wrong.json()["message"]
