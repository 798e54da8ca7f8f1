"""The child a permit is for: found among the children already in the vault, or not twice.

A child who already has a permit, a licence or a case is the same child on the next permit, so
the permit form lets the officer pick them: :func:`find_children` searches by name and date of
birth the way the case search does (case, accents and apostrophe style do not matter, and a
date typed among the words narrows to that birthday). A new child whose name and date of birth
match a child already in the vault is, most likely, that child: :func:`same_children` finds
them, so the form can warn and offer them, and recording refuses to make a second one unless
the officer has said this is a different child.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.people import Child
from oxfield.services.cases import parse_date
from oxfield.text import search_key
from oxfield.vault.vault import Vault

MAX_FOUND = 20


@dataclass(frozen=True, slots=True)
class ChildChoice:
    id: str
    given_names: str
    family_name: str
    date_of_birth: date

    @property
    def label(self) -> str:
        """What the officer reads in the list of children found."""
        return f"{self.given_names} {self.family_name}, born {self.date_of_birth:%d/%m/%Y}"


def _choice(child: Child) -> ChildChoice:
    return ChildChoice(
        child.id, child.legal_given_names, child.legal_family_name, child.date_of_birth
    )


def find_children(vault: Vault, text: str, limit: int = MAX_FOUND) -> list[ChildChoice]:
    """Children whose name holds the words of ``text`` and, if a date is among them, who were
    born on it; by family then given names. Nothing for nothing typed."""
    words, born = [], None
    for word in text.split():
        day = parse_date(word)
        if day is None:
            words.append(word)
        else:
            born = day
    key = search_key(" ".join(words))
    if not key and born is None:
        return []
    query = select(Child).where(Child.deleted.is_(False))
    if key:
        query = query.where(Child.search_key.contains(key, autoescape=True))
    if born is not None:
        query = query.where(Child.date_of_birth == born)
    query = query.order_by(Child.sort_key, Child.date_of_birth, Child.id).limit(limit)
    with vault.read() as s:
        return [_choice(c) for c in s.scalars(query)]


def same_children(session: Session, given: str, family: str, born: date) -> list[ChildChoice]:
    """Children already in the vault with this name (written any way) and date of birth."""
    key = search_key(f"{given} {family}")
    if not key:
        return []
    query = (
        select(Child)
        .where(
            Child.deleted.is_(False),
            Child.date_of_birth == born,
            Child.search_key.contains(f"|{key}|", autoescape=True),
        )
        .order_by(Child.sort_key, Child.id)
    )
    return [_choice(c) for c in session.scalars(query)]


def same_children_in(vault: Vault, given: str, family: str, born: date) -> list[ChildChoice]:
    """:func:`same_children` in a short read of its own, for the form's check as typed."""
    with vault.read() as s:
        return same_children(s, given, family, born)
