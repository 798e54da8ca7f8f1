"""Lock latency: from Ctrl+L to the unlock screen shown, with no sync running and with a sync
stalled on a server that stopped answering (issue 4). Prints both and their ratio; never asserts.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_lock.py [--runs 7]

A real server process enrols a real vault, then is stopped and its port taken by a listener
that accepts connections and reads requests but never answers (a stalled connection, a
captive portal, a tunnel). The desktop is the real one, offscreen: each run unlocks, (starts a
sync and waits until its request has reached the dead server,) presses Ctrl+L, and takes the
time until the unlock screen is current and painted; then the time until the vault has closed
(the cancelled sync worker returned first). Before issue 4 the stalled figure was the sync's
whole time-out (30 s).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.bench_sync import PASSPHRASE, start_server
from oxfield.clock import Clock
from oxfield.vault.keyfile import MIN_ITERATIONS, MIN_MEMORY_KIB, KdfParams
from oxfield.vault.vault import Vault
from sync.client.enrol import enrol
from sync.server import admin
from sync.server.db import make_engine
from ui.flow import AppFlow
from ui.theme import Appearance


class DeadServer:
    """Accepts, reads, never answers; ``heard`` is set once a request's bytes arrive."""

    def __init__(self, port: int) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(16)
        self.heard = threading.Event()
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            threading.Thread(target=self._swallow, args=(conn,), daemon=True).start()

    def _swallow(self, conn: socket.socket) -> None:
        try:
            while conn.recv(65536):
                self.heard.set()
        except OSError:
            return


def spin_until(app: QApplication, done: object, limit: float = 120.0) -> None:
    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.0005)
    if not done():  # type: ignore[operator]
        raise SystemExit("gave up waiting")


def one_lock(app: QApplication, flow: AppFlow, path: Path, dead: DeadServer | None) -> tuple:
    vault = Vault.unlock(path, PASSPHRASE)
    flow.open_session(vault)
    spin_until(app, lambda: not flow.runner.busy)  # the lists have loaded: only sync differs
    if dead is not None:
        dead.heard.clear()
        flow.window.sync_action.trigger()
        spin_until(app, dead.heard.is_set)
    start = time.perf_counter()
    QTest.keyClick(flow.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert flow.window.locked
    flow.window.repaint()  # the unlock screen painted, not just chosen
    shown = time.perf_counter() - start
    spin_until(app, lambda: vault.locked)
    closed = time.perf_counter() - start
    return shown * 1000, closed * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="oxf-bench-lock-"))
    proc, base, url = start_server(work)
    path = work / "vault.oxv"
    try:
        engine = make_engine(url, pool_size=1)
        officer = admin.create_officer(engine, "Bench Officer", "ehe", "bench", "officer",
                                       Clock().now())  # fmt: skip
        kdf = KdfParams(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, os.urandom(16))
        vault = Vault.create(path, PASSPHRASE, kdf=kdf).vault
        enrol(vault, base, admin.enrol_code(engine, officer, 1, Clock().now()))
        vault.lock()
        engine.dispose()  # type: ignore[attr-defined]
    finally:
        proc.terminate()
        proc.wait()
    dead = DeadServer(int(base.rsplit(":", 1)[1]))  # the server's address stops answering

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    flow = AppFlow(path, settings, Appearance(app, settings), ask_profile=False)
    flow.start()
    spin_until(app, lambda: flow.ready)
    flow.window.activateWindow()

    idle = [one_lock(app, flow, path, None) for _ in range(args.runs)]
    stalled = [one_lock(app, flow, path, dead) for _ in range(args.runs)]
    flow.shutdown()

    def med(rows: list[tuple[float, float]], i: int) -> float:
        return statistics.median(r[i] for r in rows)

    print(f"lock latency, median of {args.runs} runs (ms)      no sync   stalled sync   ratio")
    for i, name in enumerate(("Ctrl+L to unlock screen painted", "Ctrl+L to vault closed")):
        a, b = med(idle, i), med(stalled, i)
        print(f"{name:<44}{a:>9.1f}{b:>15.1f}{b / a:>8.2f}")
    print(f"worst stalled run: {max(r[0] for r in stalled):.1f} ms shown, "
          f"{max(r[1] for r in stalled):.1f} ms closed; sync time-out 30,000 ms")  # fmt: skip


if __name__ == "__main__":
    main()
