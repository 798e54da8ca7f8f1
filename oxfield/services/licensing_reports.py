"""The licensing documents and the due list by name, for the command line and the desktop.

Each document is produced from an unlocked vault and a record id, in memory; the caller decides
where the bytes go. ``due`` lists chaperone approvals and DBS update-service re-checks falling
due within the window (60 days), overdue ones first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain.chaperones import Chaperone
from oxfield.domain.tasks import TaskType
from oxfield.services import audit
from oxfield.services.chaperones_documents import (
    approval_letter_pdf,
    card_pdf,
    refusal_letter_pdf,
)
from oxfield.services.chaperones_status import DUE_WINDOW_DAYS, due_items
from oxfield.services.employment_documents import permit_pdf
from oxfield.services.licensing_documents import inspection_report_pdf, licence_pdf
from oxfield.vault.vault import Vault

Maker = Callable[[Session, str, Clock], bytes]

REPORTS: dict[str, Maker] = {
    "inspection": lambda s, i, c: inspection_report_pdf(s, i, c),
    "chaperone-approval": lambda s, i, c: approval_letter_pdf(s, i),
    "chaperone-card": lambda s, i, c: card_pdf(s, i, c.today()),
    "chaperone-refusal": lambda s, i, c: refusal_letter_pdf(s, i),
    "licence": lambda s, i, c: licence_pdf(s, i),
    "permit": lambda s, i, c: permit_pdf(s, i),
}


def make_report(vault: Vault, name: str, record_id: str, clock: Clock) -> bytes:
    """The named document for the record, as PDF bytes; the export is audited."""
    with vault.read() as session:
        data = REPORTS[name](session, record_id, clock)
    audit.record(
        vault,
        "report.export",
        subject_kind=name,
        subject_id=record_id,
        detail={"bytes": len(data)},
    )
    return data


@dataclass(frozen=True)
class DueLine:
    due_on: date
    what: str
    chaperone: str
    card_number: str
    overdue: bool


def due(vault: Vault, today: date, window_days: int = DUE_WINDOW_DAYS) -> list[DueLine]:
    with vault.read() as session:
        out = []
        for item in due_items(session, today, window_days):
            chaperone = session.get(Chaperone, item.subject_id)
            if chaperone is None or chaperone.deleted:
                continue
            what = (
                "DBS update-service re-check"
                if item.task_type is TaskType.DBS_RECHECK
                else "Approval expires"
            )
            out.append(
                DueLine(
                    item.due_on,
                    what,
                    f"{chaperone.given_names} {chaperone.family_name}",
                    chaperone.id_card_number or "",
                    item.due_on < today,
                )
            )
        return out
