"""The chaperone pipeline's forms as typed text, without a display: each bad input is named by
its field's label, a good step is recorded through the pipeline service, and the list's stage
follows the applicant through to an approval and its expiry."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oxfield.clock import FixedClock
from oxfield.domain.chaperones import Chaperone
from oxfield.errors import ValidationError
from oxfield.services import chaperones as ch
from oxfield.services.chaperones_forms import check_step, save_step
from oxfield.services.chaperones_list import fetch_chaperone_rows, find_chaperone_ids
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault
from tests.oxfield.services.licensing_helpers import interview

TODAY = date(2026, 3, 25)


@pytest.mark.parametrize(
    ("step", "fields", "name", "message"),
    [
        (
            "dbs",
            {"dbs_certificate_number": "12345678901"},
            "dbs_certificate_number",
            "DBS certificate number must be the 12 digits printed on the certificate.",
        ),
        (
            "dbs",
            {"dbs_certificate_number": "1234567890ab"},
            "dbs_certificate_number",
            "DBS certificate number must be the 12 digits printed on the certificate.",
        ),
        (
            "dbs",
            {"dbs_issued_on": "10/02/2026", "dbs_last_checked_on": "01/02/2026"},
            "dbs_last_checked_on",
            "Update service checked on is before the certificate's issue date.",
        ),
        (
            "references",
            {"referee_1_relationship": "Step-father"},
            "referee_1_relationship",
            "Referee 1 relationship to the applicant: a referee must not be a relative or partner "
            "of the applicant.",
        ),
        (
            "references",
            {"referee_2_relationship": "Partner"},
            "referee_2_relationship",
            "Referee 2 relationship to the applicant: a referee must not be a relative or partner "
            "of the applicant.",
        ),
        (
            "references",
            {"referee_1_name": "Ann Lee", "referee_2_name": "ann lee"},
            "referee_2_name",
            "Referee 2 name: the two referees must be different people.",
        ),
        (
            "application",
            {"date_of_birth": "01/04/2026"},
            "date_of_birth",
            "Date of birth cannot be in the future.",
        ),
        (
            "application",
            {"date_of_birth": "26/03/2008"},
            "date_of_birth",
            "Date of birth: a chaperone must be 18 or over.",
        ),
        (
            "training",
            {"training_completed_on": "soon"},
            "training_completed_on",
            "Training completed on must be a real date, like 31/01/2026.",
        ),
        ("identity", {"id_seen": " "}, "id_seen", "Identity documents seen is required."),
        (
            "dbs",
            {"barred_list": "maybe"},
            "barred_list",
            "Choose the children's barred-list check from the list.",
        ),
    ],
)
def test_each_bad_input_is_named(step: str, fields: dict, name: str, message: str) -> None:
    assert check_step(step, fields, TODAY)[name] == message


def test_a_good_dbs_step_has_no_messages() -> None:
    fields = {
        "dbs_certificate_number": "0012 3456 7890",
        "dbs_issued_on": "10/02/2026",
        "barred_list": "clear",
        "dbs_update_service": "yes",
        "dbs_last_checked_on": "03/03/2026",
    }
    assert not any(check_step("dbs", fields, TODAY).values())


def test_steps_recorded_move_the_stage_to_approved_then_expired(vault: Vault) -> None:
    actor = Actor("officer-1", clock=FixedClock(datetime(2026, 3, 25, 10, tzinfo=UTC)))
    steps = [
        (
            "application",
            {
                "family_name": "Okafor",
                "given_names": "Ada",
                "date_of_birth": "01/01/1980",
                "applied_on": "01/03/2026",
            },
        ),
        ("identity", {"id_seen": "Passport; bill; bank statement", "id_seen_on": "01/03/2026"}),
        (
            "dbs",
            {
                "dbs_certificate_number": "001234567890",
                "dbs_issued_on": "10/02/2026",
                "barred_list": "clear",
                "dbs_update_service": "no",
            },
        ),
        (
            "references",
            {
                "referee_1_name": "Ben Hall",
                "referee_1_relationship": "Employer",
                "referee_1_satisfactory": "yes",
                "referee_2_name": "Cy Dee",
                "referee_2_relationship": "Scout leader",
                "referee_2_satisfactory": "yes",
            },
        ),
        ("training", {"training_completed_on": "20/03/2026"}),
    ]
    chaperone_id = None
    stages = []
    for step, fields in steps:
        with writing(vault, actor) as s:
            chaperone_id = save_step(s, step, chaperone_id, fields, TODAY)
        [row] = fetch_chaperone_rows(vault, [chaperone_id], TODAY)
        stages.append(row.stage)
    assert stages == [
        "Waiting for identity documents",
        "Waiting for the enhanced DBS check",
        "Waiting for references",
        "Waiting for training",
        "Waiting for the interview",
    ]
    with writing(vault, actor) as s:  # recording the references again adds nobody
        save_step(s, "references", chaperone_id, steps[3][1], TODAY)
        chaperone = s.get_one(Chaperone, chaperone_id)
        assert len(ch.references_of(s, chaperone)) == 2
        interview(s, chaperone, actor)
        ch.decide(s, chaperone, outcome=ch.Outcome.APPROVE, decided_on=TODAY, actor=actor)
    assert find_chaperone_ids(vault, "okaf") == [chaperone_id]
    assert find_chaperone_ids(vault, "nobody") == []
    [row] = fetch_chaperone_rows(vault, [chaperone_id], TODAY)
    assert (row.stage, row.approved_until, row.expired) == ("Approved", date(2029, 3, 25), False)
    [row] = fetch_chaperone_rows(vault, [chaperone_id], date(2029, 3, 26))
    assert (row.stage, row.expired) == ("Approval expired", True)


def test_a_step_before_the_application_is_refused(vault: Vault) -> None:
    actor = Actor("officer-1", clock=FixedClock(datetime(2026, 3, 25, 10, tzinfo=UTC)))
    with writing(vault, actor) as s, pytest.raises(ValidationError, match="application first"):
        save_step(s, "training", None, {"training_completed_on": "20/03/2026"}, TODAY)
