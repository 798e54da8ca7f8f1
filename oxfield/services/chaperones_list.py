"""The chaperones list: applicants and approved chaperones, their stage and approval expiry.

The desktop's list holds ids only and asks for a page of rows when it shows them (the case
list's habit), so searching returns ids and :func:`fetch_chaperone_rows` reads the few rows on
screen with their references, interviews and decisions in three queries per page, whatever the
page's size. The stage says what an applicant is waiting for; an approval past its expiry is
marked as expired, so the screen can highlight it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.chaperones import (
    BarredListResult,
    Chaperone,
    ChaperoneDecision,
    ChaperoneDecisionKind,
    ChaperoneInterview,
    ChaperoneReference,
)
from oxfield.services.chaperones_order import chaperone_sorts
from oxfield.services.chaperones_status import approval_years
from oxfield.services.list_sort import fold, order_by, with_fold
from oxfield.text import search_key
from oxfield.vault.vault import Vault


@dataclass(frozen=True, slots=True)
class ChaperoneRow:
    id: str
    name: str
    stage: str
    applied_on: date | None
    approved_until: date | None
    expired: bool
    card_number: str
    decision_id: str | None  # the latest decision, for its letter or card


@dataclass(frozen=True, slots=True)
class _Facts:
    good_references: int
    interviewed: bool
    decision: ChaperoneDecision | None


def stage_of(chaperone: Chaperone, facts: _Facts, today: date) -> str:
    """What the applicant waits for, or where the approval stands on ``today``."""
    decision = facts.decision
    if decision is not None and decision.decision is ChaperoneDecisionKind.REFUSED:
        return "Refused"
    if chaperone.approved_until is not None:
        return "Approval expired" if chaperone.approved_until < today else "Approved"
    if not chaperone.id_seen:
        return "Waiting for identity documents"
    if not chaperone.dbs_certificate_number or chaperone.barred_list is not BarredListResult.CLEAR:
        return "Waiting for the enhanced DBS check"
    if facts.good_references < 2:
        return "Waiting for references"
    if chaperone.training_completed_on is None:
        return "Waiting for training"
    if not facts.interviewed:
        return "Waiting for the interview"
    return "Waiting for the decision"


def find_chaperone_ids(
    vault: Vault,
    text: str = "",
    sort: str = "name",
    descending: bool = False,
    today: date | None = None,
) -> list[str]:
    """Ids of every chaperone whose name holds ``text``, sorted by the list column ``sort``
    (by family then given names unless asked); the stage is the one on ``today``."""
    key = search_key(text)
    if today is None and sort == "stage":
        raise ValueError("the stage sort needs the day the stages are on")
    sorts = chaperone_sorts(today or date.min)  # only the stage reads the day
    ties = [fold(Chaperone.family_name), fold(Chaperone.given_names), Chaperone.id]
    with vault.read() as s:
        with_fold(s)
        query = select(Chaperone.id).where(Chaperone.deleted.is_(False))
        if key:
            query = query.where(Chaperone.search_key.contains(key, autoescape=True))
        query = query.order_by(*order_by(sorts, sort, descending, ties))
        return list(s.scalars(query))


def _facts(s: Session, ids: Sequence[str]) -> dict[str, _Facts]:
    good: dict[str, int] = dict.fromkeys(ids, 0)
    for chaperone_id in s.scalars(
        select(ChaperoneReference.chaperone_id).where(
            ChaperoneReference.chaperone_id.in_(ids),
            ChaperoneReference.deleted.is_(False),
            ChaperoneReference.satisfactory.is_(True),
        )
    ):
        good[chaperone_id] += 1
    interviewed = set(
        s.scalars(
            select(ChaperoneInterview.chaperone_id).where(
                ChaperoneInterview.chaperone_id.in_(ids),
                ChaperoneInterview.signed_at.is_not(None),
                ChaperoneInterview.deleted.is_(False),
            )
        )
    )
    latest: dict[str, ChaperoneDecision] = {}
    for decision in s.scalars(
        select(ChaperoneDecision)
        .where(ChaperoneDecision.chaperone_id.in_(ids), ChaperoneDecision.deleted.is_(False))
        .order_by(ChaperoneDecision.decided_on, ChaperoneDecision.hlc)
    ):
        latest[decision.chaperone_id] = decision
    return {i: _Facts(good[i], i in interviewed, latest.get(i)) for i in ids}


def fetch_chaperone_rows(vault: Vault, ids: Sequence[str], today: date) -> list[ChaperoneRow]:
    """The rows for ``ids`` in the same order (an id since deleted is left out)."""
    with vault.read() as s:
        found = {c.id: c for c in s.scalars(select(Chaperone).where(Chaperone.id.in_(ids)))}
        facts = _facts(s, list(found))
        rows = []
        for chaperone_id in ids:
            c = found.get(chaperone_id)
            if c is None or c.deleted:
                continue
            f = facts[c.id]
            rows.append(
                ChaperoneRow(
                    id=c.id,
                    name=f"{c.given_names} {c.family_name}",
                    stage=stage_of(c, f, today),
                    applied_on=c.applied_on,
                    approved_until=c.approved_until,
                    expired=c.approved_until is not None and c.approved_until < today,
                    card_number=c.id_card_number or "",
                    decision_id=f.decision.id if f.decision is not None else None,
                )
            )
        return rows


def council_approval_years(vault: Vault) -> int:
    """The council's approval length, for the decision screen to show the expiry it will get."""
    with vault.read() as s:
        return approval_years(s)
