"""Locking while a sync is stuck on a server that stopped answering (issue 4).

The real desktop (pytest-qt), a real vault, the real server behind a gate that accepts the
sync's request and answers nothing. Ctrl+L, the idle lock and quitting each show the unlock
screen and close the vault before the gate is released: the order of events is asserted,
never a time. The change that was waiting then reaches the server exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings, Qt

from oxfield.clock import Clock
from oxfield.domain.kinds import Team
from oxfield.services import records, sync_status
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault
from sync.client.enrol import enrol
from sync.client.run import SyncRun
from sync.server import admin
from tests.conftest import PASSPHRASE
from tests.sync.client.conftest import FAST
from tests.sync.client.stall import PATIENT, StallGate, server_copies
from tests.sync.helpers import Server
from tests.ui.conftest import make_flow, start, unlock
from ui.flow import AppFlow


@pytest.fixture
def gate(sync_server: Server) -> Iterator[StallGate]:
    g = StallGate(sync_server.url)
    g.url = g.start()  # type: ignore[attr-defined]
    yield g
    g.stop()


def stalled_sync(qtbot, flow: AppFlow, server: Server, gate: StallGate) -> tuple[Vault, str]:
    """Unlock, enrol through the gate, make one change, and start a sync that stalls."""
    flow.ask_profile = False  # no profile dialog over the window: Ctrl+L goes to the window
    unlock(qtbot, flow)
    vault = flow.vault
    assert vault is not None
    officer = server.officer()
    enrol(vault, gate.url, admin.enrol_code(server.engine, officer.id, 1, Clock().now()))  # type: ignore[attr-defined]
    with records.writing(vault, Actor(officer=officer.id, device="", clock=Clock())) as s:
        child = records.create_child(
            s, team=Team(officer.team), legal_family_name="Testfamily", legal_given_names="Kit",
            date_of_birth=date(2016, 2, 29), district=officer.district,
        )  # fmt: skip
        s.flush()
        child_id = child.id
    gate.stall()
    assert flow.sync_desk is not None and flow.sync_desk.controller is not None
    flow.sync_desk.controller.options = PATIENT  # only the abort can end the stalled request
    flow.window.sync_action.trigger()
    qtbot.waitUntil(gate.held.is_set, timeout=60_000)
    return vault, child_id


def assert_locked_before_release(qtbot, flow: AppFlow, vault: Vault, gate: StallGate) -> None:
    assert flow.window.locked and flow.locked  # the unlock screen, at once
    gate.log.append("unlock screen")
    qtbot.waitUntil(lambda: vault.locked, timeout=60_000)
    gate.log.append("vault locked")
    assert gate.log == ["held /v1/push", "unlock screen", "vault locked"]


def release(gate: StallGate) -> None:
    gate.release()  # the held push reaches the server after the laptop gave up on it
    assert gate.forwarded.wait(60)


def sync_again_from_the_window(qtbot, flow: AppFlow, server: Server, child_id: str) -> None:
    unlock(qtbot, flow)
    assert flow.sync_desk is not None and flow.sync_desk.controller is not None
    with qtbot.waitSignal(flow.sync_desk.controller.sig_finished, timeout=60_000) as done:
        flow.window.sync_action.trigger()
    assert done.args[0].finished, done.args[0].message
    assert server_copies(server, child_id) == 1
    assert flow.vault is not None and sync_status.status(flow.vault).waiting == 0


def test_ctrl_l_during_a_stalled_sync_locks_at_once(
    qtbot, sync_server: Server, gate: StallGate, vault_path: Path, settings: QSettings
) -> None:
    flow = make_flow(qtbot, vault_path, settings)
    start(qtbot, flow)
    vault, child_id = stalled_sync(qtbot, flow, sync_server, gate)

    qtbot.keyClick(flow.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert_locked_before_release(qtbot, flow, vault, gate)
    assert flow.window.status.progress.isHidden()

    release(gate)
    sync_again_from_the_window(qtbot, flow, sync_server, child_id)
    flow.shutdown()


def test_idle_lock_during_a_stalled_sync_locks_at_once(
    qtbot, sync_server: Server, gate: StallGate, vault_path: Path, settings: QSettings
) -> None:
    flow = make_flow(qtbot, vault_path, settings)
    start(qtbot, flow)
    vault, child_id = stalled_sync(qtbot, flow, sync_server, gate)

    with qtbot.waitSignal(flow.sig_locked) as locked:
        flow.idle.sig_idle.emit()  # what the idle watcher's timer sends when time is up
    assert locked.args == ["idle"]
    assert_locked_before_release(qtbot, flow, vault, gate)

    release(gate)
    sync_again_from_the_window(qtbot, flow, sync_server, child_id)
    flow.shutdown()


def test_quit_during_a_stalled_sync_waits_for_the_worker_not_the_server(
    qtbot, sync_server: Server, gate: StallGate, vault_path: Path, settings: QSettings
) -> None:
    flow = make_flow(qtbot, vault_path, settings)
    start(qtbot, flow)
    vault, child_id = stalled_sync(qtbot, flow, sync_server, gate)

    flow.window.close()  # quitting: lock, then wait for every worker
    gate.log.append("quit returned")
    assert vault.locked and flow.runner.wait(0)  # no worker left running, the vault closed
    assert gate.log == ["held /v1/push", "quit returned"]

    release(gate)
    again = Vault.unlock(vault_path, PASSPHRASE)  # the next start of the app
    try:
        report = SyncRun(again, options=FAST).run()
        assert report.finished, report.message
        assert report.pushed == 1 and server_copies(sync_server, child_id) == 1
    finally:
        again.lock()
