"""Aborting a sync stuck on a server that stopped answering: the run returns before the server
is released, nothing is half-applied, and the next run sends the queued change exactly once.

A real server behind a gate that accepts the request and answers nothing; a real vault. The
assertions are on the order of events, never on times.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from oxfield.replica import store
from oxfield.replica.state import SyncState
from oxfield.services import sync_status
from sync.client.run import SyncReport, SyncRun
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
