"""Property: adding working time to a pattern never removes a breached rule."""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from oxfield.rules.employment import EmploymentCase, WorkWeek, check_employment
from oxfield.rules.employment_day import WorkDay
from oxfield.rules.timeline import Span

MONDAY = date(2026, 6, 8)
Shift = tuple[int, int]  # minutes after midnight, start < end, within 05:00-21:00


@st.composite
def shifts(draw: st.DrawFn) -> Shift:
    start = draw(st.integers(300, 1250))
    return start, draw(st.integers(start + 1, 1260))


def _case(plan: list[list[list[Shift]]], term: list[bool], dob: date) -> EmploymentCase:
    weeks = []
    for w, week in enumerate(plan):
        start = MONDAY + timedelta(days=7 * w)
        days = tuple(
            WorkDay(
                start + timedelta(days=d),
                school_day=term[w] and d < 5,
                shifts=tuple(
                    Span(time(a // 60, a % 60), time(b // 60, b % 60)) for a, b in sorted(day)
                ),
            )
            for d, day in enumerate(week)
        )
        weeks.append(WorkWeek(start, term[w], days))
    return EmploymentCase(dob, "shop work", tuple(weeks))


def _breached(case: EmploymentCase) -> set[str]:
    return {f.rule for f in check_employment(case) if f.severity.value == "breach"}


@settings(max_examples=60, deadline=None)
@given(
    plan=st.lists(
        st.lists(st.lists(shifts(), max_size=2), min_size=7, max_size=7), min_size=1, max_size=3
    ),
    term=st.lists(st.booleans(), min_size=3, max_size=3),
    dob=st.sampled_from([date(2013, 1, 1), date(2012, 1, 1), date(2011, 1, 1)]),
    where=st.tuples(st.integers(0, 2), st.integers(0, 6)),
    added=shifts(),
)
def test_adding_working_time_never_removes_a_breach(
    plan: list[list[list[Shift]]],
    term: list[bool],
    dob: date,
    where: tuple[int, int],
    added: Shift,
) -> None:
    before = _breached(_case(plan, term, dob))
    grown = [[list(day) for day in week] for week in plan]
    grown[where[0] % len(plan)][where[1]].append(added)
    assert before <= _breached(_case(grown, term, dob))
