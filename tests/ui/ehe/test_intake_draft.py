"""A new case's intake keeps its draft: autosaved as typed, saved at lock, alive after a crash,
listed on Today and reopened from there with everything back; gone once the case is opened or
the officer discards it.

Everything is typed through the real widgets into a real vault; the crash is a child process
killed with SIGKILL after its autosave, as in ``tests/ui/test_drafts_crash.py``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from oxfield.domain.ehe import EheCase, EheReason, EheSource
from oxfield.domain.people import Relationship
from oxfield.services import records
from oxfield.services.drafts import list_drafts, load_draft
from tests.ui.conftest import make_flow, start, unlock
from ui.ehe.intake_dialog import CaseIntakeDialog
from ui.ehe.intake_draft import FORM_NAME, intake_fields
from ui.flow import AppFlow

ROOT = Path(__file__).resolve().parents[3]
ST_MARYS_CHIPPING_NORTON = 123227


def _new_intake(qtbot, flow: AppFlow) -> CaseIntakeDialog:
    workspace = flow.window.workspace
    qtbot.waitUntil(lambda: workspace.session is not None, timeout=15000)
    bar = workspace.ehe_bars[0]
    qtbot.mouseClick(bar.buttons["New home education case..."], Qt.MouseButton.LeftButton)
    dialog = bar.opened
    assert isinstance(dialog, CaseIntakeDialog)
    qtbot.waitUntil(lambda: bool(dialog.school.schools), timeout=15000)
    return dialog


def _type_family(qtbot, d: CaseIntakeDialog) -> None:
    """A whole notice: child, two adults with contacts, a second address, the school."""
    qtbot.keyClicks(d.given, "Aoife")
    qtbot.keyClicks(d.family, "Byrne")
    qtbot.keyClicks(d.preferred, "Eefa")
    qtbot.keyClicks(d.dob, "15/03/2015")
    qtbot.keyClicks(d.address, "3 Cowley Road")
    qtbot.keyClicks(d.town, "Oxford")
    qtbot.keyClicks(d.postcode, "OX4 1HP")
    mother = d.parents.rows[0]
    qtbot.keyClicks(mother.given, "Niamh")
    qtbot.keyClicks(mother.family, "Byrne")
    qtbot.keyClicks(mother.phone, "07700 900456")
    qtbot.mouseClick(d.parents.add_button, Qt.MouseButton.LeftButton)
    father = d.parents.rows[1]
    father.given.insert("Ciarán")  # as an input method types it: keyClicks is ASCII only
    qtbot.keyClicks(father.family, "Byrne")
    father.relationship.setCurrentIndex(father.relationship.findData(Relationship.FATHER.value))
    father.educates.setChecked(False)
    qtbot.keyClicks(father.email, "ciaran@example.org")
    second = d.other_addresses.add()
    qtbot.keyClicks(second.line1, "9 Kennington Road")
    qtbot.keyClicks(second.postcode, "OX1 5PG")
    qtbot.keyClicks(d.school.search, "st marys chipping norton")
    qtbot.keyClick(d.school.search, Qt.Key.Key_Return)
    qtbot.keyClicks(d.notified, "02/11/2026")
    d.source.setCurrentIndex(d.source.findData(EheSource.SCHOOL_DEREGISTRATION.value))
    qtbot.keyClicks(d.deregistered, "30/10/2026")
    d.reason.setCurrentIndex(d.reason.findData(EheReason.PHILOSOPHICAL.value))
    d.safeguarding.setChecked(True)
    qtbot.keyClicks(d.safeguarding_detail, "Known to early help")


def _drafts_after_unlock(qtbot, flow: AppFlow, open_dialog: CaseIntakeDialog) -> QListWidget:
    with qtbot.waitSignal(flow.sig_locked):
        flow.lock()
    assert not open_dialog.isVisible()  # nothing typed stays on screen over the unlock screen
    unlock(qtbot, flow)
    return flow.window.workspace.today.lists["drafts"]


def _reopen(qtbot, flow: AppFlow, drafts: QListWidget, title: str) -> CaseIntakeDialog:
    qtbot.waitUntil(lambda: drafts.count() == 1 and title in drafts.item(0).text())
    drafts.setCurrentRow(0)
    drafts.setFocus()
    qtbot.keyClick(drafts, Qt.Key.Key_Return)
    dialog = flow.window.workspace.ehe_bars[0].opened
    assert isinstance(dialog, CaseIntakeDialog)
    qtbot.waitUntil(lambda: dialog.draft_label.text() == "Restored your unsaved draft.")
    assert dialog.fields.isEnabled()
    return dialog


def test_the_intake_is_kept_at_lock_and_reopens_from_today(qtbot, flow) -> None:
    unlock(qtbot, flow)
    d = _new_intake(qtbot, flow)
    with qtbot.waitSignal(d.draft.sig_saved, timeout=10000):  # the autosave, as typed
        _type_family(qtbot, d)
    qtbot.keyClicks(d.parents.rows[1].phone, "01865 000111")  # then lock at once
    typed = intake_fields(d)
    assert d.school.urn == ST_MARYS_CHIPPING_NORTON

    drafts = _drafts_after_unlock(qtbot, flow, d)
    again = _reopen(qtbot, flow, drafts, "New home education case for Aoife Byrne")
    qtbot.waitUntil(lambda: bool(again.school.schools), timeout=15000)
    assert intake_fields(again) == typed  # every field, row and the school
    assert again.parents.rows[1].phone.text() == "01865 000111"  # typed just before the lock
    assert again.parents.rows[1].relationship.currentData() == Relationship.FATHER.value
    assert not again.parents.rows[1].educates.isChecked()
    assert [r.line1.text() for r in again.other_addresses.rows] == ["9 Kennington Road"]
    assert again.school.urn == ST_MARYS_CHIPPING_NORTON
    assert "St Mary's" in again.school.chosen.text()

    with qtbot.waitSignal(again.sig_opened, timeout=15000) as opened:
        qtbot.mouseClick(again.open_button, Qt.MouseButton.LeftButton)
    session = flow.window.workspace.session
    assert session is not None
    assert list_drafts(session.vault) == []  # the case has it all now
    with session.vault.read() as s:
        case = records.get(s, EheCase, opened.args[0].case_id)
        assert case.school_left_urn == ST_MARYS_CHIPPING_NORTON and case.safeguarding_concern
    today = flow.window.workspace.today
    today.refresh()
    qtbot.waitUntil(lambda: "No unfinished edits" in today.lists["drafts"].item(0).text())


def test_a_new_intake_is_new_not_a_restored_draft(qtbot, flow) -> None:
    """The button's clicked(bool) once reached new_case as draft id False: every new intake
    said "Restored your unsaved draft." and took no typing until an empty load came back."""
    unlock(qtbot, flow)
    dialog = _new_intake(qtbot, flow)  # waits for the school list: a load would be back too
    assert not dialog.draft.resumed
    assert dialog.fields.isEnabled()
    assert "Restored" not in dialog.draft_label.text()


def test_escape_keeps_the_draft_and_discard_drops_it(qtbot, runner, open_vault, actor) -> None:
    vault, _ids = open_vault
    d = CaseIntakeDialog(runner, vault, actor)
    qtbot.addWidget(d)
    d.show()
    qtbot.keyClicks(d.given, "Tomasz")
    qtbot.keyClick(d.given, Qt.Key.Key_Escape)  # before the autosave: closing keeps it
    assert not d.isVisible()
    kept = load_draft(vault, FORM_NAME, d.draft.draft_id)
    assert kept is not None and kept.fields["given"] == "Tomasz"

    again = CaseIntakeDialog(runner, vault, actor, draft_id=d.draft.draft_id, autosave_ms=50)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(again.fields.isEnabled)
    assert again.given.text() == "Tomasz"
    with qtbot.waitSignal(again.draft.sig_saved, timeout=10000):
        qtbot.keyClicks(again.family, "Nowak")
    stored = load_draft(vault, FORM_NAME, d.draft.draft_id)
    assert stored is not None and stored.fields["display_name"] == "Tomasz Nowak"
    qtbot.mouseClick(again.cancel_button, Qt.MouseButton.LeftButton)  # Discard
    assert not again.isVisible()
    qtbot.waitUntil(lambda: load_draft(vault, FORM_NAME, d.draft.draft_id) is None)
    assert list_drafts(vault) == []


def test_the_intake_draft_survives_a_crash(qtbot, seeded_vault, settings) -> None:
    path, _ids = seeded_vault
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.ehe.intake_crash_child", str(path), "Aoife"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "draft saved" in child.stdout

    flow = make_flow(qtbot, path, settings)
    start(qtbot, flow)
    unlock(qtbot, flow)
    drafts = flow.window.workspace.today.lists["drafts"]
    d = _reopen(qtbot, flow, drafts, "New home education case for Aoife Byrne")
    assert (d.given.text(), d.family.text()) == ("Aoife", "Byrne")
    assert d.parents.rows[0].phone.text() == "07700 900456"
    assert [(r.line1.text(), r.postcode.text()) for r in d.other_addresses.rows] == [
        ("9 Kennington Road", "OX1 5PG")
    ]
    flow.shutdown()
