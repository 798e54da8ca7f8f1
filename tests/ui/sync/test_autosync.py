"""Sync when the network returns: the probe path against a real server process stopped and
started again on the same address, through the desktop's real task runner.

Only a change from unreachable to reachable starts sync; it starts at most once per gap and
never while a run is going; the choice is kept in QSettings and is off unless chosen.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QSettings

from oxfield.vault.paths import VaultFiles
from sync.client import probe
from sync.client.run import Options
from sync.server.db import make_engine
from tests.sync.client.conftest import Laptop
from tests.sync.helpers import Server, _wait_until_up, free_port
from tests.ui.conftest import make_flow, start, unlock
from ui.sync.autosync import SETTING, NetworkWatch, load_choice
from ui.tasks import TaskRunner


def _serve(database_url: str, port: int, folder: Path) -> Server:
    """One server process on a chosen port (so a restart keeps the laptop's address)."""
    log_path = str(folder / f"server-{port}.log")
    handle = open(log_path, "ab")  # noqa: SIM115 - lives as long as the process
    cmd = [sys.executable, "-m", "sync.server.cli", "--database-url", database_url, "serve",
           "--port", str(port), "--workers", "1"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=folder, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait_until_up(proc, url, log_path)
    return Server(url, database_url, proc, make_engine(database_url, pool_size=2), log_path)


class Restartable:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.database_url = f"sqlite:///{folder}/server.db"
        self.port = free_port()
        self.server: Server | None = _serve(self.database_url, self.port, folder)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def start(self) -> Server:
        self.server = _serve(self.database_url, self.port, self.folder)
        return self.server


@pytest.fixture
def restartable(tmp_path: Path) -> Iterator[Restartable]:
    folder = tmp_path / "server"
    folder.mkdir()
    made = Restartable(folder)
    yield made
    made.stop()


@pytest.fixture
def laptop(
    restartable: Restartable, vault_template: tuple[Path, str], tmp_path: Path
) -> Iterator[Laptop]:
    server = restartable.server
    assert server is not None
    source = VaultFiles.at(vault_template[0])
    target = VaultFiles.at(tmp_path / "laptop" / "vault.oxv")
    target.database.parent.mkdir(parents=True)
    shutil.copy2(source.database, target.database)
    shutil.copy2(source.keys, target.keys)
    made = Laptop("laptop", target.database, server, server.officer("ehe")).enrol()
    yield made
    made.close()


def _answers(qtbot: Any, watch: NetworkWatch, expected: bool) -> None:
    """Probe now and wait for the answer (retrying while the server is still settling)."""

    def answered() -> bool:
        if not watch.probing:
            if watch.reachable is expected:
                return True
            watch.check()
        return False

    qtbot.waitUntil(answered, timeout=20_000)


def test_the_probe_sees_the_server_go_and_come_back(
    qtbot: Any, restartable: Restartable, laptop: Laptop
) -> None:
    vault = laptop.open()
    runner = TaskRunner()
    running = {"sync": False}
    watch = NetworkWatch(
        runner, probe=lambda: probe.reachable(vault, timeout=1.0),
        busy=lambda: running["sync"], interval_ms=3_600_000, min_gap_s=3600,
    )  # fmt: skip
    returned: list[bool] = []
    watch.sig_returned.connect(lambda: returned.append(True))
    watch.set_enabled(True)
    _answers(qtbot, watch, True)
    assert returned == []  # reachable from the start: nothing came back

    restartable.stop()
    _answers(qtbot, watch, False)
    restartable.start()
    _answers(qtbot, watch, True)
    assert returned == [True]

    restartable.stop()  # a flapping connection: the gap holds the second return back
    _answers(qtbot, watch, False)
    restartable.start()
    _answers(qtbot, watch, True)
    assert returned == [True] and watch.triggers == 1

    watch.min_gap_s = 0
    restartable.stop()
    _answers(qtbot, watch, False)
    running["sync"] = True  # a run is going: no probe is even made
    watch.check()
    assert not watch.probing
    running["sync"] = False
    watch.set_enabled(False)
    restartable.start()
    watch.check()
    qtbot.waitUntil(lambda: not watch.probing, timeout=10_000)
    assert returned == [True]  # turned off: a return starts nothing
    watch.stop()
    runner.shutdown()


def test_the_desktop_syncs_when_the_server_returns(
    qtbot: Any, restartable: Restartable, laptop: Laptop, settings: QSettings
) -> None:
    laptop.new_child(given="Kit")
    laptop.close()
    flow = make_flow(qtbot, laptop.path, settings)
    start(qtbot, flow)
    unlock(qtbot, flow)
    desk = flow.sync_desk
    assert desk is not None and desk.controller is not None
    assert not load_choice(settings) and desk.watch is None
    restartable.stop()
    desk.controller.options = Options(timeout=2.0, attempts=1, max_wait=0.1)
    with qtbot.waitSignal(desk.controller.sig_finished, timeout=30_000):
        flow.window.sync_action.trigger()  # by hand while the server is away: a plain message
    message = flow.window.status.currentMessage()
    assert message.startswith("Sync did not finish: the server could not be reached"), message
    assert message.endswith("Nothing is lost; try again later.")
    assert flow.window.status.progress.isHidden()
    desk.auto_action.setChecked(True)  # the officer's choice, from the Sync menu
    assert settings.value(SETTING) in (True, "true")
    watch = desk.watch
    assert watch is not None and watch.enabled
    watch.min_gap_s = 0
    _answers(qtbot, watch, False)
    qtbot.waitUntil(lambda: flow.window.status.pending_label.text() == "Changes waiting: 1")

    with qtbot.waitSignal(desk.controller.sig_finished, timeout=60_000) as done:
        restartable.start()
        _answers(qtbot, watch, True)
    report = done.args[0]
    assert report.finished and report.pushed == 1, report.message
    qtbot.waitUntil(lambda: flow.window.status.pending_label.text() == "Changes waiting: 0")

    flow.lock("button")
    assert desk.watch is None  # nothing probes while the vault is locked
    desk.auto_action.setChecked(False)
    assert not load_choice(settings)
    flow.shutdown()
