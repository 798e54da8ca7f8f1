"""A date far outside any real case (year 1, year 9999) gets the field's message, never a crash.

``parse_date`` reads any four-digit year, and the employment form's live check counts weeks
forward from the start date: 31/12/9999 overflowed Python's dates (a traceback while typing).
The chaperone form took 01/01/0001 as a date of birth. Both now say the date is not real.
"""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.services import chaperones_forms as cf
from oxfield.services import employment_forms as ef

TODAY = date(2026, 12, 3)
PERMIT = {
    "child_given_names": "Zofia",
    "child_family_name": "Wiśniewska",
    "child_date_of_birth": "01/05/2012",
    "employer": "Paper & Co <Ltd>",
    "job": "newspaper delivery",
    "received_on": "01/11/2026",
    "starts_on": "01/01/2027",
    "attendance_percent": "95",
    "term_sat": "07:00-08:00",
}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("starts_on", "31/12/9999"),
        ("starts_on", "01/01/0001"),
        ("child_date_of_birth", "01/01/0001"),
        ("received_on", "0001-01-01"),
    ],
)
def test_permit_dates_outside_any_real_case_are_named(name: str, text: str) -> None:
    result = ef.live_check(PERMIT | {name: text}, TODAY)
    label = next(f.label for f in ef.FIELDS if f.name == name)
    assert result.messages[name] == f"{label} must be a real date, like 31/01/2026."
    if name != "received_on":  # the findings do not depend on the date received
        assert result.assessment is None


@pytest.mark.parametrize("name", ["date_of_birth", "applied_on"])
def test_chaperone_dates_in_year_one_are_named(name: str) -> None:
    fields = {
        "family_name": "Nowak",
        "given_names": "Zoë",
        "date_of_birth": "01/01/1990",
        "applied_on": "01/11/2026",
    }
    messages = cf.check_step("application", fields | {name: "01/01/0001"}, TODAY)
    assert messages[name].endswith("must be a real date, like 31/01/2026.")
    assert [n for n, m in messages.items() if m] == [name]
