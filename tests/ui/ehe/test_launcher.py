"""The EHE screens open from the real desktop: unlock, open a case, plan a visit from the
case page and land in its record form; the Home education area opens the intake dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import unlock
from ui.ehe.intake_dialog import CaseIntakeDialog
from ui.ehe.plan_visit import PlanVisitDialog
from ui.ehe.visit_form import VisitRecordForm


def test_plan_then_record_from_the_case_page(qtbot, flow, seeded_vault) -> None:
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    qtbot.waitUntil(lambda: workspace.session is not None, timeout=15000)
    area_bar, case_bar = workspace.ehe_bars
    qtbot.mouseClick(case_bar.buttons["Plan visit..."], Qt.MouseButton.LeftButton)
    assert "Open a home education case first" in case_bar.message.text()
    workspace.open_case(seeded_vault[1][0])
    qtbot.waitUntil(lambda: workspace.detail.details is not None, timeout=15000)
    qtbot.mouseClick(case_bar.buttons["Plan visit..."], Qt.MouseButton.LeftButton)
    plan = case_bar.opened
    assert isinstance(plan, PlanVisitDialog)
    qtbot.mouseClick(plan.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: case_bar.opened is not plan, timeout=15000)
    form = case_bar.opened.findChild(VisitRecordForm)
    assert form is not None
    qtbot.waitUntil(form.isEnabled, timeout=15000)
    assert "Visit planned for 03/12/2026" in form.heading.text()
    case_bar.opened.close()
    qtbot.mouseClick(case_bar.buttons["Record planned visit..."], Qt.MouseButton.LeftButton)
    again = case_bar.opened.findChild(VisitRecordForm)
    assert again is not None and again.visit_id == form.visit_id
    case_bar.opened.close()
    qtbot.mouseClick(area_bar.buttons["New home education case..."], Qt.MouseButton.LeftButton)
    assert isinstance(area_bar.opened, CaseIntakeDialog)
    area_bar.opened.close()
