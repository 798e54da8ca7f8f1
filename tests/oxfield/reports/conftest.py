"""Fixtures: synthetic families and officers for the report tests (see helpers.py)."""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.reports.ehe_inputs import CaseDetails, CaseEvent, Child, Officer, Parent, Visit
from tests.oxfield.reports.helpers import (
    AMPERSAND,
    ARABIC,
    CHINESE,
    CYRILLIC,
    FORMULA,
    JAPANESE,
    POLISH,
    VIETNAMESE,
    make_visit,
)


@pytest.fixture(scope="session")
def child() -> Child:
    return Child(POLISH.rsplit(" ", 1)[0], POLISH.rsplit(" ", 1)[1], date(2014, 5, 3), "Year 7")


@pytest.fixture(scope="session")
def parents() -> tuple[Parent, ...]:
    return (
        Parent(CYRILLIC, "Mother", ("12 O'Brien Close", "Banbury"), "OX16 5AA"),
        Parent(ARABIC, "Father"),
        Parent(CHINESE + " " + JAPANESE, "Step-parent"),
    )


@pytest.fixture(scope="session")
def officer() -> Officer:
    return Officer(VIETNAMESE, phone="01865 000000", email="ehe@example.invalid")


@pytest.fixture(scope="session")
def visit() -> Visit:
    return make_visit()


@pytest.fixture(scope="session")
def case(child: Child, parents: tuple[Parent, ...]) -> CaseDetails:
    return CaseDetails(
        reference="EHE-2026-0042",
        child=child,
        parents=parents,
        date_notified=date(2026, 9, 10),
        source="Deregistration notice from school",
        school_left="St Mary's C of E (Aided) Primary School",
        school_urn="123180",
        date_off_roll=date(2026, 9, 9),
        reason="Philosophical or preferential",
        sen_status="SEN support",
        events=(
            CaseEvent(date(2026, 9, 10), "Notice received from school"),
            CaseEvent(date(2026, 11, 2), f"Home visit; {AMPERSAND} tutoring noted"),
        ),
        notes=f"Case note beginning {FORMULA}",
    )
