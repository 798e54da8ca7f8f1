"""The forms of the records around a case: their fields, labels and rules, in one place.

Built on the columns of ``oxfield.domain`` and the required fields of ``oxfield.domain.kinds``
(a test checks every required field is either on the form or filled in from where the form was
opened, like the child an address belongs to). Signed kinds (visits, statutory steps) have a
spec too: their read view shows it, and their amendment form offers its fields for correction.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from oxfield.domain.ehe import ContactType, EheStatus, StatutoryStep, Suitability
from oxfield.domain.people import ContactMethod, Relationship, SenStatus, Sex
from oxfield.domain.tasks import TaskType
from oxfield.services.record_forms.fields import Field, FieldType, FormSpec, choices_of

OLDEST_CHILD_YEARS = 25
T, M, D, C, B, R = (
    FieldType.TEXT,
    FieldType.MULTILINE,
    FieldType.DATE,
    FieldType.CHOICE,
    FieldType.BOOL,
    FieldType.REFERENCE,
)
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _date_of_birth(day: date, today: date) -> str | None:
    if day > today:
        return "cannot be in the future."
    if day.year < today.year - OLDEST_CHILD_YEARS:
        return f"is more than {OLDEST_CHILD_YEARS} years ago."
    return None


def _upn(upn: str, _today: date) -> str | None:
    if len(upn) != 13 or not upn[0].isalpha() or not upn[1:12].isdigit():
        return "must be 13 characters: a letter, 11 digits and a check character."
    return None


def _postcode(code: str, _today: date) -> str | None:
    return None if POSTCODE.match(code) else "must be a UK postcode, like OX1 1ND."


def _tidy_postcode(text: str) -> str:
    code = text.upper().replace(" ", "")
    return f"{code[:-3]} {code[-3:]}" if len(code) > 3 else code


def _tidy_upn(text: str) -> str:
    return text.replace(" ", "").upper()


def _not_future(day: date, today: date) -> str | None:
    return "cannot be in the future." if day > today else None


GIVEN = Field("legal_given_names", "Given names", T, True, 150)
FAMILY = Field("legal_family_name", "Family name", T, True, 100)
PREFERRED = Field("preferred_name", "Preferred name", T, False, 150)
DOB = Field("date_of_birth", "Date of birth", D, True, check=_date_of_birth)
UPN = Field("upn", "UPN", T, False, 13, check=_upn, tidy=_tidy_upn, hint="A123456789012")

EHE_CASE = FormSpec(
    "ehe_case",
    "Case",
    (
        GIVEN,
        FAMILY,
        PREFERRED,
        DOB,
        UPN,
        Field("status", "Status", C, True, choices=choices_of(EheStatus)),
        Field("next_review_on", "Next review", D),
        Field("safeguarding_concern", "Safeguarding concern", B, hint="Concern recorded"),
    ),
)

CHILD = FormSpec(
    "child",
    "Child",
    (
        GIVEN,
        FAMILY,
        PREFERRED,
        DOB,
        Field("sex", "Sex", C, True, choices=choices_of(Sex)),
        UPN,
        Field("sen_status", "SEN status", C, True, choices=choices_of(SenStatus)),
    ),
)

_PERSON_FIELDS = (
    Field("title", "Title", T, False, 20, hint="Ms, Mr, Dr…"),
    Field("given_names", "Given names", T, True, 150),
    Field("family_name", "Family name", T, True, 100),
)
_LINK_FIELDS = (
    Field(
        "relationship_to_child",
        "Relationship to the child",
        C,
        True,
        choices=choices_of(Relationship),
    ),
    Field("parental_responsibility", "Parental responsibility", B),
    Field("lives_with_child", "Lives with the child", B),
    Field("provides_education", "Provides the education", B),
    Field("notes", "Notes", M, False, 2000),
)

PERSON = FormSpec("person", "Person", _PERSON_FIELDS)
RELATIONSHIP = FormSpec("relationship", "Relationship", _LINK_FIELDS)
#: a parent or carer as the case sees them: the person and how they stand to the child
PARENT = FormSpec("parent", "Parent or carer", _PERSON_FIELDS + _LINK_FIELDS)


def _moved_out_after_in(values: Any) -> tuple[str, str] | None:
    moved_in, moved_out = values.get("moved_in_on"), values.get("moved_out_on")
    if moved_in and moved_out and moved_out < moved_in:
        return "moved_out_on", "Moved out cannot be before Moved in."
    return None


ADDRESS = FormSpec(
    "address",
    "Address",
    (
        Field("line1", "Address line 1", T, True, 200),
        Field("line2", "Address line 2", T, False, 200),
        Field("town", "Town", T, False, 100),
        Field("postcode", "Postcode", T, True, 10, check=_postcode, tidy=_tidy_postcode),
        Field("moved_in_on", "Moved in", D),
        Field("moved_out_on", "Moved out", D),
        Field("is_main", "Main address", B),
    ),
    cross_checks=(_moved_out_after_in,),
)


def _contact_value(values: Any) -> tuple[str, str] | None:
    method, value = values.get("method"), values.get("value") or ""
    if method == ContactMethod.EMAIL and not EMAIL.match(value):
        return "value", "Number or address must be an email address, like name@example.org."
    if method in (ContactMethod.PHONE, ContactMethod.MOBILE):
        digits = re.sub(r"[\s()+-]", "", value)
        if not digits.isdigit() or not 10 <= len(digits) <= 13:
            return "value", "Number or address must be a phone number of 10 to 13 digits."
    return None


CONTACT_DETAIL = FormSpec(
    "contact_detail",
    "Contact",
    (
        Field("person_id", "Person", R, True),
        Field("method", "Method", C, True, choices=choices_of(ContactMethod)),
        Field("value", "Number or address", T, True, 200),
        Field("preferred", "Preferred way to contact", B),
    ),
    cross_checks=(_contact_value,),
)

TASK = FormSpec(
    "task",
    "Task",
    (
        Field("title", "Title", T, True, 200),
        Field("task_type", "Type", C, True, choices=choices_of(TaskType)),
        Field("due_on", "Due", D, True),
        Field("done_on", "Done", D, check=_not_future),
        Field("notes", "Notes", M, False, 4000),
    ),
)

NOTE = FormSpec("note", "Note", (Field("text", "Note", M, True, 20000),))

EHE_EVIDENCE = FormSpec(
    "ehe_evidence",
    "Evidence",
    (Field("description", "What was seen", M, True, 4000),),
)

EHE_VISIT = FormSpec(
    "ehe_visit",
    "Visit",
    (
        Field("contact_type", "Contact type", C, True, choices=choices_of(ContactType)),
        Field("planned_on", "Date", D, True),
        Field("persons_present", "Who was present", M, False, 2000),
        Field("child_seen", "Child seen", B),
        Field("voice_of_child", "The child's views", M, False, 4000),
        Field("judgement", "Judgement", C, True, choices=choices_of(Suitability)),
        Field("safeguarding_concern", "Safeguarding concern", B),
        Field("summary", "Summary", M, False, 8000),
        Field("next_contact_on", "Next contact", D),
    ),
)

EHE_STATUTORY_STEP = FormSpec(
    "ehe_statutory_step",
    "Statutory step",
    (
        Field("step", "Step", C, True, choices=choices_of(StatutoryStep)),
        Field("served_on", "Served on", D),
        Field("respond_by", "Respond by", D),
        Field("notes", "Notes", M, False, 4000),
    ),
)

#: what a new record's form starts from, as typed text
NEW_DEFAULTS: dict[str, dict[str, str]] = {
    "address": {"is_main": "yes"},
    "parent": {"lives_with_child": "yes", "relationship_to_child": "mother"},
    "task": {"task_type": "other"},
}

REASON = Field("reason", "Reason for the amendment", M, True, 4000)


def amendment_spec(original: FormSpec) -> FormSpec:
    """The amendment form for a signed record: the reason, then its fields to correct."""
    return FormSpec(
        f"amend_{original.name}",
        f"Amend {original.title.lower()}",
        (REASON, *original.fields),
    )


SPECS: dict[str, FormSpec] = {
    spec.name: spec
    for spec in (
        EHE_CASE,
        CHILD,
        PERSON,
        RELATIONSHIP,
        PARENT,
        ADDRESS,
        CONTACT_DETAIL,
        TASK,
        NOTE,
        EHE_EVIDENCE,
        EHE_VISIT,
        EHE_STATUTORY_STEP,
    )
}
