"""A fault-injecting proxy between laptop and server: connections dropped before and after
the server commits, answers held past the client's time-out, an upload cut at 70%. Nothing is
duplicated, nothing is lost, and the next run finishes."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from oxfield.domain.people import Child
from oxfield.replica.state import SyncState
from oxfield.services import sync_status
from sync.client.run import Options
from tests.sync.client.proxy import Fault, Proxy, proxy_for
from tests.sync.helpers import Server

QUICK = Options(timeout=1.0, attempts=3, max_wait=0.1)


@pytest.fixture
def proxy(sync_server: Server) -> Iterator[Proxy]:
    p = proxy_for(sync_server.url)
    p.url = p.start()  # type: ignore[attr-defined]
    yield p
    p.stop()


def _server_versions(server: Server, ids: list[str]) -> dict[str, int]:
    with server.engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT record_id, count(*) FROM record_versions GROUP BY record_id")
        ).all()
    return {rid: n for rid, n in rows if rid in ids}


def _is(method: str, prefix: str):
    return lambda m, p: m == method and p.startswith(prefix)


@pytest.mark.parametrize("action", ["drop_before", "drop_after"])
def test_push_cut_off_around_the_commit(sync_server: Server, laptops, proxy, action) -> None:
    officer = sync_server.officer("ehe")
    a = laptops("a", officer, url=proxy.url)
    b = laptops("b", officer)
    ids = [a.new_child(given=f"Kid{i}") for i in range(3)]
    proxy.faults.append(Fault(_is("POST", "/v1/push"), action, then_down=True))

    first = a.sync(QUICK)
    assert not first.finished and "network" in first.message
    committed = _server_versions(sync_server, ids)
    assert committed == ({} if action == "drop_before" else {i: 1 for i in ids})
    states = sync_status.record_states(a.open(), ids)
    assert {s.state for s in states.values()} == {SyncState.SYNCING}

    proxy.down = False
    second = a.sync(QUICK)
    assert second.finished, second.message
    assert _server_versions(sync_server, ids) == {i: 1 for i in ids}  # each applied once
    assert {s.state for s in sync_status.record_states(a.open(), ids).values()} == {
        SyncState.SYNCED
    }
    assert b.sync_ok().pulled == 3


def test_pull_answer_lost_then_repeated(sync_server: Server, laptops, proxy) -> None:
    officer = sync_server.officer("ehe")
    a = laptops("a", officer)
    b = laptops("b", officer, url=proxy.url)
    ids = [a.new_child(given=f"Kid{i}") for i in range(4)]
    a.sync_ok()
    proxy.faults.append(Fault(_is("POST", "/v1/pull"), "drop_after", then_down=True))
    assert not b.sync(QUICK).finished
    with b.open().read() as s:
        assert all(s.get(Child, i) is None for i in ids)
    proxy.down = False
    assert b.sync(QUICK).pulled == 4
    with b.open().read() as s:
        assert sorted(c.id for c in s.query(Child)) == sorted(ids)


def test_answers_held_past_the_timeout_are_retried_once_each(
    sync_server: Server, laptops, proxy
) -> None:
    officer = sync_server.officer("ehe")
    a = laptops("a", officer, url=proxy.url)
    ids = [a.new_child(given=f"Kid{i}") for i in range(2)]
    proxy.faults.append(Fault(_is("POST", "/v1/push"), "delay", 1.6))
    proxy.faults.append(Fault(_is("POST", "/v1/pull"), "delay", 1.6))
    report = a.sync(QUICK)
    assert report.finished, report.message
    assert report.pushed == 2
    assert [p for m, p in proxy.seen if p == "/v1/push"] == ["/v1/push", "/v1/push"]
    assert _server_versions(sync_server, ids) == {i: 1 for i in ids}


def test_upload_cut_at_70_percent_resumes(sync_server: Server, laptops, proxy) -> None:
    officer = sync_server.officer("ehe")
    a = laptops("a", officer, url=proxy.url)
    b = laptops("b", officer)
    data = os.urandom(1024 * 1024)
    record_id, sha = a.add_file(data)
    # chunks start at 0, 256 KiB, 512 KiB, 768 KiB: 70% falls in the third; cut it half-way
    proxy.faults.append(
        Fault(_is("PUT", f"/v1/attachments/{sha}/data?offset=524288"), "cut", 0.5, then_down=True)
    )
    first = a.sync(QUICK)
    assert not first.finished
    with sync_server.engine.connect() as conn:
        received = conn.execute(
            sa.text("SELECT received FROM attachments WHERE sha256 = :s"), {"s": sha}
        ).scalar_one()
    assert received == 512 * 1024
    assert sync_status.record_states(a.open(), [record_id])[record_id].state is SyncState.SYNCING

    proxy.down = False
    sent_before = proxy.body_bytes.get(f"/v1/attachments/{sha}/data", 0)
    second = a.sync(QUICK)
    assert second.finished and second.uploaded == 1, second.message
    resent = proxy.body_bytes[f"/v1/attachments/{sha}/data"] - sent_before
    assert resent == 512 * 1024  # only what the server lacked
    assert sync_status.record_states(a.open(), [record_id])[record_id].state is SyncState.SYNCED

    report = b.sync_ok()
    assert report.downloaded == 1
    assert b.file_bytes(sha) == data
