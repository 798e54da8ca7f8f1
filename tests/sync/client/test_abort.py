"""Aborting a sync stuck on a server that stopped answering: the run returns before the server
is released, nothing is half-applied, and the next run sends the queued change exactly once.

A real server behind a gate that accepts the request and answers nothing; a real vault. The
assertions are on the order of events, never on times.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from oxfield.replica import store
from oxfield.replica.state import SyncState
from oxfield.services import sync_status
from sync.client.abort import AbortSwitch
from sync.client.run import SyncReport, SyncRun
from sync.client.transport import make_client
from tests.sync.client.stall import PATIENT, StallGate, server_copies
from tests.sync.helpers import Server


@pytest.fixture
def gate(sync_server: Server) -> Iterator[StallGate]:
    g = StallGate(sync_server.url)
    g.url = g.start()  # type: ignore[attr-defined]
    yield g
    g.stop()


def run_in_thread(run: SyncRun, log: list[str]) -> tuple[threading.Thread, list[SyncReport]]:
    out: list[SyncReport] = []

    def target() -> None:
        out.append(run.run())
        log.append("run returned")

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread, out


def test_abort_ends_a_stalled_push_and_the_change_goes_once_later(
    sync_server: Server, laptops, gate: StallGate
) -> None:
    a = laptops("a", sync_server.officer("ehe"), url=gate.url)
    child = a.new_child(given="Stalled")
    gate.stall()
    run = SyncRun(a.open(), clock=a.clock, options=PATIENT)
    thread, out = run_in_thread(run, gate.log)
    assert gate.held.wait(60)  # the push reached the gate, which says nothing

    run.abort()
    thread.join(60)
    gate.log.append("checked")
    assert gate.log == ["held /v1/push", "run returned", "checked"]  # the server never answered
    report = out[0]
    assert not report.finished and report.message == "Cancelled."
    with a.open().read() as s:
        assert store.pending_count(s) == 1  # still queued, nothing half-applied
    assert sync_status.record_states(a.open(), [child])[child].state == SyncState.SYNCING

    gate.release()  # the held push now reaches the server, after the laptop gave up on it
    assert gate.forwarded.wait(60)
    second = a.sync_ok()
    assert server_copies(sync_server, child) == 1  # applied once, though sent twice
    assert second.pushed == 1
    with a.open().read() as s:
        assert store.pending_count(s) == 0
    assert sync_status.record_states(a.open(), [child])[child].state == SyncState.SYNCED


def test_abort_before_the_first_request_sends_nothing(
    sync_server: Server, laptops, gate: StallGate
) -> None:
    a = laptops("a", sync_server.officer("ehe"), url=gate.url)
    a.new_child(given="Early")
    run = SyncRun(a.open(), clock=a.clock, options=PATIENT)
    run.abort()
    report = run.run()
    assert not report.finished and report.message == "Cancelled."
    assert report.requests == 0 and gate.log == []
    assert a.sync_ok().pushed == 1


def self_signed() -> tuple[ssl.SSLContext, str]:
    """A server context and its certificate (PEM) for 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM)
    with tempfile.TemporaryDirectory() as folder:  # only a synthetic key, gone at once
        (Path(folder) / "cert.pem").write_bytes(pem)
        (Path(folder) / "key.pem").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(Path(folder) / "cert.pem", Path(folder) / "key.pem")
    return context, pem.decode()


@pytest.mark.parametrize("stall", ["handshake", "answer"])
def test_abort_wakes_a_request_stalled_over_tls(stall: str) -> None:
    """A captive portal that never speaks TLS, or a server silent after the handshake."""
    context, pem = self_signed()
    listener = socket.create_server(("127.0.0.1", 0))
    heard, log, held = threading.Event(), [], []

    def serve() -> None:
        conn, _ = listener.accept()
        if stall == "answer":
            conn = context.wrap_socket(conn, server_side=True)
        held.append(conn)
        if conn.recv(1024):
            heard.set()

    threading.Thread(target=serve, daemon=True).start()
    switch = AbortSwitch()
    port = listener.getsockname()[1]
    client = make_client(f"https://127.0.0.1:{port}", pem, PATIENT.timeout, switch)

    def request() -> None:
        try:
            client.get("/v1/status")
        except httpx.TransportError:
            log.append("request ended")

    thread = threading.Thread(target=request, daemon=True)
    thread.start()
    assert heard.wait(60)  # the client hello, or the request itself, has arrived
    switch.abort()
    thread.join(60)
    log.append("checked")
    assert log == ["request ended", "checked"]
    client.close()
    listener.close()
