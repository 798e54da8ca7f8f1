"""The case list's search matrix, filters, ordering and row fetch, on a real vault."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oxfield.clock import FixedClock
from oxfield.domain.ehe import EheSource, EheStatus
from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.kinds import Team
from oxfield.domain.licensing import Licence
from oxfield.domain.schools import School
from oxfield.services import records
from oxfield.services.cases import CaseQuery, count_cases, fetch_case_rows, find_case_ids
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault

ACTOR = Actor("officer-1", "dev", FixedClock(datetime(2026, 12, 3, 9, tzinfo=UTC)))
TODAY = date(2026, 12, 3)

CHILDREN = [
    # family, given, dob, upn
    ("O’Brien", "Zoë", date(2015, 2, 28), "A123456789012"),
    ("Kowalski", "Łukasz", date(2014, 6, 1), None),
    ("Иванова", "Анна", date(2013, 1, 15), None),
    ("الحسن", "مُحَمَّد", date(2012, 3, 3), None),
    ("王", "小明", date(2016, 2, 29), None),
    ("Smith-Jones", "Mary Jane", date(2011, 11, 11), "B987654321098"),
]


@pytest.fixture(scope="module")
def vault(module_vault: Vault) -> Vault:
    return module_vault


@pytest.fixture(scope="module")
def filled(vault: Vault) -> dict[str, str]:
    ids: dict[str, str] = {}
    with records.writing(vault, ACTOR) as s:
        s.add(
            School(urn=999001, name="St Ebbe’s Synthetic Primary School", open=True, source="test")
        )
        for n, (family, given, dob, upn) in enumerate(CHILDREN):
            child = records.create_child(
                s,
                team=Team.EHE,
                legal_family_name=family,
                legal_given_names=given,
                date_of_birth=dob,
                upn=upn,
            )
            if n == 5:
                s.flush()
                lic = Licence(
                    reference="LIC-2026-00001",
                    child_id=child.id,
                    production="Synthetic Panto",
                    team=Team.LICENSING,
                    status="granted",
                    assigned_officer="officer-2",
                    next_review_on=date(2026, 11, 1),
                )
                permit = EmploymentPermit(
                    reference="EMP-2026-00001",
                    child_id=child.id,
                    employer="Synthetic Newsagent",
                    team=Team.LICENSING,
                    status="issued",
                )
                s.add_all([lic, permit])
                s.flush()
                ids["licence"], ids["permit"] = lic.id, permit.id
                continue
            case = records.open_ehe_case(
                s,
                child,
                notified_on=date(2026, 9, 1 + n),
                source=EheSource.PARENT,
                school_left_urn=999001 if n == 0 else None,
                next_review_on=date(2026, 12, 1) if n in (0, 1) else date(2027, 1, 1),
                status=EheStatus.CLOSED if n == 1 else EheStatus.OPEN,
                assigned_officer="officer-1",
            )
            s.flush()
            ids[family] = case.id
    return ids


def _find(vault: Vault, text: str = "", **kw: object) -> list[str]:
    return find_case_ids(vault, CaseQuery(text=text, **kw), TODAY)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("O'Brien", "O’Brien"),
        ("O’Brien", "O’Brien"),
        ("OBrien", "O’Brien"),
        ("obrien", "O’Brien"),
        ("zoe", "O’Brien"),
        ("Zoë O'Brien", "O’Brien"),
        ("lukasz", "Kowalski"),
        ("Łukasz Kowalski", "Kowalski"),
        ("анна", "Иванова"),
        ("Иванова", "Иванова"),
        ("محمد", "الحسن"),
        ("小明", "王"),
        ("28/02/2015", "O’Brien"),
        ("2015-02-28", "O’Brien"),
        ("29/02/2016", "王"),
        ("a123456789012", "O’Brien"),
        ("st ebbes", "O’Brien"),
        ("EHE-2026-00002", "Kowalski"),
    ],
)
def test_search_matrix(vault: Vault, filled: dict[str, str], text: str, family: str) -> None:
    assert _find(vault, text) == [filled[family]]


def test_hyphens_and_spaces_do_not_matter(vault: Vault, filled: dict[str, str]) -> None:
    for text in ("smith jones", "smithjones", "Mary-Jane", "B987654321098"):
        assert set(_find(vault, text)) == {filled["licence"], filled["permit"]}, text


def test_filters_and_overdue(vault: Vault, filled: dict[str, str]) -> None:
    assert count_cases(vault) == 7
    assert len(_find(vault, team="ehe")) == 5
    assert set(_find(vault, team="licensing")) == {filled["licence"], filled["permit"]}
    assert _find(vault, officer="officer-2") == [filled["licence"]]
    assert _find(vault, status="closed") == [filled["Kowalski"]]
    # overdue: review date passed and not closed (Kowalski's case is closed)
    assert set(_find(vault, overdue_only=True)) == {filled["O’Brien"], filled["licence"]}
    assert _find(vault, "nobody at all") == []
    assert _find(vault, status="granted") == [filled["licence"]]
    assert _find(vault, team="no such team") == []


def test_sorting_and_rows_in_the_same_order(vault: Vault, filled: dict[str, str]) -> None:
    ids = _find(vault, sort="date_of_birth")
    rows = fetch_case_rows(vault, ids, TODAY)
    assert [r.id for r in rows] == ids
    dobs = [r.date_of_birth for r in rows]
    assert dobs == sorted(dobs)
    backwards = _find(vault, sort="date_of_birth", descending=True)
    assert [r.date_of_birth for r in fetch_case_rows(vault, backwards, TODAY)] == sorted(
        dobs, reverse=True
    )
    by_name = fetch_case_rows(vault, _find(vault, team="ehe"), TODAY)
    assert by_name[0].child_name == "Łukasz Kowalski"  # k < o < cyrillic/arabic/han
    zoe = fetch_case_rows(vault, [filled["O’Brien"]], TODAY)[0]
    assert zoe.school == "St Ebbe’s Synthetic Primary School"
    assert zoe.overdue and zoe.status == "open" and zoe.team == "ehe"
    assert zoe.upn == "A123456789012" and zoe.next_review == date(2026, 12, 1)
    for sort in ("reference", "school", "status", "next_review", "child_name"):
        assert sorted(_find(vault, sort=sort)) == sorted(ids)
