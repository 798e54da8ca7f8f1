"""Schools, as Get Information About Schools (GIAS) describes them.

Reference data, not a synced record: every laptop loads the same list (the Oxfordshire file
shipped in ``resources/reference`` or a fresh GIAS extract) and records point at a school by
its URN, which GIAS never reuses.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from oxfield.orm import Base
from oxfield.text import search_keys


class School(Base):
    __tablename__ = "school"

    urn: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    laestab: Mapped[str | None] = mapped_column(String(7), index=True)
    la_code: Mapped[str | None] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(200))
    type_of_establishment: Mapped[str | None] = mapped_column(String(100))
    phase: Mapped[str | None] = mapped_column(String(60))
    town: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(10))
    open: Mapped[bool]
    open_date: Mapped[date | None] = mapped_column(Date)
    close_date: Mapped[date | None] = mapped_column(Date)
    #: which file this row came from last ("oxfordshire_schools.csv", "gias")
    source: Mapped[str] = mapped_column(String(40))
    search_key: Mapped[str] = mapped_column(String(300), default="", index=True)


@event.listens_for(School, "before_insert")
@event.listens_for(School, "before_update")
def _school_search(mapper: object, connection: object, target: School) -> None:
    target.search_key = search_keys(target.name, target.laestab or "", str(target.urn))
