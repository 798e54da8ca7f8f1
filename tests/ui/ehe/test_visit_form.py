"""The visit record form driven through its widgets on a real vault: validation as you type,
a draft that survives a new form, photos attached, signing that makes it read-only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from PySide6.QtCore import Qt

from oxfield.domain.ehe import EheEvidence, EheSource, EheVisit
from oxfield.errors import SignedRecordError
from oxfield.reports.ehe_inputs import Judgement, SuitabilityPart
from oxfield.services import records
from oxfield.services.ehe import CaseIntake, ParentIn, open_case
from oxfield.services.ehe_visits import amendments_for, plan_visit, save_record, visit_record
from ui.ehe.visit_form import VisitRecordForm

PHOTO = b"\x89PNG\r\n\x1a\n" + b"synthetic work sample" * 10


def make_form(qtbot, runner, vault, actor, visit_id, confirm=lambda *_: True) -> VisitRecordForm:
    form = VisitRecordForm(runner, vault, actor, visit_id, autosave_ms=50, confirm=confirm)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.sig_loaded, timeout=10000):
        form.load()
    return form


def fill_complete(qtbot, form: VisitRecordForm) -> None:
    f = form.fields
    # keyClicks types Latin-1 only: other scripts arrive as an input method would, whole
    f.present.insertPlainText("Łucja Kowalska (mother)")
    f.child_seen.setChecked(True)
    f.child_views.insertPlainText("Я люблю читать & <draw> maps")
    qtbot.keyClicks(f.approach, "Structured mornings, project afternoons")
    qtbot.keyClicks(f.resources, "Library, online maths course")
    qtbot.keyClicks(f.time_spent, "About 20 hours a week")
    qtbot.keyClicks(f.providers, "Ahmed Tutors, maths tutor, 2")
    for combo in f.judgements.values():
        combo.setCurrentIndex(combo.findData(Judgement.MET.name))
    f.outcome.setCurrentIndex(f.outcome.findData("SUITABLE"))


INTAKE = CaseIntake(
    family_name="Kowalska-Nowak",
    given_names="Łucja",
    date_of_birth=date(2015, 4, 12),
    notified_on=date(2026, 11, 2),
    source=EheSource.PARENT,
    address_line1="12 O'Neill & Sons Road <Flat 2>",
    postcode="OX4 1AA",
    parents=(ParentIn("Анна", "Ковальська"), ParentIn("محمد", "الحسن")),
)


@pytest.fixture
def visit_id(open_vault, actor) -> str:
    vault, _case_ids = open_vault
    case = open_case(vault, actor, INTAKE)
    return plan_visit(vault, actor, case.case_id, date(2026, 12, 3))


def test_safeguarding_concern_blocks_save_until_a_next_step(
    qtbot, runner, open_vault, actor, visit_id
) -> None:
    vault, _ids = open_vault
    form = make_form(qtbot, runner, vault, actor, visit_id)
    assert form.save_button.isEnabled()
    assert not form.sign_button.isEnabled()  # incomplete
    form.fields.safeguarding.setChecked(True)
    assert not form.save_button.isEnabled()
    assert "referral" in form.message.text()
    assert "referral" in form.save_button.toolTip()
    qtbot.keyClicks(form.fields.no_referral_reason, "Discussed with DSL; below threshold")
    assert form.save_button.isEnabled()
    form.fields.no_referral_reason.clear()
    assert not form.save_button.isEnabled()
    qtbot.keyClicks(form.fields.referral_reference, "MASH-2026-0042")
    assert form.save_button.isEnabled()
    with qtbot.waitSignal(form.sig_saved, timeout=10000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    with vault.read() as s:
        visit = records.get(s, EheVisit, visit_id)
        assert visit.safeguarding_concern is True
        assert visit.referral_made == "MASH-2026-0042"


def test_a_new_record_opens_without_a_message_until_typed_in(
    qtbot, runner, open_vault, actor, visit_id
) -> None:
    """Opening a just-planned visit is not greeted in red by what signing needs; the reason
    stays on the Sign button, and the message comes with the first typing."""
    vault, _ids = open_vault
    form = make_form(qtbot, runner, vault, actor, visit_id)
    assert form.message.text() == ""
    assert not form.sign_button.isEnabled()
    assert "not seen" in form.sign_button.toolTip()
    qtbot.keyClicks(form.fields.approach, "Structured mornings")
    assert form.message.text().startswith("Before signing: the child was not seen")


def test_draft_autosaves_and_comes_back(qtbot, runner, open_vault, actor, visit_id) -> None:
    vault, _ids = open_vault
    form = make_form(qtbot, runner, vault, actor, visit_id)
    with qtbot.waitSignal(form.sig_draft_saved, timeout=10000):
        qtbot.keyClicks(form.fields.child_views, "I like science, ")
        form.fields.child_views.insertPlainText("我喜欢科学 — Zoë's words")
    again = make_form(qtbot, runner, vault, actor, visit_id)
    assert again.fields.child_views.toPlainText() == "I like science, 我喜欢科学 — Zoë's words"
    assert "draft" in again.draft_label.text().lower()
    with vault.read() as s:  # the draft is not the record: nothing saved to the visit yet
        assert visit_record(records.get(s, EheVisit, visit_id)).child_views == ""


def test_photos_attach_then_sign_makes_it_read_only(
    qtbot, runner, open_vault, actor, visit_id, tmp_path: Path
) -> None:
    vault, _ids = open_vault
    photos = []
    for name in ("maths-book.png", "nature-diary.png"):
        photos.append(tmp_path / name)
        photos[-1].write_bytes(PHOTO)
    asked: list[str] = []
    form = make_form(
        qtbot, runner, vault, actor, visit_id, confirm=lambda _w, t, _m: asked.append(t) or True
    )
    with qtbot.waitSignal(form.sig_evidence_added, timeout=10000):
        form.attach_files([str(p) for p in photos])
    assert form.evidence_list.count() == 2
    fill_complete(qtbot, form)
    assert form.sign_button.isEnabled(), form.message.text()
    with qtbot.waitSignal(form.sig_signed, timeout=10000) as signed:
        qtbot.mouseClick(form.sign_button, Qt.MouseButton.LeftButton)
    assert asked == ["Sign visit record"]
    assert signed.args[0].next_review_on is not None
    assert form.fields.child_views.isReadOnly()
    assert not form.fields.outcome.isEnabled()
    assert not form.attach_button.isEnabled()
    assert form.amend_button.isVisible() or not form.isVisible()
    assert not form.amend_button.isHidden()
    assert form.sign_button.isHidden()
    with vault.read() as s:
        visit = records.get(s, EheVisit, visit_id)
        assert visit.signed
        record = visit_record(visit)
        assert record.child_views == "Я люблю читать & <draw> maps"
        assert record.judgements[SuitabilityPart.SEN] is Judgement.MET
        evidence = s.query(EheEvidence).filter_by(visit_id=visit_id).all()
        assert len(evidence) == 2 and all(e.attachment_sha256 for e in evidence)
    # edits are refused: by the service and when the form is asked to save
    with pytest.raises(SignedRecordError):
        save_record(vault, actor, visit_id, record)
    with qtbot.waitSignal(form.sig_failed, timeout=10000) as failed:
        form.save()
    assert "signed" in failed.args[0]
    # a correction is an amendment that keeps the original
    with qtbot.waitSignal(form.sig_amended, timeout=10000):
        form.amend(
            "Tutor's hours were 3, not 2", "provision_by_others", "Ahmed Tutors, maths tutor, 3"
        )
    amendments = amendments_for(vault, visit_id)
    assert len(amendments) == 1 and "maths tutor, 3" in amendments[0].changes
    with vault.read() as s:
        assert records.get(s, EheVisit, visit_id).provision_by_others == (
            "Ahmed Tutors, maths tutor, 2"
        )
    reopened = make_form(qtbot, runner, vault, actor, visit_id)
    assert reopened.signed and reopened.fields.present.isReadOnly()


def test_cancelled_confirmation_does_not_sign(qtbot, runner, open_vault, actor, visit_id) -> None:
    vault, _ids = open_vault
    form = make_form(qtbot, runner, vault, actor, visit_id, confirm=lambda *_: False)
    fill_complete(qtbot, form)
    qtbot.mouseClick(form.sign_button, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert not form.signed
    with vault.read() as s:
        assert not records.get(s, EheVisit, visit_id).signed


def test_letter_preview_from_memory_then_save_as(
    qtbot, runner, open_vault, actor, visit_id, tmp_path: Path
) -> None:
    vault, _ids = open_vault
    form = make_form(qtbot, runner, vault, actor, visit_id)
    fill_complete(qtbot, form)
    with qtbot.waitSignal(form.sig_signed, timeout=10000):
        qtbot.mouseClick(form.sign_button, Qt.MouseButton.LeftButton)
    before = set(tmp_path.iterdir())
    dialog = form.open_letter_preview()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.pages or dialog.message.text()), timeout=20000)
    assert dialog.pages, dialog.message.text()
    text = "\n".join(dialog.pages)
    assert "Łucja" in text and "Ковальська" in text and "OFFICIAL" in text.upper()
    assert dialog.page_label.text() == f"Page 1 of {len(dialog.pages)}"
    assert set(tmp_path.iterdir()) == before  # nothing written until the officer chooses
    target = tmp_path / "chosen" / "letter"
    target.parent.mkdir()
    with qtbot.waitSignal(dialog.sig_saved, timeout=10000) as saved:
        dialog.save_to(str(target))
    assert saved.args[0].endswith("letter.pdf")
    assert PdfReader(saved.args[0]).pages[0].extract_text() == dialog.pages[0]
    with qtbot.waitSignal(dialog.sig_failed, timeout=10000) as failed:
        dialog.save_to(str(tmp_path / "no-such-folder" / "x.pdf"))
    assert failed.args[0].startswith("Could not save there")


def test_letter_refused_before_an_outcome(qtbot, runner, open_vault, actor, visit_id) -> None:
    vault, _ids = open_vault
    form = make_form(qtbot, runner, vault, actor, visit_id)
    dialog = form.open_letter_preview()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_failed, timeout=10000) as failed:
        pass
    assert "outcome" in failed.args[0]
    assert not dialog.save_button.isEnabled()
