"""Licensing records turned into their documents: the inspection report and the licence.

The reports know nothing of the vault; this module reads the records, puts them into the
reports' plain data and returns the PDF's bytes. A signed inspection prints the breaches fixed
when it was signed; an unsigned one prints a draft measured at the clock's time.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from oxfield.clock import LONDON, Clock
from oxfield.domain.chaperones import Chaperone
from oxfield.domain.licensing import Inspection, Licence, LicenceStatus
from oxfield.domain.people import Child
from oxfield.errors import ValidationError
from oxfield.reports.ehe_inputs import Officer
from oxfield.reports.inspection_report import build_inspection_report
from oxfield.reports.licence import build_licence
from oxfield.reports.licensing_inputs import (
    ChildDay,
    EventLine,
    FindingLine,
    InspectionReport,
    LicenceDocument,
    TotalLine,
)
from oxfield.rules.age import age_on
from oxfield.rules.wording import clock, duration
from oxfield.services.licensing import LicencePlan
from oxfield.services.licensing_inspection import (
    Check,
    InspectionState,
    Item,
    events_of,
    state_of,
)
from oxfield.services.licensing_inspection_people import LicensedChild, describe
from oxfield.services.licensing_inspection_totals import (
    LABELS,
    REHEARSAL_COUNTS,
    checklist_findings,
    child_breaches,
    live_totals,
)
from oxfield.services.records import get


def officer(officer_id: str | None) -> Officer:
    """The signing officer as letters show them (the vault holds officer ids, not names)."""
    return Officer(
        officer_id or "County Attendance Team",
        job_title="Child Licensing Officer",
        phone="01865 323513",
        email="attendance@oxfordshire.gov.uk",
    )


def child_name(child: Child) -> str:
    return f"{child.legal_given_names} {child.legal_family_name}"


def _answer(answer: dict[str, object] | None) -> str:
    if answer is None:
        return "Not checked"
    if answer["ok"] is None:
        return "Not applicable"
    note = f": {answer['note']}" if answer.get("note") else ""
    return ("Yes" if answer["ok"] else "No") + note


def _events(state: InspectionState, licence_id: str) -> tuple[EventLine, ...]:
    out = []
    for event in events_of(state, licence_id):
        correction = ""
        if event.corrections:
            first = datetime.fromisoformat(event.corrections[0]["from"])
            reasons = "; ".join(c["reason"] for c in event.corrections)
            correction = f"First recorded at {clock(first)}: {reasons}"
        out.append(EventLine(clock(event.at), event.type.value, correction))
    return tuple(out)


def _facts(info: LicensedChild) -> tuple[tuple[str, str], ...]:
    """The licence, chaperone and tutor as recorded, checked for the day of the inspection."""
    warnings = "; ".join(info.warnings)
    rows = (
        ("Licence", info.licence_text().removeprefix("Licence ")),
        ("Chaperone", info.chaperone_text().removeprefix("Chaperone: ")),
        ("Tutor", info.tutor_text().removeprefix("Tutor: ")),
    )
    return rows + ((("To look at", warnings.capitalize()),) if warnings else ())


def _child_day(
    session: Session, inspection: Inspection, state: InspectionState, licence_id: str, now: datetime
) -> ChildDay:
    licence = get(session, Licence, licence_id)
    age = age_on(licence.child.date_of_birth, inspection.inspected_on)
    live = live_totals(session, inspection, licence_id, now)
    result = live.totals
    totals: tuple[TotalLine, ...] = ()
    if result is not None:
        totals = tuple(
            TotalLine(LABELS[t.rule], duration(t.used), duration(t.limit)) for t in result.totals
        )
        if live.rehearsing:
            totals += (
                TotalLine("Of which rehearsing", duration(live.rehearsing), REHEARSAL_COUNTS),
            )
    if inspection.signed:
        breaches = tuple(
            FindingLine(f["regulation"], f["message"])
            for f in state.final_findings
            if f["licence_id"] == licence_id
        )
    else:
        breaches = tuple(
            FindingLine(f.regulation, f.message)
            for f in child_breaches(session, inspection, state, licence_id, now)
        )
    checks = state.checks.get(licence_id, {})
    return ChildDay(
        name=child_name(licence.child),
        age=age,
        licence_reference=licence.reference,
        checks=_facts(describe(session, licence, inspection.inspected_on))
        + tuple((c.value, _answer(checks.get(c.name))) for c in Check),
        events=_events(state, licence_id),
        totals=totals,
        breaches=breaches,
    )


def inspection_report_pdf(session: Session, inspection_id: str, now: Clock) -> bytes:
    inspection = get(session, Inspection, inspection_id)
    state = state_of(inspection)
    moment = inspection.signed_at or now.now()
    children = tuple(_child_day(session, inspection, state, i, moment) for i in state.licence_ids)
    checklist = []
    for item in Item:
        answer = state.checklist.get(item.name)
        if item is Item.DRESSING_ROOMS and answer is None and all(c.age < 5 for c in children):
            checklist.append((item.value, "Not applicable: every child is under 5"))
        else:
            checklist.append((item.value, _answer(answer)))
    if inspection.signed:
        concerns = [
            FindingLine(f["regulation"], f["message"], f["severity"])
            for f in state.final_findings
            if not f["licence_id"]
        ]
    else:
        concerns = [
            FindingLine(f.regulation, f.message, f.severity.value)
            for f in checklist_findings(session, inspection, state)
        ]
    concerns += [
        FindingLine(f["regulation"] or "-", f["text"], "finding") for f in state.officer_findings
    ]
    signed = ""
    if inspection.signed_at is not None:
        when = inspection.signed_at.astimezone(LONDON)
        signed = f"Signed by {inspection.signed_by} on {when:%d/%m/%Y at %H:%M}."
    education = ""
    if state.education_minutes is not None:
        education = f"Education provided today: {duration(state.education_minutes)}."
    report = InspectionReport(
        reference=f"INS-{inspection.inspected_on:%Y%m%d}-{inspection.id[-6:]}",
        venue=inspection.venue,
        production=state.production,
        inspected_on=inspection.inspected_on,
        officer=officer(inspection.signed_by or inspection.author),
        children=children,
        checklist=tuple(checklist),
        education=education,
        findings=tuple(concerns),
        actions=tuple(state.actions),
        outcome=inspection.outcome or "",
        signed=signed,
    )
    return build_inspection_report(report)


def licence_pdf(session: Session, licence_id: str) -> bytes:
    licence = get(session, Licence, licence_id)
    if licence.status is not LicenceStatus.GRANTED:
        raise ValidationError(
            f"status: the licence is {licence.status.value}; only a granted licence is printed",
            "status",
        )
    plan = LicencePlan.from_json(licence.venues)
    chaperone = ""
    if licence.chaperone_id:
        found = session.get(Chaperone, licence.chaperone_id)
        if found is not None:
            chaperone = f"{found.given_names} {found.family_name} (card {found.id_card_number})"
    doc = LicenceDocument(
        reference=licence.reference,
        child_name=child_name(licence.child),
        date_of_birth=licence.child.date_of_birth,
        production=licence.production,
        applicant=licence.applicant_name,
        venues=plan.venues,
        dates=plan.dates,
        first_day=licence.first_day,
        last_day=licence.last_day,
        performance_days=licence.performance_days,
        education=licence.education_arrangements or "",
        tutor=licence.tutor_name or "",
        chaperone=chaperone,
        granted_on=licence.decided_on,
        officer=officer(licence.signed_by or licence.author),
    )
    return build_licence(doc)
