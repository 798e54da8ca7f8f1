"""Rules across days: overnight break, rest after night work, runs, the eight-week break,
chaperone ratios, the 4-day exemption and the 21-day notice."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from oxfield.errors import ValidationError
from oxfield.rules.performance_span import months_before
from tests.oxfield.rules.build import check, day, ids, rules

OLDER = "2015-01-01"


def _days(first: date, count: int, step: int = 1) -> list[dict[str, Any]]:
    out = []
    for n in range(count):
        on = (first + timedelta(days=n * step)).isoformat()
        out.append(day(on, "10:00", "12:00", [["10:00", "11:00"]]))
    return out


@pytest.mark.parametrize(
    ("depart", "arrive_next", "breach"),
    [
        ("22:00", "10:00", False),  # exactly 12 h
        ("22:01", "10:00", True),
        ("22:00", "09:59", True),
        ("00:30", "12:30", False),  # left after midnight: 12 h
        ("00:30", "12:29", True),
    ],
)
def test_overnight_break(depart: str, arrive_next: str, breach: bool) -> None:
    found = check(
        OLDER,
        day("2026-06-10", "18:00", depart, night=True),
        day("2026-06-11", arrive_next, "14:00"),
    )
    assert (("overnight_break", "2026-06-11") in rules(found)) is breach


def test_overnight_break_across_the_march_clock_change() -> None:
    # Leaves 22:00 GMT on the 28th; 10:30 BST on the 29th is only 11 h 30 later.
    found = check(OLDER, day("2026-03-28", "18:00", "22:00"), day("2026-03-29", "10:30", "12:00"))
    assert ("overnight_break", "2026-03-29") in rules(found)
    later = check(OLDER, day("2026-03-28", "18:00", "22:00"), day("2026-03-29", "11:00", "12:00"))
    assert "overnight_break" not in ids(later)


def test_overnight_break_across_the_october_clock_change() -> None:
    # Leaves 22:30 BST on the 24th; 09:30 GMT on the 25th is 12 h later.
    found = check(OLDER, day("2026-10-24", "18:00", "22:30"), day("2026-10-25", "09:30", "12:00"))
    assert "overnight_break" not in ids(found)


@pytest.mark.parametrize(
    ("end", "next_start", "breach"),
    [
        ("00:30", "16:30", False),  # 16 h exactly after night work
        ("00:30", "16:29", True),
        ("00:31", "16:30", True),
    ],
)
def test_night_work_rest(end: str, next_start: str, breach: bool) -> None:
    found = check(
        OLDER,
        day("2026-06-10", "18:00", "01:00", [["22:00", end]], night=True),
        day("2026-06-11", "16:00", "20:00", [[next_start, "18:00"]]),
    )
    assert (("night_work_rest", "2026-06-11") in rules(found)) is breach


def test_no_night_work_no_long_rest() -> None:
    found = check(
        OLDER,
        day("2026-06-10", "10:00", "20:00", [["19:00", "20:00"]]),
        day("2026-06-11", "08:00", "10:00", [["08:00", "09:00"]]),
    )
    assert "night_work_rest" not in ids(found)


def test_consecutive_days() -> None:
    six = check(OLDER, *_days(date(2026, 6, 1), 6))
    assert "consecutive_days" not in ids(six)
    seven = check(OLDER, *_days(date(2026, 6, 1), 7))
    assert rules(seven) & {("consecutive_days", "2026-06-07")}
    gap = check(OLDER, *_days(date(2026, 6, 1), 6), *_days(date(2026, 6, 8), 6))
    assert "consecutive_days" not in ids(gap)


def _weeks(first: date, weeks: int) -> list[dict[str, Any]]:
    """Six days on, one day off, for the given number of weeks."""
    out: list[dict[str, Any]] = []
    for w in range(weeks):
        out += _days(first + timedelta(days=7 * w), 6)
    return out


def test_break_after_eight_weeks() -> None:
    start = date(2026, 1, 5)
    eight = _weeks(start, 8)
    # The last performance is on day 54 (Saturday 28 February); days 55-68 must be free.
    rested = _days(start + timedelta(days=69), 1)
    assert "break_after_eight_weeks" not in ids(check(OLDER, *eight, *rested))
    too_soon = _days(start + timedelta(days=68), 1)  # the 14th day after
    found = check(OLDER, *eight, *too_soon)
    assert ("break_after_eight_weeks", "2026-03-14") in rules(found)
    seven = _weeks(start, 7) + _days(start + timedelta(days=7 * 7 + 1), 1)
    assert "break_after_eight_weeks" not in ids(check(OLDER, *seven))
    short_licence = check(OLDER, *eight, *too_soon, licensed_performing_days=59)
    assert "break_after_eight_weeks" not in ids(short_licence)


@pytest.mark.parametrize(
    ("children", "tutor", "breach"),
    [(12, False, False), (13, False, True), (3, True, False), (4, True, True)],
)
def test_chaperone_ratio(children: int, tutor: bool, breach: bool) -> None:
    found = check(
        OLDER,
        *_days(date(2026, 6, 1), 1),
        children_in_chaperone_group=children,
        chaperone_also_tutor=tutor,
    )
    assert (("chaperone_ratio", "2026-06-01") in rules(found)) is breach


def test_four_day_exemption() -> None:
    four = _days(date(2026, 1, 10), 4, step=30)
    assert "four_day_exemption" not in ids(check(OLDER, *four, licensed=False))
    five = _days(date(2026, 1, 10), 5, step=30)  # the fifth within six months
    assert ("four_day_exemption", "2026-05-10") in rules(check(OLDER, *five, licensed=False))
    spread = _days(date(2026, 1, 10), 5, step=46)  # the first has left the window
    assert "four_day_exemption" not in ids(check(OLDER, *spread, licensed=False))
    # Part 5 rules do not apply without a licence.
    seven = check(OLDER, *_days(date(2026, 6, 1), 7), licensed=False)
    assert "consecutive_days" not in ids(seven)


def test_months_before_clamps_to_the_month_end() -> None:
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 6, 10), 6) == date(2025, 12, 10)


@pytest.mark.parametrize(("received", "warned"), [("2026-05-11", False), ("2026-05-12", True)])
def test_application_notice(received: str, warned: bool) -> None:
    found = check(OLDER, *_days(date(2026, 6, 1), 1), application_received=received)
    assert (("application_notice", received) in rules(found, "warning")) is warned


def test_a_date_given_twice_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        check(OLDER, *_days(date(2026, 6, 1), 1), *_days(date(2026, 6, 1), 1))
    assert caught.value.field == "days[1].date"


def test_findings_are_data_with_the_contract_keys() -> None:
    found = check(OLDER, day("2026-06-10", "06:00", "08:00"))
    assert [f.to_dict() for f in found] == [
        {
            "rule": "earliest_time",
            "date": "2026-06-10",
            "severity": "breach",
            "regulation": "SI 2014/3309 reg 21",
            "message": "The child arrived at 06:00, before 07:00, the earliest time for a child "
            "aged 11 years.",
        }
    ]


def test_a_day_before_birth_names_the_day() -> None:
    with pytest.raises(ValidationError) as caught:
        check("2026-06-02", *_days(date(2026, 6, 1), 1))
    assert caught.value.field == "days[0].date"
