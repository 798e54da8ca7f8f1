"""Create, change and read the main records, stamped with who, which device and when.

Every write goes through :func:`writing`, which opens a vault write session tagged with the
officer, the device and the clock; the session events in ``oxfield.domain.guard`` then stamp
the hybrid logical clock and refuse changes to signed records. Inputs are checked here first
so the officer gets one clear message naming the field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain import guard
from oxfield.domain.base import Signable, Synced
from oxfield.domain.demo import INSERT_ORDER, DemoMaker, DemoSchool, insert_rows
from oxfield.domain.ehe import EheCase, EheSource
from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.kinds import Team
from oxfield.domain.licensing import Licence
from oxfield.domain.notes import Amendment
from oxfield.domain.people import Address, Child, ChildPerson, Person, Relationship
from oxfield.domain.schools import School
from oxfield.errors import SignedRecordError, ValidationError
from oxfield.orm import Base
from oxfield.progress import NullProgress, Progress, check_cancel
from oxfield.replica import outbox
from oxfield.services.schools import ensure_default_schools
from oxfield.vault.vault import Vault

R = TypeVar("R", bound=Synced)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is writing: the officer's id, the device id and the clock to read."""

    officer: str
    device: str = ""
    clock: Clock = field(default_factory=Clock)


@contextmanager
def writing(vault: Vault, actor: Actor) -> Iterator[Session]:
    with vault.write() as session:
        session.info[guard.ACTOR] = actor.officer
        session.info[guard.DEVICE] = actor.device or vault.meta("device_id") or vault.vault_id
        session.info[guard.CLOCK] = actor.clock
        yield session


def _require(value: object, name: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(f"{name.replace('_', ' ')} is required", field=name)


def _check_upn(upn: str | None) -> str | None:
    if upn is None or not upn.strip():
        return None
    upn = upn.strip().upper()
    if len(upn) != 13 or not upn[0].isalpha() or not upn[1:12].isdigit():
        raise ValidationError("UPN must be a letter, 11 digits and a check character", "upn")
    return upn


def create_child(
    session: Session,
    *,
    team: Team,
    legal_family_name: str,
    legal_given_names: str,
    date_of_birth: date,
    **fields: Any,
) -> Child:
    _require(legal_family_name, "legal_family_name")
    _require(legal_given_names, "legal_given_names")
    _require(date_of_birth, "date_of_birth")
    fields["upn"] = _check_upn(fields.get("upn"))
    child = Child(
        team=team,
        legal_family_name=legal_family_name.strip(),
        legal_given_names=legal_given_names.strip(),
        date_of_birth=date_of_birth,
        **fields,
    )
    child.refresh_search()
    session.add(child)
    return child


def add_parent(
    session: Session,
    child: Child,
    *,
    family_name: str,
    given_names: str,
    relationship: Relationship,
    parental_responsibility: bool,
    **fields: Any,
) -> Person:
    _require(family_name, "family_name")
    _require(given_names, "given_names")
    scope = {"team": child.team, "district": child.district}
    person = Person(family_name=family_name, given_names=given_names, **scope, **fields)
    session.add(person)
    session.add(
        ChildPerson(
            child=child,
            person=person,
            relationship_to_child=relationship,
            parental_responsibility=parental_responsibility,
            **scope,
        )
    )
    return person


def add_address(
    session: Session, child: Child, *, line1: str, postcode: str, **fields: Any
) -> Address:
    _require(line1, "line1")
    _require(postcode, "postcode")
    address = Address(
        child=child,
        line1=line1,
        postcode=postcode.strip().upper(),
        team=child.team,
        district=child.district,
        **fields,
    )
    session.add(address)
    return address


#: the reference prefix of each kind of case
REFERENCE_PREFIX: dict[type[Base], str] = {
    EheCase: "EHE",
    Licence: "LIC",
    EmploymentPermit: "EMP",
}


def last_reference_number(session: Session) -> int:
    """The highest number at the end of any case reference (0 when there are none)."""
    best = 0
    for model in REFERENCE_PREFIX:
        column: Any = model.reference  # type: ignore[attr-defined]
        # references are PREFIX-YYYY-NNNNN: the number starts at the 10th character
        top = session.scalar(select(func.max(cast(func.substr(column, 10), Integer))))
        best = max(best, int(top or 0))
    return best


def next_reference(session: Session, model: type[Base], year: int) -> str:
    """The next free reference like ``EHE-2026-00042`` (numbers run on across kinds)."""
    return f"{REFERENCE_PREFIX[model]}-{year}-{last_reference_number(session) + 1:05d}"


def open_ehe_case(
    session: Session,
    child: Child,
    *,
    notified_on: date,
    source: EheSource,
    reference: str | None = None,
    **fields: Any,
) -> EheCase:
    _require(notified_on, "notified_on")
    case = EheCase(
        child_id=child.id,
        notified_on=notified_on,
        source=source,
        reference=reference or next_reference(session, EheCase, notified_on.year),
        team=Team.EHE,
        district=fields.pop("district", child.district),
        **fields,
    )
    session.add(case)
    return case


def get(session: Session, model: type[R], record_id: str) -> R:
    record = session.get(model, record_id)
    if record is None or record.deleted:
        raise ValidationError(f"no {model.KIND.replace('_', ' ')} with that id", "id")
    return record


def update(record: Synced, changes: Mapping[str, Any]) -> None:
    """Apply field changes, refusing a signed record with a clear message."""
    if isinstance(record, Signable) and record.signed:
        raise SignedRecordError(
            f"this {record.KIND.replace('_', ' ')} is signed and cannot change: record an amendment"
        )
    for name, value in changes.items():
        if name in {"id", "kind", "version", "hlc", "author", "device"} or not hasattr(
            record, name
        ):
            raise ValidationError(f"{name} cannot be changed here", name)
        setattr(record, name, value)
    if isinstance(record, Child):
        record.refresh_search()


def sign(record: Signable, actor: Actor, zone: str = "Europe/London") -> None:
    if record.signed:
        raise SignedRecordError("this record is already signed")
    record.signed_at = actor.clock.now()
    record.signed_by = actor.officer
    record.signed_zone = zone


def amend(
    session: Session, original: Signable, reason: str, changes: Mapping[str, Any]
) -> Amendment:
    """Record a correction to a signed record; the original stays as it was."""
    _require(reason, "reason")
    for name in changes:
        if not hasattr(original, name):
            raise ValidationError(f"{name} is not a field of this record", name)
    amendment = Amendment(
        amends_kind=original.KIND,
        amends_id=original.id,
        reason=reason,
        changes=json.dumps(dict(changes), default=str, sort_keys=True),
        team=original.team,
        district=original.district,
        assigned_officer=original.assigned_officer,
    )
    session.add(amendment)
    return amendment


def amendments_of(session: Session, record: Synced) -> list[Amendment]:
    return list(
        session.scalars(
            select(Amendment)
            .where(Amendment.amends_id == record.id, Amendment.deleted.is_(False))
            .order_by(Amendment.hlc)
        )
    )


def make_demo_cases(
    vault: Vault,
    n: int,
    seed: int = 1,
    *,
    today: date | None = None,
    actor: Actor | None = None,
    progress: Progress | None = None,
    batch: int = 1000,
    scope: dict[str, Any] | None = None,
) -> int:
    """Add ``n`` synthetic cases (EHE, licences, permits) on the real Oxfordshire schools.

    ``scope`` (team, district, assigned_officer) puts every case in one officer's scope, as an
    enrolled laptop needs for its demo cases to sync. The rows are inserted in bulk and queued
    in the outbox in the same transaction, as any local change is.

    Loads the shipped school list first if the vault has none. Returns how many were made.
    """
    if n < 0:
        raise ValidationError("the number of demo cases cannot be negative", "n")
    progress = progress or NullProgress()
    actor = actor or Actor("demo", "demo-device")
    today = today or actor.clock.today()
    ensure_default_schools(vault)
    with vault.read() as s:
        schools = [
            DemoSchool(
                row.urn,
                row.laestab,
                row.town,
                row.postcode,
                "secondary" in f"{row.type_of_establishment} {row.phase}".lower(),
            )
            for row in s.scalars(select(School).where(School.open.is_(True)))
        ]
    with vault.read() as s:
        start = last_reference_number(s)
    maker = DemoMaker(seed, today, schools, start=start, scope=scope)
    device = actor.device or vault.meta("device_id") or vault.vault_id
    made = 0
    while made < n:
        check_cancel(progress)
        size = min(batch, n - made)
        rows: dict[type[Base], list[dict[str, Any]]] = {m: [] for m in INSERT_ORDER}
        for _ in range(size):
            for model, more in maker.make().items():
                rows[model].extend(more)
        with writing(vault, actor) as s:
            insert_rows(s, rows, actor.officer, device, actor.clock)
            _queue_inserted(s, rows, actor.clock)
        made += size
        progress.report(made, n, "demo cases")
    return made


def _queue_inserted(
    session: Session, rows: dict[type[Base], list[dict[str, Any]]], clock: Clock
) -> None:
    """Bulk inserts bypass the ORM's flush events, so queue their outbox rows here."""
    conn = session.connection()
    for model in INSERT_ORDER:
        ids = [row["id"] for row in rows.get(model, [])]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            query = select(model).where(model.id.in_(chunk))  # type: ignore[attr-defined]
            for obj in session.scalars(query):
                if isinstance(obj, Synced):
                    outbox.record(conn, obj, deleted=False, clock=clock, resolves=[])
