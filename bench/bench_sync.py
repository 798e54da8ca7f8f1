"""Sync benchmark against a real server process (SQLite), with real vaults.

    .venv/bin/python bench/bench_sync.py [--big 50000]

Figures: first sync of a new laptop pulling 10,000 records (and its peak memory, measured in a
separate process); a routine sync pushing 200 changes and pulling 200; a sync with nothing to
do when the vault holds 1,000 and 50,000 records. Goals (issue 8): first < 10 s, routine < 2 s,
empty < 300 ms at both sizes, peak memory < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from oxfield.clock import Clock
from oxfield.domain.people import Child
from oxfield.ids import new_id
from oxfield.services.records import Actor, writing
from oxfield.vault.keyfile import MIN_ITERATIONS, MIN_MEMORY_KIB, KdfParams
from oxfield.vault.vault import Vault
from sync import signing
from sync.client.enrol import enrol
from sync.client.run import SyncRun
from sync.protocol import PROTOCOL_VERSION
from sync.server import admin
from sync.server.db import make_engine

PASSPHRASE = "a long passphrase for the benchmark"


def start_server(folder: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"sqlite:///{folder}/server.db"
    log = (folder / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.server.cli", "--database-url", url, "serve", "--port",
         str(port)], cwd=folder, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/v1/status", timeout=1).status_code == 200:
                return proc, base, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


class Seeder:
    """A device that pushes records straight over HTTP (the other officers' laptops)."""

    def __init__(self, base: str, engine: object, officer: str, district: str) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.client = httpx.Client(base_url=base, timeout=120)
        code = admin.enrol_code(engine, officer, 1, Clock().now())
        answer = self.client.post(
            "/v1/enrol",
            json={"code": code, "public_key": signing.public_key_text(self.key),
                  "device_name": "seeder"},
            headers={signing.HEADER_PROTOCOL: str(PROTOCOL_VERSION)},
        )  # fmt: skip
        self.id = answer.json()["device_id"]
        self.seq = 0
        self.district = district
        self.versions: dict[str, int] = {}

    def push(self, docs: list[tuple[str, dict[str, object]]]) -> None:
        for start in range(0, len(docs), 1000):
            changes = []
            for rid, fields in docs[start : start + 1000]:
                self.seq += 1
                base = self.versions.get(rid, 0)
                changes.append({
                    "seq": self.seq, "record_id": rid, "kind": "child", "base_version": base,
                    "hlc": f"{time.time_ns() // 1_000_000:015d}-{self.seq % 99999:05d}-{self.id}",
                    "fields": fields, "scope": {"team": "ehe", "district": self.district},
                })  # fmt: skip
            body = json.dumps({"vault_generation": 0, "changes": changes}).encode()
            headers = signing.sign_request(self.key, self.id, "POST", "/v1/push", body)
            headers["content-type"] = "application/json"
            answer = self.client.post("/v1/push", content=body, headers=headers)
            answer.raise_for_status()
            for r in answer.json()["results"]:
                self.versions[r["record_id"]] = r["version"]


def child(i: int) -> dict[str, object]:
    return {"legal_family_name": f"Benchfamily{i % 997}", "legal_given_names": f"Child {i}",
            "date_of_birth": "2015-06-01", "sex": "unknown", "sen_status": "none"}  # fmt: skip


def new_laptop(folder: Path, template: Path, engine: object, base: str, officer: str) -> Path:
    import shutil

    folder.mkdir(parents=True)
    path = folder / "vault.oxv"
    shutil.copy2(template, path)
    shutil.copy2(str(template) + ".keys", str(path) + ".keys")
    vault = Vault.unlock(path, PASSPHRASE)
    enrol(vault, base, admin.enrol_code(engine, officer, 1, Clock().now()))
    vault.lock()
    return path


CHILD_SCRIPT = """
import resource, sys, time
from pathlib import Path
from oxfield.vault.vault import Vault
from sync.client.run import SyncRun
vault = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
import os
t = time.perf_counter()
if os.environ.get("OXF_PROFILE"):
    import cProfile, pstats
    pr = cProfile.Profile(); pr.enable()
report = SyncRun(vault).run()
if os.environ.get("OXF_PROFILE"):
    pr.disable(); pstats.Stats(pr, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
elapsed = time.perf_counter() - t
print(elapsed, report.pulled, report.finished, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def first_sync(path: Path) -> tuple[float, int, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD_SCRIPT, str(path), PASSPHRASE],
        check=False, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    if os.environ.get("OXF_PROFILE"):
        print(done.stderr, file=sys.stderr)
    out = done.stdout.split()
    assert out[2] == "True", out
    return float(out[0]), int(out[1]), int(out[3]) / 1024


def timed_sync(path: Path) -> tuple[float, object]:
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        t = time.perf_counter()
        report = SyncRun(vault).run()
        return time.perf_counter() - t, report
    finally:
        vault.lock()


def empty_syncs(path: Path, runs: int = 7) -> float:
    vault = Vault.unlock(path, PASSPHRASE)
    times = []
    try:
        for _ in range(runs):
            t = time.perf_counter()
            report = SyncRun(vault).run()
            times.append(time.perf_counter() - t)
            assert report.finished and report.requests == 1, report
    finally:
        vault.lock()
    return statistics.median(times)


def row(name: str, value: float, unit: str, goal: float) -> None:
    print(f"{name:<48}{value:>10.3f} {unit:<3} goal {goal:>7g} {unit:<3} ratio {value / goal:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=50_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="oxf-bench-"))
    proc, base, url = start_server(work)
    try:
        engine = make_engine(url, pool_size=1)
        now = datetime.now(UTC)
        district = "bench"
        officer = admin.create_officer(engine, "Bench Officer", "ehe", district, "officer", now)
        small_officer = admin.create_officer(engine, "Small", "ehe", "small", "officer", now)
        template = work / "template.oxv"
        Vault.create(
            template, PASSPHRASE, kdf=KdfParams(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, os.urandom(16))
        ).vault.lock()
        seeder = Seeder(base, engine, officer, district)
        ids = [new_id() for _ in range(10_000)]
        seeder.push([(rid, child(i)) for i, rid in enumerate(ids)])

        laptop = new_laptop(work / "a", template, engine, base, officer)
        seconds, pulled, peak = first_sync(laptop)
        print(f"first sync pulled {pulled} records")
        row("first sync, 10,000 records pulled", seconds, "s", 10)
        row("client peak memory during first sync", peak, "MB", 300)

        vault = Vault.unlock(laptop, PASSPHRASE)
        with writing(vault, Actor(officer=officer)) as s:
            for rid in ids[:200]:
                s.get(Child, rid).preferred_name = "edited on the laptop"
        vault.lock()
        seeder.push([(rid, {**child(0), "upn": "A123456789012"}) for rid in ids[5000:5200]])
        seconds, report = timed_sync(laptop)
        print(f"routine sync: pushed {report.pushed}, pulled {report.pulled}")  # type: ignore[attr-defined]
        row("routine sync, 200 up and 200 down", seconds, "s", 2)

        row("empty sync, 10,000 records", empty_syncs(laptop) * 1000, "ms", 300)

        small_seeder = Seeder(base, engine, small_officer, "small")
        small_seeder.push([(new_id(), child(i)) for i in range(1000)])
        small = new_laptop(work / "small", template, engine, base, small_officer)
        timed_sync(small)
        row("empty sync, 1,000 records", empty_syncs(small) * 1000, "ms", 300)

        big_officer = admin.create_officer(engine, "Big", "ehe", "big", "officer", now)
        big_seeder = Seeder(base, engine, big_officer, "big")
        big_seeder.push([(new_id(), child(i)) for i in range(args.big)])
        big = new_laptop(work / "big", template, engine, base, big_officer)
        seconds, pulled, peak = first_sync(big)
        print(f"first sync of {pulled:,} records: {seconds:.1f} s, peak {peak:.0f} MB")
        row(f"empty sync, {args.big:,} records", empty_syncs(big) * 1000, "ms", 300)
        engine.dispose()  # type: ignore[attr-defined]
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
