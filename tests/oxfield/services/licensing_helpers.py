"""Synthetic children, licences and chaperones for the licensing tests (all invented)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from oxfield.domain.chaperones import BarredListResult, Chaperone
from oxfield.domain.kinds import Team
from oxfield.domain.licensing import Licence
from oxfield.services import chaperones as ch
from oxfield.services.licensing import LicenceApplication, LicencePlan, grant, record_application
from oxfield.services.records import Actor, create_child, sign

FULL_TOPICS = {
    topic: ch.TopicRecord(f"Discussed: {topic.value}", ch.Assessment.GOOD) for topic in ch.Topic
}


def licensed_child(
    session: Session,
    given: str,
    family: str,
    born: date,
    production: str = "The Snow Queen",
    dates: tuple[date, ...] = (date(2026, 7, 15),),
) -> Licence:
    child = create_child(
        session,
        team=Team.LICENSING,
        legal_family_name=family,
        legal_given_names=given,
        date_of_birth=born,
    )
    app = LicenceApplication(
        production=production,
        applicant_name="Northgate Theatre Productions Ltd",
        received_on=date(2026, 6, 1),
        plan=LicencePlan(venues=("Northgate Theatre, Oxford",), dates=dates),
        education_arrangements="Tutor on school days, 3 hours a day",
        tutor_name="Priya Sharma-Lowe",
    )
    licence = record_application(session, child, app)
    grant(licence, date(2026, 6, 20))
    return licence


def ready_applicant(
    session: Session, given: str = "Mirela", family: str = "Kowalczyk"
) -> Chaperone:
    """An applicant with every check an approval rests on, interview signed."""
    applicant = ch.new_applicant(
        session,
        family_name=family,
        given_names=given,
        date_of_birth=date(1980, 2, 29),
        applied_on=date(2026, 3, 2),
    )
    ch.record_identity(applicant, "Passport; driving licence; council tax bill", date(2026, 3, 2))
    ch.record_dbs(
        applicant,
        certificate_number="0012 3456 7890",
        issued_on=date(2026, 2, 10),
        update_service=True,
        checked_on=date(2026, 3, 3),
        barred_list=BarredListResult.CLEAR,
    )
    ch.add_reference(
        session,
        applicant,
        referee_name="Tomasz Nowak",
        relationship="Former line manager",
        received_on=date(2026, 3, 10),
        satisfactory=True,
    )
    ch.add_reference(
        session,
        applicant,
        referee_name="Aisha Rahman",
        relationship="Dance school principal",
        received_on=date(2026, 3, 12),
        satisfactory=True,
    )
    ch.record_training(applicant, date(2026, 3, 20))
    return applicant


def interview(session: Session, applicant: Chaperone, actor: Actor) -> None:
    record = ch.record_interview(
        session,
        applicant,
        held_on=date(2026, 3, 25),
        interviewer="officer-1",
        topics=FULL_TOPICS,
        overall="Calm, clear on safeguarding and handover.",
        recommendation="Approve",
    )
    sign(record, actor)
