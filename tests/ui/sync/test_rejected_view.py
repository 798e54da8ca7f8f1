"""The officer sees a rejected change, opens the case, fixes it and sends it again, from the
window: a real server process, real enrolled vaults, the real widgets. The case page shows the
record's sync state with the server's reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSettings

from oxfield.domain.ehe import EheCase, EheSource
from oxfield.domain.kinds import Team
from oxfield.services import records
from oxfield.services.records import Actor
from oxfield.services.sync_status import SyncState
from tests.sync.helpers import Server
from tests.ui.conftest import make_flow, start, unlock
from ui.sync.record_state import RecordStateBadge


def _case_with_a_bad_officer(laptop: Any) -> str:
    with laptop.edit() as s:
        child = records.create_child(
            s, team=Team.EHE, legal_family_name="Testfamily", legal_given_names="Robin",
            date_of_birth=date(2014, 3, 1), district=laptop.officer.district,
        )  # fmt: skip
        case = records.open_ehe_case(
            s, child, notified_on=date(2026, 11, 2), source=EheSource.PARENT,
            assigned_officer="not-an-officer-id",
        )  # fmt: skip
        s.flush()
        return case.id


def test_fix_and_send_again_from_the_window(
    qtbot, laptops: Any, sync_server: Server, settings: QSettings
) -> None:
    officer = sync_server.officer("ehe")
    a, b = laptops("a", officer), laptops("b", officer)
    case_id = _case_with_a_bad_officer(a)
    first = a.sync_ok()
    assert first.rejected == 1 and first.pushed == 1  # the child went, the case did not
    a.close()

    flow = make_flow(qtbot, a.path, settings)
    start(qtbot, flow)
    unlock(qtbot, flow)
    desk, status = flow.sync_desk, flow.window.status
    assert desk is not None and desk.controller is not None
    qtbot.waitUntil(status.rejected_button.isVisible)  # the facts are read on a worker
    assert status.rejected_button.text() == "1 rejected: review"

    status.rejected_button.click()
    dialog = desk.rejected_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 1
    reference = dialog.table.item(0, 0).text()
    assert reference.startswith("EHE-")
    assert "assigned officer" in dialog.table.item(0, 2).text()
    assert "not valid" in dialog.table.item(0, 3).text()

    detail = flow.window.workspace.detail
    with qtbot.waitSignal(detail.sig_loaded, timeout=10_000):
        dialog.open_button.click()
    badge = detail.findChild(RecordStateBadge)
    assert badge is detail.sync_state and badge.isVisible()
    assert badge.accessibleName() == "Sync state"
    assert badge.status is not None and badge.status.state is SyncState.REJECTED
    assert "Rejected by the server" in badge.text()
    assert "assigned officer" in badge.accessibleDescription()

    vault = flow.vault
    assert vault is not None
    with records.writing(vault, Actor(officer=officer.id)) as s:  # the officer's fix
        s.get(EheCase, case_id).assigned_officer = officer.id
    with qtbot.waitSignal(dialog.sig_resent, timeout=10_000):
        dialog.resend_button.click()
    assert dialog.table.rowCount() == 0
    assert "carry it" in dialog.message.text()
    qtbot.waitUntil(lambda: not status.rejected_button.isVisible())

    with qtbot.waitSignal(desk.controller.sig_finished, timeout=60_000) as done:
        flow.window.sync_action.trigger()
    report = done.args[0]
    assert report.finished and report.pushed == 1 and report.rejected == 0, report.message
    with qtbot.waitSignal(detail.sig_loaded, timeout=10_000):
        flow.window.workspace.open_case(case_id)
    assert badge.status is not None and badge.status.state is SyncState.SYNCED
    assert badge.text() == "Sync: Synced"

    b.sync_ok()
    with b.open().read() as s:
        assert s.get(EheCase, case_id).assigned_officer == officer.id
    flow.lock("button")
    assert not badge.isVisible() and dialog.isHidden()
    flow.shutdown()


def test_the_sync_menu_offers_rejected_changes_and_the_network_choice(
    qtbot, laptops: Any, sync_server: Server, settings: QSettings
) -> None:
    a = laptops("a", sync_server.officer("ehe"))
    a.close()
    flow = make_flow(qtbot, a.path, settings)
    start(qtbot, flow)
    desk = flow.sync_desk
    assert desk is not None
    assert not desk.rejected_action.isEnabled()  # nothing to show while locked
    unlock(qtbot, flow)
    assert desk.rejected_action.isEnabled()
    texts = [action.text() for action in desk.menu.actions()]
    assert texts == ["Rejected changes…", "Sync when the network returns"]
    assert not desk.auto_action.isChecked() and desk.watch is None  # off unless chosen
    desk.rejected_action.trigger()
    assert desk.rejected_dialog is not None
    assert desk.rejected_dialog.table.rowCount() == 0
    assert not desk.rejected_dialog.resend_button.isEnabled()
    assert "No rejected changes" in desk.rejected_dialog.intro.text()
    flow.shutdown()
