"""An inspection at a venue, recorded as it happens, offline.

The officer picks the production and the licensed children present, checks each child's
licence, chaperone and tutor, and taps each event of the daily record (arrival, performing,
rehearsing, breaks and meals, departure) as it happens: the time is the clock's, to the second,
and a mistaken tap is corrected later with a reason, the first time kept beside the new one.
Rehearsing is its own period type, so the daily record and the report say which was which,
while the limits count rehearsal as performance (DOMAIN.md 1.1 and 1.4).
A checklist covers dressing rooms, supervision, the chaperone's records, education and welfare.
The inspection ends with findings, actions and a signature, after which it never changes.

Everything recorded lives as one JSON document in the inspection's ``findings`` text
(:class:`InspectionState`), so a new kind of event or checklist item needs no schema change.
Live totals and the final breaches are in ``licensing_inspection_totals``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain.kinds import Team
from oxfield.domain.licensing import Inspection, Licence, LicenceStatus
from oxfield.errors import SignedRecordError, ValidationError


class EventType(StrEnum):
    ARRIVE = "Arrived"
    PERFORM_START = "Performing started"
    PERFORM_END = "Performing ended"
    REHEARSE_START = "Rehearsing started"
    REHEARSE_END = "Rehearsing ended"
    BREAK_START = "Break started"
    BREAK_END = "Break ended"
    MEAL_START = "Meal started"
    MEAL_END = "Meal ended"
    DEPART = "Left the venue"


#: Each period's start and the event that ends it (one period open at a time).
PERIODS: dict[EventType, EventType] = {
    EventType.PERFORM_START: EventType.PERFORM_END,
    EventType.REHEARSE_START: EventType.REHEARSE_END,
    EventType.BREAK_START: EventType.BREAK_END,
    EventType.MEAL_START: EventType.MEAL_END,
}


def open_period_end(kinds: list[EventType]) -> EventType | None:
    """The event that ends the period now open (performing, rehearsing, break or meal)."""
    for start, end in PERIODS.items():
        if kinds.count(start) > kinds.count(end):
            return end
    return None


class Check(StrEnum):
    """What the officer checks for each child."""

    LICENCE = "Licence seen"
    CHAPERONE = "Approved chaperone present"
    TUTOR = "Tutor and education arrangements"


class Item(StrEnum):
    """The inspection checklist, each with the regulation it rests on."""

    DRESSING_ROOMS = "Dressing rooms separate for boys and girls aged 5 and over"
    SUPERVISION = "Children supervised by their chaperone at all times"
    CHAPERONE_RECORDS = "Chaperone's daily records kept up to date"
    EDUCATION = "Education provided as approved"
    WELFARE = "Welfare: meals, rest, warmth, a safe place to wait"


REGULATIONS: dict[str, str] = {
    Item.DRESSING_ROOMS.name: "SI 2014/3309 reg 15; DfE advice Feb 2015 s3.3",
    Item.SUPERVISION.name: "SI 2014/3309 reg 15",
    Item.CHAPERONE_RECORDS.name: "SI 2014/3309 reg 11, Schedule 3",
    Item.EDUCATION.name: "SI 2014/3309 reg 13",
    Item.WELFARE.name: "SI 2014/3309 reg 15",
    Check.LICENCE.name: "CYPA 1963 s37; SI 2014/3309 reg 12",
    Check.CHAPERONE.name: "SI 2014/3309 reg 15",
    Check.TUTOR.name: "SI 2014/3309 reg 13",
}


@dataclass
class Event:
    id: int
    licence_id: str
    type: EventType
    at: datetime
    corrections: list[dict[str, str]] = field(default_factory=list)


@dataclass
class InspectionState:
    """What the officer has recorded so far (the inspection's JSON document)."""

    production: str
    licence_ids: list[str]
    events: list[Event] = field(default_factory=list)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    checklist: dict[str, dict[str, Any]] = field(default_factory=dict)
    education_minutes: int | None = None
    officer_findings: list[dict[str, str]] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    final_findings: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> str:
        raw = {
            **self.__dict__,
            "events": [
                {**e.__dict__, "type": e.type.name, "at": e.at.isoformat()} for e in self.events
            ],
        }
        return json.dumps(raw, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> InspectionState:
        raw = json.loads(text)
        raw["events"] = [
            Event(
                e["id"],
                e["licence_id"],
                EventType[e["type"]],
                datetime.fromisoformat(e["at"]),
                e.get("corrections", []),
            )
            for e in raw.get("events", [])
        ]
        return cls(**raw)


def state_of(inspection: Inspection) -> InspectionState:
    if not inspection.findings:
        raise ValidationError("this inspection has no record yet", "inspection")
    return InspectionState.from_json(inspection.findings)


def _save(inspection: Inspection, state: InspectionState) -> None:
    if inspection.signed:
        raise SignedRecordError("this inspection is signed and cannot change: record an amendment")
    inspection.findings = state.to_json()


def start_inspection(
    session: Session,
    *,
    venue: str,
    production: str,
    inspected_on: date,
    licence_ids: list[str],
    clock: Clock,
) -> Inspection:
    """A new inspection of the licensed children present at the venue."""
    if not venue.strip():
        raise ValidationError("venue is required", "venue")
    if not licence_ids:
        raise ValidationError("children: pick at least one licensed child present", "children")
    if len(set(licence_ids)) != len(licence_ids):
        raise ValidationError("children: the same licence is picked twice", "children")
    for licence_id in licence_ids:
        licence = session.get(Licence, licence_id)
        if licence is None or licence.deleted:
            raise ValidationError("children: no licence with that id", "children")
        if licence.status in (LicenceStatus.REFUSED, LicenceStatus.REVOKED):
            raise ValidationError(
                f"children: licence {licence.reference} is {licence.status.value}", "children"
            )
    state = InspectionState(production=production.strip(), licence_ids=list(licence_ids))
    inspection = Inspection(
        venue=venue.strip(),
        inspected_on=inspected_on,
        started_at=clock.now(),
        licence_id=licence_ids[0],
        findings=state.to_json(),
        team=Team.LICENSING,
    )
    session.add(inspection)
    session.flush()
    return inspection


def _child(state: InspectionState, licence_id: str) -> None:
    if licence_id not in state.licence_ids:
        raise ValidationError("child: that child is not part of this inspection", "child")


def _valid_after(events: list[Event], kind: EventType) -> None:
    """The order a daily record must follow: arrive first, depart last, periods in pairs."""
    kinds = [e.type for e in events]
    if kind is EventType.ARRIVE:
        if EventType.ARRIVE in kinds:
            raise ValidationError("event: the child's arrival is already recorded", "event")
        return
    if EventType.ARRIVE not in kinds:
        raise ValidationError("event: record the child's arrival first", "event")
    if EventType.DEPART in kinds:
        raise ValidationError("event: the child has already left the venue", "event")
    pairs = PERIODS
    open_periods = [s for s, e in pairs.items() if kinds.count(s) > kinds.count(e)]
    if kind in pairs and open_periods:
        raise ValidationError(f"event: '{open_periods[0].value}' has not ended yet", "event")
    for start, end in pairs.items():
        if kind is end and start not in open_periods:
            raise ValidationError(f"event: no '{start.value}' to end", "event")
    if kind is EventType.DEPART and open_periods:
        raise ValidationError(f"event: '{open_periods[0].value}' has not ended yet", "event")


def events_of(state: InspectionState, licence_id: str) -> list[Event]:
    return sorted((e for e in state.events if e.licence_id == licence_id), key=lambda e: e.at)


def tap(inspection: Inspection, licence_id: str, kind: EventType, clock: Clock) -> Event:
    """Record an event for a child at the clock's time (the one-tap button)."""
    state = state_of(inspection)
    _child(state, licence_id)
    now = clock.now().replace(microsecond=0)
    existing = events_of(state, licence_id)
    if existing and now < existing[-1].at:
        raise ValidationError("event: the clock is earlier than the last event", "event")
    _valid_after(existing, kind)
    event = Event(max((e.id for e in state.events), default=0) + 1, licence_id, kind, now)
    state.events.append(event)
    _save(inspection, state)
    return event


def correct_event(inspection: Inspection, event_id: int, at: datetime, reason: str) -> None:
    """Move an event to the right time; the time first tapped is kept with the reason."""
    if not reason.strip():
        raise ValidationError("reason: say why the time is corrected", "reason")
    if at.tzinfo is None:
        raise ValidationError("time: must carry its time zone", "time")
    state = state_of(inspection)
    event = next((e for e in state.events if e.id == event_id), None)
    if event is None:
        raise ValidationError("event: no such event in this inspection", "event")
    others = [e for e in events_of(state, event.licence_id) if e.id != event.id]
    index = [e.id for e in events_of(state, event.licence_id)].index(event.id)
    before = others[index - 1].at if index > 0 else None
    after = others[index].at if index < len(others) else None
    if (before and at < before) or (after and at > after):
        raise ValidationError("time: would put the event out of order with the others", "time")
    event.corrections.append({"from": event.at.isoformat(), "reason": reason.strip()})
    event.at = at.replace(microsecond=0)
    _save(inspection, state)


def check_child(
    inspection: Inspection, licence_id: str, check: Check, ok: bool, note: str = ""
) -> None:
    state = state_of(inspection)
    _child(state, licence_id)
    if not ok and not note.strip():
        raise ValidationError(f"note: say what was wrong ({check.value})", "note")
    state.checks.setdefault(licence_id, {})[check.name] = {"ok": ok, "note": note.strip()}
    _save(inspection, state)


def answer(inspection: Inspection, item: Item, ok: bool | None, note: str = "") -> None:
    """A checklist answer: satisfactory, not (a note is then required), or not applicable."""
    state = state_of(inspection)
    if ok is False and not note.strip():
        raise ValidationError(f"note: say what was wrong ({item.value})", "note")
    state.checklist[item.name] = {"ok": ok, "note": note.strip()}
    _save(inspection, state)


def set_education_minutes(inspection: Inspection, minutes: int) -> None:
    if minutes < 0 or minutes > 24 * 60:
        raise ValidationError("education_minutes: must be from 0 to 1440", "education_minutes")
    state = state_of(inspection)
    state.education_minutes = minutes
    _save(inspection, state)


def add_finding(inspection: Inspection, text: str, regulation: str = "") -> None:
    if not text.strip():
        raise ValidationError("finding: is empty", "finding")
    state = state_of(inspection)
    state.officer_findings.append({"text": text.strip(), "regulation": regulation.strip()})
    _save(inspection, state)


def add_action(inspection: Inspection, text: str) -> None:
    if not text.strip():
        raise ValidationError("action: is empty", "action")
    state = state_of(inspection)
    state.actions.append(text.strip())
    _save(inspection, state)
