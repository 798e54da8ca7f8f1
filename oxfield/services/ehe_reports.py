"""Turn EHE records into the report shapes and render the PDFs, in memory.

The builders in ``oxfield.reports`` take plain frozen data; this module reads the case, the
child, the parents, the visits with their structured record, evidence and amendments, and the
statutory steps, and fills those shapes. Dates signed are the officer's local calendar date in
the zone they signed in (a visit signed at 00:30 BST is signed on that day, not the UTC day
before). Nothing is written to disk: the caller gets bytes to preview or save where the officer
chooses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.ehe import (
    DFE_REASON_LABELS,
    ContactType,
    EheCase,
    EheEvidence,
    EheStatutoryStep,
    EheVisit,
    StatutoryStep,
)
from oxfield.domain.notes import Amendment
from oxfield.domain.people import Address, Child, ChildPerson, Person, SenStatus
from oxfield.domain.schools import School
from oxfield.errors import ValidationError
from oxfield.exports.school_age import year_group
from oxfield.reports import ehe_inputs as r
from oxfield.reports.ehe_case_summary import CaseSummary, build_case_summary
from oxfield.reports.s437_notice import S437Notice, build_s437_notice
from oxfield.reports.visit_letter import VisitLetter, build_visit_letter
from oxfield.services import audit, records
from oxfield.services.ehe_step_letters import (
    build_nomination_notice,
    build_school_attendance_order,
)
from oxfield.services.ehe_visits import visit_place, visit_record
from oxfield.text import humanise
from oxfield.vault.vault import Vault

_CONTACT = {
    ContactType.HOME_VISIT: r.ContactType.HOME_VISIT,
    ContactType.NEUTRAL_VENUE: r.ContactType.NEUTRAL_VENUE,
    ContactType.WRITTEN_REPORT: r.ContactType.WRITTEN_REPORT,
    ContactType.SAMPLES_OF_WORK: r.ContactType.SAMPLES_OF_WORK,
    ContactType.TUTOR_REPORT: r.ContactType.WRITTEN_REPORT,
    ContactType.PHONE: r.ContactType.WRITTEN_REPORT,
}
_SEN = {SenStatus.NONE: "No SEN", SenStatus.SEN_SUPPORT: "SEN support", SenStatus.EHCP: "EHCP"}
_STEP_TEXT = {
    StatutoryStep.S437_NOTICE: "Notice under s437(1) served; period ends {end}",
    StatutoryStep.SAO_INTENTION: "Notice of intention to serve a school attendance order",
    StatutoryStep.SCHOOL_NOMINATION: "School nomination notice served; parent may choose until "
    "{end}",
    StatutoryStep.SAO_SERVED: "School attendance order served",
    StatutoryStep.SAO_REVOKED: "School attendance order revoked",
}


@dataclass(frozen=True)
class Document:
    """A rendered PDF and a suggested file name (no personal data in it)."""

    pdf: bytes
    filename: str


def local_day(instant: datetime | None, zone: str | None) -> date | None:
    if instant is None:
        return None
    return instant.astimezone(ZoneInfo(zone or "Europe/London")).date()


def _child(child: Child, on: date) -> r.Child:
    return r.Child(
        given_names=child.preferred_name or child.legal_given_names,
        family_name=child.legal_family_name,
        date_of_birth=child.date_of_birth,
        year_group=year_group(child.date_of_birth, on),
    )


def _parents(s: Session, child: Child) -> tuple[r.Parent, ...]:
    home = s.scalars(
        select(Address)
        .where(Address.child_id == child.id, Address.moved_out_on.is_(None))
        .order_by(Address.is_main.desc())
    ).first()
    lines = tuple(x for x in (home.line1, home.line2, home.town) if x) if home else ()
    out = []
    for link, person in s.execute(
        select(ChildPerson, Person)
        .join(Person, Person.id == ChildPerson.person_id)
        .where(ChildPerson.child_id == child.id, ChildPerson.deleted.is_(False))
        .order_by(ChildPerson.created_at)
    ):
        name = " ".join(x for x in (person.title, person.given_names, person.family_name) if x)
        out.append(
            r.Parent(
                name=name,
                relationship=humanise(link.relationship_to_child.value),
                address=lines if link.lives_with_child else (),
                postcode=home.postcode if home and link.lives_with_child else "",
            )
        )
    return tuple(out)


def _visit_reference(s: Session, visit: EheVisit, case: EheCase) -> str:
    ids = s.scalars(
        select(EheVisit.id)
        .where(EheVisit.case_id == case.id, EheVisit.deleted.is_(False))
        .order_by(EheVisit.planned_on, EheVisit.id)
    ).all()
    return f"{case.reference}-V{ids.index(visit.id) + 1}"


def _amendments(s: Session, record_id: str) -> tuple[r.Amendment, ...]:
    out = []
    for a in s.scalars(
        select(Amendment).where(Amendment.amends_id == record_id).order_by(Amendment.hlc)
    ):
        changes = json.loads(a.changes or "{}")
        detail = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in changes.items())
        made = local_day(a.signed_at, a.signed_zone) or local_day(a.created_at, None)
        assert made is not None
        out.append(r.Amendment(made, a.signed_by or a.author, f"{a.reason}\n{detail}".strip()))
    return tuple(out)


def visit_input(s: Session, visit: EheVisit) -> r.Visit:
    """The report's view of one visit record (draft or signed)."""
    case = records.get(s, EheCase, visit.case_id)
    rec = visit_record(visit)
    evidence = s.scalars(
        select(EheEvidence).where(EheEvidence.visit_id == visit.id, EheEvidence.deleted.is_(False))
    ).all()
    safeguarding_step = rec.referral_reference.strip() and f"Referral {rec.referral_reference}"
    return r.Visit(
        reference=_visit_reference(s, visit, case),
        visit_date=visit.planned_on,
        contact_type=_CONTACT[visit.contact_type],
        place=visit_place(visit),
        present=rec.present,
        child_seen=rec.child_seen,
        child_not_seen_reason=rec.child_not_seen_reason,
        outcome=rec.outcome or r.Outcome.MORE_INFORMATION,
        child_views=rec.child_views,
        education=r.EducationDescribed(
            approach=rec.approach,
            resources=rec.resources,
            time=rec.time_spent,
            providers=tuple(r.Provider(p.name, p.kind, p.hours_per_week) for p in rec.providers),
        ),
        evidence=tuple(
            r.Evidence(e.description, 1 if e.attachment_sha256 else 0) for e in evidence
        ),
        judgements=tuple(
            r.PartJudgement(part, rec.judgements[part], rec.judgement_reasons.get(part, ""))
            for part in r.SuitabilityPart
            if part in rec.judgements
        ),
        safeguarding_concern=rec.safeguarding_concern,
        safeguarding_next_step=safeguarding_step
        or (f"No referral: {rec.no_referral_reason}" if rec.no_referral_reason else ""),
        outcome_reasons=rec.outcome_reasons,
        next_review=visit.next_contact_on,
        notes=rec.notes,
        signed_by=visit.signed_by or "",
        signed_on=local_day(visit.signed_at, visit.signed_zone),
        amendments=_amendments(s, visit.id),
    )


def case_details(s: Session, case: EheCase, on: date) -> r.CaseDetails:
    child = records.get(s, Child, case.child_id)
    school = s.get(School, case.school_left_urn) if case.school_left_urn else None
    events = [
        r.CaseEvent(case.notified_on, f"Case notified ({humanise(case.source.value).lower()})")
    ]
    if case.deregistered_on:
        events.append(r.CaseEvent(case.deregistered_on, "Taken off the school roll"))
    for step in s.scalars(select(EheStatutoryStep).where(EheStatutoryStep.case_id == case.id)):
        if step.served_on:
            end = step.respond_by.isoformat() if step.respond_by else ""
            events.append(r.CaseEvent(step.served_on, _STEP_TEXT[step.step].format(end=end)))
    if case.closed_on:
        outcome = humanise(case.outcome.value) if case.outcome else "Closed"
        events.append(r.CaseEvent(case.closed_on, f"Case closed: {outcome}"))
    return r.CaseDetails(
        reference=case.reference,
        child=_child(child, on),
        parents=_parents(s, child),
        date_notified=case.notified_on,
        source=humanise(case.source.value),
        school_left=school.name if school else "",
        school_urn=str(case.school_left_urn or ""),
        date_off_roll=case.deregistered_on,
        reason=DFE_REASON_LABELS[case.primary_reason],
        sen_status=_SEN[child.sen_status],
        ehcp=child.sen_status is SenStatus.EHCP,
        consent_needed=case.special_school_consent_required,
        safeguarding_flag=case.safeguarding_concern,
        events=tuple(events),
        notes=case.safeguarding_detail or "",
    )


def _officer(name: str | None, officer: r.Officer | None) -> r.Officer:
    return officer or r.Officer(name=name or "Elective Home Education Officer")


def render_visit_letter(
    vault: Vault, visit_id: str, officer: r.Officer | None = None, letter_date: date | None = None
) -> Document:
    """The letter to the parents after a visit (the outcome must be recorded)."""
    with vault.read() as s:
        visit = records.get(s, EheVisit, visit_id)
        if visit_record(visit).outcome is None:
            raise ValidationError("record the visit's outcome before writing the letter", "outcome")
        case = records.get(s, EheCase, visit.case_id)
        child = records.get(s, Child, case.child_id)
        v = visit_input(s, visit)
        letter = VisitLetter(
            letter_date=letter_date or v.signed_on or v.visit_date,
            child=_child(child, v.visit_date),
            parents=_parents(s, child),
            visit=v,
            officer=_officer(visit.signed_by or visit.author, officer),
        )
    pdf = build_visit_letter(letter)
    audit.record(vault, "report.visit_letter", subject_kind="ehe_visit", subject_id=visit_id)
    return Document(pdf, f"{v.reference}-letter.pdf")


def render_case_summary(
    vault: Vault, case_id: str, prepared_on: date, officer: r.Officer | None = None
) -> Document:
    with vault.read() as s:
        case = records.get(s, EheCase, case_id)
        visits = s.scalars(
            select(EheVisit).where(EheVisit.case_id == case.id, EheVisit.deleted.is_(False))
        ).all()
        summary = CaseSummary(
            case=case_details(s, case, prepared_on),
            visits=tuple(visit_input(s, v) for v in visits if visit_record(v).outcome is not None),
            prepared_by=_officer(case.assigned_officer, officer),
            prepared_on=prepared_on,
        )
    pdf = build_case_summary(summary)
    audit.record(vault, "report.ehe_case_summary", subject_kind="ehe_case", subject_id=case_id)
    return Document(pdf, f"{summary.case.reference}-summary.pdf")


#: how the letters say a notice was served ("served ... by hand delivery")
_METHOD_TEXT = {"by hand": "hand delivery", "first class post": "first class post"}


def _method(notes: dict[str, object]) -> str:
    method = str(notes.get("service_method", "first class post"))
    return _METHOD_TEXT.get(method, method)


def render_step_letter(vault: Vault, step_id: str, officer: r.Officer | None = None) -> Document:
    """The dated letter for any statutory step: s437(1) notice, nomination notice or order."""
    with vault.read() as s:
        step = records.get(s, EheStatutoryStep, step_id)
        kind = step.step
        if kind in (StatutoryStep.SCHOOL_NOMINATION, StatutoryStep.SAO_SERVED):
            if not step.served_on or not step.school_urn:
                raise ValidationError("the step has no service date or school", "step")
            case = records.get(s, EheCase, step.case_id)
            child = records.get(s, Child, case.child_id)
            school = s.get(School, step.school_urn)
            school_name = school.name if school else f"URN {step.school_urn}"
            who, to = _child(child, step.served_on), _parents(s, child)
            signer = _officer(step.signed_by, officer)
            method = _method(json.loads(step.notes or "{}"))
            if kind is StatutoryStep.SCHOOL_NOMINATION:
                assert step.respond_by is not None
                ref = f"{case.reference}-NOM"
                pdf = build_nomination_notice(
                    reference=ref, served_on=step.served_on, choose_by=step.respond_by,
                    school=school_name, child=who, parents=to, officer=signer, method=method,
                )  # fmt: skip
            else:
                ref = f"{case.reference}-SAO"
                pdf = build_school_attendance_order(
                    reference=ref, served_on=step.served_on, school=school_name, child=who,
                    parents=to, officer=signer, method=method,
                )  # fmt: skip
            audit.record(
                vault, "report.ehe_step", subject_kind="ehe_statutory_step", subject_id=step_id
            )
            return Document(pdf, f"{ref}.pdf")
        if kind is not StatutoryStep.S437_NOTICE:
            raise ValidationError("there is no letter for that step yet", "step")
    return render_s437_notice(vault, step_id, officer)


def render_s437_notice(vault: Vault, step_id: str, officer: r.Officer | None = None) -> Document:
    with vault.read() as s:
        step = records.get(s, EheStatutoryStep, step_id)
        if step.step is not StatutoryStep.S437_NOTICE or not step.served_on or not step.respond_by:
            raise ValidationError("that step is not an s437(1) notice", "step")
        case = records.get(s, EheCase, step.case_id)
        child = records.get(s, Child, case.child_id)
        notes = json.loads(step.notes or "{}")
        notice = S437Notice(
            reference=f"{case.reference}-S437",
            served_on=step.served_on,
            respond_by=step.respond_by,
            child=_child(child, step.served_on),
            parents=_parents(s, child),
            officer=_officer(step.signed_by, officer),
            reasons=str(notes.get("reasons", "")),
            service_method=_method(notes),
        )
    pdf = build_s437_notice(notice)
    audit.record(vault, "report.s437_notice", subject_kind="ehe_statutory_step", subject_id=step_id)
    return Document(pdf, f"{notice.reference}.pdf")
