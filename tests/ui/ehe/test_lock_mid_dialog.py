"""Locking while an EHE dialog is open: the dialog goes (nothing typed stays on screen over
the unlock screen, nothing runs against the closed vault) and what was typed in a visit
record is kept as its draft, even when the lock comes before the autosave timer."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import unlock
from ui.ehe.intake_dialog import CaseIntakeDialog
from ui.ehe.plan_visit import PlanVisitDialog
from ui.ehe.visit_form import VisitRecordForm


def _visit_form(qtbot, flow, case_id: str):
    workspace = flow.window.workspace
    qtbot.waitUntil(lambda: workspace.session is not None, timeout=15000)
    _area_bar, case_bar = workspace.ehe_bars
    workspace.open_case(case_id)
    qtbot.waitUntil(lambda: workspace.detail.details is not None, timeout=15000)
    return case_bar


def test_lock_closes_the_visit_record_and_keeps_what_was_typed(qtbot, flow, seeded_vault) -> None:
    unlock(qtbot, flow)
    case_bar = _visit_form(qtbot, flow, seeded_vault[1][0])
    qtbot.mouseClick(case_bar.buttons["Plan visit..."], Qt.MouseButton.LeftButton)
    plan = case_bar.opened
    assert isinstance(plan, PlanVisitDialog)
    qtbot.mouseClick(plan.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: case_bar.opened is not plan, timeout=15000)
    dialog = case_bar.opened
    form = dialog.findChild(VisitRecordForm)
    qtbot.waitUntil(form.isEnabled, timeout=15000)
    words = "Łucja read <Pan Tadeusz> & =SUM(A1)\nthen wrote a diary entry"
    form.fields.notes.setPlainText(words)  # and lock at once, before the autosave
    flow.lock()
    assert not dialog.isVisible()
    qtbot.wait(1500)  # the autosave interval passes: nothing may run against the closed vault
    unlock(qtbot, flow)
    case_bar = _visit_form(qtbot, flow, seeded_vault[1][0])
    qtbot.mouseClick(case_bar.buttons["Record planned visit..."], Qt.MouseButton.LeftButton)
    again = case_bar.opened.findChild(VisitRecordForm)
    qtbot.waitUntil(again.isEnabled, timeout=15000)
    assert again.fields.notes.toPlainText() == words
    assert again.draft_label.text() == "Restored your unsaved draft."


def test_lock_closes_the_intake_dialog(qtbot, flow) -> None:
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    qtbot.waitUntil(lambda: workspace.session is not None, timeout=15000)
    area_bar = workspace.ehe_bars[0]
    qtbot.mouseClick(area_bar.buttons["New home education case..."], Qt.MouseButton.LeftButton)
    dialog = area_bar.opened
    assert isinstance(dialog, CaseIntakeDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.given, "Zainab")
    flow.lock()
    assert not dialog.isVisible()
