"""The window says in plain words when the server was restored from an older backup and what
this laptop sent again. A real server process, restored from a file copy; the real widgets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings

from oxfield.clock import Clock
from oxfield.domain.kinds import Team
from oxfield.services import records
from oxfield.services.records import Actor
from sync.server import admin
from tests.sync.conftest import make_database
from tests.sync.restorable import Restorable
from tests.ui.conftest import make_flow, start, unlock
from ui.sync.enrol_dialog import EnrolDialog


def test_the_status_bar_says_the_server_was_restored(
    qtbot, vault_path: Path, settings: QSettings, tmp_path: Path
) -> None:
    folder = tmp_path / "server"
    folder.mkdir()
    srv = Restorable(*make_database("sqlite", str(folder)), folder)
    try:
        flow = make_flow(qtbot, vault_path, settings)
        start(qtbot, flow)
        unlock(qtbot, flow)
        window, status = flow.window, flow.window.status
        officer = srv.server.officer()
        window.enrol_action.trigger()
        dialog = window.findChild(EnrolDialog)
        assert dialog is not None
        dialog.server.setText(srv.server.url)
        dialog.code.setText(admin.enrol_code(srv.server.engine, officer.id, 1, Clock().now()))
        with qtbot.waitSignal(dialog.sig_enrolled, timeout=30_000):
            dialog.enrol_button.click()
        assert flow.sync_desk is not None and flow.vault is not None
        controller = flow.sync_desk.controller
        assert controller is not None

        def new_child(given: str) -> None:
            actor = Actor(officer=officer.id, device="", clock=Clock())
            with records.writing(flow.vault, actor) as s:  # type: ignore[arg-type]
                records.create_child(
                    s, team=Team(officer.team), legal_family_name="Testfamily",
                    legal_given_names=given, date_of_birth=date(2015, 5, 1),
                    district=officer.district,
                )  # fmt: skip

        def sync() -> str:
            with qtbot.waitSignal(controller.sig_finished, timeout=60_000) as done:
                window.sync_action.trigger()
            assert done.args[0].finished, done.args[0].message
            return str(status.currentMessage())

        new_child("Before")
        sync()
        srv.backup()
        new_child("After")
        assert "restored" not in sync()
        srv.restore()
        said = sync()
        assert said.startswith("Sync finished: ")
        assert said.endswith("The server was restored from a backup; 1 change sent again.")
    finally:
        srv.close()
