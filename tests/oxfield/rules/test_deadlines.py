"""EHE and CME deadlines, with school days from a term calendar and the bank holidays."""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.errors import ValidationError
from oxfield.rules.deadlines import (
    CaseDates,
    check_s437_notice,
    cme_continuous_absence,
    cme_failure_to_return,
    next_deadline,
    s437_notice_deadline,
    school_nomination_deadline,
)
from oxfield.rules.school_calendar import bank_holidays, calendar_from_dict

CALENDAR = {
    "terms": [
        {"name": "Spring 2026", "start": "2026-01-05", "end": "2026-03-27"},
        {"name": "Summer 2026", "start": "2026-04-13", "end": "2026-07-22"},
    ],
    "inset_days": ["2026-06-01"],
}


def test_s437_notice_period_counts_the_day_of_service() -> None:
    deadline = s437_notice_deadline(date(2026, 1, 5))
    assert deadline.due == date(2026, 1, 19)  # 5th to 19th inclusive is 15 days
    assert deadline.regulation == "Education Act 1996 s437(2)"
    assert check_s437_notice(date(2026, 1, 5), date(2026, 1, 19)) == []
    short = check_s437_notice(date(2026, 1, 5), date(2026, 1, 18))
    assert [(f.rule, f.severity.value) for f in short] == [("s437_notice", "breach")]


def test_school_nomination() -> None:
    assert school_nomination_deadline(date(2026, 2, 20)).due == date(2026, 3, 6)


def test_bank_holidays_come_from_the_reference_file() -> None:
    holidays = bank_holidays()
    assert date(2026, 5, 4) in holidays and date(2026, 12, 28) in holidays
    assert date(2026, 3, 17) not in holidays  # Northern Ireland only


def test_failure_to_return_skips_weekends_and_bank_holidays() -> None:
    calendar = calendar_from_dict(CALENDAR)
    # Leave ended Thursday 30 April; Mon 4 May is a bank holiday.
    assert cme_failure_to_return(date(2026, 4, 30), calendar).due == date(2026, 5, 15)


def test_failure_to_return_skips_holidays_and_inset_days() -> None:
    calendar = calendar_from_dict(CALENDAR)
    # Leave ended Friday 22 May; 25 May is a bank holiday (this calendar enters no half term)
    # and 1 June an INSET day, so the 10th school day is Tuesday 9 June.
    due = cme_failure_to_return(date(2026, 5, 22), calendar).due
    assert due == date(2026, 6, 9)


def test_continuous_absence_counts_the_first_day_and_spans_the_easter_holiday() -> None:
    calendar = calendar_from_dict(CALENDAR)
    # First absent Monday 16 March: 10 school days to 27 March, then 10 more from 13 April.
    assert cme_continuous_absence(date(2026, 3, 16), calendar).due == date(2026, 4, 24)


def test_next_deadline_and_the_end_of_the_calendar() -> None:
    calendar = calendar_from_dict(CALENDAR)
    case = CaseDates(s437_served=date(2026, 3, 2), absence_started=date(2026, 3, 16))
    upcoming = next_deadline(case, date(2026, 3, 10), calendar)
    assert upcoming is not None and upcoming.rule == "s437_notice"
    later = next_deadline(case, date(2026, 3, 17), calendar)
    assert later is not None and later.rule == "cme_continuous_absence"
    assert next_deadline(case, date(2026, 5, 1), calendar) is None
    with pytest.raises(ValidationError, match="term calendar ends on 2026-07-22"):
        cme_failure_to_return(date(2026, 7, 20), calendar)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"terms": []}, "terms"),
        ({"terms": [{"start": "2026-01-05", "end": "2026-02-30"}]}, "terms[0].end"),
        ({"terms": [{"start": "2026-03-05", "end": "2026-02-01"}]}, "terms[0].end"),
        (
            {"terms": [{"start": "2026-01-05", "end": "2026-02-01"}], "inset_days": ["x"]},
            "inset_days[0]",
        ),
    ],
)
def test_bad_calendars_name_the_field(raw: object, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        calendar_from_dict(raw)
    assert caught.value.field == field
