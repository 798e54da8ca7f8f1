"""Child performance licensing: licences, daily records at venues, inspections, BOPAs.

A licence names the child, the production, the applicant, the venues and dates, the education
arrangements, the chaperone and the tutor. Inspections and licence decisions are signable.
Times at a venue are UTC instants with the zone they were taken in.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oxfield.domain.base import Signable, Synced
from oxfield.domain.people import Child
from oxfield.domain.types import EnumText, UTCDateTime
from oxfield.orm import Base


class LicenceStatus(StrEnum):
    APPLIED = "applied"
    GRANTED = "granted"
    REFUSED = "refused"
    REVOKED = "revoked"
    CLOSED = "closed"


class Licence(Signable, Base):
    __tablename__ = "licence"
    KIND = "licence"

    reference: Mapped[str] = mapped_column(String(24), unique=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    production: Mapped[str] = mapped_column(String(200))
    applicant_name: Mapped[str] = mapped_column(String(200), default="")
    applicant_contact: Mapped[str | None] = mapped_column(String(200))
    received_on: Mapped[date | None] = mapped_column(Date)
    venues: Mapped[str] = mapped_column(Text, default="")
    first_day: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date)
    performance_days: Mapped[int | None] = mapped_column(Integer)
    education_arrangements: Mapped[str | None] = mapped_column(Text)
    chaperone_id: Mapped[str | None] = mapped_column(ForeignKey("chaperone.id"), index=True)
    tutor_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[LicenceStatus] = mapped_column(
        EnumText(LicenceStatus, 16), default=LicenceStatus.APPLIED, index=True
    )
    decided_on: Mapped[date | None] = mapped_column(Date)
    next_review_on: Mapped[date | None] = mapped_column(Date, index=True)

    child: Mapped[Child] = relationship()


class DailyRecord(Synced, Base):
    """The record a chaperone keeps at the venue each day (reg 11, Schedule 3)."""

    __tablename__ = "daily_record"
    KIND = "daily_record"

    licence_id: Mapped[str] = mapped_column(ForeignKey("licence.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(200), default="")
    zone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    departed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: performing and break periods as JSON [[start, end], ...] of ISO instants
    performing: Mapped[str] = mapped_column(Text, default="[]")
    breaks: Mapped[str] = mapped_column(Text, default="[]")
    meals: Mapped[str | None] = mapped_column(Text)
    education_minutes: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class Bopa(Signable, Base):
    """A body of persons approval (s37(3)(b))."""

    __tablename__ = "bopa"
    KIND = "bopa"

    organisation: Mapped[str] = mapped_column(String(200))
    production: Mapped[str | None] = mapped_column(String(200))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    conditions: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[date | None] = mapped_column(Date)


class Inspection(Signable, Base):
    __tablename__ = "inspection"
    KIND = "inspection"

    venue: Mapped[str] = mapped_column(String(200))
    inspected_on: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    zone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    licence_id: Mapped[str | None] = mapped_column(ForeignKey("licence.id"), index=True)
    bopa_id: Mapped[str | None] = mapped_column(ForeignKey("bopa.id"), index=True)
    findings: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(200))
