"""The issue's week through the widgets on a real vault: a case arrives (duplicate shown),
a visit is planned and appears on the agenda, the record is filled (safeguarding checked as
typed), signed (edits refused), the letter previewed and saved, then the s437(1) notice
served with its deadline and letter, and the census exported from the menu action."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader

from PySide6.QtCore import Qt

from oxfield.domain.ehe import EheSource
from oxfield.errors import SignedRecordError
from oxfield.reports.ehe_inputs import Judgement
from oxfield.services.ehe_today import ehe_agenda
from oxfield.services.ehe_visits import save_record
from ui.ehe.census_export import CensusExporter
from ui.ehe.escalation_panel import EscalationPanel
from ui.ehe.intake_dialog import CaseIntakeDialog
from ui.ehe.plan_visit import PlanVisitDialog
from ui.ehe.visit_form import VisitRecordForm

TODAY = date(2026, 12, 3)
PARENT = "Анна Ковальська-Nowak"
VIEWS = "أحب القراءة — 我喜欢画画 & <maps>"


def _pdf_text(path: str) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages)


def test_a_week_from_notice_to_s437_notice(qtbot, runner, open_vault, actor, tmp_path: Path):
    vault, _ids = open_vault

    # 1. a case arrives: the seeded Siobhán O’Brien is shown as a possible duplicate
    intake = CaseIntakeDialog(runner, vault, actor)
    qtbot.addWidget(intake)
    qtbot.keyClicks(intake.given, "Siobhan")
    qtbot.keyClicks(intake.family, "O'Brien")
    qtbot.keyClicks(intake.dob, "30/09/2013")
    qtbot.keyClicks(intake.address, "1 Iffley Road")
    qtbot.keyClicks(intake.postcode, "OX4 1EA")
    intake.parents.rows[0].given.setText("Анна")  # as an input method delivers it
    intake.parents.rows[0].family.setText("Ковальська-Nowak")
    qtbot.keyClicks(intake.notified, "02/11/2026")
    intake.source.setCurrentIndex(intake.source.findData(EheSource.PARENT.value))
    with qtbot.waitSignal(intake.sig_duplicates, timeout=10000):
        qtbot.mouseClick(intake.open_button, Qt.MouseButton.LeftButton)
    assert "O’Brien" in intake.duplicates.item(0).text()
    with qtbot.waitSignal(intake.sig_opened, timeout=10000) as opened:
        qtbot.mouseClick(intake.different_button, Qt.MouseButton.LeftButton)
    case_id = opened.args[0].case_id

    # 2. a visit is planned and appears on the officer's agenda
    plan = PlanVisitDialog(runner, vault, actor, case_id, TODAY)
    qtbot.addWidget(plan)
    with qtbot.waitSignal(plan.sig_planned, timeout=10000) as planned:
        qtbot.mouseClick(plan.plan_button, Qt.MouseButton.LeftButton)
    visit_id = planned.args[0]
    agenda = ehe_agenda(vault, TODAY)
    assert any(i.kind == "visit" and i.case_id == case_id and i.day == TODAY for i in agenda)

    # 3. at the visit: the record, with a safeguarding concern that must have a next step
    form = VisitRecordForm(runner, vault, actor, visit_id, autosave_ms=50, confirm=lambda *_: True)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.sig_loaded, timeout=10000):
        form.load()
    f = form.fields
    f.present.insertPlainText(f"{PARENT} (mother)\nSiobhan")
    f.child_seen.setChecked(True)
    f.child_views.insertPlainText(VIEWS)
    qtbot.keyClicks(f.approach, "Autonomous, little structure shown")
    qtbot.keyClicks(f.time_spent, "Unclear")
    for combo in f.judgements.values():
        combo.setCurrentIndex(combo.findData(Judgement.NOT_MET.name))
    f.outcome.setCurrentIndex(f.outcome.findData("NOT_SATISFIED"))
    f.safeguarding.setChecked(True)
    assert not form.save_button.isEnabled() and not form.sign_button.isEnabled()
    assert "referral" in form.message.text()
    qtbot.keyClicks(f.referral_reference, "MASH-2026-0107")
    assert form.save_button.isEnabled() and form.sign_button.isEnabled()

    # 4. signing: immutable from now on
    with qtbot.waitSignal(form.sig_signed, timeout=10000):
        qtbot.mouseClick(form.sign_button, Qt.MouseButton.LeftButton)
    assert f.child_views.isReadOnly() and not form.amend_button.isHidden()
    try:
        save_record(vault, actor, visit_id, f.record())
    except SignedRecordError:
        pass
    else:
        raise AssertionError("a signed visit accepted an edit")

    # 5. the letter, previewed from memory, saved where the officer chose
    letter = form.open_letter_preview()
    qtbot.addWidget(letter)
    qtbot.waitUntil(lambda: bool(letter.pages or letter.message.text()), timeout=20000)
    assert letter.pages, letter.message.text()
    with qtbot.waitSignal(letter.sig_saved, timeout=10000) as saved:
        letter.save_to(str(tmp_path / "letter.pdf"))
    text = _pdf_text(saved.args[0])
    assert "Ковальська-Nowak" in text and "Siobhan" in text

    # 6. the s437(1) notice with its deadline, dated, with its letter
    panel = EscalationPanel(runner, vault, actor, case_id, TODAY)
    qtbot.addWidget(panel)
    qtbot.keyClicks(panel.reasons, "No evidence of a suitable, full-time education")
    panel.method.setCurrentIndex(1)  # by hand
    with qtbot.waitSignal(panel.sig_steps_loaded, timeout=10000) as steps:
        qtbot.mouseClick(panel.s437_button, Qt.MouseButton.LeftButton)
    (notice,) = steps.args[0]
    assert notice.served_on == TODAY
    # 15 days counting the day of service (oxfield.rules.deadlines)
    assert notice.respond_by is not None and notice.respond_by >= TODAY + timedelta(days=14)
    assert f"{notice.respond_by:%d/%m/%Y}" in panel.steps_list.item(0).text()
    step_letter = panel.open_step_letter()
    qtbot.addWidget(step_letter)
    qtbot.waitUntil(lambda: bool(step_letter.pages or step_letter.message.text()), timeout=20000)
    assert step_letter.pages, step_letter.message.text()
    assert "437" in "\n".join(step_letter.pages)
    # the nomination cannot come before the notice's period ends: one clear message
    panel.school.set_urn(123456)
    with qtbot.waitSignal(panel.sig_failed, timeout=10000) as refused:
        qtbot.mouseClick(panel.nomination_button, Qt.MouseButton.LeftButton)
    assert refused.args[0]

    # 7. the census from the menu's action, written only where chosen
    exporter = CensusExporter(runner, lambda: vault, actor.officer, lambda: TODAY)
    with qtbot.waitSignal(exporter.sig_exported, timeout=20000) as exported:
        exporter.export_to(TODAY, str(tmp_path / "census.csv"))
    rows = list(csv.reader(Path(exported.args[0]).read_text(encoding="utf-8").splitlines()))
    assert len(rows) > 1 and exporter.action.text() == "Export EHE census..."
