"""The demo's chaperone applicants through the real pipeline: every stage of the Chaperones
list is shown, approvals carry cards and expiries (some due soon), the set is repeatable for a
seed, and a second demo run does not copy the same people again."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import UTC, date, datetime

from oxfield.clock import FixedClock
from oxfield.domain.reminders import Reminder
from oxfield.domain.tasks import TaskType
from oxfield.services import chaperones_demo, chaperones_order, ehe_demo
from oxfield.services.chaperones_list import fetch_chaperone_rows, find_chaperone_ids
from oxfield.services.chaperones_status import due_items
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault

TODAY = date(2026, 12, 3)
ACTOR = Actor("officer-1", "dev", FixedClock(datetime(2026, 12, 3, 9, tzinfo=UTC)))
STAGES = set(chaperones_order.STAGES) - {"Approval expired"}  # every stage the demo makes


def _scripts(names: list[str]) -> set[str]:
    """The first word of each letter's Unicode name: LATIN, CYRILLIC, GREEK, CJK..."""
    return {unicodedata.name(ch).split()[0] for n in names for ch in n if ch.isalpha()}


def test_the_demo_vault_lists_chaperones_at_every_stage(vault: Vault) -> None:
    made = ehe_demo.make_demo(vault, ACTOR, 30, seed=7)
    assert (made.cases, made.chaperones) == (30, 12)
    rows = fetch_chaperone_rows(vault, find_chaperone_ids(vault), TODAY)
    stages = Counter(r.stage for r in rows)
    assert set(stages) == STAGES
    assert stages["Approved"] == 5 and stages["Refused"] == 1
    approved = [r for r in rows if r.stage == "Approved"]
    assert all(r.card_number.startswith("CH-") and r.approved_until for r in approved)
    assert len({r.card_number for r in approved}) == 5
    assert not any(r.expired for r in rows)
    assert len(_scripts([r.name for r in rows])) >= 4  # Latin and at least three others

    soon = [r for r in due_items_of(vault) if r.task_type is TaskType.APPROVAL_EXPIRY]
    assert len(soon) == 2  # the two approvals ending within the reminder window


def due_items_of(vault: Vault) -> list[Reminder]:
    with vault.read() as s:
        return due_items(s, TODAY)


def test_a_second_demo_run_adds_cases_but_not_the_same_chaperones(vault: Vault) -> None:
    ehe_demo.make_demo(vault, ACTOR, 5, seed=7)
    again = ehe_demo.make_demo(vault, ACTOR, 5, seed=8)
    assert (again.cases, again.chaperones) == (5, 0)
    assert len(find_chaperone_ids(vault)) == 12


def test_the_plan_is_repeatable_scaled_and_has_a_leap_day_birthday() -> None:
    first = chaperones_demo.plan(20, seed=3)
    assert first == chaperones_demo.plan(20, seed=3)
    assert first != chaperones_demo.plan(20, seed=5)
    assert sum(p.date_of_birth == date(1984, 2, 29) for p in first) == 1
    assert len({(p.given_names, p.family_name) for p in first}) == 20
    assert [chaperones_demo.how_many(n) for n in (1, 200, 400, 100_000)] == [12, 16, 20, 20]
