"""Home education intake: a case arrives from a school, a parent or another council.

:func:`open_case` records the child, the parents and carers, the address, the school left (by
URN, from the school list), the dates, the DfE primary reason, SEN and EHCP, any safeguarding
flag and whether the council's consent to deregister was needed. Before a new child is made it
looks for a possible duplicate (same date of birth and a similar name under ``oxfield.text``
normalisation, so O'Brien, O’Brien and OBrien are one name); if one is found the officer must
either pick that child or say the match is a different child. Which consent conditions apply is
an effective-dated setting (``resources/ehe/consent_to_deregister.json``), not code, so the
2026 Act's s47 condition starts the day the council dates it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.ehe import EheCase, EheReason, EheSource
from oxfield.domain.kinds import Team
from oxfield.domain.people import (
    Child,
    ContactDetail,
    ContactMethod,
    Relationship,
    SenStatus,
    Sex,
)
from oxfield.domain.schools import School
from oxfield.domain.tasks import Task, TaskType
from oxfield.errors import ValidationError
from oxfield.resources import resource_path
from oxfield.services import records
from oxfield.services.records import Actor
from oxfield.text import search_key
from oxfield.vault.vault import Vault

#: how alike two normalised names must be to count as a possible duplicate
SIMILARITY = 0.85


@dataclass(frozen=True)
class ParentIn:
    given_names: str
    family_name: str
    relationship: Relationship = Relationship.MOTHER
    parental_responsibility: bool = True
    provides_education: bool = True
    title: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class AddressIn:
    """A further address the child lives at (a second home, a carer's)."""

    line1: str
    postcode: str
    line2: str = ""
    town: str = ""


@dataclass(frozen=True)
class CaseIntake:
    """What the officer records when a case arrives (DOMAIN.md 4.4)."""

    family_name: str
    given_names: str
    date_of_birth: date
    notified_on: date
    source: EheSource
    address_line1: str
    postcode: str
    sex: Sex = Sex.UNKNOWN
    preferred_name: str = ""
    address_line2: str = ""
    town: str = ""
    parents: tuple[ParentIn, ...] = ()
    #: addresses besides the main one (``address_line1`` ... ``postcode``)
    other_addresses: tuple[AddressIn, ...] = ()
    school_left_urn: int | None = None
    deregistered_on: date | None = None
    primary_reason: EheReason = EheReason.UNKNOWN
    other_reasons: tuple[EheReason, ...] = ()
    sen_status: SenStatus = SenStatus.NONE
    ehcp_names_eotas: bool = False
    safeguarding_concern: bool = False
    safeguarding_detail: str = ""
    s47_enquiry: bool = False
    school_suggested_ehe: bool = False
    source_detail: str = ""
    district: str | None = None
    assigned_officer: str | None = None


@dataclass(frozen=True)
class DuplicateCandidate:
    child_id: str
    name: str
    date_of_birth: date
    case_references: tuple[str, ...]


class PossibleDuplicateError(ValidationError):
    """A child with the same date of birth and a similar name exists; the officer decides."""

    def __init__(self, candidates: Sequence[DuplicateCandidate]) -> None:
        super().__init__(
            f"{len(candidates)} child(ren) with the same date of birth and a similar name "
            "already exist: choose one, or confirm this is a different child",
            field="family_name",
        )
        self.candidates = tuple(candidates)


@dataclass(frozen=True)
class CaseOpened:
    case_id: str
    reference: str
    child_id: str
    #: the consent conditions met (keys of the consent table); empty when none applies
    consent_conditions: tuple[str, ...] = field(default_factory=tuple)


# --- consent to deregister -------------------------------------------------------------------


@cache
def consent_table() -> Mapping[str, Any]:
    raw = json.loads(resource_path("ehe", "consent_to_deregister.json").read_text(encoding="utf-8"))
    conditions: Mapping[str, Any] = raw["conditions"]
    return conditions


def conditions_in_force(on: date, table: Mapping[str, Any] | None = None) -> set[str]:
    """The consent conditions that apply to a deregistration on ``on``."""
    out = set()
    for name, cond in (table or consent_table()).items():
        start = cond.get("effective_from")
        if start and date.fromisoformat(start) <= on:
            out.add(name)
    return out


def is_special_school(school: School | None) -> bool:
    kind = (school.type_of_establishment or "") if school else ""
    return "special" in kind.casefold()


def consent_needed(
    school: School | None,
    s47_enquiry: bool,
    on: date,
    table: Mapping[str, Any] | None = None,
) -> tuple[str, ...]:
    """Which consent conditions this deregistration meets, on the table's dates."""
    active = conditions_in_force(on, table)
    met = []
    if "special_school" in active and is_special_school(school):
        met.append("special_school")
    if "s47_enquiry" in active and s47_enquiry:
        met.append("s47_enquiry")
    return tuple(met)


# --- duplicates ------------------------------------------------------------------------------


def _similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return a == b or SequenceMatcher(None, a, b).ratio() >= SIMILARITY


def find_duplicates_in(
    session: Session, family_name: str, given_names: str, date_of_birth: date
) -> list[DuplicateCandidate]:
    """Children with this date of birth whose name is alike in any spelling or order."""
    wanted = {
        search_key(f"{given_names} {family_name}"),
        search_key(f"{family_name} {given_names}"),
    }
    family = search_key(family_name)
    out = []
    for child in session.scalars(
        select(Child).where(Child.date_of_birth == date_of_birth, Child.deleted.is_(False))
    ):
        keys = [k for k in child.search_key.split("|") if k]
        same_family = search_key(child.legal_family_name) == family and bool(family)
        first = search_key(given_names.split()[0]) if given_names.split() else ""
        theirs = search_key((child.preferred_name or child.legal_given_names).split()[0])
        if any(_similar(k, w) for k in keys for w in wanted) or (
            same_family and _similar(first, theirs)
        ):
            refs = session.scalars(
                select(EheCase.reference).where(EheCase.child_id == child.id)
            ).all()
            out.append(
                DuplicateCandidate(child.id, child.display_name, child.date_of_birth, tuple(refs))
            )
    return out


def find_possible_duplicates(
    vault: Vault, family_name: str, given_names: str, date_of_birth: date
) -> list[DuplicateCandidate]:
    """Shown to the officer before a new child is made."""
    with vault.read() as session:
        return find_duplicates_in(session, family_name, given_names, date_of_birth)


# --- opening a case --------------------------------------------------------------------------


def _check(intake: CaseIntake, session: Session) -> School | None:
    if intake.notified_on < intake.date_of_birth:
        raise ValidationError("date notified is before the date of birth", "notified_on")
    if intake.deregistered_on and intake.deregistered_on < intake.date_of_birth:
        raise ValidationError("date off roll is before the date of birth", "deregistered_on")
    if intake.safeguarding_concern and not intake.safeguarding_detail.strip():
        raise ValidationError("a safeguarding flag needs a note of the concern", "safeguarding")
    if intake.school_left_urn is None:
        if intake.source is EheSource.SCHOOL_DEREGISTRATION:
            raise ValidationError("a school's notice needs the school left", "school_left_urn")
        return None
    school = session.get(School, intake.school_left_urn)
    if school is None:
        raise ValidationError("no school with that URN in the school list", "school_left_urn")
    return school


def _add_parent(session: Session, child: Child, p: ParentIn, officer: str | None) -> None:
    person = records.add_parent(
        session,
        child,
        family_name=p.family_name,
        given_names=p.given_names,
        relationship=p.relationship,
        parental_responsibility=p.parental_responsibility,
        title=p.title or None,
    )
    person.assigned_officer = officer
    for link in child.links:
        if link.person is person:
            link.provides_education = p.provides_education
    for method, value in ((ContactMethod.MOBILE, p.phone), (ContactMethod.EMAIL, p.email)):
        if value.strip():
            session.add(
                ContactDetail(
                    person=person,
                    method=method,
                    value=value.strip(),
                    team=child.team,
                    district=child.district,
                    assigned_officer=officer,
                )
            )


def open_case_in(
    session: Session,
    actor: Actor,
    intake: CaseIntake,
    *,
    existing_child_id: str | None = None,
    not_a_duplicate: bool = False,
) -> CaseOpened:
    """Record a new case in the caller's write session (see :func:`open_case`)."""
    school = _check(intake, session)
    if existing_child_id is not None:
        child = records.get(session, Child, existing_child_id)
    else:
        found = find_duplicates_in(
            session, intake.family_name, intake.given_names, intake.date_of_birth
        )
        if found and not not_a_duplicate:
            raise PossibleDuplicateError(found)
        child = records.create_child(
            session,
            team=Team.EHE,
            legal_family_name=intake.family_name,
            legal_given_names=intake.given_names,
            date_of_birth=intake.date_of_birth,
            preferred_name=intake.preferred_name.strip() or None,
            sex=intake.sex,
            sen_status=intake.sen_status,
            district=intake.district,
            assigned_officer=intake.assigned_officer,
        )
        main = AddressIn(intake.address_line1, intake.postcode, intake.address_line2, intake.town)
        for n, address in enumerate((main, *intake.other_addresses)):
            records.add_address(
                session,
                child,
                line1=address.line1,
                line2=address.line2 or None,
                town=address.town or None,
                postcode=address.postcode,
                is_main=n == 0,
            )
        for p in intake.parents:
            _add_parent(session, child, p, intake.assigned_officer)
    off_roll = intake.deregistered_on or intake.notified_on
    consent = consent_needed(school, intake.s47_enquiry, off_roll)
    case = records.open_ehe_case(
        session,
        child,
        notified_on=intake.notified_on,
        source=intake.source,
        source_detail=intake.source_detail or None,
        deregistered_on=intake.deregistered_on,
        school_left_urn=intake.school_left_urn,
        primary_reason=intake.primary_reason,
        other_reasons=",".join(r.value for r in intake.other_reasons),
        school_suggested_ehe=intake.school_suggested_ehe,
        special_school_consent_required="special_school" in consent,
        ehcp_names_eotas=intake.ehcp_names_eotas,
        safeguarding_concern=intake.safeguarding_concern or intake.s47_enquiry,
        safeguarding_detail=intake.safeguarding_detail or None,
        assigned_officer=intake.assigned_officer,
        district=intake.district,
    )
    session.flush()
    if consent:
        session.add(
            Task(
                title=f"Council consent to deregister needed ({case.reference})",
                task_type=TaskType.STATUTORY_DEADLINE,
                due_on=intake.notified_on,
                subject_kind=EheCase.KIND,
                subject_id=case.id,
                notes="; ".join(consent_table()[c]["label"] for c in consent),
                team=Team.EHE,
                district=case.district,
                assigned_officer=case.assigned_officer,
            )
        )
    return CaseOpened(case.id, case.reference, child.id, consent)


def open_case(
    vault: Vault,
    actor: Actor,
    intake: CaseIntake,
    *,
    existing_child_id: str | None = None,
    not_a_duplicate: bool = False,
) -> CaseOpened:
    """Open a case. A possible duplicate child stops it (:class:`PossibleDuplicateError`)
    unless the officer picked that child (``existing_child_id``) or said it is a different
    child (``not_a_duplicate``): nothing is written until one of those is decided."""
    with records.writing(vault, actor) as session:
        return open_case_in(
            session,
            actor,
            intake,
            existing_child_id=existing_child_id,
            not_a_duplicate=not_a_duplicate,
        )
