"""The census return checked cell by cell against counts made by hand, on a real vault.

Census date Thursday 1 October 2026 (school year 2026/27 began 1 September). Nine synthetic
children, each chosen to test one rule; the expected counts below were worked out by hand from
the comments, not by running the code.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oxfield.clock import FixedClock
from oxfield.domain.ehe import DFE_REASON_LABELS, EheReason, EheSource
from oxfield.domain.kinds import Team
from oxfield.domain.people import SenStatus, Sex
from oxfield.exports.csv_safe import read_csv
from oxfield.exports.ehe_census import HEADER, check_return, ehe_census
from oxfield.exports.school_age import YEAR_GROUPS, of_compulsory_school_age, year_group
from oxfield.services import records
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault

ACTOR = Actor("officer-1", "dev", FixedClock(datetime(2026, 10, 1, 12, tzinfo=UTC)))
CENSUS = date(2026, 10, 1)
R = EheReason
F, M, U = Sex.FEMALE, Sex.MALE, Sex.UNKNOWN

# name, sex, dob, sen, [(start, closed, reason)]
CHILDREN = [
    # A: Year 7, open since June: both columns
    ("A", F, date(2015, 3, 10), SenStatus.NONE, [(date(2026, 6, 1), None, R.MENTAL_HEALTH)]),
    # B: Year 9, home educated 10-20 Sept then back to school: year only
    ("B", M, date(2012, 11, 20), SenStatus.SEN_SUPPORT,
     [(date(2026, 9, 10), date(2026, 9, 20), R.LIFESTYLE)]),
    # C: starts the day after the census: neither
    ("C", U, date(2019, 12, 1), SenStatus.NONE, [(date(2026, 10, 2), None, R.OTHER)]),
    # D: Year 11 with an EHCP, open since 2025: both
    ("D", F, date(2010, 10, 15), SenStatus.EHCP, [(date(2025, 1, 1), None, R.PHILOSOPHICAL)]),
    # E: aged 17, past compulsory school age: neither
    ("E", M, date(2009, 5, 1), SenStatus.NONE, [(date(2025, 1, 1), None, R.RELIGIOUS)]),
    # F: Reception but not five until 15 Sept, so not of compulsory school age until 31 Dec
    ("F", F, date(2021, 9, 15), SenStatus.NONE, [(date(2026, 9, 1), None, R.LIFESTYLE)]),
    # G: Year 8, an old case closed in 2025 and a new one from 5 Sept: both, new reason
    ("G", M, date(2014, 1, 5), SenStatus.NONE,
     [(date(2025, 2, 1), date(2025, 7, 1), R.RELIGIOUS),
      (date(2026, 9, 5), None, R.DISSATISFACTION_BULLYING)]),
    # H: closed on 1 September, so last home educated on 31 August: neither
    ("H", F, date(2016, 7, 7), SenStatus.NONE,
     [(date(2026, 8, 20), date(2026, 9, 1), R.OTHER)]),
    # I: Year 9, reclassified as CME on the census date itself: year only
    ("I", F, date(2013, 2, 2), SenStatus.SEN_SUPPORT,
     [(date(2026, 4, 1), date(2026, 10, 1), R.OTHER)]),
]  # fmt: skip

# (breakdown, category) -> (on census date, any point in year); every other category is 0, 0
EXPECTED = {
    ("Total", "Total"): (3, 5),
    ("Sex", "Female"): (2, 3),
    ("Sex", "Male"): (1, 2),
    ("Year group", "Year 7"): (1, 1),
    ("Year group", "Year 8"): (1, 1),
    ("Year group", "Year 9"): (0, 2),
    ("Year group", "Year 11"): (1, 1),
    ("Primary reason", "Mental health"): (1, 1),
    ("Primary reason", "Philosophical or preferential"): (1, 1),
    ("Primary reason", "School dissatisfaction bullying"): (1, 1),
    ("Primary reason", "Lifestyle"): (0, 1),
    ("Primary reason", "Other"): (0, 1),
    ("SEN status", "No SEN"): (2, 2),
    ("SEN status", "SEN support"): (0, 2),
    ("SEN status", "EHCP"): (1, 1),
}


@pytest.fixture
def filled(vault: Vault) -> Vault:
    with records.writing(vault, ACTOR) as s:
        for name, sex, dob, sen, cases in CHILDREN:
            child = records.create_child(
                s,
                team=Team.EHE,
                legal_family_name=f"Census-{name}",
                legal_given_names="Test",
                date_of_birth=dob,
                sex=sex,
                sen_status=sen,
            )
            for start, closed, reason in cases:
                case = records.open_ehe_case(
                    s,
                    child,
                    notified_on=start,
                    source=EheSource.PARENT,
                    deregistered_on=start,
                    primary_reason=reason,
                    closed_on=closed,
                )
                s.flush()
                assert case.id
    return vault


def test_census_csv_cell_by_cell(filled: Vault) -> None:
    census = ehe_census(filled, CENSUS)
    assert check_return(census) == []
    rows = read_csv(census.to_csv())
    assert tuple(rows[0]) == HEADER
    categories = (
        [("Total", "Total")]
        + [("Sex", s) for s in ("Female", "Male", "Unknown")]
        + [("Year group", y) for y in YEAR_GROUPS]
        + [("Primary reason", label) for label in DFE_REASON_LABELS.values()]
        + [("SEN status", s) for s in ("No SEN", "SEN support", "EHCP")]
    )
    assert len(rows) == 1 + len(categories)
    for row, (breakdown, category) in zip(rows[1:], categories, strict=True):
        on_day, in_year = EXPECTED.get((breakdown, category), (0, 0))
        assert row == [
            "2026-10-01",
            "2026/27",
            breakdown,
            category,
            str(on_day),
            str(in_year),
        ], (breakdown, category)


def test_a_later_census_date_moves_the_counts(filled: Vault) -> None:
    # 2 October: C starts; I is gone; the year column now includes C too
    census = ehe_census(filled, date(2026, 10, 2))
    assert census.count("Total", "Total") == (4, 6)
    # spring: F (Reception) became of compulsory school age on 31 December
    assert ehe_census(filled, date(2027, 1, 21)).count("Year group", "Reception") == (1, 1)


@pytest.mark.parametrize(
    ("dob", "on", "expected"),
    [
        (date(2015, 8, 31), date(2026, 10, 1), "Year 7"),
        (date(2015, 9, 1), date(2026, 10, 1), "Year 6"),
        (date(2021, 9, 1), date(2026, 10, 1), "Reception"),
        (date(2010, 9, 1), date(2026, 10, 1), "Year 11"),
        (date(2010, 8, 31), date(2026, 10, 1), "Unknown"),
        (date(2016, 2, 29), date(2026, 8, 31), "Year 5"),
    ],
)
def test_year_group(dob: date, on: date, expected: str) -> None:
    assert year_group(dob, on) == expected


def test_compulsory_school_age_edges() -> None:
    dob = date(2021, 9, 15)  # five on 15 Sept 2026: compulsory from 31 Dec 2026
    assert not of_compulsory_school_age(dob, date(2026, 12, 30))
    assert of_compulsory_school_age(dob, date(2026, 12, 31))
    leaver = date(2010, 10, 15)  # Year 11 in 2026/27: last Friday in June 2027 is the 25th
    assert of_compulsory_school_age(leaver, date(2027, 6, 25))
    assert not of_compulsory_school_age(leaver, date(2027, 6, 26))
