"""Every unfinished edit Today lists reopens its form with the text back, by mouse or by Enter.

One test per kind of draft that is not kept against a case: an EHE visit record (kept against
the visit), a new licence application and a new body of persons approval (kept against no
record). Each is typed through the real widgets, autosaved into the real vault, the window is
locked (which forgets every form) and unlocked, and the draft is opened from Today.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget

from oxfield.services import today
from oxfield.services.ehe_visits import plan_visit
from oxfield.services.records import Actor
from tests.ui.conftest import OFFICER, FixedToday, unlock
from ui.ehe import visit_data
from ui.ehe.visit_form import VisitRecordForm
from ui.flow import AppFlow
from ui.licensing.bopa_form import BopaForm
from ui.licensing.licence_form import LicenceForm


def _lock_and_unlock(qtbot, flow: AppFlow, typed: QLineEdit | None = None) -> QListWidget:
    with qtbot.waitSignal(flow.sig_locked):
        flow.lock()
    assert typed is None or typed.text() == ""  # the lock forgot it: only the vault has it
    unlock(qtbot, flow)
    return flow.window.workspace.today.lists["drafts"]


def _first_text(drafts: QListWidget) -> str:
    item = drafts.item(0)
    return "" if item is None else item.text()


def _activate(qtbot, drafts: QListWidget, row: int, by_mouse: bool) -> None:
    drafts.setCurrentRow(row)
    if by_mouse:
        rect = drafts.visualItemRect(drafts.item(row))
        # what a hand does: the first click selects, the double-click opens
        qtbot.mouseClick(drafts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(drafts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    else:
        drafts.setFocus()
        qtbot.keyClick(drafts, Qt.Key.Key_Return)


def test_a_visit_record_draft_reopens_from_today(qtbot, flow, seeded_vault) -> None:
    unlock(qtbot, flow)
    session = flow.window.workspace.session
    assert session is not None
    actor = Actor(officer=OFFICER, clock=FixedToday())
    visit_id = plan_visit(session.vault, actor, seeded_vault[1][2], FixedToday().today())
    bar = flow.window.workspace.ehe_bars[1]
    bar.open_visit(visit_id)
    form = bar.opened.findChild(VisitRecordForm) if bar.opened else None
    assert form is not None
    qtbot.waitUntil(lambda: form.state is not None, timeout=10000)
    with qtbot.waitSignal(form.sig_draft_saved, timeout=10000):
        qtbot.keyClicks(form.fields.approach, "Structured days, reading aloud")
    bar.opened.close()  # the window goes: only the vault keeps the typing now

    drafts = _lock_and_unlock(qtbot, flow)
    qtbot.waitUntil(lambda: "Visit record for Liam OBrien" in _first_text(drafts))
    assert drafts.count() == 1
    _activate(qtbot, drafts, 0, by_mouse=False)
    bar = flow.window.workspace.ehe_bars[1]
    reopened = bar.opened.findChild(VisitRecordForm) if bar.opened else None
    assert reopened is not None and reopened is not form and reopened.visit_id == visit_id
    qtbot.waitUntil(lambda: reopened.state is not None, timeout=10000)
    assert reopened.fields.approach.toPlainText() == "Structured days, reading aloud"
    assert reopened.draft_label.text() == "Restored your unsaved draft."
    bar.opened.close()


def test_a_new_licence_draft_reopens_from_today_by_mouse(qtbot, flow) -> None:
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    workspace.show_area(workspace.AREAS.index("New licence"))
    form = workspace.licence_form
    with qtbot.waitSignal(form.sig_draft_saved, timeout=10000):
        qtbot.keyClicks(form.edits["production"], "The Snow Queen")
    drafts = _lock_and_unlock(qtbot, flow, form.edits["production"])
    workspace.show_area(0)
    qtbot.waitUntil(lambda: "a new licence application" in _first_text(drafts))
    _activate(qtbot, drafts, 0, by_mouse=True)
    assert workspace.current_view() is form
    qtbot.waitUntil(lambda: form.edits["production"].text() == "The Snow Queen")
    assert "restored" in form.draft_label.text()


def test_a_new_bopa_draft_reopens_from_today_by_keyboard(qtbot, flow) -> None:
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    workspace.show_area(workspace.AREAS.index("New BOPA"))
    form = workspace.bopa_form
    with qtbot.waitSignal(form.sig_draft_saved, timeout=10000):
        qtbot.keyClicks(form.edits["organisation"], "Thame Players")
    drafts = _lock_and_unlock(qtbot, flow, form.edits["organisation"])
    qtbot.waitUntil(lambda: "a new body of persons approval" in _first_text(drafts))
    _activate(qtbot, drafts, 0, by_mouse=False)
    assert workspace.current_view() is form
    qtbot.waitUntil(lambda: form.edits["organisation"].text() == "Thame Players")


def test_today_knows_the_forms_by_the_names_they_save_under() -> None:
    assert today.VISIT_FORM == visit_data.FORM_NAME
    assert today.LICENCE_FORM_NAME == LicenceForm.FORM_NAME
    assert today.BOPA_FORM_NAME == BopaForm.FORM_NAME


def test_a_new_chaperone_application_draft_reopens_from_today(qtbot, flow) -> None:
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    workspace.show_area(workspace.AREAS.index("Chaperones"))
    form = workspace.chaperones.pipeline.steps["application"].form
    family = form.widgets["family_name"]
    assert isinstance(family, QLineEdit)
    with qtbot.waitSignal(form.sig_draft_saved, timeout=10000):
        qtbot.keyClicks(family, "Nowak-Ó Briain")
    drafts = _lock_and_unlock(qtbot, flow, family)
    qtbot.waitUntil(lambda: _first_text(drafts).startswith("Edit of"))
    workspace.show_area(0)
    _activate(qtbot, drafts, 0, by_mouse=False)
    assert workspace.current_view() is workspace.chaperones
    qtbot.waitUntil(lambda: family.text() == "Nowak-Ó Briain")
