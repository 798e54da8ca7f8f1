"""An issued employment permit as its PDF, with the hours as the employer declared them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from oxfield.domain.employment import EmploymentPermit, PermitStatus
from oxfield.errors import ValidationError
from oxfield.reports.licensing_inputs import PermitDocument
from oxfield.reports.permit import build_permit
from oxfield.services.employment import DAYS, pattern_of
from oxfield.services.licensing_documents import child_name, officer
from oxfield.services.records import get

_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_NAMES = dict(zip(DAYS, _NAMES, strict=True))


def _rows(week: dict[str, list[list[str]]]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (_DAY_NAMES[day], ", ".join(f"{a} to {b}" for a, b in week[day]))
        for day in DAYS
        if week.get(day)
    )


def permit_pdf(session: Session, permit_id: str) -> bytes:
    permit = get(session, EmploymentPermit, permit_id)
    if permit.status is not PermitStatus.ISSUED or permit.issued_on is None:
        raise ValidationError(
            f"status: the permit is {permit.status.value}; only an issued permit is printed",
            "status",
        )
    raw = pattern_of(permit)
    return build_permit(
        PermitDocument(
            reference=permit.reference,
            child_name=child_name(permit.child),
            date_of_birth=permit.child.date_of_birth,
            employer=permit.employer,
            employer_address=permit.employer_address or "",
            job=permit.job,
            term_week=_rows(raw.get("term", {})),
            holiday_week=_rows(raw.get("holiday", {})),
            issued_on=permit.issued_on,
            review_on=permit.next_review_on,
            officer=officer(permit.signed_by),
        )
    )
