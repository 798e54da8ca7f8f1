"""A visit's details as a typed model: the stored format reads back exactly, what older builds
stored still reads, free text from an older tool is never dropped, a damaged record is refused
with one message (not silently emptied), and a signed visit's details cannot change."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from oxfield.clock import FixedClock
from oxfield.domain.ehe import EheSource, EheVisit
from oxfield.errors import SignedRecordError, ValidationError
from oxfield.reports.ehe_inputs import Judgement, Outcome, SuitabilityPart
from oxfield.services import ehe, ehe_visits, records
from oxfield.services.ehe_visit_details import (
    ProviderIn,
    VisitDetails,
    VisitRecord,
    parse_details,
)
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault

ACTOR = Actor("Officer Test", "laptop-1", FixedClock(datetime(2026, 3, 2, 10, tzinfo=UTC)))
RECORD = VisitRecord(
    present=("Ирина Test (mother)", "Amelia"),
    child_seen=True,
    child_views="أحب القراءة & <maps>",
    providers=(ProviderIn("Smith & Jones Tutoring", "maths", "3"),),
    judgements={p: Judgement.MET for p in SuitabilityPart},
    judgement_reasons={SuitabilityPart.AGE: "Reading at age level"},
    outcome=Outcome.SUITABLE,
    next_review_on=date(2027, 3, 1),
)


def test_the_stored_form_reads_back_exactly() -> None:
    details = VisitDetails(place="the family home", record=RECORD)
    text = details.dump()
    assert "أحب القراءة" in text  # names and words stored readable, not \\u escapes
    assert json.loads(text)["format"] == 1  # absent in what older builds stored: read as 1
    assert parse_details(text) == details
    assert parse_details(text).record == RECORD


def test_what_older_builds_stored_still_reads() -> None:
    older = json.dumps({"place": "a neutral venue", "record": RECORD.to_json()})
    details = parse_details(older)
    assert details.place == "a neutral venue" and details.record == RECORD
    assert parse_details(json.dumps({"place": "x"})).record is None
    assert parse_details(None) == VisitDetails() == parse_details("  ")


def test_free_text_from_an_older_tool_is_kept() -> None:
    legacy = 'Visited 3/3, all fine. Mum says: "we\'re happy"'
    details = parse_details(legacy)
    assert details.legacy_text == legacy and details.dump() == legacy
    with_record = details.model_copy(update={"record": RECORD})
    again = parse_details(with_record.dump())
    assert again.legacy_text == legacy and again.record == RECORD


def test_a_damaged_record_is_refused_naming_it() -> None:
    damaged = json.dumps({"place": "x", "record": {"outcome": "NOT_AN_OUTCOME"}})
    with pytest.raises(ValidationError) as raised:
        parse_details(damaged)
    assert raised.value.field == "summary"
    assert "record" in str(raised.value) and "NOT_AN_OUTCOME" in str(raised.value)


def test_saved_and_signed_through_the_service(vault: Vault) -> None:
    opened = ehe.open_case(
        vault,
        ACTOR,
        ehe.CaseIntake(
            family_name="Test-Details",
            given_names="Amelia",
            date_of_birth=date(2013, 4, 4),
            notified_on=date(2026, 1, 5),
            source=EheSource.PARENT,
            address_line1="1 Synthetic Road",
            postcode="OX1 1AA",
        ),
    )
    visit_id = ehe_visits.plan_visit(
        vault, ACTOR, opened.case_id, date(2026, 3, 2), place="Botley library"
    )
    with records.writing(vault, ACTOR) as s:  # as an older tool left it: place and free text
        visit = records.get(s, EheVisit, visit_id)
        visit.summary = "Arranged by phone with mum"
    ehe_visits.save_record(vault, ACTOR, visit_id, RECORD)
    with vault.read() as s:
        visit = records.get(s, EheVisit, visit_id)
        stored = parse_details(visit.summary)
        assert ehe_visits.visit_record(visit) == RECORD
    assert stored.legacy_text == "Arranged by phone with mum"
    ehe_visits.sign_visit(vault, ACTOR, visit_id)
    with pytest.raises(SignedRecordError):
        ehe_visits.save_record(vault, ACTOR, visit_id, VisitRecord(notes="changed"))
    with vault.read() as s:
        visit = records.get(s, EheVisit, visit_id)
        assert visit.signed and parse_details(visit.summary) == stored
