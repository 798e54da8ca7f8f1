"""The employment permit form as typed text: its fields, their checks, the live byelaw findings.

An officer types the employer's application: the child, the employer, the job, and the pattern
of hours day by day for a term week and a holiday week ("07:00-08:00, 16:00-17:30"). Every
field is checked as it is typed, with a message naming it; as soon as the child's date of
birth, the job, the start date and the hours make sense, the rules engine's findings on the
pattern are worked out (:func:`live_check`), so the officer sees a breach at the minute it is
typed. :func:`record_from_form` records the application through
:mod:`oxfield.services.employment`, for the child picked from the vault (``child_id``) or a new
one, never a second copy of a child already there unless ``new_child`` says it is another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from oxfield.domain.kinds import Team
from oxfield.domain.people import Child
from oxfield.errors import OxFieldError, ValidationError
from oxfield.services.cases import parse_date
from oxfield.services.employment import (
    DAYS,
    Assessment,
    PermitApplication,
    assess_pattern,
    record_permit_application,
)
from oxfield.services.employment_children import same_children
from oxfield.services.record_forms.fields import EARLIEST_YEAR, LATEST_YEAR, one_line
from oxfield.services.records import create_child

DAY_NAMES = dict(
    zip(
        DAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
_SHIFT = re.compile(r"^\s*(\d{1,2}[:.]\d{2})\s*(?:-|to|–)\s*(\d{1,2}[:.]\d{2})\s*$")


@dataclass(frozen=True, slots=True)
class PermitField:
    name: str
    label: str
    kind: str = "text"  # text | date | percent | shifts
    required: bool = True


_WEEKS = {"term": "Term week", "holiday": "Holiday week"}
FIELDS: tuple[PermitField, ...] = (
    PermitField("child_given_names", "Child's given names"),
    PermitField("child_family_name", "Child's family name"),
    PermitField("child_date_of_birth", "Child's date of birth", "date"),
    PermitField("employer", "Employer"),
    PermitField("employer_address", "Employer's address", required=False),
    PermitField("job", "Job"),
    PermitField("received_on", "Application received on", "date"),
    PermitField("starts_on", "Work starts on", "date"),
    PermitField("attendance_percent", "School attendance (%)", "percent", False),
    PermitField("attendance_statement", "School's attendance statement", required=False),
    *(
        PermitField(f"{week}_{day}", f"{label}: {DAY_NAMES[day]}", "shifts", False)
        for week, label in _WEEKS.items()
        for day in DAYS
    ),
)


@dataclass(frozen=True, slots=True)
class LiveCheck:
    """Each field's message ("" when right) and the findings, once the pattern can be read."""

    messages: dict[str, str]
    assessment: Assessment | None


def parse_shifts(text: str, label: str, name: str) -> list[tuple[str, str]]:
    """Shifts typed as "07:00-08:00, 16:00-17:30" (or "7.00 to 8.00"), in order."""
    shifts = []
    for part in (p for p in re.split(r"[,;]", text) if p.strip()):
        match = _SHIFT.match(part)
        if match is None:
            raise ValidationError(
                f"{label}: write each shift as 07:00-08:00, commas between.", name
            )
        start, end = (m.replace(".", ":").zfill(5) for m in match.groups())
        if not all(t[:2] <= "23" and t[3] <= "5" for t in (start, end)):
            raise ValidationError(f"{label}: {part.strip()} is not a time of day.", name)
        if end <= start:
            raise ValidationError(f"{label}: a shift must end after it starts.", name)
        shifts.append((start, end))
    return shifts


def _one(spec: PermitField, text: str, today: date) -> Any:
    text = one_line(text.strip())
    if not text:
        if spec.required:
            raise ValidationError(f"{spec.label} is required.", spec.name)
        return [] if spec.kind == "shifts" else None
    if spec.kind == "date":
        day = parse_date(text)
        if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise ValidationError(f"{spec.label} must be a real date, like 31/01/2026.", spec.name)
        if spec.name != "starts_on" and day > today:
            raise ValidationError(f"{spec.label} cannot be in the future.", spec.name)
        return day
    if spec.kind == "percent":
        try:
            value = float(text.rstrip("%"))
        except ValueError:
            value = -1.0
        if not 0 <= value <= 100:
            raise ValidationError(f"{spec.label} must be a percentage from 0 to 100.", spec.name)
        return value
    if spec.kind == "shifts":
        return parse_shifts(text, spec.label, spec.name)
    if len(text) > 200:
        raise ValidationError(f"{spec.label} must be at most 200 characters.", spec.name)
    return text


def _values(fields: dict[str, str], today: date) -> tuple[dict[str, str], dict[str, Any]]:
    messages: dict[str, str] = {}
    values: dict[str, Any] = {}
    for spec in FIELDS:
        try:
            values[spec.name] = _one(spec, fields.get(spec.name, ""), today)
            messages[spec.name] = ""
        except ValidationError as exc:
            messages[spec.name] = str(exc)
    term_work = any(values.get(f"term_{d}") for d in DAYS)
    if term_work and not messages["attendance_percent"] and values["attendance_percent"] is None:
        messages["attendance_percent"] = (
            "School attendance (%): term-time work needs the school's attendance figure."
        )
    hours = [f"{w}_{d}" for w in _WEEKS for d in DAYS]
    if not any(values.get(h) for h in hours) and not any(messages[h] for h in hours):
        messages["term_mon"] = "Term week: give the days and hours the child will work."
    return messages, values


def _week(values: dict[str, Any], week: str) -> dict[str, list[tuple[str, str]]]:
    return {d: values[f"{week}_{d}"] for d in DAYS if values.get(f"{week}_{d}")}


def _raw(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "term": _week(values, "term"),
        "holiday": _week(values, "holiday"),
        "starts_on": values["starts_on"].isoformat(),
        "attendance_percent": values.get("attendance_percent"),
    }


def live_check(fields: dict[str, str], today: date) -> LiveCheck:
    """The messages and, when the date of birth, job, start and hours read, the findings."""
    messages, values = _values(fields, today)
    needed = ("child_date_of_birth", "job", "starts_on", "attendance_percent")
    hours = [f"{w}_{d}" for w in _WEEKS for d in DAYS]
    if any(messages[n] for n in (*needed, *hours)) or not any(values[h] for h in hours):
        return LiveCheck(messages, None)
    dob, starts = values["child_date_of_birth"], values["starts_on"]
    if starts <= dob:
        messages["starts_on"] = "Work starts on must be after the child's date of birth."
        return LiveCheck(messages, None)
    try:
        assessment = assess_pattern(dob, values["job"], _raw(values))
    except OxFieldError as exc:
        messages["job"] = messages["job"] or str(exc)
        return LiveCheck(messages, None)
    return LiveCheck(messages, assessment)


def _child(session: Session, fields: dict[str, str], values: dict[str, Any]) -> Child:
    """The child picked (``child_id``), or a new one unless the vault holds them already."""
    chosen = fields.get("child_id", "")
    if chosen:
        child = session.get(Child, chosen)
        if child is None or child.deleted:
            raise ValidationError("The chosen child is no longer in the vault.", "child_id")
        return child
    given, family = values["child_given_names"], values["child_family_name"]
    born = values["child_date_of_birth"]
    if fields.get("new_child") != "yes" and same_children(session, given, family, born):
        raise ValidationError(
            "A child with this name and date of birth is already in the vault: "
            "use that child, or say this is a different child.",
            "child_given_names",
        )
    return create_child(
        session,
        team=Team.LICENSING,
        legal_family_name=family,
        legal_given_names=given,
        date_of_birth=born,
    )


def record_from_form(session: Session, fields: dict[str, str], today: date) -> str:
    """Record the employer's application for the form's child; the permit's id."""
    messages, values = _values(fields, today)
    for name, message in messages.items():
        if message:
            raise ValidationError(message, name)
    child = _child(session, fields, values)
    permit = record_permit_application(
        session,
        child,
        PermitApplication(
            employer=values["employer"],
            job=values["job"],
            received_on=values["received_on"],
            starts_on=values["starts_on"],
            term_week=_week(values, "term"),
            holiday_week=_week(values, "holiday"),
            attendance_percent=values["attendance_percent"],
            attendance_statement=values["attendance_statement"] or "",
            employer_address=values["employer_address"] or "",
        ),
    )
    return permit.id
