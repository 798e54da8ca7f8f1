"""Who typed each side of a conflict, and when, as this laptop's officer reads it.

The server credits both values of a conflict to the device and officer that entered them and
the time it received each; the vault keeps that on the ``sync_conflict`` row. The review
screens show the values as "your value" and "the other value", so the credits are sorted the
same way as the values (:func:`oxfield.replica.state.sides`) and worded here once, for the
desktop dialog and the command line alike, with times in London local time.

Conflicts stored before the vault kept every credit (revision ``0005_conflict_credit``) have
no officer for the kept value and no times. The kept value's officer is still known when it
came from this laptop (a device belongs to one officer); otherwise it, and a missing time, are
shown as not recorded rather than guessed.

Officers are named "Sam Example (ehe)" from the names the server sent
(:mod:`oxfield.replica.officers`); the start of the officer's id is shown only for an officer
the vault has no name for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from oxfield.clock import LONDON
from oxfield.replica.officers import OfficerName
from oxfield.replica.tables import ConflictRow

SHORT = 8  # characters of an id shown to people; the JSON output carries the whole id


def short(ident: str) -> str:
    return ident[:SHORT]


def local_time(at: datetime) -> str:
    """``Tue 3 Dec 2026 14:05`` in Europe/London (GMT or BST as the date has it)."""
    t = at.astimezone(LONDON)
    return f"{t:%a} {t.day} {t:%b %Y %H:%M}"


@dataclass(frozen=True, slots=True)
class Credit:
    """The write that put one side's value there."""

    #: the officer who typed it; None when the vault never learnt it
    officer: str | None
    device: str
    #: when the server received it; None when the vault never learnt it
    at: datetime | None
    #: typed on this laptop / by this laptop's officer
    this_device: bool
    this_officer: bool
    #: the officer's name and team as the server told them; None when it never did
    name: OfficerName | None = None

    def person(self, *, starts: bool = True) -> str:
        """``Sam Example (ehe)``, ``You, Sam Example (ehe)``; without a name ``Officer
        5e6f7a8b`` or ``You (officer 1a2b3c4d)``. ``starts``: capitalised to open a line (a
        name keeps its own capitals either way)."""
        if self.officer is None:
            return "An officer not recorded" if starts else "an officer not recorded"
        you = "You" if starts else "you"
        if self.name is not None:
            return f"{you}, {self.name.label()}" if self.this_officer else self.name.label()
        if self.this_officer:
            return f"{you} (officer {short(self.officer)})"
        return f"{'Officer' if starts else 'officer'} {short(self.officer)}"

    def who(self) -> str:
        """``Sam Example (ehe), on device 5e6f7a8b`` or ``You, ..., on this laptop``."""
        place = "on this laptop" if self.this_device else f"on device {short(self.device)}"
        return f"{self.person()}, {place}"

    def when(self) -> str:
        return local_time(self.at) if self.at is not None else "time not recorded"

    def describe(self) -> str:
        place = "on this laptop" if self.this_device else f"on device {short(self.device)}"
        return f"Entered by {self.person(starts=False)}, {place}, {self.when()}"


def credits(
    row: ConflictRow,
    my_device: str,
    my_officer: str,
    names: Mapping[str, OfficerName] | None = None,
) -> tuple[Credit, Credit]:
    """(credit for "your value", credit for "the other value"), sorted as ``state.sides``
    sorts the values: the other value is yours when this laptop typed it, otherwise the kept
    value is (it is what the record holds). ``names``: the officers the vault can name."""
    known = names or {}
    kept_officer = row.kept_by_officer
    if kept_officer is None and my_officer and row.kept_by_device == my_device:
        kept_officer = my_officer

    def credit(officer: str | None, device: str, at: datetime | None) -> Credit:
        mine = bool(my_officer) and officer == my_officer
        named = known.get(officer) if officer is not None else None
        return Credit(officer, device, at, device == my_device, mine, named)

    kept = credit(kept_officer, row.kept_by_device, row.kept_at)
    other = credit(row.other_by_officer, row.other_by_device, row.other_at)
    return (other, kept) if row.other_by_device == my_device else (kept, other)
