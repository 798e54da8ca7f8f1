"""The kinds of synced record, shared by the vault, the device engine and the server.

The server stores records as documents (``kind`` plus a dict of fields) and checks them
against this registry; the vault maps each kind to its own table. A kind that is
``signable`` becomes immutable once its ``signed_at`` field is set (DESIGN.md section 2):
later corrections are ``amendment`` records pointing at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Team(StrEnum):
    EHE = "ehe"
    LICENSING = "licensing"
    CME = "cme"
    ATTENDANCE = "attendance"


@dataclass(frozen=True, slots=True)
class RecordKind:
    name: str
    signable: bool = False
    #: fields a record of this kind must carry to be valid on the server
    required: tuple[str, ...] = ()


_KINDS = (
    RecordKind("child", required=("legal_family_name", "legal_given_names", "date_of_birth")),
    RecordKind("person", required=("family_name", "given_names")),
    RecordKind("address", required=("line1", "postcode")),
    RecordKind("relationship", required=("child_id", "person_id", "relationship_to_child")),
    RecordKind("contact_detail", required=("person_id", "method", "value")),
    RecordKind("ehe_case", required=("child_id", "notified_on")),
    RecordKind("ehe_visit", signable=True, required=("case_id", "planned_on")),
    RecordKind("ehe_evidence", required=("case_id", "description")),
    RecordKind("ehe_statutory_step", signable=True, required=("case_id", "step")),
    RecordKind("licence", signable=True, required=("child_id", "production")),
    RecordKind("inspection", signable=True, required=("venue", "inspected_on")),
    RecordKind("daily_record", required=("licence_id", "day")),
    RecordKind("bopa", signable=True, required=("organisation",)),
    RecordKind("chaperone", required=("family_name", "given_names")),
    RecordKind("chaperone_reference", required=("chaperone_id", "referee_name")),
    RecordKind("chaperone_interview", signable=True, required=("chaperone_id", "held_on")),
    RecordKind("chaperone_decision", signable=True, required=("chaperone_id", "decision")),
    RecordKind("employment_permit", signable=True, required=("child_id", "employer")),
    RecordKind("task", required=("title", "due_on")),
    RecordKind("note", required=("subject_id", "text")),
    RecordKind("amendment", signable=True, required=("amends_id", "reason")),
    RecordKind("record_attachment", required=("subject_id", "sha256")),
)

KINDS: dict[str, RecordKind] = {k.name: k for k in _KINDS}


def kind(name: str) -> RecordKind:
    """The registered kind called ``name``; KeyError for anything else."""
    return KINDS[name]
