"""What the licensing documents print: plain frozen data, filled in by the licensing services.

The documents never read the vault; the services turn records into these, so a document can be
built and tested from data alone. Times are already wall-clock text (London), as printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from oxfield.errors import ValidationError
from oxfield.reports.ehe_inputs import Officer


@dataclass(frozen=True)
class FindingLine:
    """One finding as printed: its regulation, what happened and how serious it is."""

    regulation: str
    message: str
    severity: str = "breach"


@dataclass(frozen=True)
class EventLine:
    time: str
    label: str
    correction: str = ""


@dataclass(frozen=True)
class TotalLine:
    label: str
    used: str
    limit: str


@dataclass(frozen=True)
class ChildDay:
    """One child's day at the venue as the inspection saw it."""

    name: str
    age: int
    licence_reference: str
    checks: tuple[tuple[str, str], ...] = ()
    events: tuple[EventLine, ...] = ()
    totals: tuple[TotalLine, ...] = ()
    breaches: tuple[FindingLine, ...] = ()


@dataclass(frozen=True)
class InspectionReport:
    reference: str
    venue: str
    production: str
    inspected_on: date
    officer: Officer
    children: tuple[ChildDay, ...]
    checklist: tuple[tuple[str, str], ...] = ()
    education: str = ""
    findings: tuple[FindingLine, ...] = ()
    actions: tuple[str, ...] = ()
    outcome: str = ""
    signed: str = ""


@dataclass(frozen=True)
class ChaperoneLetter:
    """The approval or refusal letter to an applicant."""

    reference: str
    letter_date: date
    name: str
    officer: Officer
    address: tuple[str, ...] = ()
    approved_until: date | None = None
    card_number: str = ""
    restrictions: str = ""
    reasons: str = ""


@dataclass(frozen=True)
class ChaperoneCard:
    reference: str
    name: str
    card_number: str
    approved_until: date
    photo: bytes | None
    restrictions: str = ""
    phone: str = "01865 323513"


@dataclass(frozen=True)
class LicenceDocument:
    reference: str
    child_name: str
    date_of_birth: date
    production: str
    applicant: str
    venues: tuple[str, ...]
    dates: tuple[date, ...]
    first_day: date | None
    last_day: date | None
    performance_days: int | None
    education: str
    tutor: str
    chaperone: str
    granted_on: date | None
    officer: Officer
    conditions: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PermitDocument:
    reference: str
    child_name: str
    date_of_birth: date
    employer: str
    employer_address: str
    job: str
    term_week: tuple[tuple[str, str], ...]
    holiday_week: tuple[tuple[str, str], ...]
    issued_on: date
    review_on: date | None
    officer: Officer


def require_text(value: str, name: str) -> None:
    """A document refuses to print without the text that makes it valid, naming the field."""
    if not value.strip():
        raise ValidationError(f"{name.replace('_', ' ')} is missing", name)
