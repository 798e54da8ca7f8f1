"""Reg 13 education: tutor's group size and the hours, with the 4-week aggregation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oxfield.rules.education import TeachingDay, check_education, check_tutor_group

MONDAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("size", "similar", "breach"),
    [(6, False, False), (7, False, True), (12, True, False), (13, True, True)],
)
def test_tutor_group(size: int, similar: bool, breach: bool) -> None:
    assert bool(check_tutor_group(MONDAY, size, similar)) is breach


def _weeks(pattern: list[int], weeks: int) -> list[TeachingDay]:
    """Minutes taught Monday to Friday (school days), repeated for ``weeks`` weeks."""
    out = []
    for w in range(weeks):
        for d, minutes in enumerate(pattern):
            out.append(TeachingDay(MONDAY + timedelta(days=7 * w + d), True, minutes))
    return out


def test_three_hours_each_school_day_is_enough() -> None:
    assert check_education(_weeks([180] * 5, 4)) == []


def test_one_minute_short_on_a_day_with_no_make_up_is_a_breach() -> None:
    days = _weeks([180] * 5, 4)
    days[0] = TeachingDay(days[0].date, True, 179)
    assert {f.rule for f in check_education(days)} == {"education_hours"}


def test_aggregation_over_four_weeks_makes_up_short_days() -> None:
    # 0, 240, 240, 240, 180 a week: 900 min = 5 x 180, and at least 6 h every week.
    assert check_education(_weeks([0, 240, 240, 240, 180], 4)) == []
    # One minute short over the block.
    short = _weeks([0, 240, 240, 240, 180], 4)
    short[-1] = TeachingDay(short[-1].date, True, 179)
    assert [f.date for f in check_education(short)] == [MONDAY]


def test_six_hours_a_week_is_a_floor_even_when_the_block_adds_up() -> None:
    days = _weeks([180] * 5, 4)
    for i in range(5):  # week 1: 5 h 59 taught; the other weeks make up the total
        days[i] = TeachingDay(days[i].date, True, 0 if i else 359)
    days[5] = TeachingDay(days[5].date, True, 180 * 5)
    found = check_education(days)
    assert [(f.rule, f.date) for f in found] == [("education_hours", MONDAY)]
