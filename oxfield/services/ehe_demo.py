"""Synthetic EHE cases with visits, for demonstrations, training and benchmarks.

The children, parents, addresses and cases come from the domain's generator
(``records.make_demo_cases``: names from many scripts and spellings, real Oxfordshire schools,
statuses spread so some reviews are overdue). This adds what an EHE officer's week needs on top:
a planned visit for a new case (so the Today list has work) and a signed visit record for a
case being monitored or under informal enquiry (so letters and summaries have content), and
chaperone applicants at every stage of their pipeline (``chaperones_demo``). Every person is
invented; a seed makes the same set every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.ehe import (
    ContactType,
    EheCase,
    EheStatus,
    EheVisit,
)
from oxfield.progress import Progress
from oxfield.reports.ehe_inputs import Judgement, Outcome, SuitabilityPart
from oxfield.services import chaperones_demo, records
from oxfield.services.ehe_visit_details import VisitDetails, VisitRecord
from oxfield.services.ehe_visits import PLACES
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault


@dataclass(frozen=True)
class DemoMade:
    """What a demo run added, for the command line to report."""

    cases: int
    chaperones: int


def make_demo(
    vault: Vault,
    actor: Actor,
    count: int,
    *,
    seed: int = 2026,
    progress: Progress | None = None,
    scope: dict[str, Any] | None = None,
) -> DemoMade:
    """``count`` synthetic cases from the domain's generator (EHE, licences, permits), then
    visits for the EHE ones (:func:`add_demo_visits`) and chaperone applicants (12 to 20,
    more for a bigger demo; none if the vault has chaperones already). ``scope`` puts the cases
    in one officer's team, district and caseload (see records), and assigns the chaperones to
    that officer so they sync too."""
    made = records.make_demo_cases(vault, count, seed, actor=actor, progress=progress, scope=scope)
    add_demo_visits(vault, actor, seed=seed)
    chaperones = chaperones_demo.make_demo_chaperones(
        vault, actor, chaperones_demo.how_many(count), seed=seed, scope=scope
    )
    return DemoMade(made, chaperones)


def make_demo_cases(
    vault: Vault,
    actor: Actor,
    count: int,
    *,
    seed: int = 2026,
    progress: Progress | None = None,
    scope: dict[str, Any] | None = None,
) -> int:
    """:func:`make_demo`, returning how many cases were made."""
    return make_demo(vault, actor, count, seed=seed, progress=progress, scope=scope).cases


def add_demo_visits(vault: Vault, actor: Actor, *, seed: int = 2026) -> int:
    """Give EHE cases with no visit one that fits their stage: planned in the next fortnight
    for a new case, signed for a monitored case or an informal enquiry."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    today = actor.clock.today()
    added = 0
    with records.writing(vault, actor) as s:
        visited = select(EheVisit.case_id)
        for case in s.scalars(
            select(EheCase).where(EheCase.id.not_in(visited)).order_by(EheCase.reference)
        ):
            if case.status is EheStatus.OPEN:
                _visit(s, case, today + timedelta(days=rng.randint(0, 14)), None, actor)
            elif case.status in (EheStatus.MONITORING, EheStatus.INFORMAL_ENQUIRY):
                day = min(case.notified_on + timedelta(days=rng.randint(7, 40)), today)
                outcome = (
                    Outcome.SUITABLE
                    if case.status is EheStatus.MONITORING
                    else Outcome.MORE_INFORMATION
                )
                _visit(s, case, day, outcome, actor)
            else:
                continue
            added += 1
    return added


def _visit(s: Session, case: EheCase, day: date, outcome: Outcome | None, actor: Actor) -> None:
    record = None
    if outcome is not None:
        judgement = Judgement.MET if outcome is Outcome.SUITABLE else Judgement.INSUFFICIENT
        record = VisitRecord(
            present=("Parent", "Child"),
            child_seen=True,
            child_views="I enjoy reading and science projects.",
            approach="Semi-structured, child-led projects",
            judgements={p: judgement for p in SuitabilityPart},
            outcome=outcome,
        )
    visit = EheVisit(
        case_id=case.id,
        contact_type=ContactType.HOME_VISIT,
        planned_on=day,
        first_contact=True,
        child_seen=outcome is not None,
        summary=VisitDetails(place=PLACES[ContactType.HOME_VISIT], record=record).dump(),
        team=case.team,
        district=case.district,
        assigned_officer=case.assigned_officer,
    )
    s.add(visit)
    if outcome is not None:
        records.sign(visit, actor)
