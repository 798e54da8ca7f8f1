"""Age on the day that matters, on both sides of every kind of birthday."""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.errors import ValidationError
from oxfield.rules.age import age_on


@pytest.mark.parametrize(
    ("dob", "on", "age"),
    [
        ("2015-06-10", "2026-06-09", 10),  # day before the birthday
        ("2015-06-10", "2026-06-10", 11),  # the birthday
        ("2015-06-10", "2015-06-10", 0),  # day of birth
        ("2012-02-29", "2025-02-28", 12),  # leap-day child, non-leap year: not yet
        ("2012-02-29", "2025-03-01", 13),  # ... turns 13 on 1 March
        ("2012-02-29", "2024-02-28", 11),  # leap year: day before
        ("2012-02-29", "2024-02-29", 12),  # leap year: on 29 February
        ("2012-02-29", "2024-03-01", 12),
        ("2011-12-31", "2026-12-30", 14),
        ("2011-12-31", "2026-12-31", 15),
        ("2012-01-01", "2026-12-31", 14),
    ],
)
def test_age_on_the_day(dob: str, on: str, age: int) -> None:
    assert age_on(date.fromisoformat(dob), date.fromisoformat(on)) == age


def test_a_day_before_birth_is_an_input_error() -> None:
    with pytest.raises(ValidationError) as caught:
        age_on(date(2020, 5, 5), date(2020, 5, 4))
    assert caught.value.field == "date_of_birth"
