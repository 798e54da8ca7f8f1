"""Live running totals for each child at an inspection, and the findings fixed at signing.

While the officer watches, :func:`live_totals` turns a child's tapped events into the rules
engine's day in progress and measures it against the child's age band at this instant: time at
the venue, performing time, continuous performing and the latest time, with a warning inside
the table's margin and a breach once a limit is passed. After the child leaves, the totals stop
at the departure. :func:`sign_inspection` records each child's breaches (measured at departure,
or at signing for a child still there), the checklist concerns and the officer's own findings,
then signs the inspection so none of it can change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from oxfield.clock import LONDON
from oxfield.domain.chaperones import Chaperone
from oxfield.domain.licensing import Inspection, Licence, LicenceStatus
from oxfield.errors import ValidationError
from oxfield.rules.age import age_on
from oxfield.rules.findings import Finding, Severity
from oxfield.rules.running import DayInProgress, OpenSpan, RunningTotals, running_totals
from oxfield.services.licensing import LicencePlan
from oxfield.services.licensing_inspection import (
    REGULATIONS,
    Check,
    Event,
    EventType,
    InspectionState,
    Item,
    events_of,
    state_of,
)
from oxfield.services.records import Actor, sign

LABELS = {
    "max_time_at_venue": "Time at the venue",
    "max_performing_time": "Performing time (rehearsing counts)",
    "max_continuous_performance": "Continuous performing (rehearsing counts)",
    "latest_time": "Until the latest time",
}

#: Why rehearsal counts toward the performing limits (DOMAIN.md 1.1, 1.4).
REHEARSAL_COUNTS = (
    "Rehearsing counts as performing for the daily limits (SI 2014/3309 reg 22; "
    "DfE advice Feb 2015 s1.2)"
)


@dataclass(frozen=True)
class ChildTotals:
    """One child's totals at an instant (``departed`` when they stop at the departure)."""

    licence_id: str
    age: int
    totals: RunningTotals | None
    departed: bool
    rehearsing: int = 0  # minutes of the performing total that were rehearsal


def _local(at: datetime) -> time:
    return at.astimezone(LONDON).time().replace(microsecond=0)


def _spans(events: list[Event], start: EventType, end: EventType) -> tuple[OpenSpan, ...]:
    out: list[OpenSpan] = []
    opened: datetime | None = None
    for event in events:
        if event.type is start:
            opened = event.at
        elif event.type is end and opened is not None:
            out.append((_local(opened), _local(event.at)))
            opened = None
    if opened is not None:
        out.append((_local(opened), None))
    return tuple(out)


def day_in_progress(
    events: list[Event], inspection: Inspection, night_work: bool = False
) -> DayInProgress | None:
    arrive = next((e for e in events if e.type is EventType.ARRIVE), None)
    if arrive is None:
        return None
    breaks = _spans(events, EventType.BREAK_START, EventType.BREAK_END)
    meals = _spans(events, EventType.MEAL_START, EventType.MEAL_END)
    # Rehearsal is recorded as its own period but the limits count it as performance.
    performing = _spans(events, EventType.PERFORM_START, EventType.PERFORM_END)
    rehearsing = _spans(events, EventType.REHEARSE_START, EventType.REHEARSE_END)
    return DayInProgress(
        date=arrive.at.astimezone(LONDON).date(),
        arrive=_local(arrive.at),
        performing=tuple(sorted(performing + rehearsing, key=lambda s: s[0])),
        breaks=tuple(sorted(breaks + meals, key=lambda s: s[0])),
        night_work_authorised=night_work,
    )


def _licence(session: Session, licence_id: str) -> Licence:
    licence = session.get(Licence, licence_id)
    if licence is None:
        raise ValidationError("child: no licence with that id", "child")
    return licence


def live_totals(
    session: Session, inspection: Inspection, licence_id: str, now: datetime
) -> ChildTotals:
    """The child's totals at ``now`` (stopping at their departure), warnings and breaches."""
    state = state_of(inspection)
    return _totals(_licence(session, licence_id), inspection, events_of(state, licence_id), now)


def _totals(
    licence: Licence, inspection: Inspection, events: list[Event], now: datetime
) -> ChildTotals:
    age = age_on(licence.child.date_of_birth, inspection.inspected_on)
    day = day_in_progress(events, inspection)
    if day is None:
        return ChildTotals(licence.id, age, None, False)
    depart = next((e.at for e in events if e.type is EventType.DEPART), None)
    until = min(now, depart) if depart is not None else now
    totals = running_totals(licence.child.date_of_birth, day, until)
    departed = depart is not None and depart <= now
    return ChildTotals(licence.id, totals.age, totals, departed, rehearsal_minutes(events, until))


def rehearsal_minutes(events: list[Event], until: datetime) -> int:
    """Whole minutes spent rehearsing up to ``until`` (an open rehearsal runs to it)."""
    seconds = 0.0
    opened: datetime | None = None
    for event in events:
        if event.at > until:
            break
        if event.type is EventType.REHEARSE_START:
            opened = event.at
        elif event.type is EventType.REHEARSE_END and opened is not None:
            seconds += (event.at - opened).total_seconds()
            opened = None
    if opened is not None:
        seconds += (until - opened).total_seconds()
    return int(seconds // 60)


def _concern(rule: str, regulation: str, message: str, on: Inspection) -> Finding:
    return Finding(rule, on.inspected_on, Severity.WARNING, regulation, message, "S")


def checklist_findings(
    session: Session, inspection: Inspection, state: InspectionState
) -> list[Finding]:
    """A concern for each unsatisfactory checklist answer and each failed check of a child."""
    out: list[Finding] = []
    for item in Item:
        answer = state.checklist.get(item.name)
        if answer is not None and answer["ok"] is False:
            out.append(
                _concern(
                    f"checklist_{item.name.lower()}",
                    REGULATIONS[item.name],
                    f"{item.value}: not satisfactory. {answer['note']}",
                    inspection,
                )
            )
    for licence_id in state.licence_ids:
        licence = _licence(session, licence_id)
        reference = licence.reference
        gap = licence_gap(session, licence, inspection.inspected_on)
        if gap:
            out.append(
                _concern("licence_covers_day", REGULATIONS[Check.LICENCE.name], gap, inspection)
            )
        for check in Check:
            result = state.checks.get(licence_id, {}).get(check.name)
            if result is not None and not result["ok"]:
                out.append(
                    _concern(
                        f"check_{check.name.lower()}",
                        REGULATIONS[check.name],
                        f"{reference}: {check.value}: no. {result['note']}",
                        inspection,
                    )
                )
    return out


def licence_gap(session: Session, licence: Licence, on: date) -> str:
    """Why the licence does not cover the child on the day, or "" when it does."""
    if licence.status is not LicenceStatus.GRANTED:
        return f"{licence.reference}: the licence is {licence.status.value}, not granted."
    plan = LicencePlan.from_json(licence.venues)
    if plan.dates and on not in plan.dates:
        return f"{licence.reference}: the licence does not include this date."
    if not plan.dates and not (licence.first_day or on) <= on <= (licence.last_day or on):
        return f"{licence.reference}: the licence period does not include this date."
    if licence.chaperone_id:
        chaperone = session.get(Chaperone, licence.chaperone_id)
        if chaperone is not None and (
            chaperone.approved_until is None or chaperone.approved_until < on
        ):
            return f"{licence.reference}: the named chaperone's approval is not in force."
    return ""


def child_breaches(
    session: Session, inspection: Inspection, state: InspectionState, licence_id: str, now: datetime
) -> list[Finding]:
    """Every limit the child passed during the day, each once (at its worst).

    Continuous performing falls back to nothing when a period ends, so the totals are measured
    at each event as well as at the end, and a breach seen at any of those moments stays.
    """
    events = events_of(state, licence_id)
    licence = _licence(session, licence_id)
    ends = [e.at for e in events if e.at <= now] + [now]
    worst: dict[str, Finding] = {}
    for moment in ends:
        totals = _totals(licence, inspection, events, moment).totals
        if totals is None:
            continue
        for finding in totals.findings:
            if finding.severity is Severity.BREACH:
                worst[finding.rule] = finding
    return [worst[rule] for rule in LABELS if rule in worst]


def sign_inspection(session: Session, inspection: Inspection, actor: Actor, outcome: str) -> None:
    """Fix the breaches and concerns as they stand, and sign: nothing changes after this."""
    if not outcome.strip():
        raise ValidationError("outcome: say what the inspection concluded", "outcome")
    state = state_of(inspection)
    now = actor.clock.now()
    final: list[dict[str, str]] = []
    for licence_id in state.licence_ids:
        for f in child_breaches(session, inspection, state, licence_id, now):
            final.append({"licence_id": licence_id, **f.to_dict()})
    for f in checklist_findings(session, inspection, state):
        final.append({"licence_id": "", **f.to_dict()})
    state.final_findings = final
    inspection.findings = state.to_json()
    inspection.outcome = outcome.strip()
    sign(inspection, actor)
