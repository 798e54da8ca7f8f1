"""Correcting a saved licence, and the drafts Today can reopen (each with where it leads).

A saved licence comes back as the very fields that were typed; a correction is parsed again and
stored on the same licence and child; a wrong field, un-granting, a signed licence and a refused
one are each refused with a message naming the field, and change nothing.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from oxfield.clock import FixedClock
from oxfield.domain.ehe import EheSource
from oxfield.domain.kinds import Team
from oxfield.domain.licensing import Licence, LicenceStatus
from oxfield.domain.people import Child
from oxfield.errors import ValidationError
from oxfield.services import records
from oxfield.services.drafts import save_draft
from oxfield.services.ehe_visits import plan_visit
from oxfield.services.licence_edit import amend_licence, load_licence, update_licence
from oxfield.services.licensing_entry import store_licence
from oxfield.services.today import unfinished_edits
from oxfield.vault.vault import Vault

ACTOR = records.Actor("officer-1", clock=FixedClock(datetime(2026, 9, 20, 9, tzinfo=UTC)))

TYPED = {
    "given_names": "Layla",
    "family_name": "Haddad",
    "date_of_birth": "04/04/2015",
    "production": "Oliver!",
    "applicant_name": "Cherwell Youth Theatre",
    "applicant_contact": "01295 000000",
    "received_on": "20/09/2026",
    "venues": "Mill Arts Centre, Banbury; St Mary's Hall",
    "dates": "05/10/2026, 06/10/2026",
    "first_day": "",
    "last_day": "",
    "performance_days": "",
    "paid": "yes",
    "school_absence": "no",
    "education_arrangements": "",
    "tutor_name": "Priya Sharma-Lowe",
    "chaperone_id": "",
    "children_in_chaperone_group": "4",
    "chaperone_also_tutor": "no",
    "granted": "no",
}


def saved(vault: Vault, **changes: str) -> str:
    store_licence(vault, ACTOR, TYPED | changes)
    with vault.read() as s:
        return s.query(Licence).order_by(Licence.reference.desc()).first().id


def test_a_saved_licence_comes_back_as_typed(vault: Vault) -> None:
    on_file = load_licence(vault, saved(vault))
    assert on_file.fields == TYPED
    assert on_file.editable and on_file.why_not == ""
    period = {"dates": "", "first_day": "01/10/2026", "last_day": "31/10/2026"}
    other = load_licence(vault, saved(vault, **period, performance_days="6", granted="yes"))
    assert other.fields == TYPED | period | {"performance_days": "6", "granted": "yes"}


def test_a_correction_is_stored_on_the_same_licence_and_child(vault: Vault) -> None:
    licence_id = saved(vault)
    said = update_licence(
        vault,
        ACTOR,
        licence_id,
        TYPED | {"family_name": "Haddad-Ross", "dates": "07/10/2026", "granted": "yes"},
    )
    assert said.endswith("granted.")
    with vault.read() as s:
        licence = s.query(Licence).one()
        assert licence.status is LicenceStatus.GRANTED and licence.decided_on == date(2026, 9, 20)
        assert (licence.first_day, licence.last_day) == (date(2026, 10, 7), date(2026, 10, 7))
        assert s.get(Child, licence.child_id).legal_family_name == "Haddad-Ross"
        assert "|haddadross|" in s.get(Child, licence.child_id).search_key  # found by search
    again = update_licence(vault, ACTOR, licence_id, load_licence(vault, licence_id).fields)
    assert again.endswith("saved.")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"dates": "05/10/2026, 31/02/2026"}, "dates"),
        ({"production": ""}, "production"),
    ],
)
def test_a_wrong_field_is_named_and_nothing_changes(
    vault: Vault, changes: dict[str, str], field: str
) -> None:
    licence_id = saved(vault)
    with pytest.raises(ValidationError) as caught:
        update_licence(vault, ACTOR, licence_id, TYPED | changes)
    assert caught.value.field == field
    assert load_licence(vault, licence_id).fields == TYPED


def test_granted_signed_and_refused_licences_are_refused(vault: Vault) -> None:
    licence_id = saved(vault, granted="yes")
    with pytest.raises(ValidationError) as caught:
        update_licence(vault, ACTOR, licence_id, TYPED)  # "granted": "no"
    assert caught.value.field == "granted"
    with records.writing(vault, ACTOR) as s:
        records.sign(s.get(Licence, licence_id), ACTOR)
    on_file = load_licence(vault, licence_id)
    assert not on_file.editable and "is signed" in on_file.why_not
    with pytest.raises(ValidationError, match="is signed"):
        update_licence(vault, ACTOR, licence_id, TYPED | {"granted": "yes", "venues": "Elsewhere"})
    refused = saved(vault)
    with records.writing(vault, ACTOR) as s:
        s.get(Licence, refused).status = LicenceStatus.REFUSED
    assert "is refused" in load_licence(vault, refused).why_not
    with pytest.raises(ValidationError):
        load_licence(vault, "no-such-licence")


def test_every_listed_draft_says_where_it_leads(vault: Vault) -> None:
    with records.writing(vault, ACTOR) as s:
        child = records.create_child(
            s,
            team=Team.EHE,
            legal_family_name="Nowak",
            legal_given_names="Łukasz",
            date_of_birth=date(2016, 7, 21),
        )
        case = records.open_ehe_case(
            s, child, notified_on=date(2025, 9, 1), source=EheSource.PARENT
        )
        s.flush()
        case_id, reference = case.id, case.reference
    visit_id = plan_visit(vault, ACTOR, case_id, date(2026, 9, 22))
    licence_id = saved(vault)
    save_draft(vault, "ehe_visit_record", visit_id, {"record": "{}"})
    save_draft(vault, "licence_application", None, {"display_name": "a new licence application"})
    save_draft(vault, "licence_application", licence_id, {"production": "Oliver! (tour)"})
    save_draft(vault, "bopa", None, {"display_name": "a new body of persons approval"})
    save_draft(vault, "ehe_case", case_id, {"display_name": "Łukasz Nowak"})
    save_draft(vault, "something_unknown", None, {"x": "1"})  # nothing reopens it: not listed
    save_draft(vault, "chaperone_dbs", "chap-1", {"display_name": "Enhanced DBS for Ana Silva"})
    save_draft(vault, "chaperone_application", None, {"display_name": "a new application"})
    save_draft(vault, "employment_permit", None, {"display_name": "a new permit"})
    save_draft(vault, "ehe_visit_record", "no-such-visit", {"record": "{}"})  # gone: not listed
    signed_id = saved(vault)
    save_draft(vault, "licence_application", signed_id, {"production": "Typed, then signed"})
    with records.writing(vault, ACTOR) as s:
        records.sign(s.get(Licence, signed_id), ACTOR)  # amended, never edited: not listed

    found = {(e.target, e.target_id): e.title for e in unfinished_edits(vault)}
    assert found == {
        ("visit", visit_id): f"Visit record for Łukasz Nowak ({reference})",
        ("new_licence", None): "Edit of a new licence application",
        ("licence", licence_id): found[("licence", licence_id)],
        ("new_bopa", None): "Edit of a new body of persons approval",
        ("case", case_id): "Edit of Łukasz Nowak",
        ("chaperone", "chap-1"): "Edit of Enhanced DBS for Ana Silva",
        ("chaperone", None): "Edit of a new application",
        ("new_permit", None): "Edit of a new permit",
    }
    assert found[("licence", licence_id)].endswith("(Oliver!)")


def test_a_signed_licence_is_corrected_by_a_signed_amendment(vault: Vault) -> None:
    licence_id = saved(vault)
    typed = TYPED | {"venues": "The Kings Centre, Oxford", "dates": "05/10/2026, 07/10/2026"}
    with pytest.raises(ValidationError, match="not signed yet"):
        amend_licence(vault, ACTOR, licence_id, typed, "Venue moved")
    with records.writing(vault, ACTOR) as s:
        records.sign(s.get(Licence, licence_id), ACTOR)
    with pytest.raises(ValidationError) as caught:
        amend_licence(vault, ACTOR, licence_id, typed, "  ")
    assert caught.value.field == "reason"
    with pytest.raises(ValidationError) as caught:
        amend_licence(vault, ACTOR, licence_id, typed | {"family_name": "Other"}, "Venue moved")
    assert caught.value.field == "family_name"
    with pytest.raises(ValidationError, match="nothing was changed"):
        amend_licence(vault, ACTOR, licence_id, TYPED, "Venue moved")
    said = amend_licence(vault, ACTOR, licence_id, typed, "Venue moved")
    assert said.startswith("Amendment to licence ")
    with vault.read() as s:
        licence = s.get(Licence, licence_id)
        assert licence.last_day == date(2026, 10, 6)  # as signed
        (amendment,) = records.amendments_of(s, licence)
        changes = json.loads(amendment.changes)
        assert changes == {"venues": changes["venues"], "last_day": "2026-10-07"}
        assert "The Kings Centre, Oxford" in changes["venues"]
        assert amendment.signed and amendment.reason == "Venue moved"
