"""What the home-education documents are made from: plain, frozen data.

The vault's domain records do not exist yet, and a report should not depend on how they are
stored anyway: a service reads the records and fills these shapes, and the builders only lay
them out. The fields follow DOMAIN.md section 4.4 (what an EHE visit should capture): who was
present, whether the child was seen and their own views, the education described, the evidence
seen, a judgement on each part of the suitability test, safeguarding, the outcome and the next
review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from oxfield.errors import ValidationError
from oxfield.reports.layout import Letterhead


class ContactType(StrEnum):
    """How the council saw the education (the ways a parent may show it is suitable)."""

    HOME_VISIT = "home visit"
    NEUTRAL_VENUE = "meeting at a neutral venue"
    WRITTEN_REPORT = "written report from the parent"
    SAMPLES_OF_WORK = "samples of work"


class SuitabilityPart(StrEnum):
    """The parts of the s7 test (Education Act 1996) the officer judges one by one."""

    EFFICIENT = "Efficient"
    FULL_TIME = "Full-time"
    AGE = "Suitable to age"
    ABILITY = "Suitable to ability"
    APTITUDE = "Suitable to aptitude"
    SEN = "Suitable to any special educational needs"


class Judgement(StrEnum):
    """The officer's view of one part of the test."""

    MET = "Appears to be met"
    NOT_MET = "Does not appear to be met"
    INSUFFICIENT = "Not enough information yet"
    NOT_APPLICABLE = "Not applicable"


class Outcome(StrEnum):
    """What the visit decided (DOMAIN.md 4.4 outcome options reached from a visit)."""

    SUITABLE = "Education appears suitable"
    MORE_INFORMATION = "More information needed"
    NOT_SATISFIED = "Not satisfied that education is suitable"
    RETURNS_TO_SCHOOL = "Child returning to school"


@dataclass(frozen=True)
class Child:
    given_names: str
    family_name: str
    date_of_birth: date
    year_group: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day`` (the visit day, never "today")."""
        years = day.year - self.date_of_birth.year
        if (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years


@dataclass(frozen=True)
class Parent:
    name: str
    relationship: str = "Parent"
    address: tuple[str, ...] = ()
    postcode: str = ""


@dataclass(frozen=True)
class Officer:
    name: str
    job_title: str = "Elective Home Education Officer"
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Provider:
    """A tutor, online school or group that educates the child for part of the week."""

    name: str
    kind: str = ""
    hours_per_week: str = ""


@dataclass(frozen=True)
class EducationDescribed:
    approach: str = ""
    resources: str = ""
    time: str = ""
    providers: tuple[Provider, ...] = ()


@dataclass(frozen=True)
class Evidence:
    description: str
    photos: int = 0


@dataclass(frozen=True)
class PartJudgement:
    part: SuitabilityPart
    judgement: Judgement
    comment: str = ""


@dataclass(frozen=True)
class Amendment:
    """A correction to a signed visit record; the original stays as it was."""

    made_on: date
    author: str
    text: str


@dataclass(frozen=True)
class Visit:
    """One signed (or draft) EHE visit record."""

    reference: str
    visit_date: date
    contact_type: ContactType
    place: str
    present: tuple[str, ...]
    child_seen: bool
    outcome: Outcome
    child_not_seen_reason: str = ""
    child_views: str = ""
    education: EducationDescribed = EducationDescribed()
    evidence: tuple[Evidence, ...] = ()
    judgements: tuple[PartJudgement, ...] = ()
    safeguarding_concern: bool = False
    safeguarding_next_step: str = ""
    outcome_reasons: str = ""
    next_review: date | None = None
    notes: str = ""
    signed_by: str = ""
    signed_on: date | None = None
    amendments: tuple[Amendment, ...] = ()

    def check(self) -> None:
        """Refuse a record the documents cannot honestly describe (naming the field)."""
        if not self.reference.strip():
            raise ValidationError("The visit has no reference.", field="reference")
        if not self.child_seen and not self.child_not_seen_reason.strip():
            raise ValidationError(
                "The child was not seen: give the reason.", field="child_not_seen_reason"
            )
        if self.safeguarding_concern and not self.safeguarding_next_step.strip():
            raise ValidationError(
                "A safeguarding concern needs a referral reference or a reason why not.",
                field="safeguarding_next_step",
            )


@dataclass(frozen=True)
class CaseEvent:
    """A dated step in the case's history (notice received, s437 notice served, ...)."""

    day: date
    description: str


@dataclass(frozen=True)
class CaseDetails:
    """The case as recorded when it arrived (DOMAIN.md 4.4: source, consent flags, SEN)."""

    reference: str
    child: Child
    parents: tuple[Parent, ...]
    date_notified: date
    source: str = ""
    school_left: str = ""
    school_urn: str = ""
    date_off_roll: date | None = None
    reason: str = ""
    sen_status: str = "No SEN"
    ehcp: bool = False
    consent_needed: bool = False
    safeguarding_flag: bool = False
    events: tuple[CaseEvent, ...] = field(default_factory=tuple)
    notes: str = ""


def check_named(child: Child, parents: tuple[Parent, ...]) -> None:
    """Letters need someone to write about and someone to write to."""
    if not child.full_name:
        raise ValidationError("The child has no name.", field="child")
    if not parents or not any(p.name.strip() for p in parents):
        raise ValidationError("There is no parent to write to.", field="parents")


__all__ = [
    "Amendment",
    "CaseDetails",
    "CaseEvent",
    "Child",
    "ContactType",
    "EducationDescribed",
    "Evidence",
    "Judgement",
    "Letterhead",
    "Officer",
    "Outcome",
    "Parent",
    "PartJudgement",
    "Provider",
    "SuitabilityPart",
    "Visit",
    "check_named",
]
