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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from oxfield.clock import LONDON
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

    def who(self) -> str:
        """``You (officer 1a2b3c4d), on this laptop`` or ``Officer 5e6f7a8b, on device ...``."""
        if self.officer is None:
            person = "An officer not recorded"
        elif self.this_officer:
            person = f"You (officer {short(self.officer)})"
        else:
            person = f"Officer {short(self.officer)}"
        place = "on this laptop" if self.this_device else f"on device {short(self.device)}"
        return f"{person}, {place}"

    def when(self) -> str:
        return local_time(self.at) if self.at is not None else "time not recorded"

    def describe(self) -> str:
        who = self.who()
        return f"Entered by {who[0].lower()}{who[1:]}, {self.when()}"


def credits(row: ConflictRow, my_device: str, my_officer: str) -> tuple[Credit, Credit]:
    """(credit for "your value", credit for "the other value"), sorted as ``state.sides``
    sorts the values: the other value is yours when this laptop typed it, otherwise the kept
    value is (it is what the record holds)."""
    kept_officer = row.kept_by_officer
    if kept_officer is None and my_officer and row.kept_by_device == my_device:
        kept_officer = my_officer

    def credit(officer: str | None, device: str, at: datetime | None) -> Credit:
        mine = bool(my_officer) and officer == my_officer
        return Credit(officer, device, at, device == my_device, mine)

    kept = credit(kept_officer, row.kept_by_device, row.kept_at)
    other = credit(row.other_by_officer, row.other_by_device, row.other_at)
    return (other, kept) if row.other_by_device == my_device else (kept, other)
