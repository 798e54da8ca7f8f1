"""Domain records per area. Importing this package registers every model on ``Base.metadata``
and the session events that guard signed records and stamp the clock."""

from oxfield.domain import guard as guard
from oxfield.domain.case_search import case_search as case_search
from oxfield.domain.chaperones import (
    Chaperone,
    ChaperoneDecision,
    ChaperoneInterview,
    ChaperoneReference,
)
from oxfield.domain.ehe import EheCase, EheEvidence, EheStatutoryStep, EheVisit
from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.licensing import Bopa, DailyRecord, Inspection, Licence
from oxfield.domain.notes import Amendment, Note, RecordAttachment
from oxfield.domain.people import Address, Child, ChildPerson, ContactDetail, Person
from oxfield.domain.schools import School
from oxfield.domain.tasks import Task

__all__ = [
    "Address",
    "Amendment",
    "Bopa",
    "Chaperone",
    "ChaperoneDecision",
    "ChaperoneInterview",
    "ChaperoneReference",
    "Child",
    "ChildPerson",
    "ContactDetail",
    "DailyRecord",
    "EheCase",
    "EheEvidence",
    "EheStatutoryStep",
    "EheVisit",
    "EmploymentPermit",
    "Inspection",
    "Licence",
    "Note",
    "Person",
    "RecordAttachment",
    "School",
    "Task",
]
from oxfield.replica import outbox as _outbox  # noqa: F401  (records local changes for sync)
