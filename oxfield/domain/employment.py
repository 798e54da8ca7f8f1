"""Child employment permits: employer, job, the weekly pattern and the school's statement."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oxfield.domain.base import Signable
from oxfield.domain.people import Child
from oxfield.domain.types import EnumText
from oxfield.orm import Base


class PermitStatus(StrEnum):
    APPLIED = "applied"
    ISSUED = "issued"
    REFUSED = "refused"
    REVOKED = "revoked"
    CLOSED = "closed"


class EmploymentPermit(Signable, Base):
    __tablename__ = "employment_permit"
    KIND = "employment_permit"

    reference: Mapped[str] = mapped_column(String(24), unique=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    employer: Mapped[str] = mapped_column(String(200))
    employer_address: Mapped[str | None] = mapped_column(Text)
    job: Mapped[str] = mapped_column(String(200), default="")
    #: JSON: {"mon": [["07:00", "08:00"]], ...} as the employer declared it
    weekly_pattern: Mapped[str] = mapped_column(Text, default="{}")
    school_attendance_statement: Mapped[str | None] = mapped_column(Text)
    school_statement_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[PermitStatus] = mapped_column(
        EnumText(PermitStatus, 16), default=PermitStatus.APPLIED, index=True
    )
    issued_on: Mapped[date | None] = mapped_column(Date)
    next_review_on: Mapped[date | None] = mapped_column(Date, index=True)

    child: Mapped[Child] = relationship()
