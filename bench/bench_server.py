"""Benchmark the central server on this machine, against SQLite and PostgreSQL.

    .venv/bin/python bench/bench_server.py [--only sqlite|postgres] [--big 100000]

Figures printed (goals from issue 7 in brackets):
- 1,000 changes pushed by one device, in pushes of 100 and in one push of 1,000 [< 2 s];
- 50 devices pushing 100 changes each at once (10 pushes of 10), exactly-once verified by
  counting records and versions after every device re-sent one batch, p50/p95 request time;
- a pull with nothing new when the server holds 1,000 and 100,000 records: median time and
  bytes on the wire, and the ratio between the two sizes [< 50 ms, < 2 KB, ratio near 1];
- an officer moved from the 1,000-record district to the big one: the command's time, and
  the laptop's pulls that bring the purges and the new records.

Each run starts a real server process (``oxfield-server serve``) on a throwaway database and
talks HTTP to it. The 100,000 records are written through the server's own write path
(``feed.write_batch``) in-process, since pushing them over HTTP would only measure the push.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from oxfield.ids import new_id
from sync import signing
from sync.protocol import PROTOCOL_VERSION
from sync.server import admin, officers, schema
from sync.server.db import make_engine
from sync.server.decide import RecordState
from sync.server.feed import write_batch
from sync.server.push import _Batch

PG_URL = os.environ.get("OXFIELD_TEST_POSTGRES_URL", "postgresql+psycopg:///postgres")


class Device:
    def __init__(self, url: str, engine: sa.Engine, officer: str, district: str) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.client = httpx.Client(base_url=url, timeout=60)
        self.district = district
        self.officer_id = officer
        self.seq = 0
        code = admin.enrol_code(engine, officer, 1, datetime.now(UTC))
        resp = self.client.post(
            "/v1/enrol",
            json={
                "code": code,
                "public_key": signing.public_key_text(self.key),
                "device_name": "bench",
            },
            headers={signing.HEADER_PROTOCOL: str(PROTOCOL_VERSION)},
        )
        resp.raise_for_status()
        self.id = resp.json()["device_id"]

    def post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        raw = json.dumps(body, separators=(",", ":")).encode()
        headers = signing.sign_request(self.key, self.id, "POST", path, raw)
        headers["content-type"] = "application/json"
        resp = self.client.post(path, content=raw, headers=headers)
        resp.raise_for_status()
        return resp

    def changes(self, count: int) -> list[dict[str, Any]]:
        out = []
        for _ in range(count):
            self.seq += 1
            out.append(
                {
                    "seq": self.seq,
                    "record_id": new_id(),
                    "kind": "note",
                    "base_version": 0,
                    "hlc": f"{time.time_ns():020d}",
                    "fields": {"subject_id": new_id(), "text": "bench note " * 5},
                    "scope": {"team": "ehe", "district": self.district},
                }
            )
        return out

    def push(self, changes: list[dict[str, Any]]) -> httpx.Response:
        return self.post("/v1/push", {"vault_generation": 0, "changes": changes})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(url: str, workdir: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    cmd = [sys.executable, "-m", "sync.server.cli", "--database-url", url, "serve"]
    cmd += ["--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/v1/status", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def seed(engine: sa.Engine, district: str, count: int) -> None:
    """Write ``count`` records through the server's write path, 5,000 per transaction."""
    now = datetime.now(UTC)
    author, device = new_id(), new_id()
    for start_at in range(0, count, 5000):
        batch = _Batch()
        for _ in range(min(5000, count - start_at)):
            rid = new_id()
            batch.new[rid] = RecordState(
                rid, "note", 1, "0", author, device, False, "ehe", district, None,
                {"subject_id": rid, "text": "seeded note " * 5}, now, now,
            )  # fmt: skip
        with engine.begin() as conn:
            write_batch(conn, batch, {}, now)


def _head(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(schema.feed_counter.c.value)).scalar_one())


def empty_pulls(
    readers: dict[int, Device], cursor: int, rounds: int = 60
) -> dict[int, tuple[float, int, int]]:
    """Median time and bytes of a pull with nothing new, the sizes measured in turn so that
    the machine's other load falls on both alike."""
    times: dict[int, list[float]] = {size: [] for size in readers}
    sizes: dict[int, tuple[int, int]] = {}
    for _ in range(rounds):
        for size, device in readers.items():
            t0 = time.perf_counter()
            resp = device.post("/v1/pull", {"cursor": cursor, "vault_generation": 0})
            times[size].append(time.perf_counter() - t0)
            assert resp.json()["records"] == [] and not resp.json()["has_more"]
            req = resp.request
            head_in = sum(len(k) + len(v) + 4 for k, v in req.headers.items())
            head_out = sum(len(k) + len(v) + 4 for k, v in resp.headers.items())
            body = len(req.content) + len(resp.content)
            sizes[size] = (body + head_in + head_out + 40, body)  # + request and status lines
    return {s: (statistics.median(times[s]) * 1000, *sizes[s]) for s in readers}


def move_officer(engine: sa.Engine, device: Device, officer: str, to: str, big: int) -> None:
    """An officer moved from the 1,000-record district to the big one: the administrator's
    command, then the laptop's pulls that carry the 1,000 purges and the new records."""
    t0 = time.perf_counter()
    change = officers.update_officer(engine, officer, datetime.now(UTC), district=to)
    moved = time.perf_counter() - t0
    cursor, purges, records, pages = _head(engine) - change.lost - change.gained, 0, 0, 0
    t0 = time.perf_counter()
    while True:
        page = device.post("/v1/pull", {"cursor": cursor, "vault_generation": 0}).json()
        purges, records, pages = (
            purges + len(page["purges"]),
            records + len(page["records"]),
            pages + 1,
        )
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    pulled = time.perf_counter() - t0
    print(
        f"officer moved (1,000 records lost, {big:,} gained): command {moved:5.2f} s; "
        f"the laptop's pulls {pulled:5.2f} s over {pages} pages "
        f"({purges:,} purges, {records:,} records)"
    )


def run(backend: str, big: int) -> None:
    tmp = tempfile.mkdtemp(prefix="oxf-bench-")
    drop = None
    if backend == "sqlite":
        url, workers = f"sqlite:///{tmp}/bench.db", 1
    else:
        admin_engine = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        name = f"oxf_bench_{uuid.uuid4().hex[:8]}"
        with admin_engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = admin_engine.url.set(database=name).render_as_string(hide_password=False)
        workers = 2

        def drop() -> None:
            with admin_engine.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    proc, base = start(url, tmp, workers)
    engine = make_engine(url, pool_size=2)
    try:
        print(f"\n== {backend} ({workers} worker{'s' if workers > 1 else ''}) ==")
        now = datetime.now(UTC)
        solo = admin.create_officer(engine, "Bench", "ehe", "solo", "officer", now)
        dev = Device(base, engine, solo, "solo")
        t0 = time.perf_counter()
        for _ in range(10):
            dev.push(dev.changes(100))
        hundreds = time.perf_counter() - t0
        t0 = time.perf_counter()
        dev.push(dev.changes(1000))
        single = time.perf_counter() - t0
        print(f"1,000 changes, one device, 10 pushes of 100: {hundreds:6.2f} s  (goal < 2 s)")
        print(f"1,000 changes, one device, 1 push of 1,000:  {single:6.2f} s")

        crowd = admin.create_officer(engine, "Bench", "ehe", "crowd", "officer", now)
        devices = [Device(base, engine, crowd, "crowd") for _ in range(50)]
        latencies: list[float] = []
        lock = threading.Lock()

        def work(d: Device) -> None:
            batches = [d.changes(10) for _ in range(10)]
            for i, batch in enumerate(batches):
                t = time.perf_counter()
                d.push(batch)
                with lock:
                    latencies.append(time.perf_counter() - t)
                if i == 4:
                    d.push(batch)  # a lost answer, re-sent: must change nothing

        t0 = time.perf_counter()
        threads = [threading.Thread(target=work, args=(d,)) for d in devices]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        r, v = schema.records, schema.record_versions
        with engine.connect() as conn:
            ids = list(conn.execute(sa.select(r.c.id).where(r.c.district == "crowd")).scalars())
            versions = conn.execute(
                sa.select(sa.func.count())
                .select_from(v.join(r, r.c.id == v.c.record_id))
                .where(r.c.district == "crowd")
            ).scalar_one()
        once = len(ids) == 5000 and versions == 5000
        q = statistics.quantiles(latencies, n=20)
        print(
            f"50 devices x 100 changes (10 pushes of 10): {wall:6.2f} s wall, "
            f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {q[18] * 1000:.0f} ms, "
            f"exactly once: {'yes' if once else 'NO'} ({len(ids)} records, {versions} versions)"
        )

        readers = {}
        for size in (1000, big):
            district = f"pull-{size}"
            seed(engine, district, size)
            officer = admin.create_officer(engine, "Bench", "ehe", district, "officer", now)
            readers[size] = Device(base, engine, officer, district)
        figures = empty_pulls(readers, _head(engine))
        for size, (ms, wire, body) in figures.items():
            print(
                f"empty pull, {size:>7,} records in scope: {ms:6.2f} ms median, "
                f"{wire} B on the wire ({body} B of bodies)  (goal < 50 ms, < 2 KB)"
            )
        (ms1, w1, _), (ms2, w2, _) = figures[1000], figures[big]
        print(f"ratio {big:,} / 1,000: time {ms2 / ms1:.2f}, bytes {w2 / w1:.2f}")
        move_officer(engine, readers[1000], readers[1000].officer_id, f"pull-{big}", big)
    finally:
        proc.terminate()
        proc.wait()
        engine.dispose()
        if drop is not None:
            drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--big", type=int, default=100_000)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; {Path.cwd()}")
    for backend in ("sqlite", "postgres"):
        if args.only in (None, backend):
            run(backend, args.big)


if __name__ == "__main__":
    main()
