"""The permit form as typed text, without a display: shifts are read in the ways officers type
them, bad input is named by its label, and the live check agrees with the check of the
recorded permit."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oxfield.clock import FixedClock
from oxfield.errors import ValidationError
from oxfield.services.employment_forms import live_check, parse_shifts, record_from_form
from oxfield.services.employment_list import fetch_permit_rows, find_permit_ids, permit_check
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault

TODAY = date(2026, 8, 25)
BASE = {
    "child_given_names": "Jan",
    "child_family_name": "Alpha",
    "child_date_of_birth": "01/03/2012",
    "employer": "Cherwell News & Co",
    "job": "newspaper delivery",
    "received_on": "20/08/2026",
    "starts_on": "07/09/2026",
    "attendance_percent": "95",
}


def test_shifts_as_typed() -> None:
    assert parse_shifts("7.00 to 8.00; 16:00-17:30", "Mon", "term_mon") == [
        ("07:00", "08:00"),
        ("16:00", "17:30"),
    ]
    assert parse_shifts("  ", "Mon", "term_mon") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("7-8", "Mon: write each shift as 07:00-08:00, commas between."),
        ("25:00-26:00", "Mon: 25:00-26:00 is not a time of day."),
        ("07:00-08:60", "Mon: 07:00-08:60 is not a time of day."),
        ("07:75-08:00", "Mon: 07:75-08:00 is not a time of day."),
        ("09:00-08:00", "Mon: a shift must end after it starts."),
    ],
)
def test_bad_shifts_are_named(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_shifts(text, "Mon", "term_mon")
    assert caught.value.field == "term_mon"
    assert str(caught.value) == message


def test_no_hours_at_all_is_named_and_gives_no_findings() -> None:
    result = live_check(BASE, TODAY)
    assert result.assessment is None
    assert result.messages["term_mon"] == "Term week: give the days and hours the child will work."


def test_live_check_matches_the_recorded_permit(vault: Vault) -> None:
    fields = {**BASE, "term_sun": "09:00-11:15", "holiday_sat": "09:00-12:00"}
    live = live_check(fields, TODAY)
    assert live.assessment is not None and live.assessment.verdict.value == "refuse"
    actor = Actor("officer-1", clock=FixedClock(datetime(2026, 8, 25, 9, tzinfo=UTC)))
    with writing(vault, actor) as s:
        permit_id = record_from_form(s, fields, TODAY)
    assert find_permit_ids(vault) == [permit_id]
    [row] = fetch_permit_rows(vault, [permit_id])
    assert (row.child_name, row.job, row.status) == ("Jan Alpha", "newspaper delivery", "applied")
    check = permit_check(vault, permit_id)
    assert check.verdict == "refuse"
    assert len(check.findings) == len(live.assessment.findings)


def test_recording_a_bad_form_names_the_first_field(vault: Vault) -> None:
    actor = Actor("officer-1", clock=FixedClock(datetime(2026, 8, 25, 9, tzinfo=UTC)))
    fields = {**BASE, "employer": "", "term_sun": "09:00-10:00"}
    with writing(vault, actor) as s, pytest.raises(ValidationError, match="Employer is required"):
        record_from_form(s, fields, TODAY)
    assert find_permit_ids(vault) == []
