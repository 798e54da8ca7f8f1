"""Plain data the visit form needs, read on a worker through the services (never Qt here).

The form must not hold live database rows: this reads a visit once and hands back frozen
values, including any unsaved draft, so the GUI thread only ever sees plain data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from oxfield.domain.ehe import EheVisit
from oxfield.services import records
from oxfield.services.drafts import load_draft
from oxfield.services.ehe_visit_details import VisitRecord
from oxfield.services.ehe_visits import visit_place, visit_record
from oxfield.services.vaults import Vault

FORM_NAME = "ehe_visit_record"


@dataclass(frozen=True)
class VisitState:
    visit_id: str
    case_id: str
    planned_on: date
    place: str
    signed: bool
    record: VisitRecord
    from_draft: bool


def load_visit_state(vault: Vault, visit_id: str) -> VisitState:
    """The visit as saved, or as last typed if a draft exists and it is not signed yet."""
    with vault.read() as s:
        visit = records.get(s, EheVisit, visit_id)
        state = VisitState(
            visit.id,
            visit.case_id,
            visit.planned_on,
            visit_place(visit),
            bool(visit.signed),
            visit_record(visit),
            False,
        )
    if state.signed:
        return state
    draft = load_draft(vault, FORM_NAME, visit_id)
    if draft is not None and "record" in draft.fields:
        try:
            record = VisitRecord.from_json(json.loads(draft.fields["record"]))
        except (ValueError, KeyError, TypeError):
            return state
        return VisitState(
            state.visit_id, state.case_id, state.planned_on, state.place, False, record, True
        )
    return state


def latest_unsigned_visit(vault: Vault, case_id: str) -> str | None:
    """The most recently planned visit on a case that is not signed yet, if any."""
    with vault.read() as s:
        visits = [
            v for v in s.query(EheVisit).filter_by(case_id=case_id, deleted=False) if not v.signed
        ]
    visits.sort(key=lambda v: v.planned_on)
    return visits[-1].id if visits else None
