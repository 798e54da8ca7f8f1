"""Synthetic chaperone applicants for the demo vault, one or more at every stage.

A newcomer opening the Chaperones area of a demo vault should see the whole pipeline: applicants
waiting for identity documents, the DBS check, references, training, the interview and the
decision; chaperones approved with a card (some expiring within the reminder window) and one
refused. Each is made through the real pipeline (:mod:`oxfield.services.chaperones`), so the
checks an approval rests on are recorded, interviews and decisions are signed, and card numbers
and expiries come from the council's setting. Names are invented, in several scripts; one
applicant is born on 29 February. A seed makes the same set every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from oxfield.domain.base import Synced
from oxfield.domain.chaperones import BarredListResult, Chaperone
from oxfield.services import chaperones as ch
from oxfield.services.chaperones_status import add_years, approval_years
from oxfield.services.records import Actor, sign, writing
from oxfield.vault.vault import Vault

#: (given names, family name): invented, in Latin with diacritics, Cyrillic, Greek, Arabic,
#: Devanagari, Chinese, Japanese and Korean script, interleaved so any dozen in a row mixes them
NAMES = (
    ("Zofia", "Wiśniewska"),
    ("Мария", "Иванова"),
    ("Oluwaseun", "Adebayo"),
    ("Γιώργος", "Παπαδόπουλος"),
    ("Siân", "Llewellyn"),
    ("ليلى", "حداد"),
    ("Aoife", "Ní Bhriain"),
    ("प्रिया", "शर्मा"),
    ("Mehmet", "Yılmaz"),
    ("静怡", "陈"),
    ("Thị Lan", "Nguyễn"),
    ("花子", "山田"),
    ("Kwame", "Mensah"),
    ("민준", "김"),
    ("Joanna", "O'Connor-Smith"),
    ("Dafydd", "ap Rhys"),
    ("Ingrid", "Søndergaard"),
    ("José María", "Fernández"),
    ("Amara", "Okafor-Lewis"),
    ("Chloé", "Lefèvre"),
)
REFEREES = (
    ("Helen Marsh", "Former line manager"),
    ("Rajesh Patel", "Drama school principal"),
    ("Grace Owusu", "Church youth leader"),
    ("Tom Birch", "Neighbour of ten years"),
)


class Stage(IntEnum):
    """How far through the pipeline an applicant has got (each stage records the ones before)."""

    APPLIED = 0
    IDENTITY = 1
    DBS = 2
    REFERENCES = 3
    TRAINING = 4
    INTERVIEW = 5
    APPROVED = 6
    EXPIRING = 7  # approved, the approval ending within the reminder window
    REFUSED = 8


#: the first dozen cover every stage; more applicants (for a bigger demo) cycle through again
_PATTERN = (
    Stage.APPLIED,
    Stage.IDENTITY,
    Stage.DBS,
    Stage.REFERENCES,
    Stage.TRAINING,
    Stage.INTERVIEW,
    Stage.APPROVED,
    Stage.EXPIRING,
    Stage.REFUSED,
    Stage.APPROVED,
    Stage.EXPIRING,
    Stage.APPROVED,
)


@dataclass(frozen=True)
class DemoChaperone:
    given_names: str
    family_name: str
    date_of_birth: date
    stage: Stage


def how_many(cases: int) -> int:
    """12 applicants for a small demo, up to 20 for a large one (a council has tens, not
    thousands, of chaperones)."""
    return 12 + min(8, max(0, cases) // 50)


def plan(count: int, seed: int) -> list[DemoChaperone]:
    """The applicants, their birthdays and stages, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    start = rng.randrange(len(NAMES))
    people = []
    for i in range(count):
        given, family = NAMES[(start + i) % len(NAMES)]
        born = date(1984, 2, 29) if i == 0 else _birthday(rng)
        people.append(DemoChaperone(given, family, born, _PATTERN[i % len(_PATTERN)]))
    return people


def _birthday(rng: random.Random) -> date:
    return date(rng.randint(1958, 2000), rng.randint(1, 12), rng.randint(1, 28))


def make_demo_chaperones(
    vault: Vault,
    actor: Actor,
    count: int,
    *,
    seed: int = 2026,
    scope: dict[str, Any] | None = None,
) -> int:
    """Add ``count`` applicants spread over the stages, unless the vault already has
    chaperones (a second demo run adds cases, not a second copy of the same people).

    On an enrolled laptop ``scope`` names its officer: the chaperones stay the licensing
    team's but are assigned to that officer, in their district, so the server takes them."""
    today = actor.clock.today()
    rng = random.Random(seed + 1)  # noqa: S311 - demo data, not secrets
    with writing(vault, actor) as s:
        if s.scalar(select(func.count()).select_from(Chaperone)):
            return 0
        if scope is not None:
            _assign_new_records(s, scope)
        years = approval_years(s)
        for person in plan(count, seed):
            _make(s, person, today, years, actor, rng)
    return count


def _assign_new_records(s: Session, scope: dict[str, Any]) -> None:
    """Stamp each new record's district and officer before its first flush writes the outbox
    row the sync pushes (a record first pushed unassigned would be refused)."""

    def stamp(session: Session, *_: object) -> None:
        for obj in session.new:
            if isinstance(obj, Synced):
                obj.district = scope.get("district")
                obj.assigned_officer = scope.get("assigned_officer")

    event.listen(s, "before_flush", stamp)


def _make(
    s: Session, p: DemoChaperone, today: date, years: int, actor: Actor, rng: random.Random
) -> None:
    """Walk one applicant through the real steps as far as their stage."""
    approved = p.stage in (Stage.APPROVED, Stage.EXPIRING)
    if p.stage is Stage.EXPIRING:  # decided so that the approval ends in 10-50 days
        decided = add_years(today, -years) + timedelta(days=rng.randint(10, 50))
    elif approved:
        decided = today - timedelta(days=rng.randint(30, 700))
    else:
        decided = today - timedelta(days=rng.randint(1, 20))
    applied = decided - timedelta(days=rng.randint(60, 90))
    day = iter(applied + timedelta(days=n) for n in range(0, 90, 7))
    c = ch.new_applicant(
        s,
        family_name=p.family_name,
        given_names=p.given_names,
        date_of_birth=p.date_of_birth,
        applied_on=applied,
    )
    if p.stage < Stage.IDENTITY:
        return
    ch.record_identity(c, "Passport; council tax bill; bank statement", next(day))
    if p.stage < Stage.DBS:
        return
    issued = next(day)
    ch.record_dbs(
        c,
        certificate_number=f"{rng.randrange(10**12):012d}",
        issued_on=issued,
        update_service=True,
        checked_on=issued,
        barred_list=BarredListResult.CLEAR,
    )
    if p.stage < Stage.REFERENCES:
        return
    for referee, relationship in rng.sample(REFEREES, 2):
        ch.add_reference(
            s,
            c,
            referee_name=referee,
            relationship=relationship,
            received_on=next(day),
            satisfactory=True,
        )
    if p.stage < Stage.TRAINING:
        return
    ch.record_training(c, next(day))
    if p.stage < Stage.INTERVIEW:
        return
    _interview(s, c, next(day), actor)
    if p.stage is Stage.INTERVIEW:
        return
    outcome = ch.Outcome.REFUSE if p.stage is Stage.REFUSED else ch.Outcome.APPROVE
    reasons = "" if approved else "The interview showed too little grasp of safeguarding."
    ch.decide(s, c, outcome=outcome, decided_on=decided, actor=actor, reasons=reasons)
    if approved and today - decided > timedelta(days=365):  # the annual update-service check
        ch.record_dbs_recheck(c, today - timedelta(days=rng.randint(1, 200)), still_clear=True)


def _interview(s: Session, c: Chaperone, held_on: date, actor: Actor) -> None:
    topics = {
        t: ch.TopicRecord(f"Discussed: {t.value.lower()}.", ch.Assessment.GOOD) for t in ch.Topic
    }
    record = ch.record_interview(
        s,
        c,
        held_on=held_on,
        interviewer=actor.officer,
        topics=topics,
        overall="Calm and clear on safeguarding and on handing a child over.",
        recommendation="Approve",
    )
    sign(record, actor)
