"""School attendance: absence rates from register codes, and the penalty-notice threshold.

The codes and whether each counts as a possible session come from the 2024 list shipped in
``resources/reference/attendance_codes_2024.csv`` (rows marked "verify" count as not possible
until confirmed). Persistent absence is 10% or more of possible sessions missed, severe absence
50% or more; a penalty notice may be considered at 10 sessions of G, N, O or U within a rolling
10 school weeks (any week with at least one session), across terms and school years.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import cache

from oxfield.errors import ValidationError
from oxfield.resources import resource_path
from oxfield.rules.findings import Finding, Severity
from oxfield.rules.tables import RuleTable, load_table

ABSENCE_CATEGORIES = frozenset({"authorised_absence", "unauthorised_absence"})


@dataclass(frozen=True)
class AttendanceCode:
    code: str
    group: str
    meaning: str
    possible: bool
    category: str
    legacy: bool


@cache
def attendance_codes() -> dict[str, AttendanceCode]:
    """The national codes, keyed by code."""
    path = resource_path("reference", "attendance_codes_2024.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["code"]: AttendanceCode(
            row["code"],
            row["group"],
            row["short_meaning"],
            row["counts_as_possible_session"].strip() == "yes",
            row["statistical_category"],
            row["status_note"].startswith("legacy"),
        )
        for row in rows
    }


def _code(value: str, where: str) -> AttendanceCode:
    found = attendance_codes().get(value.strip())
    if found is None:
        raise ValidationError(f"{where}: is not an attendance code", where)
    return found


@dataclass(frozen=True)
class AbsenceSummary:
    possible: int
    authorised: int
    unauthorised: int

    @property
    def absent(self) -> int:
        return self.authorised + self.unauthorised

    @property
    def absence_rate(self) -> Fraction:
        """Sessions missed as a percentage of possible sessions (exact)."""
        return Fraction(100 * self.absent, self.possible) if self.possible else Fraction(0)


def summarise(codes: Sequence[str]) -> AbsenceSummary:
    """Count possible, authorised and unauthorised sessions from a run of register codes."""
    possible = authorised = unauthorised = 0
    for i, value in enumerate(codes):
        code = _code(value, f"sessions[{i}]")
        if not code.possible:
            continue
        possible += 1
        authorised += code.category == "authorised_absence"
        unauthorised += code.category == "unauthorised_absence"
    return AbsenceSummary(possible, authorised, unauthorised)


def check_absence(codes: Sequence[str], on: date, table: RuleTable | None = None) -> list[Finding]:
    """Persistent (10%+) and severe (50%+) absence over the sessions given, judged on ``on``."""
    table = table or load_table("attendance")
    summary = summarise(codes)
    if not summary.possible:
        return []
    rate = summary.absence_rate
    shown = f"{float(rate):.1f}%"
    severe = Fraction(str(table.percent("severe_absence_percent", on)))
    persistent = Fraction(str(table.percent("persistent_absence_percent", on)))
    for rule, key, limit, label in (
        ("severe_absence", "severe_absence_percent", severe, "severely absent"),
        ("persistent_absence", "persistent_absence_percent", persistent, "persistently absent"),
    ):
        if rate >= limit:
            value = table.get(key, on)
            return [
                Finding(
                    rule,
                    on,
                    Severity.WARNING,
                    value.regulation,
                    f"The pupil missed {summary.absent} of {summary.possible} possible sessions "
                    f"({shown}), at or above {limit}%: {label}.",
                    value.confidence,
                )
            ]
    return []


@dataclass(frozen=True)
class Session:
    date: date
    code: str


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def check_penalty_threshold(
    sessions: Sequence[Session], table: RuleTable | None = None
) -> list[Finding]:
    """The first session at which the penalty-notice threshold is reached, if it is."""
    table = table or load_table("attendance")
    ordered = sorted(enumerate(sessions), key=lambda item: item[1].date)
    school_weeks = sorted(
        {_week(s.date) for i, s in ordered if _code(s.code, f"sessions[{i}].code").possible}
    )
    counted: list[Session] = []
    for i, session in ordered:
        code = _code(session.code, f"sessions[{i}].code")
        if code.code not in table.texts("penalty_notice_codes", session.date):
            continue
        counted.append(session)
        weeks = table.number("penalty_notice_school_weeks", session.date)
        position = school_weeks.index(_week(session.date))
        window = set(school_weeks[max(0, position - weeks + 1) : position + 1])
        in_window = sum(1 for s in counted if _week(s.date) in window)
        limit = table.number("penalty_notice_sessions", session.date)
        if in_window >= limit:
            value = table.get("penalty_notice_sessions", session.date)
            return [
                Finding(
                    "penalty_notice_threshold",
                    session.date,
                    Severity.WARNING,
                    value.regulation,
                    f"{in_window} sessions of unauthorised absence within {weeks} school weeks: "
                    "a penalty notice may now be considered.",
                    value.confidence,
                )
            ]
    return []
