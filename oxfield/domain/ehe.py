"""Elective home education: the case, contacts and visits, evidence, and statutory steps.

The reason for home education uses the DfE EHE collection's categories (DOMAIN.md 4.3 and
4.5); :data:`DFE_REASON_LABELS` maps each code to the census label, so a return can be counted
without touching case records. Visits and statutory steps are signable statements.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oxfield.domain.base import Signable, Synced
from oxfield.domain.people import Child
from oxfield.domain.types import EnumText, UTCDateTime
from oxfield.orm import Base


class EheSource(StrEnum):
    """How the council heard of the case."""

    SCHOOL_DEREGISTRATION = "school_deregistration"
    PARENT = "parent"
    OTHER_COUNCIL = "other_council"
    OTHER_AGENCY = "other_agency"
    OTHER = "other"


class EheReason(StrEnum):
    MENTAL_HEALTH = "mental_health"
    PHYSICAL_HEALTH = "physical_health"
    COVID_HEALTH = "covid_health"
    DISSATISFACTION_GENERAL = "dissatisfaction_general"
    DISSATISFACTION_SEND = "dissatisfaction_send"
    DISSATISFACTION_BULLYING = "dissatisfaction_bullying"
    LIFESTYLE = "lifestyle"
    PHILOSOPHICAL = "philosophical"
    RELIGIOUS = "religious"
    RISK_OF_EXCLUSION = "risk_of_exclusion"
    PERMANENT_EXCLUSION = "permanent_exclusion"
    NO_SCHOOL_PREFERENCE = "no_school_preference"
    NO_SUITABLE_PLACE = "no_suitable_place"
    SCHOOL_SUGGESTION = "school_suggestion"
    OFFERED_NOT_ACCEPTED = "offered_not_accepted"
    DID_NOT_APPLY = "did_not_apply"
    OTHER = "other"
    NO_REASON_GIVEN = "no_reason_given"
    UNKNOWN = "unknown"


#: The labels of the DfE census file (ehe_census.csv), DOMAIN.md 4.5.
DFE_REASON_LABELS: dict[EheReason, str] = {
    EheReason.MENTAL_HEALTH: "Mental health",
    EheReason.PHYSICAL_HEALTH: "Physical health",
    EheReason.COVID_HEALTH: "Health concerns related to COVID19",
    EheReason.DISSATISFACTION_GENERAL: "School dissatisfaction general",
    EheReason.DISSATISFACTION_SEND: "School dissatisfaction SEND",
    EheReason.DISSATISFACTION_BULLYING: "School dissatisfaction bullying",
    EheReason.LIFESTYLE: "Lifestyle",
    EheReason.PHILOSOPHICAL: "Philosophical or preferential",
    EheReason.RELIGIOUS: "Religious",
    EheReason.RISK_OF_EXCLUSION: "Risk of school exclusion",
    EheReason.PERMANENT_EXCLUSION: "Permanent exclusion",
    EheReason.NO_SCHOOL_PREFERENCE: "Did not get school preference",
    EheReason.NO_SUITABLE_PLACE: "Difficulty accessing suitable school place",
    EheReason.SCHOOL_SUGGESTION: "School suggestion",
    EheReason.OFFERED_NOT_ACCEPTED: "Offered school place but not yet accepted",
    EheReason.DID_NOT_APPLY: "Did not apply for school place at compulsory school age",
    EheReason.OTHER: "Other",
    EheReason.NO_REASON_GIVEN: "No reason given",
    EheReason.UNKNOWN: "Unknown",
}


class EheStatus(StrEnum):
    OPEN = "open"
    MONITORING = "monitoring"
    INFORMAL_ENQUIRY = "informal_enquiry"
    S437_NOTICE = "s437_notice"
    SAO = "sao"
    CLOSED = "closed"


class Suitability(StrEnum):
    NOT_ASSESSED = "not_assessed"
    SUITABLE = "suitable"
    MORE_INFORMATION = "more_information"
    NOT_SATISFIED = "not_satisfied"


class EheOutcome(StrEnum):
    SUITABLE = "suitable"
    MORE_INFORMATION = "more_information"
    S437_NOTICE = "s437_notice"
    SCHOOL_NOMINATION = "school_nomination"
    SAO_SERVED = "sao_served"
    RECLASSIFIED_CME = "reclassified_cme"
    RETURNED_TO_SCHOOL = "returned_to_school"
    MOVED_AWAY = "moved_away"
    OVER_COMPULSORY_AGE = "over_compulsory_age"


class ContactType(StrEnum):
    HOME_VISIT = "home_visit"
    NEUTRAL_VENUE = "neutral_venue"
    WRITTEN_REPORT = "written_report"
    SAMPLES_OF_WORK = "samples_of_work"
    TUTOR_REPORT = "tutor_report"
    PHONE = "phone"


class StatutoryStep(StrEnum):
    S437_NOTICE = "s437_notice"
    SAO_INTENTION = "sao_intention"
    SCHOOL_NOMINATION = "school_nomination"
    SAO_SERVED = "sao_served"
    SAO_REVOKED = "sao_revoked"


class EheCase(Synced, Base):
    __tablename__ = "ehe_case"
    KIND = "ehe_case"

    reference: Mapped[str] = mapped_column(String(24), unique=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    notified_on: Mapped[date] = mapped_column(Date)
    source: Mapped[EheSource] = mapped_column(EnumText(EheSource, 32))
    source_detail: Mapped[str | None] = mapped_column(Text)
    deregistered_on: Mapped[date | None] = mapped_column(Date)
    school_left_urn: Mapped[int | None] = mapped_column(Integer, index=True)
    primary_reason: Mapped[EheReason] = mapped_column(
        EnumText(EheReason, 32), default=EheReason.UNKNOWN
    )
    #: further reasons given, as comma-separated EheReason codes
    other_reasons: Mapped[str] = mapped_column(String(400), default="")
    school_suggested_ehe: Mapped[bool] = mapped_column(Boolean, default=False)
    special_school_consent_required: Mapped[bool] = mapped_column(Boolean, default=False)
    ehcp_names_eotas: Mapped[bool] = mapped_column(Boolean, default=False)
    safeguarding_concern: Mapped[bool] = mapped_column(Boolean, default=False)
    safeguarding_detail: Mapped[str | None] = mapped_column(Text)
    written_contact_only: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[EheStatus] = mapped_column(
        EnumText(EheStatus, 24), default=EheStatus.OPEN, index=True
    )
    suitability: Mapped[Suitability] = mapped_column(
        EnumText(Suitability, 24), default=Suitability.NOT_ASSESSED
    )
    outcome: Mapped[EheOutcome | None] = mapped_column(EnumText(EheOutcome, 32))
    next_review_on: Mapped[date | None] = mapped_column(Date, index=True)
    closed_on: Mapped[date | None] = mapped_column(Date)

    child: Mapped[Child] = relationship()
    visits: Mapped[list[EheVisit]] = relationship(back_populates="case")


class EheVisit(Signable, Base):
    """A contact with the family: a visit, a meeting, or a written report received."""

    __tablename__ = "ehe_visit"
    KIND = "ehe_visit"

    case_id: Mapped[str] = mapped_column(ForeignKey("ehe_case.id"), index=True)
    contact_type: Mapped[ContactType] = mapped_column(EnumText(ContactType, 24))
    planned_on: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    zone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    first_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    persons_present: Mapped[str | None] = mapped_column(Text)
    child_seen: Mapped[bool] = mapped_column(Boolean, default=False)
    voice_of_child: Mapped[str | None] = mapped_column(Text)
    provision_by_others: Mapped[str | None] = mapped_column(Text)
    efficient: Mapped[bool | None] = mapped_column(Boolean)
    full_time: Mapped[bool | None] = mapped_column(Boolean)
    suitable_to_age_ability_aptitude_sen: Mapped[bool | None] = mapped_column(Boolean)
    judgement: Mapped[Suitability] = mapped_column(
        EnumText(Suitability, 24), default=Suitability.NOT_ASSESSED
    )
    safeguarding_concern: Mapped[bool] = mapped_column(Boolean, default=False)
    referral_made: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)
    next_contact_on: Mapped[date | None] = mapped_column(Date)

    case: Mapped[EheCase] = relationship(back_populates="visits")


class EheEvidence(Synced, Base):
    """Something seen as evidence of education, optionally with a file in the vault."""

    __tablename__ = "ehe_evidence"
    KIND = "ehe_evidence"

    case_id: Mapped[str] = mapped_column(ForeignKey("ehe_case.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("ehe_visit.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    attachment_sha256: Mapped[str | None] = mapped_column(ForeignKey("attachment.sha256"))


class EheStatutoryStep(Signable, Base):
    """A notice served: s437(1), the intention to serve an SAO, the nomination, the order."""

    __tablename__ = "ehe_statutory_step"
    KIND = "ehe_statutory_step"

    case_id: Mapped[str] = mapped_column(ForeignKey("ehe_case.id"), index=True)
    step: Mapped[StatutoryStep] = mapped_column(EnumText(StatutoryStep, 24))
    served_on: Mapped[date | None] = mapped_column(Date)
    respond_by: Mapped[date | None] = mapped_column(Date)
    school_urn: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
