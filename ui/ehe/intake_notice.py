"""The intake's typed notice read into a ``CaseIntake``, checked field by field on the way.

Kept apart from the dialog's widgets and its draft: the first missing or malformed field
raises one ValidationError that names it, so the officer gets one message to act on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oxfield.domain.ehe import EheReason, EheSource
from oxfield.domain.people import SenStatus, Sex
from oxfield.errors import ValidationError
from oxfield.services.ehe import CaseIntake
from oxfield.services.record_forms.specs import FAMILY, GIVEN, OLDEST_CHILD_YEARS
from oxfield.services.records import Actor
from ui.ehe.dates import not_future, parse_day
from ui.ehe.intake_people import AddressRow, ParentRow, postcode_problem

if TYPE_CHECKING:
    from ui.ehe.intake_dialog import CaseIntakeDialog


def read_notice(d: CaseIntakeDialog, actor: Actor) -> CaseIntake:
    """The notice typed into ``d``; raises ValidationError naming the first bad field."""
    for edit, label in (
        (d.given, "Child's given names"),
        (d.family, "Child's family name"),
        (d.address, "Address"),
        (d.postcode, "Postcode"),
    ):
        if not edit.text().strip():
            raise ValidationError(f"{label}: this is needed", label)
    for edit, label, most in (
        (d.given, "Child's given names", GIVEN.max_length),
        (d.family, "Child's family name", FAMILY.max_length),
    ):
        if most is not None and len(edit.text().strip()) > most:
            raise ValidationError(f"{label}: at most {most} characters", label)
    postcode = d.postcode.text().strip()
    if postcode_problem(postcode) is not None:
        raise ValidationError(
            f"Postcode: '{postcode}' is not a UK postcode, like OX1 1ND", "Postcode"
        )
    if d.school.urn is None and d.school.search.text().strip():
        raise ValidationError(
            "School left: choose one of the matching schools (Down, then Enter)",
            "school_left_urn",
        )
    parents = d.parents.values(ParentRow.value)
    other_addresses = d.other_addresses.values(AddressRow.value)
    dob = parse_day(d.dob.text(), "Date of birth")
    notified = parse_day(d.notified.text(), "Date notified")
    assert dob is not None and notified is not None
    today = actor.clock.today()
    not_future(dob, "Date of birth", today)
    if dob.year < today.year - OLDEST_CHILD_YEARS:
        raise ValidationError(
            f"Date of birth: is more than {OLDEST_CHILD_YEARS} years ago", "Date of birth"
        )
    not_future(notified, "Date notified", today)
    return CaseIntake(
        family_name=d.family.text().strip(),
        given_names=d.given.text().strip(),
        preferred_name=d.preferred.text().strip(),
        date_of_birth=dob,
        sex=Sex(d.sex.currentData()),
        notified_on=notified,
        source=EheSource(d.source.currentData()),
        address_line1=d.address.text().strip(),
        town=d.town.text().strip(),
        postcode=d.postcode.text().strip(),
        parents=parents,
        other_addresses=other_addresses,
        school_left_urn=d.school.urn,
        deregistered_on=parse_day(d.deregistered.text(), "Date taken off roll", False),
        primary_reason=EheReason(d.reason.currentData()),
        sen_status=SenStatus(d.sen.currentData()),
        ehcp_names_eotas=d.ehcp_eotas.isChecked(),
        safeguarding_concern=d.safeguarding.isChecked(),
        safeguarding_detail=d.safeguarding_detail.text().strip(),
        s47_enquiry=d.s47.isChecked(),
        assigned_officer=actor.officer or None,
    )
