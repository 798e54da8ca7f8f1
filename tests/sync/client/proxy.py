"""A fault-injecting HTTP/1.1 proxy for the sync tests.

It sits between a laptop and the real server and relays requests one by one (each on a fresh
upstream connection), so it can act on a chosen request: drop the client's connection before
forwarding it, drop it after the server has answered (the server committed, the client never
hears), hold the answer past the client's time-out, cut a request body part-way, cut an answer
part-way (a download lost mid-file), or send it to another path (so the real server answers as
one without that route would). After a
fault it can stay "down" (refusing everything) to simulate the network being lost for the rest
of a run.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Match = Callable[[str, str], bool]


@dataclass
class Fault:
    match: Match
    action: str  # drop_before | drop_after | delay | cut | cut_answer | reroute
    value: float = 0.0
    then_down: bool = False
    #: reroute: send the request to this path instead (a server without the route answers)
    path: str = ""


@dataclass
class Proxy:
    upstream: tuple[str, int]
    faults: list[Fault] = field(default_factory=list)
    down: bool = False
    seen: list[tuple[str, str]] = field(default_factory=list)
    body_bytes: dict[str, int] = field(default_factory=dict)
    #: answer bytes (head and body) that reached the client, by path without the query
    answer_bytes: dict[str, int] = field(default_factory=dict)

    def start(self) -> str:
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def stop(self) -> None:
        self._stop = True
        self._sock.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _fault_for(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.match(method, path):
                self.faults.remove(fault)
                return fault
        return None

    def _serve(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        try:
            while True:
                head, body = _read_message(reader, request=True)
                if head is None:
                    return
                method, target = head.split(b" ", 2)[:2]
                m, path = method.decode(), target.decode()
                if self.down:
                    return
                self.seen.append((m, path))
                key = path.split("?")[0]
                self.body_bytes[key] = self.body_bytes.get(key, 0) + len(body)
                fault = self._fault_for(m, path)
                if fault is not None and fault.then_down:
                    self.down = True
                if fault is not None and fault.action == "drop_before":
                    return
                if fault is not None and fault.action == "cut":
                    cut = int(len(body) * fault.value)
                    self._send_partial(head, body[:cut])
                    return
                if fault is not None and fault.action == "reroute":
                    head = head.replace(target, fault.path.encode(), 1)
                answer = relay(self.upstream, head, body)
                if fault is not None and fault.action == "drop_after":
                    return
                if fault is not None and fault.action == "delay":
                    time.sleep(fault.value)
                if fault is not None and fault.action == "cut_answer":
                    answer = answer[: int(len(answer) * fault.value)]
                self.answer_bytes[key] = self.answer_bytes.get(key, 0) + len(answer)
                conn.sendall(answer)
                if fault is not None and fault.action == "cut_answer":
                    return
        except OSError:
            return
        finally:
            reader.close()
            conn.close()

    def _send_partial(self, head: bytes, part: bytes) -> None:
        with socket.create_connection(self.upstream) as up:
            up.sendall(head + part)
            time.sleep(0.05)


def relay(upstream: tuple[str, int], head: bytes, body: bytes) -> bytes:
    """Send one request upstream and return its whole answer."""
    with socket.create_connection(upstream) as up:
        up.sendall(head + body)
        reader = up.makefile("rb")
        rhead, rbody = _read_message(reader, request=False)
        reader.close()
    assert rhead is not None
    return rhead + rbody


def _read_message(reader, *, request: bool) -> tuple[bytes | None, bytes]:
    lines = []
    while True:
        line = reader.readline()
        if not line:
            return None, b""
        lines.append(line)
        if line in (b"\r\n", b"\n"):
            break
    head = b"".join(lines)
    headers = {}
    for raw in lines[1:-1]:
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        return head, reader.read(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        out = b""
        while True:
            size_line = reader.readline()
            out += size_line
            size = int(size_line.split(b";")[0].strip(), 16)
            chunk = reader.read(size + 2)
            out += chunk
            if size == 0:
                return head, out
    return head, b""


def proxy_for(server_url: str) -> Proxy:
    parts = urlsplit(server_url)
    return Proxy((parts.hostname or "127.0.0.1", parts.port or 80))
