"""The employment permits list, and a permit's check in words, for the desktop.

The list holds ids and reads the rows on screen a page at a time (the case list's habit);
:func:`permit_check` turns the rules engine's assessment of one permit into the lines the
officer reads, each finding with its regulation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import SQLColumnExpression, func, select

from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.people import Child
from oxfield.rules.findings import Finding
from oxfield.services import employment as em
from oxfield.services.list_sort import order_by
from oxfield.vault.vault import Vault


@dataclass(frozen=True, slots=True)
class PermitRow:
    id: str
    reference: str
    child_name: str
    employer: str
    job: str
    status: str
    issued_on: date | None


@dataclass(frozen=True, slots=True)
class PermitCheck:
    status: str
    verdict: str
    findings: tuple[str, ...]


def finding_line(finding: Finding) -> str:
    return f"{finding.severity.value.upper()}: {finding.message} ({finding.regulation})"


#: each list column's sort keys, worked out by the query (the list holds ids only)
PERMIT_SORTS: dict[str, Sequence[SQLColumnExpression[Any]]] = {
    "reference": [EmploymentPermit.reference],
    "child_name": [Child.sort_key],  # family then given names, accents and case folded
    # lower(), not fold(): permits pile up over the years and a Python call a row adds up
    "employer": [func.lower(EmploymentPermit.employer)],
    "job": [func.lower(EmploymentPermit.job)],
    "status": [EmploymentPermit.status],
    "issued_on": [EmploymentPermit.issued_on],
}


def find_permit_ids(vault: Vault, sort: str = "reference", descending: bool = True) -> list[str]:
    """Every permit, sorted by the list column ``sort``: newest reference first unless asked."""
    ties = [EmploymentPermit.reference.desc(), EmploymentPermit.id]
    with vault.read() as s:
        return list(
            s.scalars(
                select(EmploymentPermit.id)
                .join(Child, Child.id == EmploymentPermit.child_id)
                .where(EmploymentPermit.deleted.is_(False))
                .order_by(*order_by(PERMIT_SORTS, sort, descending, ties))
            )
        )


def fetch_permit_rows(vault: Vault, ids: Sequence[str]) -> list[PermitRow]:
    """The rows for ``ids`` in the same order."""
    with vault.read() as s:
        found = {
            p.id: (p, c)
            for p, c in s.execute(
                select(EmploymentPermit, Child)
                .join(Child, Child.id == EmploymentPermit.child_id)
                .where(EmploymentPermit.id.in_(ids))
            )
        }
        return [
            PermitRow(
                p.id,
                p.reference,
                f"{c.legal_given_names} {c.legal_family_name}",
                p.employer,
                p.job,
                p.status.value,
                p.issued_on,
            )
            for p, c in (found[i] for i in ids if i in found)
        ]


def permit_choices(vault: Vault) -> list[tuple[str, str]]:
    """(id, "child: job") for every permit, by label: the permit check's list."""
    rows = fetch_permit_rows(vault, find_permit_ids(vault))
    return sorted(((r.id, f"{r.child_name}: {r.job}") for r in rows), key=lambda x: x[1])


def permit_check(vault: Vault, permit_id: str) -> PermitCheck:
    with vault.read() as s:
        permit = s.get_one(EmploymentPermit, permit_id)
        result = em.assess(permit)
        lines = tuple(finding_line(f) for f in result.findings)
        return PermitCheck(permit.status.value, result.verdict.value, lines)
