"""The records around one case, listed for the case view: each with its form and a label.

The case view shows these in sections (the child, parents and carers, addresses, contacts,
tasks, notes, evidence, signed records) with Edit and Add buttons; each entry names the form
that edits it, so the view needs no knowledge of the tables. Labels carry names and addresses,
so they are shown on screen only, never logged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.ehe import EheCase, EheEvidence, EheStatutoryStep, EheVisit
from oxfield.domain.notes import Note
from oxfield.domain.people import Address, Child, ChildPerson, ContactDetail, Person
from oxfield.domain.tasks import Task
from oxfield.services.record_forms.store import find_case
from oxfield.text import humanise
from oxfield.vault.vault import Vault

#: section key, heading, the form that adds one (None: cannot add), shown for which cases
SECTIONS: tuple[tuple[str, str, str | None], ...] = (
    ("child", "Child", None),
    ("parents", "Parents and carers", "parent"),
    ("addresses", "Addresses", "address"),
    ("contacts", "Contacts", "contact_detail"),
    ("tasks", "Tasks", "task"),
    ("notes", "Notes", "note"),
    ("evidence", "Evidence of education", "ehe_evidence"),
    ("signed", "Signed records", None),
)


@dataclass(frozen=True, slots=True)
class RecordRef:
    form: str
    record_id: str
    label: str
    signed: bool = False


@dataclass(slots=True)
class CaseRecords:
    case_id: str
    case_kind: str
    sections: dict[str, list[RecordRef]] = field(default_factory=dict)
    #: (person id, name) of the parents and carers: the choices of a contact's "Person"
    people: list[tuple[str, str]] = field(default_factory=list)


def _day(value: object) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else ""


def case_records(vault: Vault, case_id: str) -> CaseRecords:
    """Everything the case view lists under the case, newest tasks and notes first."""
    with vault.read() as s:
        case = find_case(s, case_id)
        out = CaseRecords(case.id, case.KIND, {key: [] for key, _h, _f in SECTIONS})
        child = s.get(Child, case.child_id)
        if child is not None:
            born = _day(child.date_of_birth)
            out.sections["child"].append(
                RecordRef("child", child.id, f"{child.display_name}, born {born}")
            )
        links = s.execute(
            select(ChildPerson, Person)
            .join(Person, Person.id == ChildPerson.person_id)
            .where(ChildPerson.child_id == case.child_id, ChildPerson.deleted.is_(False))
            .order_by(Person.family_name, Person.given_names)
        ).all()
        names: dict[str, str] = {}
        for link, person in links:
            name = f"{person.given_names} {person.family_name}"
            names[person.id] = name
            pr = ", parental responsibility" if link.parental_responsibility else ""
            kind = humanise(str(link.relationship_to_child.value)).lower()
            out.sections["parents"].append(RecordRef("parent", link.id, f"{name} ({kind}{pr})"))
        out.people = list(names.items())
        for address in s.scalars(
            select(Address)
            .where(Address.child_id == case.child_id, Address.deleted.is_(False))
            .order_by(Address.moved_out_on.is_not(None), Address.moved_in_on.desc())
        ):
            gone = f" (moved out {_day(address.moved_out_on)})" if address.moved_out_on else ""
            label = f"{address.line1}, {address.postcode}{gone}"
            out.sections["addresses"].append(RecordRef("address", address.id, label))
        for contact in s.scalars(
            select(ContactDetail).where(
                ContactDetail.person_id.in_(list(names)), ContactDetail.deleted.is_(False)
            )
        ):
            label = f"{names[contact.person_id]}: {contact.method.value} {contact.value}"
            out.sections["contacts"].append(RecordRef("contact_detail", contact.id, label))
        for task in s.scalars(
            select(Task)
            .where(Task.subject_id == case.id, Task.deleted.is_(False))
            .order_by(Task.due_on.desc())
        ):
            done = f", done {_day(task.done_on)}" if task.done_on else ""
            label = f"Due {_day(task.due_on)}: {task.title}{done}"
            out.sections["tasks"].append(RecordRef("task", task.id, label))
        for note in s.scalars(
            select(Note)
            .where(Note.subject_id == case.id, Note.deleted.is_(False))
            .order_by(Note.written_at.desc())
        ):
            first = note.text.splitlines()[0] if note.text else ""
            label = f"{_day(note.written_at)}: {first[:80]}"
            out.sections["notes"].append(RecordRef("note", note.id, label))
        if isinstance(case, EheCase):
            _ehe_records(s, case, out)
        return out


def _ehe_records(s: Session, case: EheCase, out: CaseRecords) -> None:
    for evidence in s.scalars(
        select(EheEvidence).where(EheEvidence.case_id == case.id, EheEvidence.deleted.is_(False))
    ):
        label = evidence.description.splitlines()[0][:80] if evidence.description else "—"
        out.sections["evidence"].append(RecordRef("ehe_evidence", evidence.id, label))
    for visit in s.scalars(
        select(EheVisit)
        .where(EheVisit.case_id == case.id, EheVisit.signed_at.is_not(None))
        .order_by(EheVisit.planned_on.desc())
    ):
        label = f"Visit {_day(visit.planned_on)} ({humanise(visit.contact_type.value).lower()})"
        out.sections["signed"].append(RecordRef("ehe_visit", visit.id, label, signed=True))
    for step in s.scalars(
        select(EheStatutoryStep).where(
            EheStatutoryStep.case_id == case.id, EheStatutoryStep.signed_at.is_not(None)
        )
    ):
        label = f"{humanise(step.step.value)} served {_day(step.served_on)}"
        out.sections["signed"].append(RecordRef("ehe_statutory_step", step.id, label, signed=True))
