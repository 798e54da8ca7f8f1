"""Child employment permits: the employer's application, the rules check and the decision.

An employer applies with the job, the child's weekly pattern (a term-time week and a holiday
week, either may be empty) and the school's attendance statement. :func:`assess` runs the
rules engine (minimum age, prohibited work, hours by age, day and week) over one term week and
one holiday week starting from the first Monday of the job, and decides what the officer may
do: issue, review (Oxfordshire: attendance below 90% is decided case by case, never issued
automatically) or refuse (any breach). The pattern, its start date and the attendance figure
are kept as JSON in the permit's ``weekly_pattern``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from oxfield.domain.employment import EmploymentPermit, PermitStatus
from oxfield.domain.kinds import Team
from oxfield.domain.people import Child
from oxfield.errors import ValidationError
from oxfield.rules.employment import EmploymentCase, WorkWeek, check_employment
from oxfield.rules.employment_day import WorkDay
from oxfield.rules.findings import Finding, Severity
from oxfield.rules.inputs import parse_time
from oxfield.rules.timeline import Span
from oxfield.services.records import Actor, next_reference, sign

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Pattern = dict[str, list[tuple[str, str]]]


class Verdict(StrEnum):
    ISSUE = "issue"
    REVIEW = "review"
    REFUSE = "refuse"


@dataclass(frozen=True)
class PermitApplication:
    employer: str
    job: str
    received_on: date
    starts_on: date
    term_week: Pattern = field(default_factory=dict)
    holiday_week: Pattern = field(default_factory=dict)
    attendance_percent: float | None = None
    attendance_statement: str = ""
    employer_address: str = ""


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    findings: tuple[Finding, ...]


def _spans(pattern: Any, where: str) -> dict[str, tuple[Span, ...]]:
    if not isinstance(pattern, dict):
        raise ValidationError(f"{where}: must map days (mon..sun) to shifts", where)
    out: dict[str, tuple[Span, ...]] = {}
    for day, shifts in pattern.items():
        if day not in DAYS:
            raise ValidationError(f"{where}.{day}: is not a day (mon..sun)", f"{where}.{day}")
        spans = []
        for i, shift in enumerate(shifts):
            here = f"{where}.{day}[{i}]"
            if len(shift) != 2:
                raise ValidationError(f"{here}: must be a start and an end time", here)
            spans.append(
                Span(parse_time(shift[0], f"{here}.start"), parse_time(shift[1], f"{here}.end"))
            )
        out[day] = tuple(spans)
    return out


def _check(app: PermitApplication) -> None:
    for name in ("employer", "job"):
        if not str(getattr(app, name)).strip():
            raise ValidationError(f"{name} is required", name)
    _spans(app.term_week, "term_week")
    _spans(app.holiday_week, "holiday_week")
    if not any(app.term_week.values()) and not any(app.holiday_week.values()):
        raise ValidationError("term_week: give the days and hours the child will work", "term_week")
    if app.attendance_percent is not None and not 0 <= app.attendance_percent <= 100:
        raise ValidationError(
            "attendance_percent: must be a percentage from 0 to 100", "attendance_percent"
        )
    if any(app.term_week.values()) and app.attendance_percent is None:
        raise ValidationError(
            "attendance_percent: term-time work needs the school's attendance statement",
            "attendance_percent",
        )


def record_permit_application(
    session: Session, child: Child, app: PermitApplication
) -> EmploymentPermit:
    _check(app)
    pattern = {
        "term": app.term_week,
        "holiday": app.holiday_week,
        "starts_on": app.starts_on.isoformat(),
        "attendance_percent": app.attendance_percent,
    }
    permit = EmploymentPermit(
        reference=next_reference(session, EmploymentPermit, app.received_on.year),
        child_id=child.id,
        employer=app.employer.strip(),
        employer_address=app.employer_address or None,
        job=app.job.strip(),
        weekly_pattern=json.dumps(pattern, sort_keys=True),
        school_attendance_statement=app.attendance_statement or None,
        received_on=app.received_on,
        status=PermitStatus.APPLIED,
        team=Team.LICENSING,
        district=child.district,
    )
    session.add(permit)
    session.flush()
    return permit


def pattern_of(permit: EmploymentPermit) -> dict[str, Any]:
    return dict(json.loads(permit.weekly_pattern or "{}"))


def _week(start: date, pattern: Pattern, term: bool, where: str) -> WorkWeek:
    spans = _spans(pattern, where)
    days = tuple(
        WorkDay(start + timedelta(days=i), term and i < 5, spans.get(name, ()))
        for i, name in enumerate(DAYS)
        if spans.get(name)
    )
    return WorkWeek(start, term, days)


def assess_pattern(date_of_birth: date, job: str, raw: dict[str, Any]) -> Assessment:
    """The rules engine's findings on a pattern as stored (or as typed, before it is), and what
    the officer may do with it: the permit form shows this live while the pattern is typed."""
    if not raw.get("starts_on"):
        raise ValidationError("weekly_pattern: no working hours are recorded yet", "weekly_pattern")
    starts = date.fromisoformat(raw["starts_on"])
    monday = starts + timedelta(days=(7 - starts.weekday()) % 7)
    case = EmploymentCase(
        date_of_birth=date_of_birth,
        occupation=job,
        weeks=(
            _week(monday, raw.get("term", {}), True, "term_week"),
            _week(monday + timedelta(days=7), raw.get("holiday", {}), False, "holiday_week"),
        ),
        attendance_percent=raw.get("attendance_percent") if raw.get("term") else None,
    )
    findings = tuple(check_employment(case))
    if any(f.severity is Severity.BREACH for f in findings):
        return Assessment(Verdict.REFUSE, findings)
    if any(f.rule == "attendance_threshold" for f in findings):
        return Assessment(Verdict.REVIEW, findings)
    return Assessment(Verdict.ISSUE, findings)


def assess(permit: EmploymentPermit) -> Assessment:
    """The rules engine's findings on the permit's pattern, and what the officer may do."""
    return assess_pattern(permit.child.date_of_birth, permit.job, pattern_of(permit))


def issue_permit(
    permit: EmploymentPermit, actor: Actor, on: date, review_note: str = ""
) -> EmploymentPermit:
    """Issue and sign the permit; a breach refuses it, and low attendance needs a review note."""
    if permit.status is not PermitStatus.APPLIED:
        raise ValidationError(f"status: the permit is already {permit.status.value}", "status")
    result = assess(permit)
    if result.verdict is Verdict.REFUSE:
        first = next(f for f in result.findings if f.severity is Severity.BREACH)
        raise ValidationError(f"Cannot issue: {first.message}", first.rule)
    if result.verdict is Verdict.REVIEW and not review_note.strip():
        raise ValidationError(
            "Review note: school attendance is below the threshold; record the review "
            "before issuing",
            "attendance_percent",
        )
    if review_note.strip():
        statement = permit.school_attendance_statement or ""
        permit.school_attendance_statement = f"{statement}\nReview: {review_note.strip()}".strip()
    permit.status = PermitStatus.ISSUED
    permit.issued_on = on
    permit.next_review_on = on + timedelta(days=365)
    sign(permit, actor)
    return permit


def refuse_permit(permit: EmploymentPermit, actor: Actor, reasons: str) -> None:
    if not reasons.strip():
        raise ValidationError("Reasons: say why the permit is refused", "reasons")
    permit.status = PermitStatus.REFUSED
    permit.issued_on = None
    permit.school_attendance_statement = (
        f"{permit.school_attendance_statement or ''}\nRefused: {reasons.strip()}".strip()
    )
    permit.next_review_on = None
    sign(permit, actor)
