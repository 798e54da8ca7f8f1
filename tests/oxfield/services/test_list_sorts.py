"""The chaperones and permits lists sort in the query: the stage's SQL rank gives the same
stage as the Python that shows it, in pipeline order both ways; blanks go last either way; and
an unknown column is refused by name."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oxfield.clock import FixedClock
from oxfield.services import chaperones as ch
from oxfield.services.chaperones_list import fetch_chaperone_rows, find_chaperone_ids
from oxfield.services.chaperones_order import STAGES
from oxfield.services.employment_forms import record_from_form
from oxfield.services.employment_list import fetch_permit_rows, find_permit_ids
from oxfield.services.records import Actor, sign, writing
from oxfield.vault.vault import Vault
from tests.oxfield.services.licensing_helpers import FULL_TOPICS
from tests.oxfield.services.test_employment_forms import BASE

TODAY = date(2026, 8, 25)
ACTOR = Actor("officer-1", clock=FixedClock(datetime(2026, 8, 25, 9, 0, tzinfo=UTC)))
SATURDAY = {"term_sat": "09:00-10:00"}
FAMILIES = ("Ivanova", "Hughes", "Garcia", "Fischer", "Evans", "Dubois", "Chen", "Baptiste")


def seed_every_stage(vault: Vault) -> None:
    """One applicant at each stage; family names run against the pipeline, so a stage sort
    cannot pass by falling back on names."""
    with writing(vault, ACTOR) as s:
        people = []
        for family in (*FAMILIES, "Adair"):
            people.append(
                ch.new_applicant(
                    s,
                    family_name=family,
                    given_names="Sam",
                    date_of_birth=date(1980, 2, 29),
                    applied_on=date(2026, 3, 2),
                )
            )
        refused = people.pop()
        ch.decide(
            s, refused, outcome=ch.Outcome.REFUSE, decided_on=TODAY, actor=ACTOR, reasons="No"
        )
        for stage, person in enumerate(people):
            if stage >= 1:
                ch.record_identity(person, "Passport; bill; statement", date(2026, 3, 2))
            if stage >= 2:
                ch.record_dbs(
                    person,
                    certificate_number="0012 3456 7890",
                    issued_on=date(2026, 2, 10),
                    update_service=True,
                    checked_on=date(2026, 3, 3),
                    barred_list=ch.BarredListResult.CLEAR,
                )
            if stage >= 3:
                for referee in ("Tomasz Nowak", "Aisha Rahman"):
                    ch.add_reference(
                        s,
                        person,
                        referee_name=referee,
                        relationship="Former line manager",
                        received_on=date(2026, 3, 10),
                        satisfactory=True,
                    )
            if stage >= 4:
                ch.record_training(person, date(2026, 3, 20))
            if stage >= 5:
                record = ch.record_interview(
                    s,
                    person,
                    held_on=date(2026, 3, 25),
                    interviewer="officer-1",
                    topics=FULL_TOPICS,
                    overall="Calm and clear.",
                    recommendation="Approve",
                )
                sign(record, ACTOR)
            if stage >= 6:
                ch.decide(
                    s, person, outcome=ch.Outcome.APPROVE, decided_on=date(2026, 4, 1), actor=ACTOR
                )
            if stage == 7:
                person.approved_until = date(2026, 8, 24)  # ran out yesterday


def stages(vault: Vault, descending: bool) -> list[str]:
    ids = find_chaperone_ids(vault, "", "stage", descending, TODAY)
    return [row.stage for row in fetch_chaperone_rows(vault, ids, TODAY)]


def test_stage_sort_follows_the_pipeline_both_ways(vault: Vault) -> None:
    seed_every_stage(vault)
    assert stages(vault, False) == list(STAGES)
    assert stages(vault, True) == list(reversed(STAGES))
    with pytest.raises(ValueError, match="stage sort needs the day"):
        find_chaperone_ids(vault, "", "stage")  # the service reads no clock of its own


def test_blanks_go_last_both_ways(vault: Vault) -> None:
    seed_every_stage(vault)
    for descending in (False, True):
        ids = find_chaperone_ids(vault, "", "approved_until", descending, TODAY)
        until = [r.approved_until for r in fetch_chaperone_rows(vault, ids, TODAY)]
        filled = [d for d in until if d is not None]
        assert until == sorted(filled, reverse=descending) + [None] * (len(until) - len(filled))
        assert len(filled) == 2


def test_names_sort_without_regard_to_case_or_accents(vault: Vault) -> None:
    with writing(vault, ACTOR) as s:
        for family in ("de Vries", "Brown", "Ávila", "Ahmed", "Çelik", "O’Neill"):
            ch.new_applicant(
                s,
                family_name=family,
                given_names="Alex",
                date_of_birth=date(1980, 1, 1),
                applied_on=date(2026, 3, 2),
            )
    rows = fetch_chaperone_rows(vault, find_chaperone_ids(vault, today=TODAY), TODAY)
    names = ["Ahmed", "Ávila", "Brown", "Çelik", "de Vries", "O’Neill"]
    assert [r.name for r in rows] == [f"Alex {n}" for n in names]
    ids = find_chaperone_ids(vault, "", "name", True, TODAY)
    assert [r.name for r in fetch_chaperone_rows(vault, ids, TODAY)][:2] == [
        "Alex O’Neill",
        "Alex de Vries",
    ]


def test_permits_sort_by_each_column(vault: Vault) -> None:
    with writing(vault, ACTOR) as s:
        for given, family, employer in (
            ("Zara", "Alpha", "Banbury Bakes"),
            ("Amir", "Alpha", "abingdon Papers"),
            ("Bea", "Ávila", "Cowley Cafe"),
        ):
            record_from_form(
                s,
                {
                    **BASE,
                    **SATURDAY,
                    "child_given_names": given,
                    "child_family_name": family,
                    "employer": employer,
                },
                TODAY,
            )
    newest = [r.reference for r in fetch_permit_rows(vault, find_permit_ids(vault))]
    assert newest == sorted(newest, reverse=True) and len(newest) == 3
    by_employer = fetch_permit_rows(vault, find_permit_ids(vault, "employer", False))
    assert [r.employer for r in by_employer] == ["abingdon Papers", "Banbury Bakes", "Cowley Cafe"]
    by_child = fetch_permit_rows(vault, find_permit_ids(vault, "child_name", False))
    assert [r.child_name for r in by_child] == ["Amir Alpha", "Zara Alpha", "Bea Ávila"]
    by_child = fetch_permit_rows(vault, find_permit_ids(vault, "child_name", True))
    assert [r.child_name for r in by_child] == ["Bea Ávila", "Zara Alpha", "Amir Alpha"]
    with pytest.raises(ValueError, match="sort must be one of"):
        find_permit_ids(vault, "colour")
