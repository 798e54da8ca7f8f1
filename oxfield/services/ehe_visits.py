"""EHE visits: plan one, fill the structured record, attach evidence, sign, amend.

A planned visit (home, neutral venue, or the parent's written report instead) is an unsigned
:class:`~oxfield.domain.ehe.EheVisit` with a ``planned_on`` date, which is what the Today view
lists. The officer's record (:class:`VisitRecord`) is kept in the visit's columns where the
domain has them (present, child seen, the child's views, the three suitability flags,
safeguarding and referral, next contact) and in full in ``summary`` as a typed
:class:`~oxfield.services.ehe_visit_details.VisitDetails` (place, the education described,
each part's judgement with its reasons, outcome, notes), so every detail syncs with the record.
Signing checks the record is complete, makes it immutable, moves the case on (status,
suitability, outcome) and schedules the next review; corrections afterwards are amendments that
keep the original.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, BinaryIO

from sqlalchemy import select

from oxfield.domain.ehe import (
    ContactType,
    EheCase,
    EheEvidence,
    EheOutcome,
    EheStatus,
    EheVisit,
    Suitability,
)
from oxfield.domain.notes import Amendment
from oxfield.domain.tasks import Task, TaskType
from oxfield.errors import SignedRecordError, ValidationError
from oxfield.reports.ehe_inputs import Judgement, Outcome, SuitabilityPart
from oxfield.resources import resource_path
from oxfield.services import attachments, records
from oxfield.services.ehe_visit_details import VisitDetails, VisitRecord, read_details
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault

PLACES = {
    ContactType.HOME_VISIT: "the family home",
    ContactType.NEUTRAL_VENUE: "a neutral venue",
    ContactType.WRITTEN_REPORT: "written report (no visit)",
}

_OUTCOME_TO_CASE = {
    Outcome.SUITABLE: (EheStatus.MONITORING, Suitability.SUITABLE, EheOutcome.SUITABLE),
    Outcome.MORE_INFORMATION: (
        EheStatus.INFORMAL_ENQUIRY,
        Suitability.MORE_INFORMATION,
        EheOutcome.MORE_INFORMATION,
    ),
    Outcome.NOT_SATISFIED: (EheStatus.INFORMAL_ENQUIRY, Suitability.NOT_SATISFIED, None),
    Outcome.RETURNS_TO_SCHOOL: (EheStatus.CLOSED, None, EheOutcome.RETURNED_TO_SCHOOL),
}


@dataclass(frozen=True)
class SignedVisit:
    visit_id: str
    case_status: EheStatus
    next_review_on: date | None


def visit_record(visit: EheVisit) -> VisitRecord:
    return read_details(visit).record or VisitRecord()


def visit_place(visit: EheVisit) -> str:
    return read_details(visit).place or PLACES.get(visit.contact_type, "")


def plan_visit(
    vault: Vault,
    actor: Actor,
    case_id: str,
    planned_on: date,
    contact_type: ContactType = ContactType.HOME_VISIT,
    place: str = "",
) -> str:
    """A visit on the officer's list for ``planned_on`` (the Today view shows it)."""
    with records.writing(vault, actor) as s:
        case = records.get(s, EheCase, case_id)
        if case.status is EheStatus.CLOSED:
            raise ValidationError("the case is closed", "case_id")
        if planned_on < case.notified_on:
            raise ValidationError("a visit cannot be planned before the case began", "planned_on")
        first = not s.scalar(select(EheVisit.id).where(EheVisit.case_id == case_id).limit(1))
        visit = EheVisit(
            case_id=case.id,
            contact_type=contact_type,
            planned_on=planned_on,
            first_contact=first,
            summary=VisitDetails(place=place.strip() or PLACES.get(contact_type, "")).dump(),
            team=case.team,
            district=case.district,
            assigned_officer=case.assigned_officer or actor.officer,
        )
        s.add(visit)
        s.flush()
        return visit.id


def _mirror(visit: EheVisit, record: VisitRecord) -> None:
    """Copy the parts the domain has columns for, so lists and sync can see them."""

    def met(*parts: SuitabilityPart) -> bool | None:
        got = [record.judgements.get(p) for p in parts]
        if any(j is None or j is Judgement.INSUFFICIENT for j in got):
            return None
        return all(j in (Judgement.MET, Judgement.NOT_APPLICABLE) for j in got)

    visit.persons_present = "\n".join(record.present) or None
    visit.child_seen = record.child_seen
    visit.voice_of_child = record.child_views or None
    visit.provision_by_others = (
        "\n".join(
            ", ".join(x for x in (p.name, p.kind, p.hours_per_week) if x) for p in record.providers
        )
        or None
    )
    visit.efficient = met(SuitabilityPart.EFFICIENT)
    visit.full_time = met(SuitabilityPart.FULL_TIME)
    visit.suitable_to_age_ability_aptitude_sen = met(
        SuitabilityPart.AGE, SuitabilityPart.ABILITY, SuitabilityPart.APTITUDE, SuitabilityPart.SEN
    )
    visit.judgement = (
        _OUTCOME_TO_CASE[record.outcome][1] or Suitability.NOT_ASSESSED
        if record.outcome
        else Suitability.NOT_ASSESSED
    )
    visit.safeguarding_concern = record.safeguarding_concern
    if record.referral_reference.strip():
        visit.referral_made = record.referral_reference.strip()[:200]
    elif record.safeguarding_concern and record.no_referral_reason.strip():
        visit.referral_made = ("No referral: " + record.no_referral_reason.strip())[:200]
    else:
        visit.referral_made = None
    visit.next_contact_on = record.next_review_on


def save_record(vault: Vault, actor: Actor, visit_id: str, record: VisitRecord) -> None:
    """Save the record as it stands (a draft may be incomplete; signing checks it)."""
    with records.writing(vault, actor) as s:
        visit = records.get(s, EheVisit, visit_id)
        if visit.signed:
            raise SignedRecordError("this visit is signed and cannot change: record an amendment")
        visit.summary = read_details(visit).model_copy(update={"record": record}).dump()
        if visit.started_at is None:
            visit.started_at = actor.clock.now()
        _mirror(visit, record)


def add_evidence(
    vault: Vault,
    actor: Actor,
    visit_id: str,
    description: str,
    file: BinaryIO | None = None,
    media_type: str = "application/octet-stream",
) -> str:
    """Evidence seen at the visit, with a photo or scan stored in the vault (one transaction)."""
    if not description.strip():
        raise ValidationError("describe the evidence", "description")
    with records.writing(vault, actor) as s:
        visit = records.get(s, EheVisit, visit_id)
        if visit.signed:
            raise SignedRecordError("this visit is signed and cannot change: record an amendment")
        sha = attachments.store_in(s, file, media_type).sha256 if file is not None else None
        evidence = EheEvidence(
            case_id=visit.case_id,
            visit_id=visit.id,
            description=description.strip(),
            attachment_sha256=sha,
            team=visit.team,
            district=visit.district,
            assigned_officer=visit.assigned_officer,
        )
        s.add(evidence)
        s.flush()
        return evidence.id


@cache
def _intervals() -> dict[str, Any]:
    raw = json.loads(resource_path("ehe", "review_intervals.json").read_text(encoding="utf-8"))
    intervals: dict[str, Any] = raw["intervals"]
    return intervals


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, or the month's last day (29 Feb -> 28 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def default_review(outcome: Outcome, visit_day: date) -> date | None:
    """The next contact the council's table gives for this outcome."""
    rule = _intervals().get(outcome.name.lower())
    if rule is None:
        return None
    if "months" in rule:
        return add_months(visit_day, int(rule["months"]))
    return visit_day + timedelta(days=int(rule["days"]))


def visit_day(visit: EheVisit) -> date:
    """The visit's calendar day: the date it was planned for and held on (a date, so a
    visit late in the evening in summer time is never moved to the UTC day)."""
    return visit.planned_on


def sign_visit(vault: Vault, actor: Actor, visit_id: str) -> SignedVisit:
    """Check, sign (immutable from now on) and move the case on; schedule the next review."""
    with records.writing(vault, actor) as s:
        visit = records.get(s, EheVisit, visit_id)
        if visit.signed:
            raise SignedRecordError("this visit is already signed")
        record = visit_record(visit)
        record.check_complete()
        assert record.outcome is not None
        case = records.get(s, EheCase, visit.case_id)
        review = record.next_review_on or default_review(record.outcome, visit_day(visit))
        if review is not None and review <= visit_day(visit):
            raise ValidationError("the next review must be after the visit", "next_review_on")
        if record.outcome is Outcome.RETURNS_TO_SCHOOL:
            review = None
        visit.next_contact_on = review
        records.sign(visit, actor)
        status, suitability, outcome = _OUTCOME_TO_CASE[record.outcome]
        case.status = status
        if suitability is not None:
            case.suitability = suitability
        case.outcome = outcome or case.outcome
        case.next_review_on = review
        if status is EheStatus.CLOSED:
            case.closed_on = visit_day(visit)
        if review is not None:
            s.add(
                Task(
                    title=f"Next EHE review ({case.reference})",
                    task_type=TaskType.NEXT_REVIEW,
                    due_on=review,
                    subject_kind=EheCase.KIND,
                    subject_id=case.id,
                    team=case.team,
                    district=case.district,
                    assigned_officer=case.assigned_officer,
                )
            )
        return SignedVisit(visit.id, status, review)


def amend_visit(
    vault: Vault, actor: Actor, visit_id: str, reason: str, changes: dict[str, Any]
) -> str:
    """A signed correction pointing at the visit; the visit itself stays as signed."""
    with records.writing(vault, actor) as s:
        visit = records.get(s, EheVisit, visit_id)
        if not visit.signed:
            raise ValidationError("the visit is not signed yet: edit it instead", "visit_id")
        amendment = records.amend(s, visit, reason, changes)
        records.sign(amendment, actor)
        s.flush()
        return amendment.id


def amendments_for(vault: Vault, visit_id: str) -> list[Amendment]:
    with vault.read() as s:
        return list(
            s.scalars(
                select(Amendment)
                .where(Amendment.amends_id == visit_id, Amendment.deleted.is_(False))
                .order_by(Amendment.hlc)
            )
        )
