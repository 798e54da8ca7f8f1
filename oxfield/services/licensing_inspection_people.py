"""Who may be present at an inspection, and what the officer checks for each child.

When the officer picks the licensed children present, each child's licence status and dates,
the named chaperone's approval and its expiry, and the tutor are shown beside the name, with a
plain warning where something does not cover the day (a licence that does not include the date,
a chaperone whose approval has lapsed, no tutor named). The listing queries live here, in the
services, so the desktop's screens only see plain frozen values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from oxfield.domain.chaperones import Chaperone
from oxfield.domain.licensing import Licence, LicenceStatus
from oxfield.services.licensing import LicencePlan


@dataclass(frozen=True)
class LicensedChild:
    """A licence as the inspection's picker and cards show it, checked for one day."""

    id: str
    reference: str
    child: str
    production: str
    status: str
    period: str  # "15/07/2026" or "01/07/2026 to 31/07/2026 (10 days)"
    covers_day: bool
    chaperone: str  # "" when none is named
    chaperone_until: date | None
    chaperone_in_force: bool
    tutor: str
    education: str

    @property
    def warnings(self) -> tuple[str, ...]:
        out = []
        if self.status != LicenceStatus.GRANTED.value:
            out.append(f"licence is {self.status}")
        elif not self.covers_day:
            out.append("licence does not cover today")
        if self.chaperone and not self.chaperone_in_force:
            out.append("chaperone's approval not in force")
        if not self.tutor:
            out.append("no tutor named")
        return tuple(out)

    def licence_text(self) -> str:
        return f"Licence {self.reference} ({self.status}): {self.period}"

    def chaperone_text(self) -> str:
        if not self.chaperone:
            return "Chaperone: none named on the licence"
        if self.chaperone_until is None:
            return f"Chaperone: {self.chaperone}, no approval in force"
        state = "approved until" if self.chaperone_in_force else "approval EXPIRED on"
        return f"Chaperone: {self.chaperone}, {state} {self.chaperone_until:%d/%m/%Y}"

    def tutor_text(self) -> str:
        tutor = self.tutor or "none named"
        return f"Tutor: {tutor}" + (f"; education: {self.education}" if self.education else "")


def _name(licence: Licence) -> str:
    child = licence.child
    return f"{child.legal_given_names} {child.legal_family_name}"


def _period(licence: Licence, plan: LicencePlan) -> str:
    if plan.dates:
        return ", ".join(f"{d:%d/%m/%Y}" for d in sorted(plan.dates))
    if licence.first_day is None or licence.last_day is None:
        return "no dates recorded"
    days = f" ({licence.performance_days} days)" if licence.performance_days else ""
    return f"{licence.first_day:%d/%m/%Y} to {licence.last_day:%d/%m/%Y}{days}"


def _covers(licence: Licence, plan: LicencePlan, on: date) -> bool:
    if plan.dates:
        return on in plan.dates
    first, last = licence.first_day, licence.last_day
    return first is not None and last is not None and first <= on <= last


def _in_chunks(session: Session, ids: set[str]) -> list[Chaperone]:
    listed = sorted(ids)
    found: list[Chaperone] = []
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        found.extend(session.scalars(select(Chaperone).where(Chaperone.id.in_(chunk))))
    return found


def describe(
    session: Session,
    licence: Licence,
    on: date,
    chaperones: dict[str, Chaperone] | None = None,
) -> LicensedChild:
    """One licence as checked for the day ``on`` (``chaperones``: already read, by id)."""
    plan = LicencePlan.from_json(licence.venues)
    chaperone = None
    if licence.chaperone_id:
        known = chaperones or {}
        chaperone = known.get(licence.chaperone_id) or session.get(Chaperone, licence.chaperone_id)
    until = chaperone.approved_until if chaperone is not None else None
    return LicensedChild(
        id=licence.id,
        reference=licence.reference,
        child=_name(licence),
        production=licence.production,
        status=licence.status.value,
        period=_period(licence, plan),
        covers_day=_covers(licence, plan, on),
        chaperone=("" if chaperone is None else f"{chaperone.given_names} {chaperone.family_name}"),
        chaperone_until=until,
        chaperone_in_force=until is not None and until >= on,
        tutor=licence.tutor_name or "",
        education=licence.education_arrangements or "",
    )


def granted_licences(session: Session, on: date) -> list[LicensedChild]:
    """Every granted licence, by production then child, checked for the day ``on``."""
    rows = session.scalars(
        select(Licence)
        .options(selectinload(Licence.child))
        .where(Licence.status == LicenceStatus.GRANTED, Licence.deleted.is_(False))
    ).all()
    # One query for every chaperone named, so thousands of licences cost a few statements.
    wanted = {r.chaperone_id for r in rows if r.chaperone_id}
    chaperones = {c.id: c for c in _in_chunks(session, wanted)}
    out = [describe(session, r, on, chaperones) for r in rows]
    return sorted(out, key=lambda c: (c.production, c.child, c.reference))
