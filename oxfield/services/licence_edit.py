"""Editing a licence already saved: its form fields back out, and the corrected fields in.

An application or a granted licence that is not yet signed can still be corrected (a venue
added, a date moved, the chaperone changed); the licence entry form is reused, so the officer
sees the same fields, the same messages and the same rules findings as on entry. Saving parses
everything again (:func:`licence_application`), so nothing wrong is stored, and refuses a signed
licence with a clear message: a signed licence is a statement and only an amendment changes it.
A licence that was refused, revoked or closed is read-only too. A signed licence is corrected
by :func:`amend_licence`: a signed amendment with a reason and the changed fields, pointing at
the licence, which itself stays exactly as signed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from oxfield.domain.chaperones import Chaperone
from oxfield.domain.licensing import Licence, LicenceStatus
from oxfield.domain.people import Child
from oxfield.errors import ValidationError
from oxfield.services import records
from oxfield.services.cases import parse_date
from oxfield.services.chaperones_status import require_current_approval
from oxfield.services.ehe_reports import Document
from oxfield.services.licensing import LicencePlan, grant
from oxfield.services.licensing_documents import licence_pdf
from oxfield.services.licensing_entry import LICENCE_FORM, licence_application
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault

EDITABLE_STATUSES = (LicenceStatus.APPLIED, LicenceStatus.GRANTED)


@dataclass(frozen=True)
class LicenceOnFile:
    """A saved licence as the entry form shows it: plain text fields and whether it may change."""

    id: str
    reference: str
    fields: dict[str, str]
    editable: bool
    why_not: str  # "" when editable: otherwise why the form is read-only
    signed: bool = False  # then an amendment is the way to correct it
    granted: bool = False  # then the licence itself can be printed


def _day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def licence_fields(licence: Licence, child: Child) -> dict[str, str]:
    """The entry form's fields for a saved licence (the inverse of :func:`licence_application`)."""
    plan = LicencePlan.from_json(licence.venues)
    dated = bool(plan.dates)
    group = plan.children_in_chaperone_group
    return {
        "given_names": child.legal_given_names,
        "family_name": child.legal_family_name,
        "date_of_birth": _day(child.date_of_birth),
        "production": licence.production,
        "applicant_name": licence.applicant_name,
        "applicant_contact": licence.applicant_contact or "",
        "received_on": _day(licence.received_on),
        "venues": "; ".join(plan.venues),
        "dates": ", ".join(_day(d) for d in plan.dates),
        "first_day": "" if dated else _day(licence.first_day),
        "last_day": "" if dated else _day(licence.last_day),
        "performance_days": "" if dated else str(licence.performance_days or ""),
        "paid": _yes(plan.paid),
        "school_absence": _yes(plan.school_absence),
        "education_arrangements": licence.education_arrangements or "",
        "tutor_name": licence.tutor_name or "",
        "chaperone_id": licence.chaperone_id or "",
        "children_in_chaperone_group": "" if group is None else str(group),
        "chaperone_also_tutor": _yes(plan.chaperone_also_tutor),
        "granted": _yes(licence.status is LicenceStatus.GRANTED),
    }


def _why_not(licence: Licence) -> str:
    if licence.signed:
        return (
            f"Licence {licence.reference} is signed: it cannot be changed here; "
            "a correction is recorded as an amendment (Amend...)."
        )
    if licence.status not in EDITABLE_STATUSES:
        return f"Licence {licence.reference} is {licence.status.value}: it cannot be changed."
    return ""


def load_licence(vault: Vault, licence_id: str) -> LicenceOnFile:
    """The licence with this id as form fields; ValidationError (naming the id) if none."""
    with vault.read() as s:
        licence = records.get(s, Licence, licence_id)
        child = records.get(s, Child, licence.child_id)
        why = _why_not(licence)
        return LicenceOnFile(
            licence.id,
            licence.reference,
            licence_fields(licence, child),
            not why,
            why,
            licence.signed,
            licence.status is LicenceStatus.GRANTED,
        )


def _columns(fields: Mapping[str, str], today: date) -> dict[str, Any]:
    """The licence's own columns as the form gives them (ValidationError names a wrong field)."""
    app = licence_application(fields, today)
    plan = app.plan
    return {
        "production": app.production,
        "applicant_name": app.applicant_name,
        "applicant_contact": app.applicant_contact,
        "received_on": app.received_on,
        "venues": plan.to_json(),
        "first_day": min(plan.dates) if plan.dates else app.first_day,
        "last_day": max(plan.dates) if plan.dates else app.last_day,
        "performance_days": len(plan.dates) or app.performance_days,
        "education_arrangements": app.education_arrangements,
        "tutor_name": app.tutor_name,
        "chaperone_id": app.chaperone_id,
    }


def _check_chaperone(s: Session, columns: Mapping[str, Any], today: date) -> None:
    chaperone_id = columns["chaperone_id"]
    if chaperone_id is not None:
        chaperone = s.get(Chaperone, chaperone_id)
        if chaperone is None:
            raise ValidationError("Chaperone: no chaperone with that id", "chaperone_id")
        require_current_approval(chaperone, columns["last_day"] or today)


def update_licence(vault: Vault, actor: Actor, licence_id: str, fields: Mapping[str, str]) -> str:
    """Store the corrected form on the licence (and its child); returns what was done."""
    today = actor.clock.today()
    columns = _columns(fields, today)  # names the first wrong field
    with writing(vault, actor) as s:
        licence = records.get(s, Licence, licence_id)
        why = _why_not(licence)
        if why:
            raise ValidationError(why, "status")
        if licence.status is LicenceStatus.GRANTED and fields.get("granted") != "yes":
            raise ValidationError(
                "Licence granted: a granted licence cannot go back to an application", "granted"
            )
        _check_chaperone(s, columns, today)
        child = records.get(s, Child, licence.child_id)
        born = parse_date(fields.get("date_of_birth", "").strip()) or child.date_of_birth
        records.update(
            child,
            {
                "legal_given_names": fields["given_names"].strip(),
                "legal_family_name": fields["family_name"].strip(),
                "date_of_birth": born,
            },
        )
        records.update(licence, columns)
        if fields.get("granted") == "yes" and licence.status is LicenceStatus.APPLIED:
            grant(licence, today)
            return f"Licence {licence.reference} granted."
        return f"Licence {licence.reference} saved."


def amend_licence(
    vault: Vault, actor: Actor, licence_id: str, fields: Mapping[str, str], reason: str
) -> str:
    """Record a signed amendment to a signed licence: the reason and the changed columns."""
    today = actor.clock.today()
    if not reason.strip():
        raise ValidationError("Reason: say why the signed licence is being amended", "reason")
    columns = _columns(fields, today)
    with writing(vault, actor) as s:
        licence = records.get(s, Licence, licence_id)
        if not licence.signed:
            raise ValidationError("the licence is not signed yet: edit it instead", "status")
        child = records.get(s, Child, licence.child_id)
        before = licence_fields(licence, child)
        for name in ("given_names", "family_name", "date_of_birth", "granted"):
            if fields.get(name, before[name]) != before[name]:
                raise ValidationError(
                    f"{LICENCE_FORM[name]}: not part of a licence amendment "
                    "(the child's details are corrected on the child's record)",
                    name,
                )
        _check_chaperone(s, columns, today)
        changes = {
            name: value.isoformat() if isinstance(value, date) else value
            for name, value in columns.items()
            if getattr(licence, name) != value
        }
        if not changes:
            raise ValidationError("Amendment: nothing was changed", "production")
        amendment = records.amend(s, licence, reason.strip(), changes)
        records.sign(amendment, actor)
        return f"Amendment to licence {licence.reference} recorded."


def licence_document(vault: Vault, licence_id: str) -> Document:
    """The granted licence as a PDF in memory, for the preview (saved only where chosen)."""
    with vault.read() as s:
        return Document(licence_pdf(s, licence_id), "performance-licence.pdf")
