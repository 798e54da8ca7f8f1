"""Reading a record into its form, saving the form back, and amending a signed record.

Each form name is bound to the record it edits and how its values are read and written; most
map field for field onto one table, the parent form writes the person and their link to the
child together. New records are made from the case the officer is looking at, which gives them
their child or subject and their scope (team, district, officer). Every write goes through
``services.records``, so it is stamped, queued for sync, and refused on a signed record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain.base import Signable, Synced
from oxfield.domain.ehe import EheCase, EheEvidence, EheStatutoryStep, EheVisit
from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.licensing import Licence
from oxfield.domain.notes import Amendment, Note
from oxfield.domain.people import Address, Child, ChildPerson, ContactDetail, Person
from oxfield.domain.tasks import Task
from oxfield.errors import SignedRecordError, ValidationError
from oxfield.services import records
from oxfield.services.record_forms import specs
from oxfield.services.record_forms.fields import FormSpec, as_text, parse_form
from oxfield.vault.vault import Vault

CASE_MODELS: tuple[type[Any], ...] = (EheCase, Licence, EmploymentPermit)

Values = dict[str, Any]


@dataclass(frozen=True, slots=True)
class AmendmentData:
    made_at: datetime | None
    by: str
    reason: str
    changes: dict[str, str]


@dataclass(frozen=True, slots=True)
class RecordData:
    form: str
    record_id: str
    texts: dict[str, str]
    signed: bool
    amendments: tuple[AmendmentData, ...] = ()


def _fields(rec: Any, spec: FormSpec) -> Values:
    return {name: getattr(rec, name) for name in spec.names}


def _parent_read(s: Session, link: Any) -> Values:
    person = records.get(s, Person, link.person_id)
    return _fields(person, specs.PERSON) | _fields(link, specs.RELATIONSHIP)


def _parent_write(s: Session, link: Any, values: Values) -> None:
    person = records.get(s, Person, link.person_id)
    records.update(person, {k: values[k] for k in specs.PERSON.names})
    records.update(link, {k: values[k] for k in specs.RELATIONSHIP.names})


def _case_read(s: Session, case: Any) -> Values:
    child = records.get(s, Child, case.child_id)
    names = ("status", "next_review_on", "safeguarding_concern")
    child_names = [n for n in specs.EHE_CASE.names if n not in names]
    return {n: getattr(child, n) for n in child_names} | {n: getattr(case, n) for n in names}


def _case_write(s: Session, case: Any, values: Values) -> None:
    child = records.get(s, Child, case.child_id)
    names = ("status", "next_review_on", "safeguarding_concern")
    records.update(child, {k: v for k, v in values.items() if k not in names})
    records.update(case, {k: values[k] for k in names})


def _scope(case: Any) -> Values:
    return {
        "team": case.team,
        "district": case.district,
        "assigned_officer": case.assigned_officer,
    }


def _new_parent(s: Session, case: Any, values: Values, _clock: Clock) -> Synced:
    person = Person(**{k: values[k] for k in specs.PERSON.names}, **_scope(case))
    s.add(person)
    link = ChildPerson(
        child_id=case.child_id,
        person_id=person.id,
        **{k: values[k] for k in specs.RELATIONSHIP.names},
        **_scope(case),
    )
    s.add(link)
    return link


def _new_contact(s: Session, case: Any, values: Values, _clock: Clock) -> Synced:
    linked = s.scalar(
        select(ChildPerson.id).where(
            ChildPerson.child_id == case.child_id,
            ChildPerson.person_id == values["person_id"],
            ChildPerson.deleted.is_(False),
        )
    )
    if linked is None:
        raise ValidationError("Person must be one of this child's parents or carers.", "person_id")
    return _add(s, ContactDetail(**values, **_scope(case)))


def _contact_write(s: Session, contact: Any, values: Values) -> None:
    person = s.get(Person, values["person_id"])
    if person is None or person.deleted:
        raise ValidationError("Person must be one of this child's parents or carers.", "person_id")
    records.update(contact, values)


def _add(s: Session, record: Synced) -> Synced:
    s.add(record)
    return record


@dataclass(frozen=True, slots=True)
class Binding:
    spec: FormSpec
    model: type[Any]
    read: Callable[[Session, Any], Values] | None = None
    write: Callable[[Session, Any, Values], None] | None = None
    #: how a new one is made from the case being viewed; None: cannot be added from a case
    create: Callable[[Session, Any, Values, Clock], Synced] | None = None


BINDINGS: dict[str, Binding] = {
    b.spec.name: b
    for b in (
        Binding(specs.EHE_CASE, EheCase, _case_read, _case_write),
        Binding(specs.CHILD, Child),
        Binding(specs.PERSON, Person),
        Binding(specs.RELATIONSHIP, ChildPerson),
        Binding(specs.PARENT, ChildPerson, _parent_read, _parent_write, _new_parent),
        Binding(
            specs.ADDRESS,
            Address,
            create=lambda s, c, v, _k: _add(s, Address(child_id=c.child_id, **v, **_scope(c))),
        ),
        Binding(specs.CONTACT_DETAIL, ContactDetail, write=_contact_write, create=_new_contact),
        Binding(
            specs.TASK,
            Task,
            create=lambda s, c, v, _k: _add(
                s, Task(subject_kind=c.KIND, subject_id=c.id, **v, **_scope(c))
            ),
        ),
        Binding(
            specs.NOTE,
            Note,
            create=lambda s, c, v, k: _add(
                s,
                Note(subject_kind=c.KIND, subject_id=c.id, written_at=k.now(), **v, **_scope(c)),
            ),
        ),
        Binding(
            specs.EHE_EVIDENCE,
            EheEvidence,
            create=lambda s, c, v, _k: _add(s, EheEvidence(case_id=c.id, **v, **_scope(c))),
        ),
        Binding(specs.EHE_VISIT, EheVisit),
        Binding(specs.EHE_STATUTORY_STEP, EheStatutoryStep),
    )
}


def binding(form: str) -> Binding:
    try:
        return BINDINGS[form]
    except KeyError:
        raise ValidationError(f"there is no form called {form}", "form") from None


def _texts(b: Binding, s: Session, rec: Any) -> dict[str, str]:
    values = b.read(s, rec) if b.read is not None else _fields(rec, b.spec)
    return {f.name: as_text(f, values.get(f.name)) for f in b.spec.fields}


def _amendments(s: Session, rec: Any) -> tuple[AmendmentData, ...]:
    rows = s.scalars(
        select(Amendment)
        .where(Amendment.amends_id == rec.id, Amendment.deleted.is_(False))
        .order_by(Amendment.hlc)
    )
    out = []
    for a in rows:
        try:
            changes = {str(k): str(v) for k, v in json.loads(a.changes).items()}
        except (ValueError, AttributeError):
            changes = {}
        out.append(AmendmentData(a.signed_at, a.signed_by or a.author, a.reason, changes))
    return tuple(out)


def load_record(vault: Vault, form: str, record_id: str) -> RecordData:
    """The record as its form's text, whether it is signed, and its amendments."""
    b = binding(form)
    with vault.read() as s:
        rec = records.get(s, b.model, record_id)
        signed = isinstance(rec, Signable) and rec.signed
        amendments = _amendments(s, rec) if isinstance(rec, Signable) else ()
        return RecordData(form, rec.id, _texts(b, s, rec), signed, amendments)


def find_case(s: Session, case_id: str) -> Any:
    for model in CASE_MODELS:
        case = s.get(model, case_id)
        if case is not None and not case.deleted:
            return case
    raise ValidationError("no case with that id", "id")


def save_record(
    vault: Vault,
    form: str,
    record_id: str | None,
    texts: Mapping[str, str],
    officer: str,
    clock: Clock | None = None,
    case_id: str | None = None,
) -> str:
    """Check every field, then change the record (or add one to the case); returns its id."""
    clock = clock or Clock()
    b = binding(form)
    values = parse_form(b.spec, texts, clock.today())
    actor = records.Actor(officer=officer or "officer", clock=clock)
    with records.writing(vault, actor) as s:
        if record_id is not None:
            rec = records.get(s, b.model, record_id)
            if b.write is not None:
                b.write(s, rec, values)
            else:
                records.update(rec, values)
        else:
            if b.create is None or case_id is None:
                raise ValidationError(f"a {b.spec.title.lower()} cannot be added here", "form")
            rec = b.create(s, find_case(s, case_id), values, clock)
        s.flush()
        return str(rec.id)


def amend_record(
    vault: Vault,
    form: str,
    record_id: str,
    texts: Mapping[str, str],
    officer: str,
    clock: Clock | None = None,
) -> str:
    """Record a signed amendment carrying the reason and the fields that differ."""
    clock = clock or Clock()
    b = binding(form)
    spec = specs.amendment_spec(b.spec)
    values = parse_form(spec, texts, clock.today())
    reason = str(values.pop("reason"))
    actor = records.Actor(officer=officer or "officer", clock=clock)
    with records.writing(vault, actor) as s:
        original = records.get(s, b.model, record_id)
        if not isinstance(original, Signable) or not original.signed:
            raise SignedRecordError("only a signed record is amended: edit this one instead")
        before = _texts(b, s, original)
        changes = {
            f.name: as_text(f, values[f.name])
            for f in b.spec.fields
            if as_text(f, values[f.name]) != before[f.name]
        }
        if not changes:
            raise ValidationError("Change at least one field to amend, or cancel.", "reason")
        amendment = records.amend(s, original, reason, changes)
        records.sign(amendment, actor)
        s.flush()
        return amendment.id
