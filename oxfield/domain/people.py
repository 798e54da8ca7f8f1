"""Children, the adults around them, where they live and how to reach them.

A child has a legal name and may have a preferred one; both are searchable through
``search_key`` (see ``oxfield.text``), kept up to date whenever a name changes. A child can
live at two addresses at once (two rows with no ``moved_out_on``), and address history is kept
rather than overwritten.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oxfield.domain.base import Synced
from oxfield.domain.types import EnumText
from oxfield.orm import Base
from oxfield.text import search_key, search_keys


class Sex(StrEnum):
    """As the DfE census counts it."""

    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class SenStatus(StrEnum):
    NONE = "none"
    SEN_SUPPORT = "sen_support"
    EHCP = "ehcp"


class Relationship(StrEnum):
    MOTHER = "mother"
    FATHER = "father"
    STEP_PARENT = "step_parent"
    GRANDPARENT = "grandparent"
    FOSTER_CARER = "foster_carer"
    SPECIAL_GUARDIAN = "special_guardian"
    OTHER_RELATIVE = "other_relative"
    CARER = "carer"
    OTHER = "other"


class ContactMethod(StrEnum):
    PHONE = "phone"
    MOBILE = "mobile"
    EMAIL = "email"
    POST = "post"


class Child(Synced, Base):
    __tablename__ = "child"
    KIND = "child"

    legal_family_name: Mapped[str] = mapped_column(String(100))
    legal_given_names: Mapped[str] = mapped_column(String(150))
    preferred_name: Mapped[str | None] = mapped_column(String(150))
    date_of_birth: Mapped[date] = mapped_column(Date, index=True)
    sex: Mapped[Sex] = mapped_column(EnumText(Sex, 16), default=Sex.UNKNOWN)
    upn: Mapped[str | None] = mapped_column(String(13), index=True)
    sen_status: Mapped[SenStatus] = mapped_column(EnumText(SenStatus, 16), default=SenStatus.NONE)
    #: the school the child attends now (URN), if any
    school_urn: Mapped[int | None] = mapped_column(Integer)
    #: "|"-separated search keys of every way of writing the name (``oxfield.text``)
    search_key: Mapped[str] = mapped_column(String(600), default="", index=True)
    #: family name then given names, normalised: the order of the case list
    sort_key: Mapped[str] = mapped_column(String(300), default="", index=True)

    links: Mapped[list[ChildPerson]] = relationship(back_populates="child")
    addresses: Mapped[list[Address]] = relationship(back_populates="child")

    @property
    def display_name(self) -> str:
        given = self.preferred_name or self.legal_given_names
        return f"{given} {self.legal_family_name}".strip()

    def refresh_search(self) -> None:
        self.search_key, self.sort_key = child_keys(
            self.legal_family_name, self.legal_given_names, self.preferred_name
        )


def child_keys(family: str | None, given: str | None, preferred: str | None) -> tuple[str, str]:
    """(search_key, sort_key) for a child's names: every order, legal and preferred."""
    family, given, preferred = family or "", given or "", preferred or ""
    keys = search_keys(
        f"{given} {family}",
        f"{family} {given}",
        f"{preferred} {family}",
        f"{family} {preferred}",
    )
    return keys, f"{search_key(family)} {search_key(preferred or given)}"[:300]


@event.listens_for(Child, "before_insert")
@event.listens_for(Child, "before_update")
def _child_search(mapper: object, connection: object, target: Child) -> None:
    target.refresh_search()


class Person(Synced, Base):
    """A parent, carer or other adult linked to a child."""

    __tablename__ = "person"
    KIND = "person"

    title: Mapped[str | None] = mapped_column(String(20))
    family_name: Mapped[str] = mapped_column(String(100))
    given_names: Mapped[str] = mapped_column(String(150))
    search_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    contacts: Mapped[list[ContactDetail]] = relationship(back_populates="person")
    addresses: Mapped[list[Address]] = relationship(back_populates="person")


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _person_search(mapper: object, connection: object, target: Person) -> None:
    target.search_key = search_keys(
        f"{target.given_names} {target.family_name}", f"{target.family_name} {target.given_names}"
    )


class ChildPerson(Synced, Base):
    """How an adult stands to a child, and whether they hold parental responsibility."""

    __tablename__ = "child_person"
    KIND = "relationship"

    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    relationship_to_child: Mapped[Relationship] = mapped_column(EnumText(Relationship, 24))
    parental_responsibility: Mapped[bool] = mapped_column(Boolean, default=False)
    lives_with_child: Mapped[bool] = mapped_column(Boolean, default=True)
    provides_education: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)

    child: Mapped[Child] = relationship(back_populates="links")
    person: Mapped[Person] = relationship()


class Address(Synced, Base):
    """Where a child or an adult lives or lived; ``moved_out_on`` empty means current."""

    __tablename__ = "address"
    KIND = "address"

    child_id: Mapped[str | None] = mapped_column(ForeignKey("child.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    line1: Mapped[str] = mapped_column(String(200))
    line2: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str] = mapped_column(String(10), index=True)
    uprn: Mapped[str | None] = mapped_column(String(12))
    moved_in_on: Mapped[date | None] = mapped_column(Date)
    moved_out_on: Mapped[date | None] = mapped_column(Date)
    is_main: Mapped[bool] = mapped_column(Boolean, default=True)

    child: Mapped[Child | None] = relationship(back_populates="addresses")
    person: Mapped[Person | None] = relationship(back_populates="addresses")

    @property
    def current(self) -> bool:
        return self.moved_out_on is None


class ContactDetail(Synced, Base):
    """A phone number, email or postal preference for an adult."""

    __tablename__ = "contact_detail"
    KIND = "contact_detail"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    method: Mapped[ContactMethod] = mapped_column(EnumText(ContactMethod, 16))
    value: Mapped[str] = mapped_column(String(200))
    preferred: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship(back_populates="contacts")
