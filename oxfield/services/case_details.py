"""One case as the desktop's read view and edit form see it, and saving the form's changes.

The form sends its fields as typed text; :func:`check_field` gives the one message for a field
as the officer types (or ``None``), and :func:`save_ehe_case` parses everything again, refuses
with a :class:`ValidationError` naming the field, and writes through ``services.records`` so
every change is stamped with the officer, the device and the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from oxfield.clock import Clock
from oxfield.domain.ehe import EheCase, EheStatus
from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.licensing import Licence
from oxfield.domain.people import Child
from oxfield.domain.schools import School
from oxfield.errors import ValidationError
from oxfield.services import records
from oxfield.services.cases import parse_date
from oxfield.vault.vault import Vault

#: The EHE case form's fields, in order, with their labels.
EHE_FORM: dict[str, str] = {
    "legal_given_names": "Given names",
    "legal_family_name": "Family name",
    "preferred_name": "Preferred name",
    "date_of_birth": "Date of birth",
    "upn": "UPN",
    "status": "Status",
    "next_review_on": "Next review",
    "safeguarding_concern": "Safeguarding concern",
}
MAX_NAME = {"legal_given_names": 150, "legal_family_name": 100, "preferred_name": 150}
OLDEST_CHILD_YEARS = 25


@dataclass(frozen=True, slots=True)
class CaseDetails:
    id: str
    kind: str  # ehe_case | licence | employment_permit
    reference: str
    team: str
    status: str
    officer: str | None
    next_review: date | None
    school: str | None
    child_id: str
    legal_given_names: str
    legal_family_name: str
    preferred_name: str | None
    date_of_birth: date
    upn: str | None
    sen_status: str
    safeguarding_concern: bool
    editable: bool

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.legal_given_names} {self.legal_family_name}"

    def form_fields(self) -> dict[str, str]:
        """The values the edit form starts from, as text."""
        return {
            "legal_given_names": self.legal_given_names,
            "legal_family_name": self.legal_family_name,
            "preferred_name": self.preferred_name or "",
            "date_of_birth": self.date_of_birth.strftime("%d/%m/%Y"),
            "upn": self.upn or "",
            "status": self.status,
            "next_review_on": self.next_review.strftime("%d/%m/%Y") if self.next_review else "",
            "safeguarding_concern": "yes" if self.safeguarding_concern else "no",
        }


def _value(x: Any) -> str:
    return str(getattr(x, "value", x))


def load_case(vault: Vault, case_id: str) -> CaseDetails:
    """The case with this id, of any kind; ValidationError if there is none."""
    with vault.read() as s:
        for model in (EheCase, Licence, EmploymentPermit):
            record: Any = s.get(model, case_id)
            if record is not None and not record.deleted:
                break
        else:
            raise ValidationError("no case with that id", "id")
        child: Child = s.get(Child, record.child_id)  # type: ignore[assignment]
        urn = getattr(record, "school_left_urn", None) or child.school_urn
        school = s.get(School, urn) if urn is not None else None
        return CaseDetails(
            id=record.id,
            kind=record.KIND,
            reference=record.reference,
            team=_value(record.team),
            status=_value(record.status),
            officer=record.assigned_officer,
            next_review=record.next_review_on,
            school=school.name if school is not None else None,
            child_id=child.id,
            legal_given_names=child.legal_given_names,
            legal_family_name=child.legal_family_name,
            preferred_name=child.preferred_name,
            date_of_birth=child.date_of_birth,
            upn=child.upn,
            sen_status=_value(child.sen_status),
            safeguarding_concern=bool(getattr(record, "safeguarding_concern", False)),
            editable=model is EheCase,
        )


def _parse(name: str, text: str, today: date) -> Any:
    """The field's value, or ValidationError with the sentence to show beside it."""
    label = EHE_FORM[name]
    text = text.strip()
    if name in MAX_NAME:
        if not text and name != "preferred_name":
            raise ValidationError(f"{label} is required.", name)
        if len(text) > MAX_NAME[name]:
            raise ValidationError(f"{label} must be at most {MAX_NAME[name]} characters.", name)
        return text or None
    if name in ("date_of_birth", "next_review_on"):
        if not text:
            if name == "date_of_birth":
                raise ValidationError(f"{label} is required.", name)
            return None
        day = parse_date(text)
        if day is None:
            raise ValidationError(f"{label} must be a real date, like 31/01/2015.", name)
        if name == "date_of_birth":
            if day > today:
                raise ValidationError(f"{label} cannot be in the future.", name)
            if day.year < today.year - OLDEST_CHILD_YEARS:
                raise ValidationError(f"{label} is more than {OLDEST_CHILD_YEARS} years ago.", name)
        return day
    if name == "upn":
        if not text:
            return None
        upn = text.replace(" ", "").upper()
        if len(upn) != 13 or not upn[0].isalpha() or not upn[1:12].isdigit():
            raise ValidationError(
                f"{label} must be 13 characters: a letter, 11 digits and a check character.", name
            )
        return upn
    if name == "status":
        try:
            return EheStatus(text)
        except ValueError:
            raise ValidationError(f"Choose a {label.lower()} from the list.", name) from None
    if name == "safeguarding_concern":
        if text not in ("yes", "no"):
            raise ValidationError(f"{label} must be yes or no.", name)
        return text == "yes"
    raise ValidationError(f"{name} is not a field of this form", name)


def check_field(name: str, text: str, today: date) -> str | None:
    """The message to show beside ``name`` as the officer types, or ``None`` if it is fine."""
    try:
        _parse(name, text, today)
    except ValidationError as exc:
        return str(exc)
    return None


def save_ehe_case(
    vault: Vault,
    case_id: str,
    fields: Mapping[str, str],
    officer: str,
    clock: Clock | None = None,
) -> CaseDetails:
    """Check every field, then write the child's and the case's changes in one transaction."""
    clock = clock or Clock()
    today = clock.today()
    values = {name: _parse(name, fields.get(name, ""), today) for name in EHE_FORM}
    child_fields = (
        "legal_given_names",
        "legal_family_name",
        "preferred_name",
        "date_of_birth",
        "upn",
    )
    case_fields = ("status", "next_review_on", "safeguarding_concern")
    actor = records.Actor(officer=officer or "officer", clock=clock)
    with records.writing(vault, actor) as session:
        case = records.get(session, EheCase, case_id)
        child = records.get(session, Child, case.child_id)
        records.update(child, {k: values[k] for k in child_fields})
        records.update(case, {k: values[k] for k in case_fields})
    return load_case(vault, case_id)
