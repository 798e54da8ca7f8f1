"""Year groups and compulsory school age, from a date of birth and the date that matters.

A child's national curriculum year follows their age on 31 August before the school year
starts (age 4 -> Reception, 5 -> Year 1, ... 15 -> Year 11). Compulsory school age starts on
the first prescribed day (31 December, 31 March, 31 August) on or after the fifth birthday
(Education Act 1996 s8 and the Start of Compulsory School Age Order 1998), and ends on the last
Friday in June of the school year in which the child turns 16 (s8(3), (4)).
"""

from __future__ import annotations

from datetime import date, timedelta

from oxfield.rules.age import age_on

RECEPTION = "Reception"
UNKNOWN = "Unknown"
YEAR_GROUPS = (RECEPTION, *(f"Year {n}" for n in range(1, 12)), UNKNOWN)


def school_year_start(on: date) -> date:
    """1 September of the school year that ``on`` falls in."""
    return date(on.year if on.month >= 9 else on.year - 1, 9, 1)


def year_group(date_of_birth: date | None, on: date) -> str:
    """The expected year group on ``on``; ``Unknown`` outside Reception to Year 11."""
    if date_of_birth is None:
        return UNKNOWN
    age = age_on(date_of_birth, school_year_start(on) - timedelta(days=1))
    if age == 4:
        return RECEPTION
    if 5 <= age <= 15:
        return f"Year {age - 4}"
    return UNKNOWN


def compulsory_start(date_of_birth: date) -> date:
    fifth = (
        date(date_of_birth.year + 5, date_of_birth.month, date_of_birth.day)
        if not (date_of_birth.month == 2 and date_of_birth.day == 29)
        else date(date_of_birth.year + 5, 3, 1)
    )
    for year in (fifth.year, fifth.year + 1):
        for prescribed in (date(year, 3, 31), date(year, 8, 31), date(year, 12, 31)):
            if prescribed >= fifth:
                return prescribed
    raise AssertionError("unreachable")


def compulsory_end(date_of_birth: date) -> date:
    """The last Friday in June of the school year in which the child turns 16."""
    sixteenth_year = date_of_birth.year + 16
    # the school year in which they turn 16 ends in June of the year after a Sept-Dec birthday
    june_year = sixteenth_year + 1 if date_of_birth.month >= 9 else sixteenth_year
    day = date(june_year, 6, 30)
    while day.weekday() != 4:
        day -= timedelta(days=1)
    return day


def of_compulsory_school_age(date_of_birth: date, on: date) -> bool:
    return compulsory_start(date_of_birth) <= on <= compulsory_end(date_of_birth)
