"""The record forms without Qt: specs cover each kind, typed text parses, records round-trip."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from oxfield.clock import FixedClock
from oxfield.domain.ehe import ContactType, EheCase, EheVisit
from oxfield.domain.kinds import KINDS
from oxfield.domain.notes import Amendment
from oxfield.errors import SignedRecordError, ValidationError
from oxfield.services import records, sync_status
from oxfield.services.drafts import parse_form_key, record_form_key
from oxfield.services.record_forms import specs
from oxfield.services.record_forms.case_records import case_records
from oxfield.services.record_forms.fields import check_field, check_form, parse_form
from oxfield.services.record_forms.store import (
    amend_record,
    load_record,
    save_record,
)
from oxfield.vault.vault import Vault
from tests.oxfield.services.test_desktop_services import make_case

TODAY = date(2026, 12, 3)
CLOCK = FixedClock()
#: fields a form does not show because the place it is opened from fills them in
FROM_CONTEXT = {"child_id", "person_id", "case_id", "subject_id", "amends_id"}
AWKWARD = "=SUM(A1) <b>Smith</b> & Jones"
ARABIC = "فاطمة الزهراء"


#: a case is opened by the intake dialog (which asks for the date notified); this form edits it
EDIT_ONLY = {"ehe_case"}


@pytest.mark.parametrize(
    "name", sorted(n for n in specs.SPECS if n in KINDS and n not in EDIT_ONLY)
)
def test_each_kinds_required_fields_are_on_its_form(name: str) -> None:
    spec = specs.SPECS[name]
    for field in KINDS[name].required:
        if field in FROM_CONTEXT and field not in spec.names:
            continue
        assert field in spec.names, field
        assert spec.field(field).required, field


def test_amendment_form_asks_for_a_reason_and_the_fields() -> None:
    spec = specs.amendment_spec(specs.EHE_VISIT)
    assert spec.names[0] == "reason" and spec.field("reason").required
    assert set(specs.EHE_VISIT.names) < set(spec.names)
    assert set(KINDS["amendment"].required) - FROM_CONTEXT <= set(spec.names)


def test_typed_text_is_checked_with_the_field_named() -> None:
    child = specs.CHILD
    assert check_field(child, "date_of_birth", "31/02/2015", TODAY) == (
        "Date of birth must be a real date, like 31/01/2015."
    )
    assert check_field(child, "date_of_birth", "29/02/2016", TODAY) is None  # a leap year
    assert check_field(child, "date_of_birth", "29/02/2015", TODAY) is not None
    assert check_field(child, "legal_family_name", "   ", TODAY) == "Family name is required."
    assert check_field(child, "legal_given_names", ARABIC, TODAY) is None
    assert check_field(child, "sex", "martian", TODAY) == "Choose a sex from the list."
    assert check_field(specs.TASK, "due_on", "01/01/0015", TODAY) is not None
    assert check_field(specs.ADDRESS, "postcode", "ox1 1nd", TODAY) is None
    assert "UK postcode" in (check_field(specs.ADDRESS, "postcode", "12345", TODAY) or "")
    address = {"line1": "1 High Street", "postcode": "OX1 1ND"}
    backwards = address | {"moved_in_on": "02/02/2020", "moved_out_on": "01/01/2020"}
    assert check_form(specs.ADDRESS, backwards, TODAY) == {
        "moved_out_on": "Moved out cannot be before Moved in."
    }
    contact = {"person_id": "x", "method": "email", "value": "not an address"}
    assert "email" in check_form(specs.CONTACT_DETAIL, contact, TODAY)["value"]
    with pytest.raises(ValidationError) as bad:
        parse_form(specs.NOTE, {"text": ""}, TODAY)
    assert bad.value.field == "text" and str(bad.value) == "Note is required."


def test_draft_keys_name_the_form_and_the_record() -> None:
    key = record_form_key("amend_ehe_statutory_step", "0" * 36)
    assert parse_form_key(key) == ("amend_ehe_statutory_step", "0" * 36)
    assert parse_form_key(record_form_key("address", None)) == ("address", None)


def test_records_around_a_case_are_added_edited_and_listed(vault: Vault) -> None:
    case_id = make_case(vault, None)
    parent = {
        "title": "Ms",
        "given_names": ARABIC,
        "family_name": AWKWARD,
        "relationship_to_child": "mother",
        "parental_responsibility": "yes",
        "lives_with_child": "yes",
        "provides_education": "yes",
        "notes": "",
    }
    link_id = save_record(vault, "parent", None, parent, "officer-a", CLOCK, case_id)
    assert load_record(vault, "parent", link_id).texts == parent  # exactly as typed
    person_id = case_records(vault, case_id).people[0][0]
    contact = {"person_id": person_id, "method": "mobile", "value": "07700 900123"}
    save_record(vault, "contact_detail", None, contact | {"preferred": "yes"}, "o", CLOCK, case_id)
    address = {"line1": "1 High Street", "postcode": "ox1 1nd", "moved_in_on": "29/02/2024"}
    waiting = sync_status.status(vault).waiting
    address_id = save_record(vault, "address", None, address, "o", CLOCK, case_id)
    assert sync_status.status(vault).waiting == waiting + 1  # queued to go up at the next sync
    stored = load_record(vault, "address", address_id).texts
    assert stored["postcode"] == "OX1 1ND" and stored["moved_in_on"] == "29/02/2024"
    task = {"title": "Ring the family", "task_type": "other", "due_on": "04/12/2026"}
    save_record(vault, "task", None, task, "o", CLOCK, case_id)
    save_record(vault, "note", None, {"text": f"{AWKWARD}\nsecond line"}, "o", CLOCK, case_id)
    save_record(vault, "ehe_evidence", None, {"description": "Maths books"}, "o", CLOCK, case_id)

    listed = case_records(vault, case_id)
    child_id = listed.sections["child"][0].record_id
    labels = {key: [r.label for r in refs] for key, refs in listed.sections.items()}
    assert labels["parents"] == [f"{ARABIC} {AWKWARD} (mother, parental responsibility)"]
    assert labels["addresses"] == ["1 High Street, OX1 1ND"]
    assert labels["contacts"] == [f"{ARABIC} {AWKWARD}: mobile 07700 900123"]
    assert labels["tasks"] == ["Due 04/12/2026: Ring the family"]
    assert labels["notes"] == [f"{CLOCK.now():%d/%m/%Y}: {AWKWARD}"]
    assert labels["evidence"] == ["Maths books"]

    child = load_record(vault, "child", child_id).texts
    save_record(vault, "child", child_id, child | {"preferred_name": AWKWARD}, "o", CLOCK)
    assert load_record(vault, "child", child_id).texts["preferred_name"] == AWKWARD
    with pytest.raises(ValidationError) as bad:  # refused whole: nothing half-saved
        save_record(vault, "child", child_id, child | {"date_of_birth": "31/02/2014"}, "o")
    assert bad.value.field == "date_of_birth"
    assert load_record(vault, "child", child_id).texts["preferred_name"] == AWKWARD
    with pytest.raises(ValidationError):  # a child is edited from its case, never added
        save_record(vault, "child", None, child, "o", CLOCK, case_id)


def test_a_contact_must_belong_to_the_cases_parents(vault: Vault) -> None:
    case_id, other_case = make_case(vault, None), make_case(vault, None)
    parent = {"given_names": "Ana", "family_name": "Silva", "relationship_to_child": "mother"}
    save_record(vault, "parent", None, parent, "o", CLOCK, other_case)
    stranger = case_records(vault, other_case).people[0][0]
    contact = {"person_id": stranger, "method": "email", "value": "ana@example.org"}
    with pytest.raises(ValidationError) as bad:
        save_record(vault, "contact_detail", None, contact, "o", CLOCK, case_id)
    assert bad.value.field == "person_id"
    assert case_records(vault, case_id).sections["contacts"] == []
    contact_id = save_record(vault, "contact_detail", None, contact, "o", CLOCK, other_case)
    with pytest.raises(ValidationError) as bad:
        save_record(vault, "contact_detail", contact_id, contact | {"person_id": "gone"}, "o")
    assert bad.value.field == "person_id"
    assert load_record(vault, "contact_detail", contact_id).texts["person_id"] == stranger


def _signed_visit(vault: Vault, case_id: str) -> str:
    actor = records.Actor("officer-a", clock=CLOCK)
    with records.writing(vault, actor) as s:
        case = records.get(s, EheCase, case_id)
        visit = EheVisit(
            case_id=case_id,
            contact_type=ContactType.HOME_VISIT,
            planned_on=date(2026, 11, 20),
            summary="Seen at home",
            team=case.team,
        )
        s.add(visit)
        s.flush()
        records.sign(visit, actor)
        return visit.id


def test_a_signed_record_is_amended_and_the_original_kept(vault: Vault) -> None:
    case_id = make_case(vault, None)
    visit_id = _signed_visit(vault, case_id)
    listed = case_records(vault, case_id).sections["signed"]
    assert [(r.form, r.record_id, r.signed) for r in listed] == [("ehe_visit", visit_id, True)]
    original = load_record(vault, "ehe_visit", visit_id)
    assert original.signed and original.amendments == ()
    with pytest.raises(SignedRecordError):
        save_record(vault, "ehe_visit", visit_id, original.texts | {"summary": "x"}, "o")
    with pytest.raises(ValidationError) as bad:  # a reason is required
        amend_record(vault, "ehe_visit", visit_id, original.texts | {"summary": "x"}, "o")
    assert bad.value.field == "reason"
    with pytest.raises(ValidationError):  # and at least one corrected field
        amend_record(vault, "ehe_visit", visit_id, original.texts | {"reason": "typo"}, "o")
    fixed = original.texts | {"reason": "Wrong date typed", "planned_on": "19/11/2026"}
    amend_record(vault, "ehe_visit", visit_id, fixed, "officer-b", CLOCK)
    after = load_record(vault, "ehe_visit", visit_id)
    assert after.texts == original.texts  # the original is untouched
    [amendment] = after.amendments
    assert amendment.reason == "Wrong date typed" and amendment.by == "officer-b"
    assert amendment.changes == {"planned_on": "19/11/2026"}
    with vault.read() as s:
        row = s.scalars(select(Amendment)).one()
        assert row.signed_at is not None and json.loads(row.changes)["planned_on"]
    with pytest.raises(SignedRecordError):  # an unsigned record is edited, not amended
        child_id = case_records(vault, case_id).sections["child"][0].record_id
        texts = load_record(vault, "child", child_id).texts
        amend_record(vault, "child", child_id, texts | {"reason": "x", "upn": ""}, "o")
