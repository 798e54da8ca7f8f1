"""The case view's records: add and edit by keyboard, drafts through a lock and a crash, amend.

Drives the real window over a copy of the seeded vault: the sections under a case open each
record's own form, a signed record opens read-only with "Amend…", and what was typed comes back
from the vault exactly as typed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from oxfield.domain.ehe import ContactType, EheCase, EheVisit
from oxfield.services import records
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import make_flow, start, unlock
from tests.ui.test_keyboard_access import focus, press, tab_until, unnamed_controls
from ui.flow import AppFlow
from ui.views.case_detail import CaseDetailView

ROOT = Path(__file__).resolve().parents[3]
ARABIC = "فاطمة الزهراء"
AWKWARD = "=SUM(A1) <b>Smith</b> & Jones"


def type_text(qtbot, text: str) -> None:
    """Type like a keyboard: QTest only knows Latin-1 keys, so other scripts go as key events
    carrying their text (what an Arabic keyboard layout sends)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(focus(), char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(focus(), event)


def open_case(qtbot, flow: AppFlow, case_id: str) -> CaseDetailView:
    window = flow.window
    qtbot.waitExposed(window)
    window.activateWindow()
    unlock(qtbot, flow)
    detail = window.workspace.detail
    with qtbot.waitSignal(detail.sig_loaded, timeout=15000):
        window.workspace.open_case(case_id)
    qtbot.waitUntil(lambda: detail.records is not None)
    return detail


def test_add_a_parent_by_keyboard_and_read_it_back(qtbot, flow, seeded_vault) -> None:
    detail = open_case(qtbot, flow, seeded_vault[1][2])
    qtbot.waitUntil(lambda: focus() is detail.edit_button)
    assert detail.sections.lists["parents"].item(0).text() == "None recorded."
    add = detail.sections.add_buttons["parents"]
    assert not detail.sections.add_buttons["contacts"].isEnabled()  # no parent to reach yet
    tab_until(qtbot, lambda w: w is add)
    with qtbot.waitSignal(detail.editor.sig_opened):
        press(qtbot, Qt.Key.Key_Space)
    form = detail.editor.current_form
    assert form is not None and form.spec.name == "parent"
    assert focus() is form.edits["title"]
    assert unnamed_controls(flow.window) == []
    assert not detail.editor.save_button.isEnabled()  # the names are required
    qtbot.keyClicks(focus(), "Ms")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, ARABIC)
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focus(), AWKWARD)
    assert detail.editor.save_button.isEnabled()
    with qtbot.waitSignal(detail.editor.sig_done, timeout=10000) as done:
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert done.args == [True]
    parents = detail.sections.lists["parents"]
    qtbot.waitUntil(lambda: parents.item(0).text() != "None recorded.")
    assert parents.item(0).text() == f"{ARABIC} {AWKWARD} (mother)"
    assert detail.sections.add_buttons["contacts"].isEnabled()

    parents.setFocus()
    parents.setCurrentRow(0)
    with qtbot.waitSignal(detail.editor.sig_opened):
        press(qtbot, Qt.Key.Key_Return)
    form = detail.editor.current_form
    assert form is not None
    assert form.edits["given_names"].text() == ARABIC
    assert form.edits["family_name"].text() == AWKWARD
    assert detail.editor.heading.text() == "Edit parent or carer"
    press(qtbot, Qt.Key.Key_Escape)  # back to the case; nothing was typed, no draft
    assert not detail.in_record and detail.read_view.isVisible()


def test_the_child_is_edited_and_a_bad_date_is_refused_as_typed(qtbot, flow, seeded_vault) -> None:
    detail = open_case(qtbot, flow, seeded_vault[1][2])
    with qtbot.waitSignal(detail.editor.sig_opened):
        detail.sections.open_buttons["child"].click()
    form = detail.editor.current_form
    assert form is not None and form.spec.name == "child"
    dob = form.edits["date_of_birth"]
    dob.setText("29/02/2011")
    assert (
        form.errors["date_of_birth"].text() == "Date of birth must be a real date, like 31/01/2015."
    )
    assert dob.accessibleDescription() == form.errors["date_of_birth"].text()
    assert not detail.editor.save_button.isEnabled()
    dob.setText("29/02/2012")
    assert detail.editor.save_button.isEnabled()
    form.edits["preferred_name"].setText(ARABIC)
    with qtbot.waitSignal(detail.editor.sig_done, timeout=10000):
        detail.editor.save_button.click()
    qtbot.waitUntil(lambda: ARABIC in detail.sections.lists["child"].item(0).text())
    assert detail.sections.lists["child"].item(0).text() == f"{ARABIC} OBrien, born 29/02/2012"


def test_a_new_address_survives_a_lock_and_reopens_from_today(qtbot, flow, seeded_vault) -> None:
    detail = open_case(qtbot, flow, seeded_vault[1][2])
    with qtbot.waitSignal(detail.editor.sig_opened):
        detail.sections.add_buttons["addresses"].click()
    form = detail.editor.current_form
    assert form is not None
    form.edits["line1"].setText("1 High Street")
    form.edits["postcode"].setText("OX1")
    assert "UK postcode" in form.errors["postcode"].text()
    with qtbot.waitSignal(flow.sig_locked):
        flow.lock()
    assert form.edits["line1"].text() == "" and detail.records is None
    assert not detail.in_record

    unlock(qtbot, flow)
    today = flow.window.workspace.today
    drafts = today.lists["drafts"]
    qtbot.waitUntil(lambda: drafts.count() == 1 and "OBrien (address)" in drafts.item(0).text())
    drafts.setCurrentRow(0)
    with qtbot.waitSignal(detail.editor.sig_opened, timeout=15000):
        qtbot.keyClick(drafts, Qt.Key.Key_Return)
    form = detail.editor.current_form
    assert form is not None and form.spec.name == "address"
    assert form.edits["line1"].text() == "1 High Street"
    assert form.edits["postcode"].text() == "OX1"
    assert "Restored your unsaved changes" in form.draft_label.text()
    assert "UK postcode" in form.errors["postcode"].text()
    form.edits["postcode"].setText("ox1 1nd")
    with qtbot.waitSignal(detail.editor.sig_done, timeout=10000):
        detail.editor.save_button.click()
    addresses = detail.sections.lists["addresses"]
    qtbot.waitUntil(lambda: addresses.item(0).text() == "1 High Street, OX1 1ND")
    today.refresh()
    qtbot.waitUntil(lambda: "No unfinished" in drafts.item(0).text())


def test_a_new_address_survives_a_crash(qtbot, seeded_vault, settings) -> None:
    path, ids = seeded_vault
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.forms.crash_record_child", str(path), ids[2], ARABIC],
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
    detail = open_case(qtbot, flow, ids[2])
    with qtbot.waitSignal(detail.editor.sig_opened, timeout=15000):
        detail.start_edit()  # what the Today view's unfinished edit does
    form = detail.editor.current_form
    assert form is not None and form.edits["line1"].text() == ARABIC
    flow.shutdown()


def _sign_a_visit(path: Path, case_id: str) -> None:
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        actor = records.Actor("officer-a")
        with records.writing(vault, actor) as s:
            case = records.get(s, EheCase, case_id)
            visit = EheVisit(
                case_id=case_id,
                contact_type=ContactType.HOME_VISIT,
                planned_on=date(2026, 11, 20),
                summary="Seen at home",
                team=case.team,
            )
            s.add(visit)
            s.flush()
            records.sign(visit, actor)
    finally:
        vault.lock()


def test_a_signed_visit_opens_read_only_and_is_amended(qtbot, flow, seeded_vault) -> None:
    path, ids = seeded_vault
    _sign_a_visit(path, ids[2])
    detail = open_case(qtbot, flow, ids[2])
    signed = detail.sections.lists["signed"]
    assert signed.item(0).text() == "Visit 20/11/2026 (home visit) (signed)"
    signed.setFocus()
    signed.setCurrentRow(0)
    editor = detail.editor
    with qtbot.waitSignal(editor.sig_opened):
        press(qtbot, Qt.Key.Key_Return)
    assert editor.current_form is None  # read-only: no form, no Save
    assert not editor.save_button.isVisible() and editor.amend_button.isVisible()
    view = editor.view("ehe_visit")
    assert view.values["summary"].text() == "Seen at home"
    assert focus() is editor.amend_button
    press(qtbot, Qt.Key.Key_Space)  # Amend…
    form = editor.current_form
    assert form is not None and form.spec.name == "amend_ehe_visit"
    assert focus() is form.texts["reason"]
    assert form.texts["summary"].toPlainText() == "Seen at home"
    assert not editor.save_button.isEnabled()  # the reason is required
    qtbot.keyClicks(focus(), "The summary left out the tutor")
    form.texts["summary"].setPlainText("Seen at home with the tutor")
    with qtbot.waitSignal(editor.sig_done, timeout=10000):
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: detail.sections.lists["signed"].count() == 1)
    detail.sections.lists["signed"].setCurrentRow(0)
    with qtbot.waitSignal(editor.sig_opened):
        detail.sections.open_buttons["signed"].click()
    view = editor.view("ehe_visit")
    assert view.values["summary"].text() == "Seen at home"  # the original is kept
    amendments = view.amendments.text()
    assert "The summary left out the tutor" in amendments
    assert "Summary: Seen at home with the tutor" in amendments
    assert QApplication.focusWidget() is editor.amend_button


def test_opening_another_case_keeps_the_typing_as_a_draft(qtbot, flow, seeded_vault) -> None:
    ids = seeded_vault[1]
    detail = open_case(qtbot, flow, ids[2])
    with qtbot.waitSignal(detail.editor.sig_opened):
        detail.sections.add_buttons["notes"].click()
    form = detail.editor.current_form
    assert form is not None and form.spec.name == "note"
    form.texts["text"].setPlainText("Mother rang: & <not> =1")
    with qtbot.waitSignal(detail.sig_loaded, timeout=15000):
        flow.window.workspace.open_case(ids[0])
    assert not detail.in_record and form.texts["text"].toPlainText() == ""
    with qtbot.waitSignal(detail.sig_loaded, timeout=15000):
        flow.window.workspace.open_case(ids[2])
    detail.edit_button.click()  # Edit means the case, even with a note's draft waiting
    assert detail.editing and not detail.in_record
    detail.cancel_button.click()
    with qtbot.waitSignal(detail.editor.sig_opened):
        detail.sections.add_buttons["notes"].click()
    assert form.texts["text"].toPlainText() == "Mother rang: & <not> =1"
    assert "Restored" in form.draft_label.text()
