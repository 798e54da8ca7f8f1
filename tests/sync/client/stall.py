"""A gate between a laptop and the real server that can stop answering.

Open, it relays each request to the server. Stalled, it accepts the connection, reads the
request and answers nothing, holding it (a server that stopped answering, a captive portal, a
train in a tunnel). Released, it forwards what it held to the server, which may then apply a
push the laptop has already given up on, and tries to pass the answer back. ``log`` records
what happened in order (tests append their own events to it), so a test asserts the order of
events, never a time.
"""

from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit

import sqlalchemy as sa

from sync.client.run import Options
from tests.sync.client.proxy import _read_message, relay
from tests.sync.helpers import Server

#: a time-out far longer than any test: only an abort can end a request the gate holds
PATIENT = Options(timeout=150.0, attempts=3, max_wait=30.0)


class StallGate:
    def __init__(self, server_url: str) -> None:
        parts = urlsplit(server_url)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.log: list[str] = []
        self.held = threading.Event()
        #: set once a held request has been passed on to the server
        self.forwarded = threading.Event()
        self._open = threading.Event()
        self._open.set()
        self._sock = socket.socket()

    def start(self) -> str:
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        threading.Thread(target=self._accept, daemon=True).start()
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def stall(self) -> None:
        self.held.clear()
        self.forwarded.clear()
        self._open.clear()

    def release(self) -> None:
        self.log.append("released")
        self._open.set()

    def stop(self) -> None:
        self._open.set()
        self._sock.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        try:
            while True:
                head, body = _read_message(reader, request=True)
                if head is None:
                    return
                path = head.split(b" ", 2)[1].decode()
                held = not self._open.is_set()
                if held:
                    self.log.append(f"held {path}")
                    self.held.set()
                    self._open.wait()
                answer = relay(self.upstream, head, body)
                if held:
                    self.log.append(f"forwarded {path}")
                    self.forwarded.set()
                conn.sendall(answer)
        except OSError:
            return
        finally:
            reader.close()
            conn.close()


def server_copies(server: Server, record_id: str) -> int:
    """How many versions of the record the server holds: 1 when a change arrived once."""
    with server.engine.connect() as conn:
        return int(
            conn.execute(
                sa.text("SELECT count(*) FROM record_versions WHERE record_id = :r"),
                {"r": record_id},
            ).scalar_one()
        )
