"""The licence and BOPA entry forms' fields: checked as typed, parsed, previewed and saved.

The desktop sends each form's fields as the officer typed them (text; ticks as "yes"/"no").
:func:`check_licence_field` and :func:`check_bopa_field` give the one message for a field (or
``None``) while the officer types; :func:`licence_preview` runs the rules engine over the
application before anything is stored, so the 21-day notice, the 4-day exemption or a BOPA
instead, consecutive days, the break after eight weeks and the chaperone ratio show on entry,
each with its regulation. Saving parses everything again and refuses with a
:class:`ValidationError` naming the field, so nothing wrong is ever stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.chaperones import Chaperone
from oxfield.domain.kinds import Team
from oxfield.domain.licensing import Bopa, Licence
from oxfield.errors import ValidationError
from oxfield.exports.school_age import compulsory_end
from oxfield.rules.findings import Finding
from oxfield.services.cases import parse_date as parse_any_date
from oxfield.services.licensing import (
    LicenceApplication,
    LicencePlan,
    grant,
    licence_findings,
    record_application,
    record_bopa,
)
from oxfield.services.record_forms.fields import EARLIEST_YEAR, LATEST_YEAR
from oxfield.services.records import Actor, create_child, sign, writing
from oxfield.vault.vault import Vault

#: The licence form's fields, in order, with their labels.
LICENCE_FORM: dict[str, str] = {
    "given_names": "Child's given names",
    "family_name": "Child's family name",
    "date_of_birth": "Child's date of birth",
    "production": "Production",
    "applicant_name": "Applicant (the licence holder)",
    "applicant_contact": "Applicant's contact",
    "received_on": "Application received on",
    "venues": "Venues (separate with ;)",
    "dates": "Performance and rehearsal dates",
    "first_day": "Or: first day of the period",
    "last_day": "Last day of the period",
    "performance_days": "Number of days in the period",
    "paid": "The child is paid",
    "school_absence": "Absence from school needed",
    "education_arrangements": "Education arrangements",
    "tutor_name": "Tutor",
    "chaperone_id": "Chaperone",
    "children_in_chaperone_group": "Children in the chaperone's group",
    "chaperone_also_tutor": "The chaperone is also the tutor",
    "granted": "Licence granted",
}
LICENCE_TICKS = ("paid", "school_absence", "chaperone_also_tutor", "granted")
LICENCE_REQUIRED = (
    "given_names",
    "family_name",
    "date_of_birth",
    "production",
    "applicant_name",
    "received_on",
    "venues",
)

#: The body of persons approval form's fields, in order, with their labels.
BOPA_FORM: dict[str, str] = {
    "organisation": "Organisation (the body of persons)",
    "production": "Production",
    "valid_from": "Approval from",
    "valid_to": "Approval to",
    "conditions": "Conditions",
    "decided_on": "Decided on",
    "approved": "Approved (sign now)",
}
BOPA_TICKS = ("approved",)
BOPA_REQUIRED = ("organisation", "production", "valid_from", "valid_to")

DATE_FIELDS = {
    "date_of_birth",
    "received_on",
    "first_day",
    "last_day",
    "valid_from",
    "valid_to",
    "decided_on",
}
MAX_TEXT = 200


def parse_date(text: str) -> date | None:
    """A typed date, or None when it is not one a form can hold (years 1900 to 2100): the
    rule tables have no version in force on 01/01/0001, and 31/12/9999 is a slip of the keys."""
    day = parse_any_date(text)
    if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return None
    return day


def whole_number(text: str) -> int | None:
    """A number typed in ASCII digits, or None: "²" and "١٢" pass ``str.isdigit`` but
    ``int()`` cannot read the first, and a form shows back only the digits it was given."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


@dataclass(frozen=True)
class ChaperoneChoice:
    id: str
    name: str
    approved_until: date


def _label(name: str) -> str:
    return (LICENCE_FORM | BOPA_FORM)[name].split(" (")[0]


def split_dates(text: str) -> tuple[list[date], str | None]:
    """Dates typed as a list (commas, semicolons or spaces between): (dates, message)."""
    out: list[date] = []
    for part in (p for p in re.split(r"[,;\s]+", text.strip()) if p):
        day = parse_date(part)
        if day is None:
            return [], f"'{part}' is not a date (dd/mm/yyyy)"
        if day in out:
            return [], f"{day:%d/%m/%Y} appears twice"
        out.append(day)
    return sorted(out), None


def _common(name: str, value: str, required: tuple[str, ...], today: date) -> str | None:
    text = value.strip()
    if not text:
        return f"{_label(name)} is required" if name in required else None
    if name in DATE_FIELDS:
        day = parse_date(text)
        if day is None:
            return f"{_label(name)}: type a date as dd/mm/yyyy"
        if name in ("date_of_birth", "received_on", "decided_on") and day > today:
            return f"{_label(name)}: cannot be in the future"
        if name == "date_of_birth" and today > compulsory_end(day):
            return f"{_label(name)}: the child is past compulsory school age"
    elif len(text) > MAX_TEXT and name not in ("education_arrangements", "conditions"):
        return f"{_label(name)}: at most {MAX_TEXT} characters"
    return None


def check_licence_field(name: str, fields: Mapping[str, str], today: date) -> str | None:
    """The message for one field of the licence form as typed (``None`` when it is right)."""
    value = fields.get(name, "")
    if name in LICENCE_TICKS or name == "chaperone_id":
        return None
    if name == "venues" and value.strip() and not any(v.strip() for v in value.split(";")):
        return "Venues: name at least one place of performance"
    if name == "dates":
        dates, problem = split_dates(value)
        if problem:
            return f"Dates: {problem}"
        if not dates and not fields.get("first_day", "").strip():
            return "Dates: give the dates, or a number of days in a period"
        return None
    if (
        name in ("first_day", "last_day", "performance_days")
        and not fields.get("dates", "").strip()
    ) and not value.strip():
        return f"{_label(name)} is required when no dates are given"
    message = _common(name, value, LICENCE_REQUIRED, today)
    if message or not value.strip():
        return message
    if name == "last_day":
        first, last = parse_date(fields.get("first_day", "")), parse_date(value)
        if first and last and last < first:
            return "Last day: is before the first day"
    if name in ("performance_days", "children_in_chaperone_group"):
        number = whole_number(value)
        if number is None or number < 1:
            return f"{_label(name)}: a whole number, 1 or more"
        if name == "performance_days":
            first = parse_date(fields.get("first_day", ""))
            last = parse_date(fields.get("last_day", ""))
            if first and last and number > (last - first).days + 1:
                return f"{_label(name)}: more than the {(last - first).days + 1} days in the period"
    return None


def check_bopa_field(name: str, fields: Mapping[str, str], today: date) -> str | None:
    """The message for one field of the BOPA form as typed (``None`` when it is right)."""
    value = fields.get(name, "")
    if name in BOPA_TICKS:
        return None
    message = _common(name, value, BOPA_REQUIRED, today)
    if message is None and name == "valid_to" and value.strip():
        start, end = parse_date(fields.get("valid_from", "")), parse_date(value)
        if start and end and end < start:
            return "Approval to: is before the approval's start"
    return message


FieldCheck = Callable[[str, Mapping[str, str], date], str | None]


def _first_problem(
    form: Mapping[str, str], check: FieldCheck, fields: Mapping[str, str], today: date
) -> None:
    for name in form:
        message = check(name, fields, today)
        if message:
            raise ValidationError(message, name)


def _date(fields: Mapping[str, str], name: str) -> date | None:
    return parse_date(fields.get(name, "").strip()) if fields.get(name, "").strip() else None


def _yes(fields: Mapping[str, str], name: str) -> bool:
    return fields.get(name, "") == "yes"


def licence_application(fields: Mapping[str, str], today: date) -> LicenceApplication:
    """The application the form describes; a :class:`ValidationError` names a wrong field."""
    _first_problem(LICENCE_FORM, check_licence_field, fields, today)
    dates, _ = split_dates(fields.get("dates", ""))
    group = fields.get("children_in_chaperone_group", "").strip()
    days = fields.get("performance_days", "").strip()
    plan = LicencePlan(
        venues=tuple(v.strip() for v in fields["venues"].split(";") if v.strip()),
        dates=tuple(dates),
        children_in_chaperone_group=int(group) if group else None,
        chaperone_also_tutor=_yes(fields, "chaperone_also_tutor"),
        paid=_yes(fields, "paid"),
        school_absence=_yes(fields, "school_absence"),
    )
    received = _date(fields, "received_on")
    assert received is not None  # required, checked above
    return LicenceApplication(
        production=fields["production"].strip(),
        applicant_name=fields["applicant_name"].strip(),
        applicant_contact=fields.get("applicant_contact", "").strip() or None,
        received_on=received,
        plan=plan,
        first_day=None if dates else _date(fields, "first_day"),
        last_day=None if dates else _date(fields, "last_day"),
        performance_days=None if dates or not days else int(days),
        education_arrangements=fields.get("education_arrangements", "").strip() or None,
        tutor_name=fields.get("tutor_name", "").strip() or None,
        chaperone_id=fields.get("chaperone_id", "").strip() or None,
    )


def licence_preview(session: Session, fields: Mapping[str, str], today: date) -> list[Finding]:
    """The rules engine's findings on the application as typed, before anything is stored
    (an empty list while a field is still wrong: the form shows that field's message)."""
    try:
        app = licence_application(fields, today)
    except ValidationError:
        return []
    plan = app.plan
    transient = Licence(
        production=app.production,
        received_on=app.received_on,
        venues=plan.to_json(),
        first_day=min(plan.dates) if plan.dates else app.first_day,
        last_day=max(plan.dates) if plan.dates else app.last_day,
        performance_days=len(plan.dates) or app.performance_days,
    )
    return licence_findings(session, transient)


def save_licence(session: Session, fields: Mapping[str, str], today: date) -> Licence:
    """Store the child and the application (granted today when the form says so)."""
    app = licence_application(fields, today)
    born = _date(fields, "date_of_birth")
    assert born is not None
    child = create_child(
        session,
        team=Team.LICENSING,
        legal_family_name=fields["family_name"],
        legal_given_names=fields["given_names"],
        date_of_birth=born,
    )
    licence = record_application(session, child, app)
    if _yes(fields, "granted"):
        grant(licence, today)
    return licence


def save_bopa(session: Session, fields: Mapping[str, str], actor: Actor) -> Bopa:
    """Store the approval; signed at once when the form says it is approved."""
    today = actor.clock.today()
    _first_problem(BOPA_FORM, check_bopa_field, fields, today)
    start, end = _date(fields, "valid_from"), _date(fields, "valid_to")
    assert start is not None and end is not None
    bopa = record_bopa(
        session,
        organisation=fields["organisation"],
        production=fields["production"],
        valid_from=start,
        valid_to=end,
        conditions=fields.get("conditions", "").strip() or None,
        decided_on=_date(fields, "decided_on") or (today if _yes(fields, "approved") else None),
    )
    if _yes(fields, "approved"):
        sign(bopa, actor)
    return bopa


def approved_chaperones(session: Session, on: date) -> list[ChaperoneChoice]:
    """Chaperones whose approval is in force on ``on``, by name (the licence form's choice)."""
    rows = session.scalars(
        select(Chaperone).where(Chaperone.deleted.is_(False), Chaperone.approved_until >= on)
    ).all()
    out = [
        ChaperoneChoice(r.id, f"{r.given_names} {r.family_name}", r.approved_until)
        for r in rows
        if r.approved_until is not None
    ]
    return sorted(out, key=lambda c: c.name)


# --- one short vault transaction each, for the desktop's task runner ---------------------------


def preview_licence(vault: Vault, fields: Mapping[str, str], today: date) -> list[Finding]:
    with vault.read() as session:
        return licence_preview(session, fields, today)


def store_licence(vault: Vault, actor: Actor, fields: Mapping[str, str]) -> str:
    """Save the licence form; returns the new licence's reference."""
    with writing(vault, actor) as session:
        return save_licence(session, fields, actor.clock.today()).reference


def store_bopa(vault: Vault, actor: Actor, fields: Mapping[str, str]) -> str:
    """Save the BOPA form; returns a line saying what was stored."""
    with writing(vault, actor) as session:
        bopa = save_bopa(session, fields, actor)
        state = "approved and signed" if bopa.signed else "recorded, not yet approved"
        return f"Body of persons approval for {bopa.organisation}: {state}"


def chaperone_choices(vault: Vault, on: date) -> list[ChaperoneChoice]:
    with vault.read() as session:
        return approved_chaperones(session, on)
