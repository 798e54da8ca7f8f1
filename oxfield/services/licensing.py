"""Licence applications, licences and bodies of persons approvals, checked as they are entered.

A licence application names the child, the production, the applicant (who becomes the licence
holder), the venues, the performance and rehearsal dates (or a number of days in a period), the
education arrangements and the chaperone. On entry :func:`licence_findings` runs the rules
engine over the plan: the 21-day notice, whether the 4-day exemption or a body of persons
approval (BOPA) would apply instead, consecutive days, the break after eight weeks and the
chaperone ratio, each finding with its regulation.

The plan's details that have no column of their own (the venue list, the planned dates, the
size of the chaperone's group, payment and school absence) are kept as one JSON object in the
licence's ``venues`` text, read and written only through :class:`LicencePlan`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.chaperones import Chaperone
from oxfield.domain.kinds import Team
from oxfield.domain.licensing import Bopa, Licence, LicenceStatus
from oxfield.domain.people import Child
from oxfield.errors import ValidationError
from oxfield.rules.findings import Finding, Severity, sort_findings
from oxfield.rules.performance import place_days
from oxfield.rules.performance_span import (
    check_application_notice,
    check_break_after_weeks,
    check_chaperone_ratio,
    check_consecutive_days,
    check_exemption,
)
from oxfield.rules.tables import load_table
from oxfield.rules.timeline import PerformanceDay, Span
from oxfield.services.chaperones_status import require_current_approval
from oxfield.services.records import next_reference

S37_3A = "CYPA 1963 s37(3)(a)"
S37_3B = "CYPA 1963 s37(3)(b)"


@dataclass(frozen=True)
class LicencePlan:
    """What the application plans, beyond the licence's own columns."""

    venues: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()
    children_in_chaperone_group: int | None = None
    chaperone_also_tutor: bool = False
    paid: bool = True
    school_absence: bool = False

    def to_json(self) -> str:
        raw: dict[str, Any] = asdict(self)
        raw["dates"] = [d.isoformat() for d in self.dates]
        raw["venues"] = list(self.venues)
        return json.dumps(raw, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> LicencePlan:
        if not text or not text.strip().startswith("{"):
            return cls(venues=(text,) if text else ())
        raw = json.loads(text)
        return cls(
            venues=tuple(raw.get("venues", ())),
            dates=tuple(date.fromisoformat(d) for d in raw.get("dates", ())),
            children_in_chaperone_group=raw.get("children_in_chaperone_group"),
            chaperone_also_tutor=bool(raw.get("chaperone_also_tutor", False)),
            paid=bool(raw.get("paid", True)),
            school_absence=bool(raw.get("school_absence", False)),
        )


@dataclass(frozen=True)
class LicenceApplication:
    """An application as the officer types it in (checked by :func:`record_application`)."""

    production: str
    applicant_name: str
    received_on: date
    plan: LicencePlan
    applicant_contact: str | None = None
    first_day: date | None = None
    last_day: date | None = None
    performance_days: int | None = None
    education_arrangements: str | None = None
    tutor_name: str | None = None
    chaperone_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _require(value: object, name: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(f"{name.replace('_', ' ')} is required", name)


def _check_application(app: LicenceApplication) -> tuple[date, date]:
    _require(app.production, "production")
    _require(app.applicant_name, "applicant_name")
    _require(app.received_on, "received_on")
    if not app.plan.venues or not any(v.strip() for v in app.plan.venues):
        raise ValidationError("venues: name at least one place of performance", "venues")
    group = app.plan.children_in_chaperone_group
    if group is not None and group < 1:
        raise ValidationError(
            "children_in_chaperone_group: must be 1 or more", "children_in_chaperone_group"
        )
    if app.plan.dates:
        if len(set(app.plan.dates)) != len(app.plan.dates):
            raise ValidationError("dates: the same date appears twice", "dates")
        return min(app.plan.dates), max(app.plan.dates)
    if app.first_day is None or app.last_day is None or app.performance_days is None:
        raise ValidationError(
            "dates: give the performance dates, or a number of days in a period", "dates"
        )
    if app.last_day < app.first_day:
        raise ValidationError("last_day: is before the first day", "last_day")
    span = (app.last_day - app.first_day).days + 1
    if not 0 < app.performance_days <= span:
        raise ValidationError(
            f"performance_days: must be from 1 to {span} (the days in the period)",
            "performance_days",
        )
    return app.first_day, app.last_day


def record_application(session: Session, child: Child, app: LicenceApplication) -> Licence:
    """Store the application as a licence in the ``applied`` state (findings are computed, not
    stored, so a corrected rule table changes them)."""
    first, last = _check_application(app)
    if app.chaperone_id is not None:
        chaperone = session.get(Chaperone, app.chaperone_id)
        if chaperone is None:
            raise ValidationError("chaperone: no chaperone with that id", "chaperone")
        require_current_approval(chaperone, last)
    session.flush()
    licence = Licence(
        reference=next_reference(session, Licence, app.received_on.year),
        child_id=child.id,
        production=app.production.strip(),
        applicant_name=app.applicant_name.strip(),
        applicant_contact=app.applicant_contact,
        received_on=app.received_on,
        venues=app.plan.to_json(),
        first_day=first,
        last_day=last,
        performance_days=len(app.plan.dates) or app.performance_days,
        education_arrangements=app.education_arrangements,
        tutor_name=app.tutor_name,
        chaperone_id=app.chaperone_id,
        status=LicenceStatus.APPLIED,
        team=Team.LICENSING,
        district=child.district,
        **app.extra,
    )
    session.add(licence)
    session.flush()
    return licence


def _nominal_days(dates: tuple[date, ...]) -> tuple[PerformanceDay, ...]:
    """Planned dates as days with a token performance, for the rules that count days."""
    hour = Span(time(10), time(11))
    return tuple(PerformanceDay(d, time(10), time(11), (hour,)) for d in dates)


def covering_bopa(session: Session, production: str, first: date, last: date) -> Bopa | None:
    """A signed BOPA for the production whose period covers the dates, if there is one."""
    rows = session.scalars(
        select(Bopa).where(Bopa.deleted.is_(False), Bopa.signed_at.is_not(None))
    ).all()
    wanted = " ".join(production.lower().split())
    for bopa in rows:
        named = " ".join((bopa.production or "").lower().split())
        inside = (bopa.valid_from or date.min) <= first and last <= (bopa.valid_to or date.max)
        if named == wanted and inside:
            return bopa
    return None


def licence_findings(session: Session, licence: Licence) -> list[Finding]:
    """The rules engine's findings on the application as it stands, each with its regulation."""
    table = load_table("performance")
    plan = LicencePlan.from_json(licence.venues)
    first = licence.first_day or licence.received_on or date.min
    out: list[Finding] = []
    if licence.received_on is not None and licence.first_day is not None:
        out += check_application_notice(licence.received_on, licence.first_day, table)
    if plan.dates:
        placed = place_days(_nominal_days(plan.dates))
        out += check_consecutive_days(placed, table)
        out += check_break_after_weeks(placed, licence.performance_days, table)
        out += check_chaperone_ratio(
            placed, plan.children_in_chaperone_group, plan.chaperone_also_tutor, table
        )
        exempt = (
            not plan.paid and not plan.school_absence and not check_exemption(plan.dates, table)
        )
        if exempt:
            out.append(
                Finding(
                    "four_day_exemption",
                    first,
                    Severity.INFO,
                    S37_3A,
                    f"No payment, no school absence and {len(plan.dates)} days in six months: "
                    "the 4-day exemption may apply instead of a licence.",
                )
            )
    if licence.first_day is not None and licence.last_day is not None:
        bopa = covering_bopa(session, licence.production, licence.first_day, licence.last_day)
        if bopa is not None and not plan.paid:
            out.append(
                Finding(
                    "bopa_applies",
                    first,
                    Severity.INFO,
                    S37_3B,
                    "A body of persons approval covers this production and period: a licence "
                    "is not needed while no payment is made.",
                )
            )
    return sort_findings(out)


def grant(licence: Licence, on: date) -> None:
    """Mark the licence granted (the officer signs it separately with ``records.sign``)."""
    if licence.status is not LicenceStatus.APPLIED:
        raise ValidationError(f"the licence is already {licence.status.value}", "status")
    licence.status = LicenceStatus.GRANTED
    licence.decided_on = on


def record_bopa(
    session: Session,
    *,
    organisation: str,
    production: str,
    valid_from: date,
    valid_to: date,
    conditions: str | None = None,
    decided_on: date | None = None,
) -> Bopa:
    """A body of persons approval for an organisation (s37(3)(b)); sign it to make it count."""
    _require(organisation, "organisation")
    _require(production, "production")
    if valid_to < valid_from:
        raise ValidationError("valid_to: is before valid_from", "valid_to")
    bopa = Bopa(
        organisation=organisation.strip(),
        production=production.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        conditions=conditions,
        decided_on=decided_on,
        team=Team.LICENSING,
    )
    session.add(bopa)
    session.flush()
    return bopa
