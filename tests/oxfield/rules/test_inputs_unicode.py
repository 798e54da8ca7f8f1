"""Digits from other scripts ("١٠:٠٠", fullwidth "１０:００") are not HH:MM: a time the officer
cannot read back as written must be refused naming the field, not silently read as 10:00."""

from __future__ import annotations

import pytest

from oxfield.errors import ValidationError
from oxfield.rules.inputs import parse_date, parse_time


@pytest.mark.parametrize("text", ["١٠:٠٠", "１０:００", "10:٣٠", "৯:00"])
def test_times_in_other_digits_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match=r"days\[0\]\.arrive: must be a time written HH:MM"):
        parse_time(text, "days[0].arrive")


@pytest.mark.parametrize("text", ["٢٠١٥-٠٢-٢٨", "２０１５-０２-２８"])
def test_dates_in_other_digits_say_the_format(text: str) -> None:
    with pytest.raises(ValidationError, match="must be a date written YYYY-MM-DD"):
        parse_date(text, "child.date_of_birth")


def test_ascii_times_still_read() -> None:
    assert parse_time("09:05", "t").strftime("%H:%M") == "09:05"
