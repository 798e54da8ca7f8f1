"""An EHE officer's week through the services, on a real vault: a school's notice, a case, a
planned visit on the Today list, the structured record with a photo, signing, the letter and
case summary read back with pypdf, then the s437(1) notice with its deadline."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from oxfield.clock import FixedClock
from oxfield.domain.ehe import (
    ContactType,
    EheCase,
    EheReason,
    EheSource,
    EheStatus,
    EheVisit,
    Suitability,
)
from oxfield.domain.people import Relationship, SenStatus, Sex
from oxfield.domain.tasks import Task, TaskType
from oxfield.errors import SignedRecordError, ValidationError
from oxfield.reports.ehe_inputs import Judgement, Outcome, SuitabilityPart
from oxfield.services import ehe, ehe_escalation, ehe_reports, ehe_visits, records
from oxfield.services.ehe import CaseIntake, ParentIn, PossibleDuplicateError
from oxfield.services.ehe_visit_details import ProviderIn, VisitRecord
from oxfield.services.records import Actor
from oxfield.services.schools import import_default_schools
from oxfield.vault.vault import Vault
from tests.oxfield.reports.helpers import (
    AMPERSAND,
    ANGLES,
    ARABIC,
    CHINESE,
    CYRILLIC,
    POLISH,
    body_text,
    long_note,
    norm,
)

CLOCK = FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
ACTOR = Actor("officer-1", "laptop-1", CLOCK)
SCHOOL = 123329  # Woodeaton Manor School (Special) in the shipped list
MAINSTREAM = 122991


def intake(**changes: object) -> CaseIntake:
    base: dict[str, object] = dict(
        family_name="Wiśniewska-Żółć",
        given_names="Zuzanna Łucja",
        date_of_birth=date(2014, 5, 17),
        notified_on=date(2026, 3, 2),
        source=EheSource.SCHOOL_DEREGISTRATION,
        address_line1="12 Synthetic Row & Mews",
        town="Oxford",
        postcode="ox4 1aa",
        sex=Sex.FEMALE,
        parents=(
            ParentIn("Ирина Петровна", "Смирнова", Relationship.MOTHER),
            ParentIn("عبد الله", "الحسن", Relationship.FATHER),
        ),
        school_left_urn=MAINSTREAM,
        deregistered_on=date(2026, 2, 27),
        primary_reason=EheReason.MENTAL_HEALTH,
        sen_status=SenStatus.SEN_SUPPORT,
        assigned_officer="officer-1",
    )
    base.update(changes)
    return CaseIntake(**base)  # type: ignore[arg-type]


@pytest.fixture
def schooled(vault: Vault) -> Vault:
    import_default_schools(vault)
    return vault


def full_record(**changes: object) -> VisitRecord:
    base: dict[str, object] = dict(
        present=(f"{CYRILLIC} (mother)", f"{POLISH} (child)"),
        child_seen=True,
        child_views=f"I like maths with {CHINESE} and {AMPERSAND}; {ANGLES}",
        approach="Structured mornings, project afternoons",
        resources="Library books & an online maths course",
        time_spent="About 20 hours a week",
        providers=(ProviderIn(AMPERSAND, "tutor", "2"),),
        judgements={part: Judgement.MET for part in SuitabilityPart},
        outcome=Outcome.SUITABLE,
        notes=long_note(),
    )
    base.update(changes)
    return VisitRecord(**base)  # type: ignore[arg-type]


def test_the_week_from_notice_to_s437(schooled: Vault) -> None:
    vault = schooled
    opened = ehe.open_case(vault, ACTOR, intake())
    assert opened.reference == "EHE-2026-00001"
    assert opened.consent_conditions == ()

    visit_id = ehe_visits.plan_visit(
        vault, ACTOR, opened.case_id, date(2026, 3, 10), ContactType.HOME_VISIT
    )
    with vault.read() as s:
        planned = s.scalars(select(EheVisit).where(EheVisit.planned_on == date(2026, 3, 10)))
        assert [v.id for v in planned] == [visit_id]

    ehe_visits.save_record(vault, ACTOR, visit_id, full_record())
    photo = io.BytesIO(b"\x89PNG synthetic photo of a maths workbook")
    ehe_visits.add_evidence(
        vault, ACTOR, visit_id, "Maths workbook & <fractions>", photo, "image/png"
    )
    signed = ehe_visits.sign_visit(vault, ACTOR, visit_id)
    assert signed.case_status is EheStatus.MONITORING
    assert signed.next_review_on == date(2027, 3, 10)

    with vault.read() as s:
        case = s.get(EheCase, opened.case_id)
        assert case is not None
        assert case.suitability is Suitability.SUITABLE
        assert case.next_review_on == date(2027, 3, 10)
        tasks = s.scalars(select(Task).where(Task.subject_id == opened.case_id)).all()
        assert [(t.task_type, t.due_on) for t in tasks] == [
            (TaskType.NEXT_REVIEW, date(2027, 3, 10))
        ]

    with pytest.raises(SignedRecordError):
        ehe_visits.save_record(vault, ACTOR, visit_id, full_record(child_views="changed"))
    with pytest.raises(SignedRecordError), records.writing(vault, ACTOR) as s:
        visit = s.get(EheVisit, visit_id)
        assert visit is not None
        visit.voice_of_child = "edited behind the service's back"

    letter = ehe_reports.render_visit_letter(vault, visit_id)
    text = body_text(letter.pdf)
    for name in ("Zuzanna Łucja", "Wiśniewska-Żółć", CHINESE, AMPERSAND, ANGLES, "Смирнова"):
        assert norm(name) in text, name
    assert long_note()[:200] not in text  # the officer's notes stay out of the family's letter
    assert "Maths workbook & <fractions>" in text

    summary = ehe_reports.render_case_summary(vault, opened.case_id, date(2026, 3, 11))
    text = body_text(summary.pdf)
    assert norm(long_note()) in text
    assert ARABIC.split()[-1] in text or "الله" in text
    assert "Mental health" in text

    # more information, then not satisfied: the s437 route
    visit2 = ehe_visits.plan_visit(vault, ACTOR, opened.case_id, date(2026, 3, 20))
    ehe_visits.save_record(
        vault,
        ACTOR,
        visit2,
        full_record(
            notes="",
            outcome=Outcome.NOT_SATISFIED,
            judgements={part: Judgement.NOT_MET for part in SuitabilityPart},
        ),
    )
    ehe_visits.sign_visit(vault, ACTOR, visit2)
    step = ehe_escalation.serve_s437_notice(
        vault,
        ACTOR,
        opened.case_id,
        sent_on=date(2026, 3, 23),
        method=ehe_escalation.BY_HAND,
        reasons="No evidence of a planned education & no work seen <yet>.",
    )
    [view] = ehe_escalation.steps_of(vault, opened.case_id)
    assert view.served_on == date(2026, 3, 23)
    assert view.respond_by == date(2026, 4, 6)  # 15 days counting the day of service
    deadline = ehe_escalation.case_next_deadline(vault, opened.case_id, date(2026, 3, 29))
    assert deadline is not None and deadline.due == date(2026, 4, 6)
    notice = ehe_reports.render_s437_notice(vault, step)
    text = body_text(notice.pdf)
    assert "6 April 2026" in text
    assert "No evidence of a planned education & no work seen <yet>." in text


def test_duplicate_child_is_shown_before_a_second_is_made(schooled: Vault) -> None:
    ehe.open_case(schooled, ACTOR, intake(family_name="O’Brien", given_names="Zoë"))
    found = ehe.find_possible_duplicates(schooled, "OBrien", "Zoe", date(2014, 5, 17))
    assert len(found) == 1
    with pytest.raises(PossibleDuplicateError) as info:
        ehe.open_case(schooled, ACTOR, intake(family_name="O'brien", given_names="zoe"))
    message = str(info.value)
    assert "brien" not in message.casefold() and "zo" not in message.casefold()  # no name
    assert info.value.candidates[0].child_id == found[0].child_id
    # a different birthday is not a duplicate; the same child may get a second case
    ehe.open_case(schooled, ACTOR, intake(family_name="O'Brien", date_of_birth=date(2014, 5, 18)))
    again = ehe.open_case(
        schooled, ACTOR, intake(notified_on=date(2026, 9, 1)), existing_child_id=found[0].child_id
    )
    assert again.child_id == found[0].child_id


def test_special_school_needs_consent_and_s47_waits_for_commencement(schooled: Vault) -> None:
    opened = ehe.open_case(schooled, ACTOR, intake(school_left_urn=SCHOOL, s47_enquiry=True))
    assert opened.consent_conditions == ("special_school",)
    table = dict(ehe.consent_table())
    table["s47_enquiry"] = {**table["s47_enquiry"], "effective_from": "2027-01-01"}
    assert ehe.conditions_in_force(date(2026, 12, 31), table) == {"special_school"}
    assert ehe.conditions_in_force(date(2027, 1, 1), table) == {"special_school", "s47_enquiry"}


def test_signing_refuses_an_incomplete_record(schooled: Vault) -> None:
    opened = ehe.open_case(schooled, ACTOR, intake())
    visit_id = ehe_visits.plan_visit(schooled, ACTOR, opened.case_id, date(2026, 3, 10))
    cases = [
        (full_record(child_seen=False), "child_seen"),
        (full_record(judgements={}), "judgements"),
        (full_record(safeguarding_concern=True), "referral_reference"),
        (full_record(outcome=None), "outcome"),
    ]
    for record, field in cases:
        ehe_visits.save_record(schooled, ACTOR, visit_id, record)
        with pytest.raises(ValidationError) as info:
            ehe_visits.sign_visit(schooled, ACTOR, visit_id)
        assert info.value.field == field
    ehe_visits.save_record(
        schooled,
        ACTOR,
        visit_id,
        full_record(safeguarding_concern=True, referral_reference="MASH-2026-0001"),
    )
    ehe_visits.sign_visit(schooled, ACTOR, visit_id)
    amendment = ehe_visits.amend_visit(
        schooled, ACTOR, visit_id, "Mother's name misspelt", {"persons_present": "corrected"}
    )
    assert amendment
    with schooled.read() as s:
        visit = s.get(EheVisit, visit_id)
        assert visit is not None and visit.referral_made == "MASH-2026-0001"
        assert visit.persons_present is not None and "corrected" not in visit.persons_present
    summary = ehe_reports.render_case_summary(schooled, opened.case_id, date(2026, 3, 11))
    assert "Mother's name misspelt" in body_text(summary.pdf)
