"""Sync from the window: enrol, see what waits, sync with progress, lock forgets it all.

A real server process, a real vault, the real widgets.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from PySide6.QtCore import QSettings

from oxfield.clock import Clock
from oxfield.domain.kinds import Team
from oxfield.services import records
from oxfield.services.records import Actor
from oxfield.vault.tables import AuditEntry
from sync.server import admin
from tests.sync.helpers import Server
from tests.ui.conftest import make_flow, start, unlock
from ui.sync.enrol_dialog import EnrolDialog


def test_enrol_sync_and_lock_from_the_window(
    qtbot, sync_server: Server, vault_path: Path, settings: QSettings
) -> None:
    flow = make_flow(qtbot, vault_path, settings)
    start(qtbot, flow)
    unlock(qtbot, flow)
    window, status = flow.window, flow.window.status
    assert flow.sync_desk is not None and window.sync_action.isEnabled()

    officer = sync_server.officer()
    code = admin.enrol_code(sync_server.engine, officer.id, 1, Clock().now())
    window.enrol_action.trigger()
    dialog = window.findChild(EnrolDialog)
    assert dialog is not None
    dialog.server.setText(sync_server.url)
    dialog.code.setText(code)
    with qtbot.waitSignal(dialog.sig_enrolled, timeout=30_000):
        dialog.enrol_button.click()

    vault = flow.vault
    assert vault is not None
    with records.writing(vault, Actor(officer=officer.id, device="", clock=Clock())) as s:
        records.create_child(
            s,
            team=Team(officer.team),
            legal_family_name="Ó Súilleabháin",
            legal_given_names="Zoë",
            date_of_birth=date(2016, 2, 29),
            district=officer.district,
        )
    status.refresh()  # read on a worker: the label changes when it answers
    qtbot.waitUntil(lambda: status.pending_label.text() != "Changes waiting: 0")
    assert status.sync_label.text() == "Last sync: never"

    controller = flow.sync_desk.controller
    assert controller is not None
    with qtbot.waitSignal(controller.sig_finished, timeout=60_000) as done:
        window.sync_action.trigger()
        assert status.progress.isVisible() and status.cancel_button.isVisible()
    assert done.args[0].finished, done.args[0].message
    qtbot.waitUntil(lambda: status.pending_label.text() == "Changes waiting: 0")
    assert status.sync_label.text() != "Last sync: never"
    assert status.currentMessage().startswith("Sync finished: ")
    assert status.progress.isHidden()
    with vault.read() as s:
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    assert actions[-1] == "sync.run"

    flow.lock("button")
    assert status.sync_label.text() == "Last sync: never"  # nothing of the vault stays on screen
    assert not window.sync_action.isEnabled()
    flow.shutdown()


def test_cancel_from_the_window_ends_the_run_cleanly(
    qtbot, sync_server: Server, vault_path: Path, settings: QSettings
) -> None:
    flow = make_flow(qtbot, vault_path, settings)
    start(qtbot, flow)
    unlock(qtbot, flow)
    assert flow.sync_desk is not None and flow.sync_desk.controller is not None
    controller, status = flow.sync_desk.controller, flow.window.status
    with qtbot.waitSignal(controller.sig_finished, timeout=30_000) as done:
        flow.window.sync_action.trigger()
        status.cancel_button.click()
    assert not done.args[0].finished
    assert not controller.running and status.progress.isHidden()
    assert status.currentMessage().startswith("Sync cancelled: ")
    flow.shutdown()
