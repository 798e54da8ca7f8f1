"""Concurrent pushes and pulls against real servers (two server processes on one PostgreSQL):
a checker proves that no pull ever missed a change and every change applied exactly once.

Pushers create records and edit their own earlier ones while pullers follow the feed with
small pages. At the end, each puller must hold every record at exactly its final server
version: a change skipped by the cursor (the classic auto-increment bug, where a transaction
numbered N commits after one numbered N+1 has been read) would leave a record missing or
stale for ever, since later pulls start after the cursor.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from oxfield.ids import new_id
from sync.server import schema
from tests.sync.conftest import BACKENDS, drop_database, make_database
from tests.sync.helpers import Device, Server, start_servers

PUSHERS, BATCHES, PER_BATCH = 4, 8, 10


@pytest.fixture(scope="module", params=BACKENDS)
def servers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Server]]:
    """PostgreSQL: two separate server processes on one database, devices spread over both."""
    url, handle = make_database(request.param, str(tmp_path_factory.mktemp("db")))
    count = 2 if request.param == "postgres" else 1
    started = start_servers(url, count, cwd=str(tmp_path_factory.mktemp("srv")))
    try:
        yield started
    finally:
        for srv in started:
            srv.stop()
        drop_database(handle)


def missed_changes(final: dict[str, int], seen: dict[str, int]) -> list[str]:
    """Records whose final version the puller never received."""
    return sorted(rid for rid, version in final.items() if seen.get(rid) != version)


def test_checker_notices_a_skipped_change() -> None:
    assert missed_changes({"a": 2, "b": 1}, {"a": 2, "b": 1}) == []
    assert missed_changes({"a": 2, "b": 1}, {"a": 1, "b": 1}) == ["a"]
    assert missed_changes({"a": 2, "b": 1}, {"a": 2}) == ["b"]


def test_no_pull_misses_a_change_under_concurrent_pushes(servers: list[Server]) -> None:
    server = servers[0]
    officer = server.officer()
    pushers = [Device(servers[i % len(servers)], officer).enrol() for i in range(PUSHERS)]
    pullers = [Device(servers[(i + 1) % len(servers)], officer).enrol() for i in range(2)]
    errors: list[BaseException] = []
    done = threading.Event()
    answers: dict[str, list[dict[str, Any]]] = {p.id: [] for p in pushers}
    seen: dict[str, dict[str, int]] = {p.id: {} for p in pullers}

    def push_loop(device: Device) -> None:
        try:
            own: list[str] = []
            for batch in range(BATCHES):
                changes = []
                for _ in range(PER_BATCH - 1):
                    rid = new_id()
                    own.append(rid)
                    changes.append(
                        device.change(
                            rid, {"subject_id": rid, "text": f"b{batch}"}, scope=device.scope()
                        )
                    )
                changes.append(device.change(own[batch], {"text": f"edit {batch}"}))
                results = device.push(changes)
                if batch % 3 == 0:  # a lost answer: the same batch again must change nothing
                    assert device.push(changes) == results
                answers[device.id].extend(results)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def pull_loop(device: Device) -> None:
        try:
            cursor = 0
            while True:
                finished = done.is_set()
                page = device.pull(cursor, limit=7)
                assert page["cursor"] >= cursor
                for rec in page["records"]:
                    assert rec["version"] > seen[device.id].get(rec["id"], 0)
                    seen[device.id][rec["id"]] = rec["version"]
                cursor = page["cursor"]
                if finished and not page["has_more"]:
                    return
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=push_loop, args=(d,)) for d in pushers]
    readers = [threading.Thread(target=pull_loop, args=(d,)) for d in pullers]
    for t in readers + threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    for t in readers:
        t.join()
    assert not errors, errors

    # exactly once: every answer applied, versions on the server match the changes sent
    statuses = [r["status"] for results in answers.values() for r in results]
    assert statuses.count("applied") == PUSHERS * BATCHES * PER_BATCH
    r, v = schema.records, schema.record_versions
    with server.engine.connect() as conn:
        final = dict(
            conn.execute(
                sa.select(r.c.id, r.c.version).where(r.c.district == officer.district)
            ).all()
        )
        history = conn.execute(
            sa.select(sa.func.count()).select_from(v).where(v.c.record_id.in_(list(final)))
        ).scalar_one()
    assert len(final) == PUSHERS * BATCHES * (PER_BATCH - 1)
    assert history == PUSHERS * BATCHES * PER_BATCH
    assert sum(final.values()) == history
    for puller in pullers:
        assert missed_changes(final, seen[puller.id]) == []
