"""What every synced record carries: identity, sync metadata and scope (DESIGN.md section 2).

:class:`Synced` gives a table the id (UUIDv7 made here), ``kind`` (from the registry in
``kinds.py``), the server's ``version`` (0 until first synced), the ``hlc`` of its last local
change, who and which device changed it, the tombstone, and the scope (team, district,
assigned officer). :class:`Signable` adds ``signed_at``/``signed_by``; ``guard.py`` refuses any
change to a record once it is signed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import Boolean, Integer, String, event
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from oxfield.domain.kinds import KINDS, Team
from oxfield.domain.types import EnumText, UTCDateTime
from oxfield.ids import new_id

#: Columns the sync engine may change on a signed record (the server's version number).
SYNC_BOOKKEEPING = frozenset({"version"})


def utc_now() -> datetime:
    return datetime.now(UTC)


class Synced:
    """Mixin for every record that travels between the laptop and the server."""

    KIND: ClassVar[str]

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    version: Mapped[int] = mapped_column(Integer, default=0)
    hlc: Mapped[str] = mapped_column(String(80), default="", index=True)
    author: Mapped[str] = mapped_column(String(64), default="")
    device: Mapped[str] = mapped_column(String(64), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    team: Mapped[Team] = mapped_column(EnumText(Team, 16), index=True)
    district: Mapped[str | None] = mapped_column(String(64))
    assigned_officer: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    @declared_attr
    def kind(cls) -> Mapped[str]:  # noqa: N805
        return mapped_column(String(40), default=cls.KIND)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("KIND")
        if name is not None and name not in KINDS:
            raise TypeError(f"{cls.__name__}: kind {name!r} is not in oxfield.domain.kinds")


@event.listens_for(Synced, "init", propagate=True)
def _defaults_at_construction(target: Synced, args: Any, kwargs: dict[str, Any]) -> None:
    """Give a new record its id and metadata at once, so links need no flush first."""
    kwargs.setdefault("id", new_id())
    kwargs.setdefault("kind", type(target).KIND)
    kwargs.setdefault("version", 0)
    kwargs.setdefault("deleted", False)
    kwargs.setdefault("hlc", "")
    kwargs.setdefault("author", "")
    kwargs.setdefault("device", "")


class Signable(Synced):
    """A statement of what happened: immutable once ``signed_at`` is set."""

    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signed_by: Mapped[str | None] = mapped_column(String(64))
    #: the IANA zone the officer signed in (instants are stored in UTC)
    signed_zone: Mapped[str | None] = mapped_column(String(64))

    @property
    def signed(self) -> bool:
        return self.signed_at is not None
