"""The case list: find, sort and fetch cases quickly, however many the vault holds.

A case is an EHE case (team ehe), or a licence or employment permit for a child (team
licensing). :func:`find_case_ids` returns only ids, in order, so the desktop can hold 50,000
rows cheaply and ask :func:`fetch_case_rows` for the ones on screen. Text matches the child's
names in any accent or apostrophe style (``oxfield.text``), a date of birth typed as
dd/mm/yyyy or yyyy-mm-dd, a UPN, a school name or a case reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Select,
    String,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import aliased

from oxfield.domain.ehe import EheCase, EheStatus
from oxfield.domain.employment import EmploymentPermit, PermitStatus
from oxfield.domain.licensing import Licence, LicenceStatus
from oxfield.domain.people import Child
from oxfield.domain.schools import School
from oxfield.text import search_key
from oxfield.vault.vault import Vault

#: statuses after which a case is no longer reviewed (never overdue)
CLOSED_STATUSES = ("closed", "refused", "revoked")
SORTS = ("child_name", "date_of_birth", "reference", "school", "status", "next_review")
#: the teams that hold cases, and the statuses a case of each team can have (for filters)
CASE_STATUSES: dict[str, tuple[str, ...]] = {
    "ehe": tuple(s.value for s in EheStatus),
    "licensing": tuple(
        dict.fromkeys([*(s.value for s in LicenceStatus), *(s.value for s in PermitStatus)])
    ),
}
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class CaseQuery:
    text: str = ""
    team: str | None = None
    status: str | None = None
    officer: str | None = None
    overdue_only: bool = False
    sort: str = (
        "child_name"  # child_name | date_of_birth | reference | school | status | next_review
    )
    descending: bool = False


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: str
    reference: str
    team: str
    child_name: str
    date_of_birth: date
    upn: str | None
    school: str | None
    status: str
    officer: str | None
    next_review: date | None
    overdue: bool


def _cases() -> Any:
    """Every case of every kind as one row shape (a UNION ALL subquery)."""
    ehe = select(
        EheCase.id.label("id"),
        EheCase.reference.label("reference"),
        type_coerce(EheCase.team, String).label("team"),
        EheCase.child_id.label("child_id"),
        EheCase.school_left_urn.label("school_urn"),
        type_coerce(EheCase.status, String).label("status"),
        EheCase.assigned_officer.label("officer"),
        EheCase.next_review_on.label("next_review"),
    ).where(EheCase.deleted.is_(False))
    lic = select(
        Licence.id,
        Licence.reference,
        type_coerce(Licence.team, String),
        Licence.child_id,
        literal(None).label("school_urn"),
        type_coerce(Licence.status, String),
        Licence.assigned_officer,
        Licence.next_review_on,
    ).where(Licence.deleted.is_(False))
    permit = select(
        EmploymentPermit.id,
        EmploymentPermit.reference,
        type_coerce(EmploymentPermit.team, String),
        EmploymentPermit.child_id,
        literal(None).label("school_urn"),
        type_coerce(EmploymentPermit.status, String),
        EmploymentPermit.assigned_officer,
        EmploymentPermit.next_review_on,
    ).where(EmploymentPermit.deleted.is_(False))
    return union_all(ehe, lic, permit).subquery("cases")


def parse_date(text: str) -> date | None:
    """A date typed as dd/mm/yyyy (also with - or .) or yyyy-mm-dd; None if it is not one."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _base() -> tuple[Select[Any], Any, Any]:
    """The cases joined to their child and school; both joins are primary-key lookups."""
    cases = _cases()
    left = aliased(School, name="school_left")
    current = aliased(School, name="school_now")
    stmt = (
        select(cases.c.id)
        .select_from(cases)
        .join(Child, Child.id == cases.c.child_id)
        .outerjoin(left, left.urn == cases.c.school_urn)
        .outerjoin(current, current.urn == Child.school_urn)
    )
    # an EHE case shows the school the child left; a licensing case the child's school now
    school_name = case((cases.c.school_urn.is_not(None), left.name), else_=current.name)
    return stmt, cases, school_name


def _overdue(cases: Any, today: date) -> Any:
    return and_(
        cases.c.next_review.is_not(None),
        cases.c.next_review < today,
        cases.c.status.not_in(CLOSED_STATUSES),
    )


def _school_urns(vault: Vault, key: str) -> list[int]:
    with vault.read() as session:
        return list(
            session.scalars(
                select(School.urn).where(School.search_key.contains(key, autoescape=True))
            )
        )


def find_case_ids(vault: Vault, query: CaseQuery, today: date) -> list[str]:
    """Ids of the cases matching ``query``, in the order it asks for."""
    if query.sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    stmt, cases, school_name = _base()
    text = query.text.strip()
    if text:
        day = parse_date(text)
        if day is not None:
            stmt = stmt.where(Child.date_of_birth == day)
        else:
            key = search_key(text)
            upper = text.replace(" ", "").upper()
            conditions = [
                Child.upn == upper,
                func.upper(cases.c.reference).contains(upper, autoescape=True),
            ]
            if key:
                conditions.append(Child.search_key.contains(key, autoescape=True))
                urns = _school_urns(vault, key)
                if urns:
                    urn = func.coalesce(cases.c.school_urn, Child.school_urn)
                    conditions.append(urn.in_(urns))
            stmt = stmt.where(or_(*conditions))
    if query.team:
        stmt = stmt.where(cases.c.team == query.team)
    if query.status:
        stmt = stmt.where(cases.c.status == query.status)
    if query.officer:
        stmt = stmt.where(cases.c.officer == query.officer)
    if query.overdue_only:
        stmt = stmt.where(_overdue(cases, today))
    column: Any = {
        "child_name": Child.sort_key,
        "date_of_birth": Child.date_of_birth,
        "reference": cases.c.reference,
        "school": func.coalesce(school_name, ""),
        "status": cases.c.status,
        "next_review": case((cases.c.next_review.is_(None), 1), else_=0),
    }[query.sort]
    order = [column.desc() if query.descending else column.asc()]
    if query.sort == "next_review":
        order.append(cases.c.next_review.desc() if query.descending else cases.c.next_review)
    order.append(cases.c.reference)
    with vault.read() as session:
        return list(session.scalars(stmt.order_by(*order)))


def fetch_case_rows(vault: Vault, ids: Sequence[str], today: date) -> list[CaseRow]:
    """The rows for ``ids``, in the same order (ids that no longer exist are left out)."""
    stmt, cases, school_name = _base()
    stmt = stmt.add_columns(
        cases.c.reference,
        cases.c.team,
        Child.legal_given_names,
        Child.preferred_name,
        Child.legal_family_name,
        Child.date_of_birth,
        Child.upn,
        school_name.label("school"),
        cases.c.status,
        cases.c.officer,
        cases.c.next_review,
        _overdue(cases, today).label("overdue"),
    )
    found: dict[str, CaseRow] = {}
    with vault.read() as session:
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            for r in session.execute(stmt.where(cases.c.id.in_(chunk))):
                given = r.preferred_name or r.legal_given_names
                found[r.id] = CaseRow(
                    id=r.id,
                    reference=r.reference,
                    team=str(r.team),
                    child_name=f"{given} {r.legal_family_name}",
                    date_of_birth=r.date_of_birth,
                    upn=r.upn,
                    school=r.school,
                    status=str(r.status),
                    officer=r.officer,
                    next_review=r.next_review,
                    overdue=bool(r.overdue),
                )
    return [found[i] for i in ids if i in found]


def count_cases(vault: Vault) -> int:
    cases = _cases()
    with vault.read() as session:
        return int(session.scalar(select(func.count()).select_from(cases)) or 0)
