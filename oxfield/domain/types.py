"""Column types shared by the domain records: UTC instants and enums stored as their values.

Instants are stored as naive UTC in the database and come back as aware UTC datetimes; a naive
datetime handed in is refused, because its zone would be a guess. Enum columns store the
enum's value as text (no CHECK constraint, so a later release can add values without a
table rebuild) and come back as the enum.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored as naive UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("instants must carry a time zone (UTC is stored)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E]):
    """A StrEnum stored as its value in a VARCHAR."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int = 40) -> None:
        super().__init__(length)
        self.enum = enum
        self.length = length

    def __repr__(self) -> str:
        return f"EnumText({self.enum.__name__}, {self.length})"

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        if value is None:
            return None
        return self.enum(value)
