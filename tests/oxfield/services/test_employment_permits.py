"""Employment permits through the service, at each byelaw boundary: a pattern exactly at a
limit is issued, a quarter of an hour over is refused with the rule named, and attendance
below Oxfordshire's 90% sends the permit to review instead of issue."""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.clock import FixedClock
from oxfield.domain.employment import EmploymentPermit, PermitStatus
from oxfield.domain.kinds import Team
from oxfield.errors import ValidationError
from oxfield.rules.findings import Severity
from oxfield.services.employment import (
    PermitApplication,
    Verdict,
    assess,
    issue_permit,
    record_permit_application,
    refuse_permit,
)
from oxfield.services.records import Actor, create_child, writing
from oxfield.vault.vault import Vault

STARTS = date(2026, 9, 7)  # a Monday
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def born_aged(age: int) -> date:
    return date(STARTS.year - age, 3, 1)


def judge(
    session, age: int, job: str = "newspaper delivery", attendance: float | None = 95.0, **weeks
) -> tuple[Verdict, set[str], EmploymentPermit]:
    child = create_child(
        session,
        team=Team.LICENSING,
        legal_family_name="Wiśniewski",
        legal_given_names="Jan",
        date_of_birth=born_aged(age),
    )
    app = PermitApplication(
        employer="Cherwell News & Co",
        job=job,
        received_on=date(2026, 8, 20),
        starts_on=STARTS,
        term_week=weeks.get("term", {}),
        holiday_week=weeks.get("holiday", {}),
        attendance_percent=attendance,
        attendance_statement="Attendance this year as stated by the school",
    )
    permit = record_permit_application(session, child, app)
    result = assess(permit)
    return (
        result.verdict,
        {f.rule for f in result.findings if f.severity is Severity.BREACH},
        permit,
    )


def after_school(end: str = "18:00", **extra: list[tuple[str, str]]) -> dict:
    week = {d: [("16:00", end)] for d in WEEKDAYS}
    week.update(extra)
    return week


CASES = [
    # name, age, job, term week, holiday week, expected breaches
    (
        "term week at 12 h",
        14,
        "newspaper delivery",
        after_school(sat=[("09:00", "11:00")]),
        {},
        set(),
    ),
    (
        "term week 12 h 15",
        14,
        "newspaper delivery",
        after_school(sat=[("09:00", "11:15")]),
        {},
        {"weekly_hours"},
    ),
    ("school day 2 h 15", 14, "newspaper delivery", {"mon": [("16:00", "18:15")]}, {}, None),
    (
        "Saturday 5 h at 14",
        14,
        "shop assistant",
        {"sat": [("08:00", "12:00"), ("13:00", "14:00")]},
        {},
        set(),
    ),
    (
        "Saturday 5 h 15 at 14",
        14,
        "shop assistant",
        {"sat": [("08:00", "12:00"), ("13:00", "14:15")]},
        {},
        None,
    ),
    (
        "Saturday 8 h at 15",
        15,
        "shop assistant",
        {"sat": [("08:00", "12:00"), ("13:00", "17:00")]},
        {},
        set(),
    ),
    (
        "Saturday 8 h 15 at 15",
        15,
        "shop assistant",
        {"sat": [("08:00", "12:00"), ("13:00", "17:15")]},
        {},
        None,
    ),
    ("Sunday 2 h", 14, "shop assistant", {"sun": [("09:00", "11:00")]}, {}, set()),
    ("Sunday 2 h 15", 14, "shop assistant", {"sun": [("09:00", "11:15")]}, {}, None),
    ("starts 07:00", 14, "newspaper delivery", {"sat": [("07:00", "08:00")]}, {}, set()),
    ("starts 06:45", 14, "newspaper delivery", {"sat": [("06:45", "08:00")]}, {}, None),
    ("ends 19:00", 14, "shop assistant", {"sat": [("15:00", "19:00")]}, {}, set()),
    ("ends 19:15", 14, "shop assistant", {"sat": [("15:15", "19:15")]}, {}, None),
    ("13 in a shop", 13, "shop assistant", {"sat": [("09:00", "11:00")]}, {}, set()),
    ("13 walking dogs", 13, "dog walking", {"sat": [("09:00", "11:00")]}, {}, {"min_age"}),
    (
        "12 delivering papers",
        12,
        "newspaper delivery",
        {"sat": [("09:00", "11:00")]},
        {},
        {"min_age"},
    ),
    (
        "kitchen at 15",
        15,
        "commercial kitchen porter",
        {"sat": [("09:00", "11:00")]},
        {},
        {"prohibited_occupation"},
    ),
    (
        "holiday week 25 h at 14",
        14,
        "shop assistant",
        {},
        {
            **{d: [("09:00", "13:00")] for d in WEEKDAYS},
            "sat": [("08:00", "12:00"), ("13:00", "14:00")],
        },
        set(),
    ),
    (
        "holiday week 25 h 15 at 14",
        14,
        "shop assistant",
        {},
        {
            **{d: [("09:00", "13:00")] for d in WEEKDAYS},
            "sat": [("08:00", "12:00"), ("13:00", "14:00")],
            "sun": [("09:00", "09:15")],
        },
        {"weekly_hours"},
    ),
    (
        "holiday week 35 h at 15",
        15,
        "shop assistant",
        {},
        {d: [("08:00", "12:00"), ("13:00", "16:00")] for d in WEEKDAYS},
        set(),
    ),
    (
        "holiday week 35 h 15 at 15",
        15,
        "shop assistant",
        {},
        {
            **{d: [("08:00", "12:00"), ("13:00", "16:00")] for d in WEEKDAYS},
            "sun": [("09:00", "09:15")],
        },
        {"weekly_hours"},
    ),
]


@pytest.mark.parametrize(("name", "age", "job", "term", "holiday", "expected"), CASES)
def test_byelaw_boundaries(module_vault: Vault, name, age, job, term, holiday, expected) -> None:
    with writing(module_vault, Actor("officer-1")) as s:
        verdict, breaches, _ = judge(s, age, job, term=term, holiday=holiday)
    if expected is None:
        assert verdict is Verdict.REFUSE and breaches
    else:
        assert breaches == expected
        assert verdict is (Verdict.REFUSE if expected else Verdict.ISSUE)


@pytest.mark.parametrize(
    ("attendance", "verdict"), [(90.0, Verdict.ISSUE), (89.9, Verdict.REVIEW), (100, Verdict.ISSUE)]
)
def test_attendance_threshold_sends_to_review(module_vault: Vault, attendance, verdict) -> None:
    with writing(module_vault, Actor("officer-1")) as s:
        got, breaches, _ = judge(s, 14, attendance=attendance, term={"sat": [("09:00", "11:00")]})
    assert (got, breaches) == (verdict, set())


def test_issue_review_and_refuse(vault: Vault) -> None:
    actor = Actor("officer-1", clock=FixedClock())
    with writing(vault, actor) as s:
        _, _, low = judge(s, 14, attendance=85.0, term={"sat": [("09:00", "11:00")]})
        with pytest.raises(ValidationError, match=r"Review note: .*review"):
            issue_permit(low, actor, date(2026, 9, 1))
        issue_permit(
            low, actor, date(2026, 9, 1), review_note="Attendance improving; school agrees"
        )
        assert low.status is PermitStatus.ISSUED and low.signed
        assert low.next_review_on == date(2027, 9, 1)
        _, _, bad = judge(s, 14, term={"sun": [("09:00", "11:15")]})
        with pytest.raises(ValidationError, match="Cannot issue"):
            issue_permit(bad, actor, date(2026, 9, 1))
        refuse_permit(bad, actor, "Sunday hours over the limit")
        assert bad.status is PermitStatus.REFUSED


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"term": {"mon": [("16:00", "25:00")]}}, "term_week.mon[0].end"),
        ({"term": {"funday": [("16:00", "17:00")]}}, "term_week.funday"),
        ({"term": {}, "holiday": {}}, "term_week"),
    ],
)
def test_bad_patterns_name_the_field(module_vault: Vault, changes, field) -> None:
    with writing(module_vault, Actor("officer-1")) as s, pytest.raises(ValidationError) as err:
        judge(s, 14, **changes)
    assert err.value.field == field


def test_term_work_needs_the_attendance_statement(module_vault: Vault) -> None:
    with writing(module_vault, Actor("officer-1")) as s, pytest.raises(ValidationError) as err:
        judge(s, 14, attendance=None, term={"sat": [("09:00", "10:00")]})
    assert err.value.field == "attendance_percent"
