"""Plain data for the chaperone interview screen, through the chaperone services.

Each call is one short vault transaction and returns plain values, so the widgets never hold a
session. The interview is signed as it is recorded; the decision is signed by the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from oxfield.domain.chaperones import Chaperone
from oxfield.services import chaperones as ch
from oxfield.services.records import Actor, sign, writing
from oxfield.services.vaults import Vault


@dataclass(frozen=True)
class Applicant:
    id: str
    name: str


@dataclass(frozen=True)
class Decided:
    outcome: ch.Outcome
    card_number: str
    approved_until: date | None


class ChaperoneDesk:
    def __init__(self, vault: Vault, actor: Actor) -> None:
        self.vault = vault
        self.actor = actor

    def applicants(self) -> list[Applicant]:
        with self.vault.read() as s:
            rows = [c for c in s.query(Chaperone).all() if not c.deleted]
            out = [Applicant(c.id, f"{c.given_names} {c.family_name}") for c in rows]
        return sorted(out, key=lambda a: a.name)

    def interview(
        self,
        chaperone_id: str,
        topics: dict[ch.Topic, ch.TopicRecord],
        overall: str,
        recommendation: str,
    ) -> None:
        with writing(self.vault, self.actor) as s:
            record = ch.record_interview(
                s,
                s.get_one(Chaperone, chaperone_id),
                held_on=self.actor.clock.today(),
                interviewer=self.actor.officer,
                topics=topics,
                overall=overall,
                recommendation=recommendation,
            )
            sign(record, self.actor)

    def decide(self, chaperone_id: str, outcome: ch.Outcome, reasons: str) -> Decided:
        with writing(self.vault, self.actor) as s:
            decision = ch.decide(
                s,
                s.get_one(Chaperone, chaperone_id),
                outcome=outcome,
                decided_on=self.actor.clock.today(),
                actor=self.actor,
                reasons=reasons,
            )
            return Decided(outcome, decision.id_card_number or "", decision.approved_until)
