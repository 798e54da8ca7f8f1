"""Plain data for the chaperone screens, through the chaperone services.

Each call is one short vault transaction and returns plain values, so the widgets never hold a
session; the screens run these calls on the task runner's database lane, never on the GUI
thread. The interview is signed as it is recorded; the decision is signed by the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from oxfield.domain.chaperones import Chaperone
from oxfield.services import chaperones as ch
from oxfield.services.chaperones_documents import (
    approval_letter_pdf,
    card_pdf,
    refusal_letter_pdf,
    set_photo,
)
from oxfield.services.chaperones_forms import recorded_fields, save_step
from oxfield.services.chaperones_list import (
    ChaperoneRow,
    council_approval_years,
    fetch_chaperone_rows,
    find_chaperone_ids,
)
from oxfield.services.ehe_reports import Document
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
    decision_id: str = ""


class ChaperoneDesk:
    def __init__(self, vault: Vault, actor: Actor) -> None:
        self.vault = vault
        self.actor = actor

    def today(self) -> date:
        return self.actor.clock.today()

    # --- reading ---------------------------------------------------------------------------

    def applicants(self) -> list[Applicant]:
        rows = fetch_chaperone_rows(self.vault, find_chaperone_ids(self.vault), self.today())
        return sorted((Applicant(r.id, r.name) for r in rows), key=lambda a: a.name)

    def find(self, text: str = "", sort: str = "name", descending: bool = False) -> list[str]:
        return find_chaperone_ids(self.vault, text, sort, descending, self.today())

    def rows(self, ids: Sequence[str]) -> list[ChaperoneRow]:
        return fetch_chaperone_rows(self.vault, ids, self.today())

    def row(self, chaperone_id: str) -> ChaperoneRow | None:
        found = self.rows([chaperone_id])
        return found[0] if found else None

    def approval_years(self) -> int:
        return council_approval_years(self.vault)

    # --- the pipeline ----------------------------------------------------------------------

    def recorded(self, chaperone_id: str) -> dict[str, dict[str, str]]:
        with self.vault.read() as s:
            return recorded_fields(s, chaperone_id)

    def save_step(self, step: str, chaperone_id: str | None, fields: dict[str, str]) -> str:
        with writing(self.vault, self.actor) as s:
            return save_step(s, step, chaperone_id, fields, self.today())

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
                held_on=self.today(),
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
                decided_on=self.today(),
                actor=self.actor,
                reasons=reasons,
            )
            return Decided(
                outcome, decision.id_card_number or "", decision.approved_until, decision.id
            )

    def set_photo(self, chaperone_id: str, data: bytes, media_type: str) -> None:
        with writing(self.vault, self.actor) as s:
            set_photo(s, s.get_one(Chaperone, chaperone_id), data, media_type)

    # --- documents (built in memory) -------------------------------------------------------

    def card(self, decision_id: str) -> Document:
        with self.vault.read() as s:
            return Document(card_pdf(s, decision_id, self.today()), "chaperone-card.pdf")

    def letter(self, decision_id: str, refused: bool) -> Document:
        with self.vault.read() as s:
            if refused:
                return Document(refusal_letter_pdf(s, decision_id), "chaperone-refusal.pdf")
            return Document(approval_letter_pdf(s, decision_id), "chaperone-approval.pdf")
