"""Demo cases: reproducible, varied, on real schools, and searchable."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from oxfield.domain.demo import upn_check_letter
from oxfield.domain.ehe import EheCase
from oxfield.domain.people import Address, Child, ChildPerson
from oxfield.domain.schools import School
from oxfield.services.cases import CaseQuery, count_cases, fetch_case_rows, find_case_ids
from oxfield.services.records import make_demo_cases
from oxfield.vault.vault import Vault

TODAY = date(2026, 12, 3)


def test_demo_cases_are_varied_and_searchable(vault: Vault) -> None:
    assert make_demo_cases(vault, 300, seed=7, today=TODAY, batch=120) == 300
    assert count_cases(vault) == 300
    with vault.read() as s:
        children = s.scalars(select(Child)).all()
        assert len(children) == 300
        names = " ".join(f"{c.legal_given_names} {c.legal_family_name}" for c in children)
        assert any("\u0600" <= ch <= "\u06ff" for ch in names)  # Arabic
        assert any("\u0400" <= ch <= "\u04ff" for ch in names)  # Cyrillic
        assert any("\u4e00" <= ch <= "\u9fff" for ch in names)  # Chinese
        assert any(ch in names for ch in "’'") and "-" in names
        for child in children:
            age = (TODAY - child.date_of_birth).days / 365.25
            assert 4.9 < age < 16.1 or child.date_of_birth.month == 2
            if child.upn:
                assert upn_check_letter(child.upn[1:]) == child.upn[0]
            assert s.get(School, child.school_urn) is not None
            assert child.hlc and child.author == "demo"
        assert s.scalar(select(func.count()).select_from(ChildPerson)) >= 300
        assert s.scalar(select(func.count()).select_from(Address)) >= 300
        assert s.scalar(select(func.count()).select_from(EheCase)) > 150
    overdue = find_case_ids(vault, CaseQuery(overdue_only=True), TODAY)
    assert overdue and all(r.overdue for r in fetch_case_rows(vault, overdue, TODAY))
    one = fetch_case_rows(vault, find_case_ids(vault, CaseQuery(), TODAY)[:1], TODAY)[0]
    assert one.id in find_case_ids(vault, CaseQuery(text=one.child_name), TODAY)
    assert one.id in find_case_ids(
        vault, CaseQuery(text=one.date_of_birth.strftime("%d/%m/%Y")), TODAY
    )


def test_the_same_seed_makes_the_same_people(vault: Vault) -> None:
    make_demo_cases(vault, 20, seed=3, today=TODAY)
    with vault.read() as s:
        first = [(c.legal_family_name, c.date_of_birth) for c in s.scalars(select(Child))]
    make_demo_cases(vault, 20, seed=3, today=TODAY)
    with vault.read() as s:
        both = [(c.legal_family_name, c.date_of_birth) for c in s.scalars(select(Child))]
    assert both[20:] == first and count_cases(vault) == 40


def test_references_run_on_after_demo_cases(vault: Vault) -> None:
    from oxfield.clock import FixedClock
    from oxfield.domain.ehe import EheSource
    from oxfield.domain.kinds import Team
    from oxfield.services import records

    make_demo_cases(vault, 30, seed=5, today=TODAY)
    actor = records.Actor("officer-1", "dev", FixedClock())
    with records.writing(vault, actor) as s:
        child = records.create_child(
            s,
            team=Team.EHE,
            legal_family_name="Synthetic",
            legal_given_names="Sam",
            date_of_birth=date(2015, 5, 5),
        )
        case = records.open_ehe_case(
            s, child, notified_on=date(2026, 11, 30), source=EheSource.PARENT
        )
        assert case.reference == "EHE-2026-00031"
        assert case.child_id == child.id and case.kind == "ehe_case"
    make_demo_cases(vault, 5, seed=6, today=TODAY)
    assert count_cases(vault) == 36


def test_every_demo_permit_can_be_assessed(vault: Vault) -> None:
    """The Employment area's check runs on every demo permit (some children are too young)."""
    from oxfield.domain.employment import EmploymentPermit
    from oxfield.services.employment import Verdict, assess

    make_demo_cases(vault, 60, seed=3)
    with vault.read() as s:
        permits = list(s.scalars(select(EmploymentPermit)))
        assert permits
        verdicts = {assess(p).verdict for p in permits}
    assert Verdict.ISSUE in verdicts


def test_a_permit_with_no_hours_says_so(vault: Vault) -> None:
    import pytest

    from oxfield.errors import ValidationError
    from oxfield.services.employment import assess_pattern

    with pytest.raises(ValidationError, match="no working hours are recorded"):
        assess_pattern(date(2012, 5, 1), "newspaper delivery", {})
