"""The statutory-steps panel: a bad field is named before anything is written, and the case
summary for the file is previewed from memory."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from oxfield.domain.ehe import EheSource
from oxfield.services.ehe import CaseIntake, ParentIn, open_case
from oxfield.services.ehe_escalation import steps_of
from ui.ehe.escalation_panel import EscalationPanel

TODAY = date(2026, 12, 3)


def make_panel(qtbot, runner, vault, actor, case_id) -> EscalationPanel:
    panel = EscalationPanel(runner, vault, actor, case_id, TODAY)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sig_steps_loaded, timeout=10000):
        panel.refresh()
    return panel


def test_bad_date_and_urn_are_named(qtbot, runner, open_vault, actor) -> None:
    vault, ids = open_vault
    panel = make_panel(qtbot, runner, vault, actor, ids[0])
    panel.sent_on.setText("3rd December")
    with qtbot.waitSignal(panel.sig_failed, timeout=5000) as failed:
        qtbot.mouseClick(panel.s437_button, Qt.MouseButton.LeftButton)
    assert "Date sent" in failed.args[0]
    panel.sent_on.setText("03/12/2026")
    qtbot.keyClicks(panel.school.search, "no such school anywhere")
    with qtbot.waitSignal(panel.sig_failed, timeout=5000) as failed:
        qtbot.mouseClick(panel.sao_button, Qt.MouseButton.LeftButton)
    assert "School named" in failed.args[0]
    assert steps_of(vault, ids[0]) == []
    assert not panel.letter_button.isEnabled()


def test_case_summary_preview(qtbot, runner, open_vault, actor) -> None:
    vault, _ids = open_vault
    case = open_case(
        vault,
        actor,
        CaseIntake(
            family_name="Nowak",
            given_names="Łukasz",
            date_of_birth=date(2016, 7, 22),
            notified_on=date(2026, 11, 2),
            source=EheSource.PARENT,
            address_line1="4 Botley Road",
            postcode="OX2 0AB",
            parents=(ParentIn("Zofia", "Nowak"),),
        ),
    )
    panel = make_panel(qtbot, runner, vault, actor, case.case_id)
    dialog = panel.open_case_summary()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.pages or dialog.message.text()), timeout=20000)
    assert dialog.pages, dialog.message.text()
    assert "Łukasz" in "\n".join(dialog.pages)
    assert dialog.save_button.isEnabled()
