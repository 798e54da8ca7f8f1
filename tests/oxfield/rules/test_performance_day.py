"""Part 4 limits for one day, at each boundary: at the limit, one minute over, birthdays,
after midnight, and across both clock changes (Europe/London)."""

from __future__ import annotations

import pytest

from oxfield.errors import ValidationError
from tests.oxfield.rules.build import check, day, rules

OLDER = "2015-01-01"  # 11 in 2026: the 9-and-over band
UNDER5 = "2022-01-01"  # 4 in 2026
MID = "2019-01-01"  # 7 in 2026: the 5-8 band


@pytest.mark.parametrize(
    ("dob", "arrive", "depart", "expected"),
    [
        (OLDER, "07:00", "12:00", set()),
        (OLDER, "06:59", "12:00", {"earliest_time"}),
        (OLDER, "12:00", "23:00", set()),
        (OLDER, "13:00", "23:01", {"latest_time"}),
        (UNDER5, "18:00", "22:00", set()),
        (UNDER5, "18:00", "22:01", {"latest_time"}),
        (OLDER, "18:00", "00:30", {"latest_time"}),  # after midnight
    ],
)
def test_earliest_and_latest(dob: str, arrive: str, depart: str, expected: set[str]) -> None:
    found = check(dob, day("2026-06-10", arrive, depart))
    assert {r for r, _ in rules(found)} & {"earliest_time", "latest_time"} == expected


def test_authorised_night_work_lifts_the_times_only_when_licensed() -> None:
    night = day("2026-06-10", "18:00", "00:30", [["23:00", "00:15"]], night=True)
    assert "latest_time" not in {r for r, _ in rules(check(OLDER, night))}
    unlicensed = check(OLDER, night, licensed=False)
    assert ("latest_time", "2026-06-10") in rules(unlicensed)


def test_the_band_changes_on_the_fifth_birthday() -> None:
    dob = "2021-06-10"
    before = check(dob, day("2026-06-09", "18:00", "22:30"))
    on = check(dob, day("2026-06-10", "18:00", "22:30"))
    assert ("latest_time", "2026-06-09") in rules(before)
    assert "latest_time" not in {r for r, _ in rules(on)}


@pytest.mark.parametrize(
    ("dob", "depart", "breach"),
    [
        (OLDER, "19:30", False),  # 9 h 30 exactly
        (OLDER, "19:31", True),
        (MID, "18:00", False),  # 8 h
        (MID, "18:01", True),
        (UNDER5, "15:00", False),  # 5 h
        (UNDER5, "15:01", True),
    ],
)
def test_max_time_at_venue(dob: str, depart: str, breach: bool) -> None:
    found = check(dob, day("2026-06-10", "10:00", depart))
    assert (("max_time_at_venue", "2026-06-10") in rules(found)) is breach


@pytest.mark.parametrize(
    ("dob", "performing", "breach"),
    [
        (OLDER, [["10:00", "12:30"], ["13:00", "15:30"]], False),  # 5 h
        (OLDER, [["10:00", "12:30"], ["13:00", "15:31"]], True),
        (MID, [["10:00", "11:30"], ["13:00", "14:30"]], False),  # 3 h
        (MID, [["10:00", "11:30"], ["13:00", "14:31"]], True),
        (UNDER5, [["10:00", "10:30"], ["11:00", "11:30"], ["12:00", "13:00"]], False),
        (UNDER5, [["10:00", "10:30"], ["11:00", "11:30"], ["12:00", "13:01"]], True),
    ],
)
def test_max_performing_time(dob: str, performing: list[list[str]], breach: bool) -> None:
    found = check(dob, day("2026-06-10", "10:00", "17:00", performing))
    assert (("max_performing_time", "2026-06-10") in rules(found)) is breach


@pytest.mark.parametrize(
    ("dob", "performing", "breach"),
    [
        (OLDER, [["10:00", "12:30"]], False),
        (OLDER, [["10:00", "12:31"]], True),
        (OLDER, [["10:00", "11:00"], ["11:14", "12:45"]], True),  # a 14-minute pause is no break
        (OLDER, [["10:00", "11:00"], ["11:15", "12:45"]], False),
        (UNDER5, [["10:00", "10:30"]], False),
        (UNDER5, [["10:00", "10:31"]], True),
    ],
)
def test_max_continuous_performance(dob: str, performing: list[list[str]], breach: bool) -> None:
    found = check(dob, day("2026-06-10", "10:00", "13:00", performing))
    assert (("max_continuous_performance", "2026-06-10") in rules(found)) is breach


@pytest.mark.parametrize(
    ("depart", "breaks", "breach"),
    [
        ("14:00", [], False),  # exactly 4 h present: no break owed
        ("14:01", [], True),
        ("14:01", [["11:00", "11:45"], ["13:00", "13:15"]], False),
        ("14:01", [["11:00", "11:44"], ["13:00", "13:15"]], True),
        ("18:00", [["11:00", "11:45"], ["13:00", "13:15"]], False),  # exactly 8 h
        ("18:01", [["11:00", "11:45"], ["13:00", "13:15"]], True),  # a further break owed
        ("18:01", [["11:00", "11:45"], ["13:00", "13:15"], ["16:00", "16:15"]], False),
    ],
)
def test_breaks(depart: str, breaks: list[list[str]], breach: bool) -> None:
    found = check(OLDER, day("2026-06-10", "10:00", depart, breaks=breaks))
    assert (("breaks", "2026-06-10") in rules(found)) is breach


def test_performing_after_midnight_counts_to_the_day_it_started() -> None:
    found = check(
        OLDER,
        day("2026-06-10", "18:00", "01:30", [["22:00", "00:31"]], night=True),
    )
    assert ("max_continuous_performance", "2026-06-10") in rules(found)
    assert all(f.date.isoformat() == "2026-06-10" for f in found)


# 29 March 2026: clocks go forward at 01:00 GMT. 25 October 2026: back at 02:00 BST.
@pytest.mark.parametrize(
    ("on", "arrive", "depart", "breach"),
    [
        ("2026-03-28", "17:00", "03:30", False),  # 10 h 30 on the clock face, 9 h 30 real
        ("2026-03-28", "16:59", "03:30", True),
        ("2026-10-24", "19:00", "03:30", False),  # 8 h 30 on the clock face, 9 h 30 real
        ("2026-10-24", "19:00", "03:31", True),
        ("2026-10-24", "18:00", "03:30", True),  # 9 h 30 face, 10 h 30 real
    ],
)
def test_time_at_venue_across_the_clock_changes(
    on: str, arrive: str, depart: str, breach: bool
) -> None:
    found = check(OLDER, day(on, arrive, depart, night=True))
    assert (("max_time_at_venue", on) in rules(found)) is breach


@pytest.mark.parametrize(
    ("on", "performing", "breach"),
    [
        ("2026-03-28", [["23:00", "02:30"]], False),  # 3 h 30 on the clock face, 2 h 30 real
        ("2026-03-28", [["23:00", "02:31"]], True),
        ("2026-10-24", [["00:30", "02:00"]], False),  # 1 h 30 face, 2 h 30 real: at the limit
        ("2026-10-24", [["00:30", "02:01"]], True),
    ],
)
def test_continuous_performing_across_the_clock_changes(
    on: str, performing: list[list[str]], breach: bool
) -> None:
    found = check(OLDER, day(on, "22:00", "04:00", performing, night=True))
    assert (("max_continuous_performance", on) in rules(found)) is breach


def test_an_hour_that_happens_twice_is_read_as_the_first() -> None:
    # 01:30 on 25 October 2026 happens in BST and again in GMT: read as BST, 23:00 to 01:30
    # is 2 h 30 (at the limit); read as GMT it would be 3 h 30.
    found = check(OLDER, day("2026-10-24", "22:00", "04:00", [["23:00", "01:30"]], night=True))
    assert "max_continuous_performance" not in {r for r, _ in rules(found)}


def test_a_time_skipped_by_the_clock_change_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        check(OLDER, day("2026-03-28", "18:00", "01:30"))
    assert caught.value.field == "days[0].depart"
    assert "does not exist" in str(caught.value)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (day("2026-06-10", "10:00", "12:00", [["09:00", "09:30"]]), "days[0].performing[0]"),
        (day("2026-06-10", "10:00", "12:00", [["11:00", "10:30"]]), "days[0].performing[0]"),
        (day("2026-06-10", "10:00", "10:00"), "days[0].depart"),
        (day("2026-06-10", "10:00", "12:00", breaks=[["12:00", "12:30"]]), "days[0].breaks[0]"),
    ],
)
def test_impossible_timelines_name_the_field(bad: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check(OLDER, bad)
    assert caught.value.field == field
