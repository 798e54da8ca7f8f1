"""The licence form refuses a child past compulsory school age by the law's boundary (the last
Friday in June of the school year they turn 16, Education Act 1996 s8), not by subtracting
years: a 16-year-old who left school in June needs no licence, and a 29 February birth is
judged like any other."""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.services.licensing_entry import check_licence_field

PAST = "Child's date of birth: the child is past compulsory school age"


@pytest.mark.parametrize(
    ("born", "today", "message"),
    [
        ("31/08/2010", date(2026, 6, 26), None),  # the last Friday in June: still of age
        ("31/08/2010", date(2026, 6, 27), PAST),  # the day after
        ("01/09/2010", date(2026, 9, 20), None),  # youngest of the year: a year more
        ("01/01/2009", date(2026, 9, 20), PAST),  # aged 17, left school in June 2025
        ("29/02/2012", date(2026, 9, 20), None),
        ("29/02/2008", date(2024, 6, 29), PAST),  # turned 16 on 29/02/2024, left 28/06/2024
        ("29/02/2008", date(2024, 6, 28), None),
    ],
)
def test_past_compulsory_school_age_by_the_laws_boundary(
    born: str, today: date, message: str | None
) -> None:
    assert check_licence_field("date_of_birth", {"date_of_birth": born}, today) == message
