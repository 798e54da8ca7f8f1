"""Test helpers: a real server process, and a device that enrols, signs and talks HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from oxfield.clock import Clock
from oxfield.ids import new_id
from sync import signing
from sync.protocol import PROTOCOL_VERSION
from sync.server import admin
from sync.server.db import make_engine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    database_url: str
    process: subprocess.Popen[bytes]
    engine: Any = None
    log_path: str = ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.engine is not None:
            self.engine.dispose()

    def log(self, containing: str | None = None, timeout: float = 10.0) -> str:
        """The server's log so far; with ``containing``, wait (bounded) until that text is
        there, because the server writes a request's line after the answer has gone."""
        deadline = time.monotonic() + timeout
        while True:
            with open(self.log_path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
            if containing is None or containing in text or time.monotonic() > deadline:
                return text
            time.sleep(0.05)

    def officer(
        self,
        team: str = "ehe",
        district: str | None = None,
        role: str = "officer",
        name: str = "Test Officer",
    ) -> Officer:
        district = district or f"district-{uuid.uuid4().hex[:8]}"
        oid = admin.create_officer(self.engine, name, team, district, role, Clock().now())
        return Officer(oid, team, district, role)


@dataclass(frozen=True)
class Officer:
    id: str
    team: str
    district: str
    role: str


def start_server(
    database_url: str,
    *,
    workers: int = 1,
    cwd: str,
    extra: list[str] | None = None,
    port: int | None = None,
) -> Server:
    """One ``oxfield-server serve`` process, waited for until it answers (on ``port`` when
    given: a server restarted where the laptops expect it)."""
    return start_servers(database_url, 1, workers=workers, cwd=cwd, extra=extra, port=port)[0]


def start_servers(
    database_url: str,
    count: int,
    *,
    workers: int = 1,
    cwd: str,
    extra: list[str] | None = None,
    port: int | None = None,
) -> list[Server]:
    """``count`` separate server processes on one database, started side by side."""
    scheme = "https" if extra and "--ssl-certfile" in extra else "http"
    launched = []
    for i in range(count):
        chosen = port or free_port()
        log_path = os.path.join(cwd, f"server-{i}.log")
        handle = open(log_path, "ab")  # noqa: SIM115 - lives as long as the process
        cmd = [
            sys.executable,
            "-m",
            "sync.server.cli",
            "--database-url",
            database_url,
            "serve",
            "--port",
            str(chosen),
            "--workers",
            str(workers),
            *(extra or []),
        ]
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT)
        launched.append((proc, f"{scheme}://127.0.0.1:{chosen}", log_path))
    servers = []
    for proc, url, log_path in launched:
        _wait_until_up(proc, url, log_path)
        servers.append(
            Server(url, database_url, proc, make_engine(database_url, pool_size=2), log_path)
        )
    return servers


def _wait_until_up(proc: subprocess.Popen[bytes], url: str, log_path: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited: " + _tail(log_path))
        try:
            if httpx.get(url + "/v1/status", timeout=1, verify=False).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start: " + _tail(log_path))


def _tail(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()[-2000:]


_hlc_counter = 0


def next_hlc() -> str:
    """A fixed-width, ever-growing clock string (what the device's HLC looks like)."""
    global _hlc_counter
    _hlc_counter += 1
    return f"{time.time_ns() // 1_000_000:015d}:{_hlc_counter:08d}"


@dataclass
class Device:
    server: Server
    officer: Officer
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    id: str = ""
    seq: int = 0
    generation: int = 0
    client: httpx.Client | None = None

    def enrol(self) -> Device:
        code = admin.enrol_code(self.server.engine, self.officer.id, 1, Clock().now())
        self.client = httpx.Client(base_url=self.server.url, timeout=30)
        resp = self.client.post(
            "/v1/enrol",
            json={
                "code": code,
                "public_key": signing.public_key_text(self.key),
                "device_name": "laptop",
            },
            headers={signing.HEADER_PROTOCOL: str(PROTOCOL_VERSION)},
        )
        assert resp.status_code == 200, resp.text
        self.id = resp.json()["device_id"]
        return self

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        **sign: Any,
    ) -> httpx.Response:
        assert self.client is not None
        content = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        signed = signing.sign_request(self.key, self.id, method, path, content, **sign)
        hdrs = {**signed, **(headers or {})}
        if body is not None:
            hdrs.setdefault("content-type", "application/json")
        return self.client.request(method, path, content=content, headers=hdrs)

    def change(
        self,
        record_id: str,
        fields: dict[str, Any],
        *,
        kind: str = "note",
        base_version: int = 0,
        scope: dict[str, Any] | None = None,
        deleted: bool = False,
        resolves: list[str] | None = None,
        seq: int | None = None,
    ) -> dict[str, Any]:
        if seq is None:
            self.seq += 1
            seq = self.seq
        change: dict[str, Any] = {
            "seq": seq,
            "record_id": record_id,
            "kind": kind,
            "base_version": base_version,
            "hlc": next_hlc(),
            "fields": fields,
            "deleted": deleted,
        }
        if scope is not None:
            change["scope"] = scope
        if resolves:
            change["resolves"] = resolves
        return change

    def scope(self, **override: Any) -> dict[str, Any]:
        return {"team": self.officer.team, "district": self.officer.district, **override}

    def push(self, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        resp = self.request(
            "POST", "/v1/push", {"vault_generation": self.generation, "changes": changes}
        )
        assert resp.status_code == 200, resp.text
        return list(resp.json()["results"])

    def pull(self, cursor: int, limit: int = 500) -> dict[str, Any]:
        resp = self.request(
            "POST",
            "/v1/pull",
            {"cursor": cursor, "limit": limit, "vault_generation": self.generation},
        )
        assert resp.status_code == 200, resp.text
        return dict(resp.json())

    def pull_all(
        self, cursor: int = 0, limit: int = 500
    ) -> tuple[dict[str, Any], list[str], list[dict[str, Any]], int]:
        """Follow the feed to its end: latest copy of each record, purges, conflicts, cursor."""
        records: dict[str, Any] = {}
        purges: list[str] = []
        conflicts: list[dict[str, Any]] = []
        while True:
            page = self.pull(cursor, limit)
            for rec in page["records"]:
                records[rec["id"]] = rec
            for rid in page["purges"]:
                purges.append(rid)
                records.pop(rid, None)
            conflicts.extend(page["conflicts"])
            cursor = page["cursor"]
            if not page["has_more"]:
                return records, purges, conflicts, cursor


def note(officer: Officer, text: str = "visit arranged") -> dict[str, Any]:
    return {"subject_id": new_id(), "text": text}
