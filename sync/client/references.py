"""Two laptops offline both made case EHE-2026-00001: one of them gives way, and says so.

Case references are numbered on the laptop (``records.next_reference``), so two laptops that
were offline at the same time can hand out the same number. The vault keeps references unique,
so the server's copy of the other case cannot be stored here and is parked (``UNSTORABLE``).

After each pull, :func:`give_way` looks at those parked copies. For each clash between a
server copy ``theirs`` and a local case ``mine``, exactly one of the two laptops renumbers,
by a rule both apply alike:

- a case that never reached the server gives way (nobody else knows its number yet);
- otherwise a signed case never changes (it cannot), so the unsigned one gives way;
- otherwise the case made later (the greater id: ids are UUIDv7, made in time order) gives
  way, on the laptop whose device last wrote it.

Giving way is an ordinary local edit (so it goes up like any other), to the next number free
on this laptop, keeping the prefix and year the officer knows ("EHE-2026-00002"), audited, and
reported to the officer in words they can read out on the phone. The parked copy then stores.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain.base import Signable, Synced
from oxfield.replica import store
from oxfield.replica.documents import model_for, models
from oxfield.replica.tables import ParkedRow, ShadowRow
from oxfield.services import audit
from oxfield.services.records import Actor, last_reference_number, writing
from oxfield.vault.vault import Vault

COLUMN = "reference"


@dataclass(frozen=True, slots=True)
class Renumbered:
    record_id: str
    kind: str
    old: str
    new: str

    def sentence(self) -> str:
        return f"{self.old} is now {self.new} (another laptop had already used {self.old})"


def _number(reference: str) -> int:
    tail = reference.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _gives_way(session: Session, mine: Any, theirs: store.Shadow, me: set[str]) -> bool:
    if isinstance(mine, Signable) and mine.signed:
        return False
    if session.get(ShadowRow, mine.id) is None:
        return True  # only this laptop knows it
    if mine.device not in me:
        return False
    if theirs.fields.get("signed_at"):
        return True
    return bool(mine.id > theirs.id)


def clashes(session: Session, me: set[str]) -> list[tuple[Synced, store.Shadow]]:
    """(local case that gives way, server copy it blocks) for every parked reference clash."""
    rows = session.scalars(select(ParkedRow).where(ParkedRow.waiting_for == store.UNSTORABLE))
    found: list[tuple[Synced, store.Shadow]] = []
    taken: set[str] = set()
    for row in list(rows):
        theirs = store.shadow(session, row.record_id)
        if theirs is None:
            continue
        cls: Any = model_for(theirs.kind)
        value = theirs.fields.get(COLUMN)
        if COLUMN not in cls.__table__.columns or not isinstance(value, str):
            continue
        mine = session.scalar(select(cls).where(getattr(cls, COLUMN) == value, cls.id != theirs.id))
        if mine is None or mine.id in taken or not _gives_way(session, mine, theirs, me):
            continue
        taken.add(mine.id)
        found.append((mine, theirs))
    return found


def _highest_known(session: Session) -> int:
    """The highest reference number here: local cases and every server copy held."""
    best = last_reference_number(session)
    kinds = [k for k, m in models().items() if COLUMN in m.__table__.columns]  # type: ignore[attr-defined]
    for fields in session.scalars(select(ShadowRow.fields).where(ShadowRow.kind.in_(kinds))):
        value = json.loads(fields).get(COLUMN)
        if isinstance(value, str):
            best = max(best, _number(value))
    return best


def give_way(vault: Vault, device: str, officer: str, clock: Clock) -> list[Renumbered]:
    """Renumber this laptop's cases that clash with another laptop's (see the module);
    one transaction, audited. The parked copies are retried by the caller."""
    me = {device, vault.vault_id}
    done: list[Renumbered] = []
    with vault.read() as s:  # the usual case: nothing parked, no write transaction
        waiting = s.scalar(
            select(ParkedRow.record_id).where(ParkedRow.waiting_for == store.UNSTORABLE).limit(1)
        )
    if waiting is None:
        return []
    with writing(vault, Actor(officer=officer, device=device, clock=clock)) as session:
        found = clashes(session, me)
        if not found:
            return []
        number = _highest_known(session)
        for mine, _theirs in found:
            old = str(getattr(mine, COLUMN))
            number += 1
            new = f"{old.rsplit('-', 1)[0]}-{number:05d}"
            setattr(mine, COLUMN, new)
            session.flush()  # the outbox row is written here, in this transaction
            done.append(Renumbered(mine.id, mine.KIND, old, new))
            audit.record_in(
                vault, session, "sync.reference_renumbered", actor="system",
                subject_kind=mine.KIND, subject_id=mine.id, detail={"old": old, "new": new},
            )  # fmt: skip
    return done
