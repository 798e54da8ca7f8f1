"""The orders the chaperones list can be sorted in, worked out by the query.

The list holds ids and reads rows a page at a time, so a sort cannot read every row first: the
stage, which :func:`oxfield.services.chaperones_list.stage_of` works out in Python for the rows
on screen, is worked out here again in SQL as a rank along the pipeline (identity documents
first, a refusal last). A test holds the two to the same answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, case, exists, func, or_, select

from oxfield.domain.chaperones import (
    BarredListResult,
    Chaperone,
    ChaperoneDecision,
    ChaperoneDecisionKind,
    ChaperoneInterview,
    ChaperoneReference,
)
from oxfield.services.list_sort import fold

#: the stages in the order a stage sort shows them, along the pipeline
STAGES = (
    "Waiting for identity documents",
    "Waiting for the enhanced DBS check",
    "Waiting for references",
    "Waiting for training",
    "Waiting for the interview",
    "Waiting for the decision",
    "Approved",
    "Approval expired",
    "Refused",
)


def stage_rank(today: date) -> ColumnElement[int]:
    """The index in :data:`STAGES` of each chaperone's stage on ``today``, as SQL."""
    good = (
        select(func.count())
        .where(
            ChaperoneReference.chaperone_id == Chaperone.id,
            ChaperoneReference.deleted.is_(False),
            ChaperoneReference.satisfactory.is_(True),
        )
        .scalar_subquery()
    )
    interviewed = exists().where(
        ChaperoneInterview.chaperone_id == Chaperone.id,
        ChaperoneInterview.signed_at.is_not(None),
        ChaperoneInterview.deleted.is_(False),
    )
    latest = (
        select(ChaperoneDecision.decision)
        .where(ChaperoneDecision.chaperone_id == Chaperone.id, ChaperoneDecision.deleted.is_(False))
        .order_by(ChaperoneDecision.decided_on.desc(), ChaperoneDecision.hlc.desc())
        .limit(1)
        .scalar_subquery()
    )
    until = Chaperone.approved_until
    return case(
        (latest == ChaperoneDecisionKind.REFUSED, 8),
        (until.is_not(None) & (until < today), 7),
        (until.is_not(None), 6),
        (or_(Chaperone.id_seen.is_(None), Chaperone.id_seen == ""), 0),
        (
            or_(
                Chaperone.dbs_certificate_number.is_(None),
                Chaperone.dbs_certificate_number == "",
                Chaperone.barred_list != BarredListResult.CLEAR,
            ),
            1,
        ),
        (good < 2, 2),
        (Chaperone.training_completed_on.is_(None), 3),
        (~interviewed, 4),
        else_=5,
    )


def chaperone_sorts(today: date) -> dict[str, Sequence[SQLColumnExpression[Any]]]:
    """Each list column's sort keys; names sort by family name, then given names, folded
    (the query's session needs :func:`oxfield.services.list_sort.with_fold`)."""
    return {
        "name": [fold(Chaperone.family_name), fold(Chaperone.given_names)],
        "stage": [stage_rank(today)],
        "applied_on": [Chaperone.applied_on],
        "card_number": [Chaperone.id_card_number],
        "approved_until": [Chaperone.approved_until],
    }
