"""A chaperone decision's documents (approval letter, ID card, refusal letter) and the photo.

The photo lives in the vault's attachment store, content-addressed by SHA-256 and linked to the
chaperone by a record attachment, so the card is printed from memory. An ID card is refused for
a refusal and for an approval that has expired, with a message that says so.
"""

from __future__ import annotations

import io
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.chaperones import Chaperone, ChaperoneDecision, ChaperoneDecisionKind
from oxfield.domain.notes import RecordAttachment
from oxfield.errors import ValidationError
from oxfield.reports.chaperone_approval import build_approval_letter
from oxfield.reports.chaperone_card import build_chaperone_card
from oxfield.reports.chaperone_refusal import build_refusal_letter
from oxfield.reports.images import picture
from oxfield.reports.licensing_inputs import ChaperoneCard, ChaperoneLetter
from oxfield.services import attachments
from oxfield.services.chaperones_status import require_current_approval
from oxfield.services.licensing_documents import officer
from oxfield.services.records import get
from oxfield.vault.attachments import chunks

PHOTO = "photo"


def set_photo(session: Session, chaperone: Chaperone, data: bytes, media_type: str) -> str:
    """Store the chaperone's photo (refused, naming the field, if it is not a picture)."""
    picture(data, 100, 100, field=PHOTO)
    stored = attachments.store_in(session, io.BytesIO(data), media_type)
    session.add(
        RecordAttachment(
            subject_kind=Chaperone.KIND,
            subject_id=chaperone.id,
            sha256=stored.sha256,
            caption=PHOTO,
            team=chaperone.team,
        )
    )
    session.flush()
    return stored.sha256


def photo_of(session: Session, chaperone_id: str) -> bytes | None:
    link = session.scalars(
        select(RecordAttachment)
        .where(
            RecordAttachment.subject_id == chaperone_id,
            RecordAttachment.caption == PHOTO,
            RecordAttachment.deleted.is_(False),
        )
        .order_by(RecordAttachment.hlc.desc())
    ).first()
    if link is None:
        return None
    return b"".join(chunks(session, link.sha256))


def _name(chaperone: Chaperone) -> str:
    return f"{chaperone.given_names} {chaperone.family_name}"


def _approved(session: Session, decision_id: str) -> tuple[ChaperoneDecision, Chaperone]:
    decision = get(session, ChaperoneDecision, decision_id)
    if decision.decision is not ChaperoneDecisionKind.APPROVED or decision.approved_until is None:
        raise ValidationError("approval: this decision is not an approval", "approval")
    return decision, get(session, Chaperone, decision.chaperone_id)


def approval_letter_pdf(session: Session, decision_id: str) -> bytes:
    decision, chaperone = _approved(session, decision_id)
    return build_approval_letter(
        ChaperoneLetter(
            reference=decision.id_card_number or decision.id,
            letter_date=decision.decided_on,
            name=_name(chaperone),
            officer=officer(decision.signed_by),
            approved_until=decision.approved_until,
            card_number=decision.id_card_number or "",
            restrictions=decision.reason or "",
        )
    )


def card_pdf(session: Session, decision_id: str, today: date) -> bytes:
    """The ID card; an expired approval gets no card."""
    decision, chaperone = _approved(session, decision_id)
    require_current_approval(chaperone, today)
    assert decision.approved_until is not None
    return build_chaperone_card(
        ChaperoneCard(
            reference=decision.id_card_number or decision.id,
            name=_name(chaperone),
            card_number=decision.id_card_number or "",
            approved_until=decision.approved_until,
            photo=photo_of(session, chaperone.id),
            restrictions=decision.reason or "",
        )
    )


def refusal_letter_pdf(session: Session, decision_id: str) -> bytes:
    decision = get(session, ChaperoneDecision, decision_id)
    if decision.decision is not ChaperoneDecisionKind.REFUSED:
        raise ValidationError("decision: this decision is not a refusal", "decision")
    chaperone = get(session, Chaperone, decision.chaperone_id)
    return build_refusal_letter(
        ChaperoneLetter(
            reference=f"CH-REF-{decision.id[-8:]}",
            letter_date=decision.decided_on,
            name=_name(chaperone),
            officer=officer(decision.signed_by),
            reasons=decision.reason or "",
        )
    )
