"""Child employment: s18 and Oxfordshire's byelaws at every boundary."""

from __future__ import annotations

from typing import Any

import pytest

from oxfield.errors import ValidationError
from oxfield.rules.employment import check_employment
from oxfield.rules.findings import Finding
from oxfield.rules.inputs import employment_case

AGE14 = "2012-01-01"  # 14 throughout 2026
AGE15 = "2011-01-01"
AGE13 = "2013-01-01"

# Week of Monday 8 June 2026: 8-12 school days, 13 Saturday, 14 Sunday.
MON, TUE, SAT, SUN = "2026-06-08", "2026-06-09", "2026-06-13", "2026-06-14"


def _run(
    dob: str,
    days: list[dict[str, Any]],
    occupation: str = "newspaper delivery",
    term_time: bool = True,
    week_starting: str = MON,
    **extra: Any,
) -> list[Finding]:
    doc = {
        "child": {"date_of_birth": dob},
        "occupation": occupation,
        "weeks": [{"week_starting": week_starting, "term_time": term_time, "days": days}],
        **extra,
    }
    return check_employment(employment_case(doc))


def _day(on: str, *shifts: tuple[str, str], school: bool = False) -> dict[str, Any]:
    return {"date": on, "school_day": school, "shifts": [list(s) for s in shifts]}


def _ids(found: list[Finding]) -> set[str]:
    return {f.rule for f in found if f.severity.value == "breach"}


@pytest.mark.parametrize(
    ("shift", "rule", "breach"),
    [
        (("07:00", "08:00"), "earliest_time", False),
        (("06:59", "08:00"), "earliest_time", True),
        (("17:00", "19:00"), "latest_time", False),
        (("17:00", "19:01"), "latest_time", True),
    ],
)
def test_times_of_day(shift: tuple[str, str], rule: str, breach: bool) -> None:
    assert (rule in _ids(_run(AGE14, [_day(SAT, shift)]))) is breach


@pytest.mark.parametrize(
    ("shifts", "breach"),
    [
        ([("16:00", "18:00")], False),  # 2 h after school
        ([("16:00", "18:01")], True),
        ([("07:30", "08:30"), ("16:00", "17:00")], False),  # 1 h before, 1 h after
        ([("07:00", "08:00")], False),  # an hour before school
        ([("07:00", "08:45"), ("16:00", "16:10")], True),  # 1 h 45 before school
        ([("10:00", "11:00")], True),  # during school hours
    ],
)
def test_school_day(shifts: list[tuple[str, str]], breach: bool) -> None:
    found = _run(AGE14, [_day(MON, *shifts, school=True)])
    assert ("school_day_hours" in _ids(found)) is breach


def test_before_school_at_the_hour_and_one_minute_over() -> None:
    at = _run(AGE14, [_day(MON, ("07:45", "08:45"), school=True)])
    over = _run(AGE14, [_day(MON, ("07:44", "08:45"), school=True)])
    assert "school_day_hours" not in _ids(at)
    assert "school_day_hours" in _ids(over)


@pytest.mark.parametrize(
    ("dob", "end", "breach"),
    [
        (AGE14, "14:00", False),  # 4 h + 1 h = 5 h under 15
        (AGE14, "14:01", True),
        (AGE15, "18:00", False),  # 4 h + 4 h = 8 h at 15
        (AGE15, "18:01", True),
    ],
)
def test_saturday(dob: str, end: str, breach: bool) -> None:
    found = _run(dob, [_day(SAT, ("08:00", "12:00"), ("14:00" if dob == AGE15 else "13:00", end))])
    assert ("saturday_hours" in _ids(found)) is breach


@pytest.mark.parametrize(("end", "breach"), [("11:00", False), ("11:01", True)])
def test_sunday(end: str, breach: bool) -> None:
    assert ("sunday_hours" in _ids(_run(AGE14, [_day(SUN, ("09:00", end))]))) is breach


@pytest.mark.parametrize(
    ("dob", "on", "end", "breach"),
    [
        ("2011-08-04", "2026-08-03", "14:01", True),  # day before 15th birthday: 5 h limit
        ("2011-08-04", "2026-08-04", "14:01", False),  # on the birthday: 8 h limit
        ("2011-08-04", "2026-08-03", "14:00", False),
    ],
)
def test_holiday_day_limit_changes_on_the_birthday(
    dob: str, on: str, end: str, breach: bool
) -> None:
    found = _run(
        dob, [_day(on, ("08:00", "12:00"), ("13:00", end))], term_time=False, week_starting=on
    )
    assert ("holiday_day_hours" in _ids(found)) is breach


def test_weekly_hours_in_term_and_holiday() -> None:
    days = [_day(f"2026-06-{8 + d:02d}", ("16:00", "18:00"), school=True) for d in range(5)]
    at_limit = [*days, _day(SAT, ("09:00", "11:00"))]  # 12 h
    assert "weekly_hours" not in _ids(_run(AGE14, at_limit))
    over = [*days, _day(SAT, ("09:00", "11:01"))]
    assert "weekly_hours" in _ids(_run(AGE14, over))
    holiday = [
        _day(f"2026-08-{3 + d:02d}", ("08:00", "12:00"), ("13:00", "14:00")) for d in range(5)
    ]
    assert "weekly_hours" not in _ids(
        _run(AGE14, holiday, term_time=False, week_starting="2026-08-03")
    )  # 25 h
    holiday[0]["shifts"][1] = ["13:00", "14:01"]
    assert "weekly_hours" in _ids(_run(AGE14, holiday, term_time=False, week_starting="2026-08-03"))


@pytest.mark.parametrize(
    ("shifts", "breach"),
    [
        ([("08:00", "12:00")], False),  # 4 h exactly
        ([("08:00", "12:01")], True),
        ([("08:00", "10:00"), ("10:59", "13:00")], True),  # 59-minute gap is no rest
        ([("08:00", "10:00"), ("11:00", "13:00")], False),
    ],
)
def test_rest_break(shifts: list[tuple[str, str]], breach: bool) -> None:
    found = _run(AGE15, [_day(SAT, *shifts)])
    assert ("rest_break" in _ids(found)) is breach


@pytest.mark.parametrize(
    ("dob", "occupation", "breach"),
    [
        (AGE13, "Newspaper delivery", False),
        (AGE13, "dog walking", True),
        ("2014-01-01", "newspaper delivery", True),  # 12
        (AGE14, "dog walking", False),
        ("2012-06-13", "dog walking", False),  # 14th birthday on the Saturday worked
        ("2012-06-14", "dog walking", True),  # the Saturday is the day before it
    ],
)
def test_minimum_age(dob: str, occupation: str, breach: bool) -> None:
    found = _run(dob, [_day(SAT, ("09:00", "10:00"))], occupation=occupation)
    assert ("min_age" in _ids(found)) is breach


@pytest.mark.parametrize(
    ("occupation", "breach"),
    [("milk round", True), ("Kitchen porter", True), ("shop assistant", False)],
)
def test_prohibited_occupations(occupation: str, breach: bool) -> None:
    found = _run(AGE14, [_day(SAT, ("09:00", "10:00"))], occupation=occupation)
    assert ("prohibited_occupation" in _ids(found)) is breach


def _holiday_weeks(worked: list[bool]) -> list[dict[str, Any]]:
    from datetime import date, timedelta

    out = []
    for n, works in enumerate(worked):
        monday = date(2026, 7, 20) + timedelta(days=7 * n)
        days = [_day(monday.isoformat(), ("09:00", "10:00"))] if works else []
        out.append({"week_starting": monday.isoformat(), "term_time": False, "days": days})
    return out


def _annual(worked: list[bool]) -> list[str]:
    doc = {"child": {"date_of_birth": AGE14}, "occupation": "shop", "weeks": _holiday_weeks(worked)}
    found = check_employment(employment_case(doc))
    return [f.severity.value for f in found if f.rule == "annual_break"]


def test_annual_break() -> None:
    assert _annual([True, False, False, True]) == []
    assert _annual([True, False, True, False, True, True]) == ["warning"]
    assert _annual([True] * 13) == ["breach"]
    assert _annual([True]) == []


@pytest.mark.parametrize(("percent", "warned"), [(90, False), (89.9, True)])
def test_attendance_threshold(percent: float, warned: bool) -> None:
    found = _run(AGE14, [_day(SAT, ("09:00", "10:00"))], attendance_percent=percent)
    assert any(f.rule == "attendance_threshold" for f in found) is warned


def test_a_day_outside_its_week_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        _run(AGE14, [_day("2026-06-15", ("09:00", "10:00"))])
    assert caught.value.field == "weeks[0].days[0].date"


def test_a_day_before_birth_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        _run("2026-06-11", [_day("2026-06-10", ("09:00", "10:00"))], week_starting="2026-06-10")
    assert caught.value.field == "weeks[0].week_starting"


@pytest.mark.parametrize(
    ("occupation", "prohibited", "permitted"),
    [
        ("public library shelving", None, None),  # "pub" is a whole word only
        ("workshop assistant", None, None),  # "shop*" starts a word only
        ("Shop assistant", None, "shop work, including shelf stacking"),
        ("Paper rounds", None, "delivery of newspapers and other printed material"),
        ("vegetable picking", None, None),  # "stable*" must start a word
        ("hotel kitchen porter", "in a commercial kitchen", None),
        ("window cleaner", "work more than 3 metres above ground or floor level", None),
    ],
)
def test_occupation_matching(
    occupation: str, prohibited: str | None, permitted: str | None
) -> None:
    from datetime import date

    from oxfield.rules.employment import matches
    from oxfield.rules.tables import load_table

    table = load_table("employment")
    on = date(2026, 6, 1)
    found = matches(occupation, table.phrases("prohibited", on))
    assert (found.name if found else None) == prohibited
    if prohibited is None:
        ok = matches(occupation, table.phrases("permitted_at_13", on))
        assert (ok.name if ok else None) == permitted


def test_thirteen_in_a_prohibited_job_that_sounds_permitted_is_both() -> None:
    found = _run(AGE13, [_day(SAT, ("09:00", "10:00"))], occupation="hotel kitchen porter")
    assert {"prohibited_occupation", "min_age"} <= _ids(found)
