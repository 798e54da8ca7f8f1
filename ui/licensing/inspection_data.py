"""Plain data for the inspection screen, read and written through the licensing services.

The screen never holds a database session: each call here opens one short read or write on the
vault, does one service call and returns frozen dataclasses, so the widgets only ever see plain
values (and the same calls could move to the task runner's database lane unchanged).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from oxfield.clock import Clock
from oxfield.domain.licensing import Inspection, Licence, LicenceStatus
from oxfield.domain.people import Child
from oxfield.rules.findings import Severity
from oxfield.services import licensing_inspection as li
from oxfield.services.licensing_inspection_totals import LABELS, live_totals, sign_inspection
from oxfield.services.licensing_reports import make_report
from oxfield.services.records import Actor, writing
from oxfield.services.vaults import Vault


@dataclass(frozen=True)
class LicenceChoice:
    id: str
    reference: str
    child: str
    production: str


@dataclass(frozen=True)
class EventLine:
    id: int
    licence_id: str
    kind: li.EventType
    at: datetime
    corrected: bool


@dataclass(frozen=True)
class TotalLine:
    rule: str
    label: str
    used: int
    limit: int
    severity: str  # "", "warning" or "breach"
    message: str


@dataclass(frozen=True)
class ChildView:
    licence_id: str
    child: str
    age: int
    arrived: bool
    departed: bool
    totals: tuple[TotalLine, ...]
    events: tuple[EventLine, ...]


@dataclass(frozen=True)
class InspectionView:
    id: str
    venue: str
    production: str
    signed: bool
    children: tuple[ChildView, ...]
    checklist: dict[str, dict[str, object]]
    education_minutes: int | None
    findings: tuple[str, ...]
    actions: tuple[str, ...]


def _name(licence: Licence) -> str:
    child = licence.child
    return f"{child.legal_given_names} {child.legal_family_name}"


class InspectionDesk:
    """The inspection use cases the screen needs, each one short vault call."""

    def __init__(self, vault: Vault, actor: Actor) -> None:
        self.vault = vault
        self.actor = actor

    @property
    def clock(self) -> Clock:
        return self.actor.clock

    def licences(self) -> list[LicenceChoice]:
        """Every granted licence, by production then child (the officer picks who is present)."""
        with self.vault.read() as s:  # columns only, one query: 50,000 cases unlock fast
            rows = (
                s.query(
                    Licence.id,
                    Licence.reference,
                    Child.legal_given_names,
                    Child.legal_family_name,
                    Licence.production,
                )
                .join(Child, Child.id == Licence.child_id)
                .filter(Licence.status == LicenceStatus.GRANTED, Licence.deleted.is_(False))
                .all()
            )
            out = [LicenceChoice(i, ref, f"{g} {f}", prod) for i, ref, g, f, prod in rows]
        return sorted(out, key=lambda c: (c.production, c.child, c.reference))

    def start(self, venue: str, production: str, on: date, licence_ids: list[str]) -> str:
        with writing(self.vault, self.actor) as s:
            return li.start_inspection(
                s,
                venue=venue,
                production=production,
                inspected_on=on,
                licence_ids=licence_ids,
                clock=self.clock,
            ).id

    def tap(self, inspection_id: str, licence_id: str, kind: li.EventType) -> None:
        with writing(self.vault, self.actor) as s:
            li.tap(s.get_one(Inspection, inspection_id), licence_id, kind, self.clock)

    def correct(self, inspection_id: str, event_id: int, at: datetime, reason: str) -> None:
        with writing(self.vault, self.actor) as s:
            li.correct_event(s.get_one(Inspection, inspection_id), event_id, at, reason)

    def answer(self, inspection_id: str, item: li.Item, ok: bool | None, note: str) -> None:
        with writing(self.vault, self.actor) as s:
            li.answer(s.get_one(Inspection, inspection_id), item, ok, note)

    def education(self, inspection_id: str, minutes: int) -> None:
        with writing(self.vault, self.actor) as s:
            li.set_education_minutes(s.get_one(Inspection, inspection_id), minutes)

    def add_finding(self, inspection_id: str, text: str, regulation: str) -> None:
        with writing(self.vault, self.actor) as s:
            li.add_finding(s.get_one(Inspection, inspection_id), text, regulation)

    def add_action(self, inspection_id: str, text: str) -> None:
        with writing(self.vault, self.actor) as s:
            li.add_action(s.get_one(Inspection, inspection_id), text)

    def sign(self, inspection_id: str, outcome: str) -> None:
        with writing(self.vault, self.actor) as s:
            sign_inspection(s, s.get_one(Inspection, inspection_id), self.actor, outcome)

    def report(self, inspection_id: str) -> bytes:
        return make_report(self.vault, "inspection", inspection_id, self.clock)

    def view(self, inspection_id: str) -> InspectionView:
        """Everything on screen at the clock's instant: events, live totals, answers."""
        now = self.clock.now()
        with self.vault.read() as s:
            inspection = s.get_one(Inspection, inspection_id)
            state = li.state_of(inspection)
            children = []
            for licence_id in state.licence_ids:
                licence = s.get_one(Licence, licence_id)
                events = li.events_of(state, licence_id)
                live = live_totals(s, inspection, licence_id, now)
                lines: list[TotalLine] = []
                if live.totals is not None:
                    judged = {f.rule: f for f in live.totals.findings}
                    for total in live.totals.totals:
                        finding = judged.get(total.rule)
                        severity = "" if finding is None else finding.severity.value
                        if finding is not None and finding.severity is Severity.BREACH:
                            severity = "breach"
                        lines.append(
                            TotalLine(
                                total.rule,
                                LABELS.get(total.rule, total.rule),
                                total.used,
                                total.limit,
                                severity,
                                "" if finding is None else finding.message,
                            )
                        )
                children.append(
                    ChildView(
                        licence_id,
                        _name(licence),
                        live.age,
                        bool(events),
                        any(e.type is li.EventType.DEPART for e in events),
                        tuple(lines),
                        tuple(
                            EventLine(e.id, e.licence_id, e.type, e.at, bool(e.corrections))
                            for e in events
                        ),
                    )
                )
            return InspectionView(
                inspection.id,
                inspection.venue,
                state.production,
                inspection.signed,
                tuple(children),
                dict(state.checklist),
                state.education_minutes,
                tuple(f["text"] for f in state.officer_findings),
                tuple(state.actions),
            )
