"""Odd search text never raises and never finds the wrong case.

Officers paste text from e-mails and spreadsheets: percent signs, underscores, quotes, FTS5
words (NEAR, AND, OR, NOT), stars, a lone apostrophe, emoji. Each must be taken as plain text:
the cases whose names hold it, and no others.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oxfield.clock import FixedClock
from oxfield.domain.ehe import EheSource
from oxfield.domain.kinds import Team
from oxfield.services import records
from oxfield.services.cases import CaseQuery, find_case_ids
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault

ACTOR = Actor("officer-1", "dev", FixedClock(datetime(2026, 12, 3, 9, tzinfo=UTC)))
TODAY = date(2026, 12, 3)
NAMES = {
    "plain": ("Ada", "Smith"),
    "apostrophe": ("Siobhán", "O'Near"),
    "arabic": ("ليلى", "حداد"),
    "chinese": ("小明", "王"),
    "polish": ("Łukasz", "Żółć"),
    "and": ("Andrew", "Andersson"),
}


def _case(vault: Vault, given: str, family: str) -> str:
    with records.writing(vault, ACTOR) as s:
        child = records.create_child(
            s,
            team=Team.EHE,
            legal_family_name=family,
            legal_given_names=given,
            date_of_birth=date(2015, 5, 5),
        )
        case = records.open_ehe_case(
            s, child, notified_on=date(2026, 9, 1), source=EheSource.PARENT
        )
        s.flush()
        return case.id


@pytest.fixture
def filled(vault: Vault) -> dict[str, str]:
    return {k: _case(vault, *v) for k, v in NAMES.items()}


ODD = [
    "%",
    "_",
    '"',
    "*",
    "NEAR",
    "AND",
    "OR",
    "NOT",
    "'",
    "''",
    "😀",
    "a😀",
    "% _",
    '"ada',
    "ada*",
    "ada OR smith",
    "NEAR(ada smith)",
    "ada AND",
    "names: ada",
    "{names}: x",
    "-",
    "--",
    "^ada",
    "ada\nsmith",
    "\t",
    "a" * 5000,
    "31/04/2026",
    "29/02/2025",
    "00/00/0000",
    "0000-01-01",
    "9999-12-31",
    "01/01/0001",
    "=1+1",
    "<b>",
    "&amp;",
    "\x00",
    "ada\x00",
    "ليلى",
    "王小明",
    "小明",
    "Żółć",
    "zolc",
    "o'near",
    "O’Near",
    "near",
    "and",
]


def test_odd_text_never_raises(vault: Vault, filled: dict[str, str]) -> None:
    for text in ODD:
        for sort in ("child_name", "reference"):
            found = find_case_ids(vault, CaseQuery(text=text, sort=sort), TODAY)
            assert len(found) == len(set(found)), text


EXPECTED = {
    "%": set(),
    "_": set(),
    "'": set(),
    "😀": set(),
    "near": {"apostrophe"},
    "NEAR": {"apostrophe"},
    "o'near": {"apostrophe"},
    "and": {"and"},
    "AND": {"and"},
    "ليلى": {"arabic"},
    "小明": {"chinese"},
    "王": {"chinese"},
    "zolc": {"polish"},
    "ada*": {"plain"},
    '"ada"': {"plain"},
}


def test_odd_text_finds_the_right_cases(vault: Vault, filled: dict[str, str]) -> None:
    for text, expected in EXPECTED.items():
        found = set(find_case_ids(vault, CaseQuery(text=text), TODAY))
        assert found == {filled[k] for k in expected}, text
