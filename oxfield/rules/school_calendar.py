"""School days from the council's term calendar and the England and Wales bank holidays.

Oxfordshire's term dates are in no public file: the council enters them (terms and INSET days)
as plain data, here or as JSON. A school day is a weekday inside a term that is neither an INSET
day nor a bank holiday. Asking about a day beyond the last term entered is an error, not a guess.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from oxfield.errors import ValidationError
from oxfield.resources import resource_path

BANK_HOLIDAYS_FILE = "bank_holidays_england_wales_2024-2027.json"


@cache
def bank_holidays() -> frozenset[date]:
    """England and Wales bank holidays (GOV.UK feed shipped in resources/reference)."""
    raw = json.loads(resource_path("reference", BANK_HOLIDAYS_FILE).read_text(encoding="utf-8"))
    events = raw["england-and-wales"]["events"]
    return frozenset(date.fromisoformat(e["date"]) for e in events)


@dataclass(frozen=True)
class Term:
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class TermCalendar:
    terms: tuple[Term, ...]
    inset_days: frozenset[date] = frozenset()
    holidays: frozenset[date] = frozenset()

    @property
    def last_day(self) -> date:
        return max(t.end for t in self.terms)

    def is_school_day(self, day: date) -> bool:
        """A weekday in a term that is not an INSET day or a bank holiday."""
        if day > self.last_day:
            raise ValidationError(
                f"the term calendar ends on {self.last_day.isoformat()}: enter the next terms",
                "terms",
            )
        return (
            day.weekday() < 5
            and any(t.start <= day <= t.end for t in self.terms)
            and day not in self.inset_days
            and day not in self.holidays
        )

    def school_days(self, first: date, last: date) -> list[date]:
        """School days from ``first`` to ``last``, both included."""
        days = (first + timedelta(days=n) for n in range((last - first).days + 1))
        return [d for d in days if self.is_school_day(d)]

    def nth_school_day(self, start: date, n: int, include_start: bool = False) -> date:
        """The ``n``th school day after ``start`` (or counting ``start`` when it is one)."""
        if n < 1:
            raise ValueError("n must be 1 or more")
        day = start if include_start else start + timedelta(days=1)
        count = 0
        while True:
            if self.is_school_day(day):
                count += 1
                if count == n:
                    return day
            day += timedelta(days=1)


def calendar_from_dict(raw: Any) -> TermCalendar:
    """A calendar from JSON-shaped data; a bad entry is an error naming its field."""
    if not isinstance(raw, dict):
        raise ValidationError("calendar: must be an object", "calendar")
    terms_raw = raw.get("terms")
    if not isinstance(terms_raw, list) or not terms_raw:
        raise ValidationError("terms: must be a non-empty list", "terms")
    terms = []
    for i, item in enumerate(terms_raw):
        where = f"terms[{i}]"
        if not isinstance(item, dict):
            raise ValidationError(f"{where}: must be an object", where)
        start = _date(item.get("start"), f"{where}.start")
        end = _date(item.get("end"), f"{where}.end")
        if end < start:
            raise ValidationError(f"{where}.end: is before the start", f"{where}.end")
        terms.append(Term(str(item.get("name", f"term {i + 1}")), start, end))
    inset_raw = raw.get("inset_days", [])
    if not isinstance(inset_raw, list):
        raise ValidationError("inset_days: must be a list of dates", "inset_days")
    inset = frozenset(_date(d, f"inset_days[{i}]") for i, d in enumerate(inset_raw))
    return TermCalendar(tuple(terms), inset, bank_holidays())


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else _bad(where)
    except ValueError:
        return _bad(where)


def _bad(where: str) -> date:
    raise ValidationError(f"{where}: must be a real date YYYY-MM-DD", where)
