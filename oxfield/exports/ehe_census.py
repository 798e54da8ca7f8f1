"""The DfE termly home-education return: counts at the census date and over the year so far.

A child counts on the census date when a home-education case of theirs has begun (the day off
roll, or the day notified when that is unknown) and is not closed on that day, and they are of
compulsory school age on it (DOMAIN.md 4.5: EOTAS is not EHE, and a child reclassified as CME has
a closed EHE case). "At any point in the year" counts distinct children home educated, and of
compulsory school age, on any day from 1 September to the census date. Each child is counted
once per column, by sex, expected year group, the primary reason of their latest case (the DfE
labels of ``DFE_REASON_LABELS``) and SEN status. Every category is listed, even when zero, so
each breakdown visibly sums to the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from oxfield.domain.ehe import DFE_REASON_LABELS, EheCase, EheReason
from oxfield.domain.people import Child, SenStatus, Sex
from oxfield.errors import ValidationError
from oxfield.exports.csv_safe import to_csv
from oxfield.exports.school_age import (
    YEAR_GROUPS,
    compulsory_end,
    compulsory_start,
    school_year_start,
    year_group,
)
from oxfield.services import audit
from oxfield.services.record_forms.fields import EARLIEST_YEAR, LATEST_YEAR
from oxfield.vault.vault import Vault

SEX_LABELS = {Sex.FEMALE: "Female", Sex.MALE: "Male", Sex.UNKNOWN: "Unknown"}
SEN_LABELS = {
    SenStatus.NONE: "No SEN",
    SenStatus.SEN_SUPPORT: "SEN support",
    SenStatus.EHCP: "EHCP",
}
HEADER = (
    "census_date",
    "academic_year",
    "breakdown",
    "category",
    "ehe_on_census_date",
    "ehe_any_point_in_year",
)


@dataclass(frozen=True)
class CensusRow:
    breakdown: str
    category: str
    on_census_date: int
    any_point_in_year: int


@dataclass(frozen=True)
class CensusReturn:
    census_date: date
    rows: tuple[CensusRow, ...]

    @property
    def academic_year(self) -> str:
        start = school_year_start(self.census_date).year
        return f"{start}/{str(start + 1)[-2:]}"

    def count(self, breakdown: str, category: str) -> tuple[int, int]:
        for row in self.rows:
            if (row.breakdown, row.category) == (breakdown, category):
                return row.on_census_date, row.any_point_in_year
        raise KeyError((breakdown, category))

    def to_csv(self) -> bytes:
        return to_csv(
            HEADER,
            (
                (
                    self.census_date.isoformat(),
                    self.academic_year,
                    r.breakdown,
                    r.category,
                    r.on_census_date,
                    r.any_point_in_year,
                )
                for r in self.rows
            ),
        )


@dataclass(frozen=True)
class _Counted:
    sex: str
    year_group: str
    reason: str
    sen: str


def _overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    """Whether two non-empty periods (both ends included) share a day."""
    return a_start <= a_end and b_start <= b_end and a_start <= b_end and b_start <= a_end


def ehe_census(vault: Vault, census_date: date) -> CensusReturn:
    """Count the return for ``census_date`` from the cases in the vault."""
    if not EARLIEST_YEAR <= census_date.year <= LATEST_YEAR:
        message = f"the census date must fall between {EARLIEST_YEAR} and {LATEST_YEAR}"
        raise ValidationError(message, "census_date")
    year_start = school_year_start(census_date)
    on_day: dict[str, _Counted] = {}
    in_year: dict[str, _Counted] = {}
    with vault.read() as s:
        rows = s.execute(
            select(
                EheCase.child_id,
                EheCase.notified_on,
                EheCase.deregistered_on,
                EheCase.closed_on,
                EheCase.primary_reason,
                Child.date_of_birth,
                Child.sex,
                Child.sen_status,
            )
            .join(Child, Child.id == EheCase.child_id)
            .where(EheCase.deleted.is_(False), Child.deleted.is_(False))
        ).all()
    # latest case last, so a child with two cases is described by the newer one
    for row in sorted(rows, key=lambda r: r.deregistered_on or r.notified_on):
        start = row.deregistered_on or row.notified_on
        last = (row.closed_on - timedelta(days=1)) if row.closed_on else census_date
        last = min(last, census_date)
        if start > last:
            continue
        dob: date = row.date_of_birth
        csa = (compulsory_start(dob), compulsory_end(dob))
        counted = _Counted(
            SEX_LABELS[Sex(row.sex)],
            year_group(dob, census_date),
            DFE_REASON_LABELS[EheReason(row.primary_reason)],
            SEN_LABELS[SenStatus(row.sen_status)],
        )
        if last == census_date and csa[0] <= census_date <= csa[1]:
            on_day[row.child_id] = counted
        if _overlaps(max(start, year_start), last, *csa):
            in_year[row.child_id] = counted
    return CensusReturn(census_date, tuple(_rows(on_day, in_year)))


def _rows(on_day: dict[str, _Counted], in_year: dict[str, _Counted]) -> list[CensusRow]:
    def tally(attr: str, label: str) -> tuple[int, int]:
        a = sum(1 for c in on_day.values() if getattr(c, attr) == label)
        b = sum(1 for c in in_year.values() if getattr(c, attr) == label)
        return a, b

    out = [CensusRow("Total", "Total", len(on_day), len(in_year))]
    groups = (
        ("Sex", "sex", tuple(SEX_LABELS.values())),
        ("Year group", "year_group", YEAR_GROUPS),
        ("Primary reason", "reason", tuple(DFE_REASON_LABELS.values())),
        ("SEN status", "sen", tuple(SEN_LABELS.values())),
    )
    for breakdown, attr, labels in groups:
        out.extend(CensusRow(breakdown, label, *tally(attr, label)) for label in labels)
    return out


def check_return(census: CensusReturn) -> list[str]:
    """Each breakdown must sum to the total (a check worth making before the return goes)."""
    total = census.count("Total", "Total")
    problems = []
    for breakdown in ("Sex", "Year group", "Primary reason", "SEN status"):
        rows = [r for r in census.rows if r.breakdown == breakdown]
        sums = (sum(r.on_census_date for r in rows), sum(r.any_point_in_year for r in rows))
        if sums != total:
            problems.append(f"{breakdown} sums to {sums}, not the total {total}")
    return problems


def export_census(vault: Vault, census_date: date, actor: str = "officer") -> bytes:
    """The return as CSV bytes, recorded in the audit log (exports are audited)."""
    census = ehe_census(vault, census_date)
    problems = check_return(census)
    if problems:  # cannot happen by construction; never send a return that does not add up
        raise ValueError(problems[0])
    audit.record(
        vault,
        "export.ehe_census",
        actor=actor,
        detail={"census_date": census_date.isoformat(), "total": census.rows[0].on_census_date},
    )
    return census.to_csv()
