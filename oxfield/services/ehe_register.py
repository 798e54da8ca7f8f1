"""Bring in a council's existing EHE register from CSV (docs/ehe-register-import.md).

A council moving from another system exports its register; this reads it all first and checks
every row (line numbers count the header as line 1, as a spreadsheet shows them). If any row is
wrong, nothing is imported and every problem is reported with its line, column and reason. A
good file is written in one transaction. Importing the same file again adds nothing: a row whose
child (same normalised names and date of birth) already has a case notified on the same date is
counted as unchanged.

The file must be UTF-8 (with or without a byte-order mark) or UTF-16 with a mark (Excel's
tab-separated "Unicode Text"). Anything else is refused with the steps to save it as "CSV UTF-8"
in Excel, because a register holds names in every script and no legacy encoding can be told
from another by its bytes: a Polish file read as Windows-1252 turns "Łucja" into "£ucja"
without an error (see :mod:`oxfield.services.import_text`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.ehe import DFE_REASON_LABELS, EheCase, EheReason, EheSource
from oxfield.domain.people import Child, Relationship, SenStatus, Sex
from oxfield.domain.schools import School
from oxfield.errors import ValidationError
from oxfield.progress import NullProgress, Progress, check_cancel
from oxfield.services import ehe, records
from oxfield.services.import_text import NotUnicodeError, decode_unicode, dialect_for
from oxfield.services.records import Actor
from oxfield.services.schools import UNREADABLE, RowProblem, csv_records
from oxfield.text import search_key
from oxfield.vault.vault import Vault

REQUIRED = (
    "child_family_name",
    "child_given_names",
    "date_of_birth",
    "address_line1",
    "postcode",
    "date_notified",
)
OPTIONAL = (
    "sex",
    "address_line2",
    "town",
    "parent1_given_names",
    "parent1_family_name",
    "parent2_given_names",
    "parent2_family_name",
    "school_urn",
    "date_off_roll",
    "reason",
    "sen_status",
)
_SEX = {"f": Sex.FEMALE, "female": Sex.FEMALE, "m": Sex.MALE, "male": Sex.MALE}
_SEN = {
    "": SenStatus.NONE,
    "no sen": SenStatus.NONE,
    "none": SenStatus.NONE,
    "n": SenStatus.NONE,
    "sen support": SenStatus.SEN_SUPPORT,
    "k": SenStatus.SEN_SUPPORT,
    "ehcp": SenStatus.EHCP,
    "e": SenStatus.EHCP,
}
_REASONS = {label.casefold(): reason for reason, label in DFE_REASON_LABELS.items()}
_REASONS.update({reason.value: reason for reason in EheReason})


class RegisterRejectedError(ValidationError):
    """The file has bad rows: nothing was imported."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(
            f"{len(problems)} problem(s) in the register file; nothing was imported", "file"
        )
        self.problems = problems


@dataclass(slots=True)
class RegisterImport:
    added: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    line: int
    intake: ehe.CaseIntake

    @property
    def key(self) -> tuple[str, str, date, date]:
        i = self.intake
        return (search_key(i.family_name), search_key(i.given_names), i.date_of_birth,
                i.notified_on)  # fmt: skip


class _BadCellError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _text(row: Mapping[str, str], column: str, required: bool = False) -> str:
    value = (row.get(column) or "").strip()
    if required and not value:
        raise _BadCellError(column, "is empty")
    return value


def _date(row: Mapping[str, str], column: str, required: bool = False) -> date | None:
    value = _text(row, column, required)
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise _BadCellError(column, "not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def _parents(row: Mapping[str, str]) -> tuple[ehe.ParentIn, ...]:
    out = []
    for n in (1, 2):
        given = _text(row, f"parent{n}_given_names")
        family = _text(row, f"parent{n}_family_name")
        if given or family:
            if not (given and family):
                missing = f"parent{n}_given_names" if not given else f"parent{n}_family_name"
                raise _BadCellError(missing, "give both names of the parent, or neither")
            # the register does not say which parent is which: record both as carers
            out.append(ehe.ParentIn(given, family, Relationship.CARER))
    return tuple(out)


def _parse(row: Mapping[str, str], schools: set[int]) -> ehe.CaseIntake:
    dob = _date(row, "date_of_birth", True)
    notified = _date(row, "date_notified", True)
    assert dob is not None and notified is not None
    if notified < dob:
        raise _BadCellError("date_notified", "is before the date of birth")
    sex_text = _text(row, "sex").casefold()
    if sex_text not in _SEX and sex_text not in ("", "u", "unknown"):
        raise _BadCellError("sex", "use F, M or U")
    sen_text = _text(row, "sen_status").casefold()
    if sen_text not in _SEN:
        raise _BadCellError("sen_status", "use No SEN, SEN support or EHCP")
    reason_text = _text(row, "reason")
    reason = _REASONS.get(reason_text.casefold()) if reason_text else EheReason.UNKNOWN
    if reason is None:
        raise _BadCellError("reason", "not one of the DfE reason labels (see docs)")
    urn_text = _text(row, "school_urn")
    urn = None
    if urn_text:
        # isascii: "¹²³⁴⁵⁶" passes isdigit() but int() cannot read it
        if not (urn_text.isascii() and urn_text.isdigit()) or int(urn_text) not in schools:
            raise _BadCellError("school_urn", "not a URN in the school list")
        urn = int(urn_text)
    return ehe.CaseIntake(
        family_name=_text(row, "child_family_name", True),
        given_names=_text(row, "child_given_names", True),
        date_of_birth=dob,
        notified_on=notified,
        source=EheSource.OTHER,
        source_detail="Imported from the council's previous EHE register",
        address_line1=_text(row, "address_line1", True),
        address_line2=_text(row, "address_line2"),
        town=_text(row, "town"),
        postcode=_text(row, "postcode", True),
        sex=_SEX.get(sex_text, Sex.UNKNOWN),
        parents=_parents(row),
        school_left_urn=urn,
        deregistered_on=_date(row, "date_off_roll"),
        primary_reason=reason,
        sen_status=_SEN[sen_text],
    )


def read_register(data: bytes, schools: set[int]) -> tuple[list[_Row], list[RowProblem]]:
    """Every row checked; the good ones and the problems (nothing written)."""
    try:
        text = decode_unicode(data).text
    except NotUnicodeError as refusal:
        return [], [RowProblem(refusal.line, "file", refusal.reason)]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=dialect_for(text))
    try:
        fieldnames = reader.fieldnames
    except csv.Error:
        return [], [RowProblem(1, "file", UNREADABLE)]
    header = [h.strip().casefold() for h in (fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [RowProblem(1, missing[0], "column missing from the header")]
    reader.fieldnames = header
    rows: list[_Row] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, str, date, date], int] = {}
    end = 1  # the header's last line
    for last, raw in csv_records(reader):
        line, end = end + 1, last  # a record may span lines: report its first
        if raw is None:
            problems.append(RowProblem(line, "file", UNREADABLE))
            break
        try:
            parsed = _Row(line, _parse(raw, schools))
        except _BadCellError as bad:
            problems.append(RowProblem(line, bad.column, str(bad)))
            continue
        if parsed.key in seen:
            repeat = f"repeats the child and date notified on line {seen[parsed.key]}"
            problems.append(RowProblem(line, "child_family_name", repeat))
            continue
        seen[parsed.key] = line
        rows.append(parsed)
    return rows, problems


def _existing_child(session: Session, row: _Row) -> Child | None:
    family, given, dob, _ = row.key
    for child in session.scalars(select(Child).where(Child.date_of_birth == dob)):
        if (search_key(child.legal_family_name), search_key(child.legal_given_names)) == (
            family,
            given,
        ):
            return child
    return None


def import_register(
    vault: Vault, actor: Actor, data: bytes, progress: Progress | None = None
) -> RegisterImport:
    """Import the whole file or nothing; :class:`RegisterRejectedError` lists every problem."""
    progress = progress or NullProgress()
    with vault.read() as s:
        schools = set(s.scalars(select(School.urn)))
    rows, problems = read_register(data, schools)
    if problems:
        raise RegisterRejectedError(problems)
    result = RegisterImport()
    with records.writing(vault, actor) as s:
        for n, row in enumerate(rows):
            check_cancel(progress)
            progress.report(n, len(rows), "Importing the register")
            child = _existing_child(s, row)
            if child is not None:
                same = s.scalar(
                    select(EheCase.id).where(
                        EheCase.child_id == child.id,
                        EheCase.notified_on == row.intake.notified_on,
                    )
                )
                if same is not None:
                    result.unchanged += 1
                    continue
            ehe.open_case_in(
                s,
                actor,
                row.intake,
                existing_child_id=child.id if child else None,
                not_a_duplicate=True,
            )
            s.flush()
            result.added += 1
    progress.report(len(rows), len(rows), "Register imported")
    return result
