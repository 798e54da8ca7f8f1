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


def test_census_from_the_reports_menu_by_keyboard(qtbot, flow, tmp_path, monkeypatch) -> None:
    """Reports > Export EHE census (Alt+R, C), or Ctrl+Shift+C: asks the date and the place,
    then writes the CSV there and nowhere else."""
    import ui.ehe.census_export as census_export

    target = tmp_path / "census.csv"
    monkeypatch.setattr(
        census_export.QInputDialog, "getText", staticmethod(lambda *a, **k: ("03/12/2026", True))
    )
    monkeypatch.setattr(
        census_export.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "CSV (*.csv)")),
    )
    unlock(qtbot, flow)
    window, workspace = flow.window, flow.window.workspace
    qtbot.waitUntil(lambda: workspace.session is not None, timeout=15000)
    area_bar = workspace.ehe_bars[0]
    action = area_bar.census_action
    assert action in window.reports_menu.actions()
    assert window.reports_menu.title() == "&Reports" and action.text() == "Export EHE &census..."
    assert action.shortcut().toString() == "Ctrl+Shift+C"
    assert "Export EHE census..." not in area_bar.buttons  # no longer a button on the bar
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: area_bar.message.text() == "Census saved.", timeout=20000)
    assert target.read_text(encoding="utf-8").splitlines()[0]
