"""A child's age on the day that matters, never on "today".

A child born on 29 February reaches each new age on 1 March in years without a 29 February,
the reading used in England (Family Law Reform Act 1969 s9: a person attains an age at the
start of the relevant anniversary of birth; with no 29 February the anniversary falls on 1 March).
"""

from __future__ import annotations

import calendar
from datetime import date

from oxfield.errors import ValidationError


def birthday_in(year: int, date_of_birth: date) -> date:
    """The day in ``year`` on which the child turns a year older."""
    if (date_of_birth.month, date_of_birth.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 3, 1)
    return date_of_birth.replace(year=year)


def age_on(date_of_birth: date, on: date) -> int:
    """Whole years completed on ``on``; a day before birth is an input error, not a negative age."""
    if on < date_of_birth:
        raise ValidationError("the date is before the date of birth", "date_of_birth")
    years = on.year - date_of_birth.year
    if on < birthday_in(on.year, date_of_birth):
        years -= 1
    return years
