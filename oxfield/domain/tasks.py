"""Tasks and reminders: next reviews, approval expiries, the annual DBS re-check."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from oxfield.domain.base import Synced
from oxfield.domain.types import EnumText
from oxfield.orm import Base


class TaskType(StrEnum):
    NEXT_REVIEW = "next_review"
    APPROVAL_EXPIRY = "approval_expiry"
    DBS_RECHECK = "dbs_recheck"
    STATUTORY_DEADLINE = "statutory_deadline"
    OTHER = "other"


class Task(Synced, Base):
    __tablename__ = "task"
    KIND = "task"

    title: Mapped[str] = mapped_column(String(200))
    task_type: Mapped[TaskType] = mapped_column(EnumText(TaskType, 24), default=TaskType.OTHER)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    subject_kind: Mapped[str | None] = mapped_column(String(40))
    subject_id: Mapped[str | None] = mapped_column(String(36), index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
