"""Persistent and severe absence, and the penalty-notice threshold, from register codes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oxfield.errors import ValidationError
from oxfield.rules.attendance import Session, check_absence, check_penalty_threshold, summarise

ON = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("codes", "rule"),
    [
        (["O"] + ["/"] * 9, "persistent_absence"),  # exactly 10%
        (["O"] + ["/"] * 10, None),  # 9.1%
        (["I"] + ["/"] * 8 + ["X"] * 5, "persistent_absence"),  # X is not a possible session
        (["I"] * 5 + ["/"] * 5, "severe_absence"),  # exactly 50%
        (["I"] * 5 + ["/"] * 6, "persistent_absence"),  # 45%
        (["Y1"] * 10 + ["/"], None),  # unable to attend: not possible sessions
    ],
)
def test_absence_thresholds(codes: list[str], rule: str | None) -> None:
    found = check_absence(codes, ON)
    assert [f.rule for f in found] == ([rule] if rule else [])


def test_summary_counts() -> None:
    summary = summarise(["/", "\\", "L", "M", "G", "N", "D", "#"])
    assert (summary.possible, summary.authorised, summary.unauthorised) == (6, 1, 2)


def test_an_unknown_code_names_the_session() -> None:
    with pytest.raises(ValidationError) as caught:
        summarise(["/", "H2"])
    assert caught.value.field == "sessions[1]"


def _sessions(codes_by_week: list[list[str]], first: date = date(2026, 1, 5)) -> list[Session]:
    out = []
    for w, codes in enumerate(codes_by_week):
        for n, code in enumerate(codes):
            out.append(Session(first + timedelta(days=7 * w + n // 2), code))
    return out


def test_penalty_threshold_at_ten_sessions_in_ten_school_weeks() -> None:
    nine = [["G"] if w < 9 else ["/"] for w in range(10)]
    assert check_penalty_threshold(_sessions(nine)) == []
    ten = [["G"] for _ in range(10)]
    found = check_penalty_threshold(_sessions(ten))
    assert [(f.rule, f.date) for f in found] == [
        ("penalty_notice_threshold", date(2026, 1, 5) + timedelta(days=63))
    ]


def test_penalty_window_rolls_and_skips_weeks_without_sessions() -> None:
    # Ten N sessions spread over 11 school weeks: never 10 within any 10 school weeks.
    spread = [["N"]] + [["/"]] + [["N"] for _ in range(9)]
    assert check_penalty_threshold(_sessions(spread)) == []
    # A holiday (no sessions at all) between the weeks does not count as a school week.
    before = _sessions([["O"] for _ in range(5)])
    after = _sessions([["O"] for _ in range(5)], first=date(2026, 2, 23))  # 2 weeks later
    found = check_penalty_threshold([*before, *after])
    assert [f.rule for f in found] == ["penalty_notice_threshold"]
