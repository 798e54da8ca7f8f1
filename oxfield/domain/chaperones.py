"""Chaperone approval: the applicant, DBS checks, references, interview and decision.

The decision and the interview record are signable. An approval expires; the annual DBS
update-service re-check and the expiry become tasks.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from oxfield.domain.base import Signable, Synced
from oxfield.domain.types import EnumText
from oxfield.orm import Base


class BarredListResult(StrEnum):
    NOT_CHECKED = "not_checked"
    CLEAR = "clear"
    BARRED = "barred"


class ChaperoneDecisionKind(StrEnum):
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    REVOKED = "revoked"


class Chaperone(Synced, Base):
    __tablename__ = "chaperone"
    KIND = "chaperone"

    family_name: Mapped[str] = mapped_column(String(100))
    given_names: Mapped[str] = mapped_column(String(150))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    search_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    applied_on: Mapped[date | None] = mapped_column(Date)
    dbs_certificate_number: Mapped[str | None] = mapped_column(String(12))
    dbs_issued_on: Mapped[date | None] = mapped_column(Date)
    dbs_update_service: Mapped[bool] = mapped_column(Boolean, default=False)
    dbs_last_checked_on: Mapped[date | None] = mapped_column(Date)
    barred_list: Mapped[BarredListResult] = mapped_column(
        EnumText(BarredListResult, 16), default=BarredListResult.NOT_CHECKED
    )
    id_seen: Mapped[str | None] = mapped_column(String(200))
    id_seen_on: Mapped[date | None] = mapped_column(Date)
    training_completed_on: Mapped[date | None] = mapped_column(Date)
    approved_until: Mapped[date | None] = mapped_column(Date, index=True)
    id_card_number: Mapped[str | None] = mapped_column(String(20))


class ChaperoneReference(Synced, Base):
    __tablename__ = "chaperone_reference"
    KIND = "chaperone_reference"

    chaperone_id: Mapped[str] = mapped_column(ForeignKey("chaperone.id"), index=True)
    referee_name: Mapped[str] = mapped_column(String(200))
    received_on: Mapped[date | None] = mapped_column(Date)
    satisfactory: Mapped[bool | None] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)


class ChaperoneInterview(Signable, Base):
    __tablename__ = "chaperone_interview"
    KIND = "chaperone_interview"

    chaperone_id: Mapped[str] = mapped_column(ForeignKey("chaperone.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    interviewer: Mapped[str] = mapped_column(String(64), default="")
    notes: Mapped[str | None] = mapped_column(Text)
    recommendation: Mapped[str | None] = mapped_column(String(200))


class ChaperoneDecision(Signable, Base):
    __tablename__ = "chaperone_decision"
    KIND = "chaperone_decision"

    chaperone_id: Mapped[str] = mapped_column(ForeignKey("chaperone.id"), index=True)
    decision: Mapped[ChaperoneDecisionKind] = mapped_column(EnumText(ChaperoneDecisionKind, 16))
    decided_on: Mapped[date] = mapped_column(Date)
    approved_until: Mapped[date | None] = mapped_column(Date)
    id_card_number: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
