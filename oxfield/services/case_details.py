"""One case as the desktop's read view and edit form see it, and saving the form's changes.

The form sends its fields as typed text; the EHE case form is the ``ehe_case`` spec of
``services.record_forms`` (the child's names and dates with the case's status and review), so
:func:`check_field` and :func:`save_ehe_case` are that spec's checks and store, kept here for
the callers that know a case rather than a form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from oxfield.clock import Clock
from oxfield.domain.ehe import EheCase
from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.licensing import Licence
from oxfield.domain.people import Child
from oxfield.domain.schools import School
from oxfield.errors import ValidationError
from oxfield.services.record_forms import fields, store
from oxfield.services.record_forms.specs import EHE_CASE
from oxfield.vault.vault import Vault

#: The EHE case form's fields, in order, with their labels.
EHE_FORM: dict[str, str] = {f.name: f.label for f in EHE_CASE.fields}


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


def check_field(name: str, text: str, today: date) -> str | None:
    """The message to show beside ``name`` as the officer types, or ``None`` if it is fine."""
    return fields.check_field(EHE_CASE, name, text, today)


def save_ehe_case(
    vault: Vault,
    case_id: str,
    form_fields: Mapping[str, str],
    officer: str,
    clock: Clock | None = None,
) -> CaseDetails:
    """Check every field, then write the child's and the case's changes in one transaction."""
    store.save_record(vault, EHE_CASE.name, case_id, form_fields, officer, clock)
    return load_case(vault, case_id)
