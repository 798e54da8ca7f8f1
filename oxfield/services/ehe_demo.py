"""Synthetic, realistic EHE cases for demonstrations, training and load tests.

Every person is invented. Names come from many scripts and spellings (apostrophes, hyphens,
accents, Cyrillic, Arabic, Chinese), schools from the shipped Oxfordshire list, and the cases
spread over the stages an officer meets: newly notified with a visit planned, monitored after a
signed visit, under informal enquiry, and closed on a return to school. A seed makes the same
set every time.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.ehe import (
    ContactType,
    EheCase,
    EheOutcome,
    EheReason,
    EheSource,
    EheStatus,
    EheVisit,
    Suitability,
)
from oxfield.domain.people import Relationship, SenStatus, Sex
from oxfield.domain.schools import School
from oxfield.progress import NullProgress, Progress, check_cancel
from oxfield.reports.ehe_inputs import Judgement, Outcome, SuitabilityPart
from oxfield.services import ehe, records
from oxfield.services.ehe_visits import PLACES, VisitRecord
from oxfield.services.records import Actor
from oxfield.services.schools import ensure_default_schools
from oxfield.vault.vault import Vault

FAMILY = (
    "O'Brien", "Smith-Jones", "Kowalski", "Wiśniewska", "Nguyễn", "Иванова", "الحسن", "王",
    "Müller", "D'Souza", "MacDonald", "Ó Súilleabháin", "Patel", "Okonkwo", "García-López",
    "Łukaszewicz", "Papadopoulou", "Al-Farsi", "Brown", "Chen", "Novák", "Ahmed", "Jones",
    "Fitzgerald-O’Neill", "Kim", "Yılmaz", "Søndergaard", "Williams", "Taylor", "Da Silva",
)  # fmt: skip
GIVEN_F = (
    "Zoë", "Amelia", "Анна", "Fatimah", "小红", "Zuzanna", "Aoife", "Chloé", "Priya", "Ngozi",
    "Mary Jane", "Léa", "Ayşe", "Ingrid", "Olivia", "Maryam",
)  # fmt: skip
GIVEN_M = (
    "Łukasz", "Oliver", "Иван", "مُحَمَّد", "小明", "Seán", "José", "Arjun", "Chidi", "Jean-Luc",
    "Noah", "Mehmet", "Søren", "Jack", "Ibrahim", "Tomáš",
)  # fmt: skip
PARENT_GIVEN = ("Sarah", "David", "Ирина", "Ahmed", "Wei", "Magdalena", "Siobhán", "Rajesh")
STREETS = ("Cowley Road", "Banbury Road", "St Clement's", "High Street", "Church Lane")
TOWNS = (("Oxford", "OX4"), ("Banbury", "OX16"), ("Bicester", "OX26"), ("Witney", "OX28"))
REASONS = tuple(EheReason)
SEN_MIX = (SenStatus.NONE,) * 6 + (SenStatus.SEN_SUPPORT,) * 3 + (SenStatus.EHCP,)


def make_demo_cases(
    vault: Vault,
    actor: Actor,
    count: int,
    *,
    seed: int = 2026,
    progress: Progress | None = None,
) -> list[str]:
    """Add ``count`` synthetic cases; returns their ids."""
    progress = progress or NullProgress()
    ensure_default_schools(vault)
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    today = actor.clock.today()
    ids: list[str] = []
    with vault.read() as s:
        schools = list(s.scalars(select(School.urn).where(School.open.is_(True))))
    with records.writing(vault, actor) as s:
        for n in range(count):
            check_cancel(progress)
            if n % 50 == 0:
                progress.report(n, count, "Making demo cases")
            ids.append(_one(s, actor, rng, today, schools))
    progress.report(count, count, "Demo cases made")
    return ids


def _one(s: Session, actor: Actor, rng: random.Random, today: date, schools: list[int]) -> str:
    sex = rng.choice((Sex.FEMALE, Sex.MALE, Sex.FEMALE, Sex.MALE, Sex.UNKNOWN))
    given = rng.choice(GIVEN_F if sex is Sex.FEMALE else GIVEN_M)
    family = rng.choice(FAMILY)
    dob = today - timedelta(days=rng.randint(5 * 365 + 120, 16 * 365 - 30))
    notified = today - timedelta(days=rng.randint(0, 700))
    town, district = rng.choice(TOWNS)
    stage = rng.random()
    intake = ehe.CaseIntake(
        family_name=family,
        given_names=given,
        date_of_birth=dob,
        notified_on=notified,
        source=rng.choice((EheSource.SCHOOL_DEREGISTRATION,) * 3 + (EheSource.PARENT,)),
        address_line1=f"{rng.randint(1, 220)} {rng.choice(STREETS)}",
        town=town,
        postcode=f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
        sex=sex,
        parents=(ehe.ParentIn(rng.choice(PARENT_GIVEN), family, Relationship.MOTHER),),
        school_left_urn=rng.choice(schools),
        deregistered_on=notified - timedelta(days=rng.randint(0, 5)),
        primary_reason=rng.choice(REASONS),
        sen_status=rng.choice(SEN_MIX),
        assigned_officer=actor.officer,
        district=district,
    )  # fmt: skip
    opened = ehe.open_case_in(s, actor, intake, not_a_duplicate=True)
    case = s.get(EheCase, opened.case_id)
    assert case is not None
    if stage < 0.4:
        _visit(s, case, today + timedelta(days=rng.randint(0, 14)), None, actor)
    elif stage < 0.8:
        day = max(notified + timedelta(days=rng.randint(7, 40)), notified)
        _visit(s, case, min(day, today), Outcome.SUITABLE, actor)
        case.status, case.suitability = EheStatus.MONITORING, Suitability.SUITABLE
        case.outcome = EheOutcome.SUITABLE
        case.next_review_on = min(day, today) + timedelta(days=365)
    elif stage < 0.9:
        _visit(s, case, min(notified + timedelta(days=10), today), Outcome.MORE_INFORMATION, actor)
        case.status = EheStatus.INFORMAL_ENQUIRY
        case.suitability = Suitability.MORE_INFORMATION
        case.next_review_on = min(notified + timedelta(days=38), today + timedelta(days=28))
    else:
        case.status, case.outcome = EheStatus.CLOSED, EheOutcome.RETURNED_TO_SCHOOL
        case.closed_on = min(notified + timedelta(days=rng.randint(20, 200)), today)
    return opened.case_id


def _visit(s: Session, case: EheCase, day: date, outcome: Outcome | None, actor: Actor) -> None:
    details: dict[str, object] = {"place": PLACES[ContactType.HOME_VISIT]}
    if outcome is not None:
        judgement = Judgement.MET if outcome is Outcome.SUITABLE else Judgement.INSUFFICIENT
        details["record"] = VisitRecord(
            present=("Parent", "Child"),
            child_seen=True,
            child_views="I enjoy reading and science projects.",
            approach="Semi-structured, child-led projects",
            judgements={p: judgement for p in SuitabilityPart},
            outcome=outcome,
        ).to_json()
    visit = EheVisit(
        case_id=case.id,
        contact_type=ContactType.HOME_VISIT,
        planned_on=day,
        first_contact=True,
        child_seen=outcome is not None,
        summary=json.dumps(details, ensure_ascii=False),
        team=case.team,
        district=case.district,
        assigned_officer=case.assigned_officer,
    )
    s.add(visit)
    if outcome is not None:
        records.sign(visit, actor)
