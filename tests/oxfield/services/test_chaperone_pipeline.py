"""A chaperone from application to signed approval, its reminders and its expiry; and each bad
input (a DBS number that is not 12 digits, a relative as referee) refused with the field named."""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.clock import FixedClock
from oxfield.domain.chaperones import Chaperone, ChaperoneDecision
from oxfield.domain.kinds import Team
from oxfield.domain.tasks import TaskType
from oxfield.errors import SignedRecordError, ValidationError
from oxfield.services import chaperones as ch
from oxfield.services.chaperones_status import (
    due_items,
    require_current_approval,
    set_approval_years,
)
from oxfield.services.licensing import LicenceApplication, LicencePlan, record_application
from oxfield.services.records import Actor, create_child, update, writing
from oxfield.vault.vault import Vault
from tests.oxfield.services.licensing_helpers import FULL_TOPICS, interview, ready_applicant

ACTOR = Actor("officer-1", clock=FixedClock())


def approve(vault: Vault, on: date = date(2026, 4, 1)) -> tuple[str, str]:
    with writing(vault, ACTOR) as s:
        applicant = ready_applicant(s)
        interview(s, applicant, ACTOR)
        decision = ch.decide(s, applicant, outcome=ch.Outcome.APPROVE, decided_on=on, actor=ACTOR)
        return applicant.id, decision.id


def test_application_to_signed_approval_with_derived_reminders(vault: Vault) -> None:
    chaperone_id, decision_id = approve(vault)
    with vault.read() as s:
        chaperone = s.get_one(Chaperone, chaperone_id)
        decision = s.get_one(ChaperoneDecision, decision_id)
        assert decision.signed and decision.approved_until == date(2029, 4, 1)
        assert chaperone.approved_until == date(2029, 4, 1)
        assert chaperone.id_card_number == decision.id_card_number == "CH-2026-00001"
        assert chaperone.dbs_certificate_number == "001234567890"
        # derived from the chaperone's dates: a year after the last update-service check
        due = due_items(s, date(2027, 1, 5))
        assert [(d.task_type, d.due_on) for d in due] == [(TaskType.DBS_RECHECK, date(2027, 3, 3))]
        assert due_items(s, date(2027, 1, 1)) == []
    with writing(vault, ACTOR) as s:
        ch.record_dbs_recheck(s.get_one(Chaperone, chaperone_id), date(2027, 3, 1), True)
    with vault.read() as s:
        assert due_items(s, date(2027, 1, 5)) == []
        later = due_items(s, date(2029, 2, 1))
        assert [(d.task_type, d.due_on) for d in later] == [
            (TaskType.DBS_RECHECK, date(2028, 2, 29)),
            (TaskType.APPROVAL_EXPIRY, date(2029, 4, 1)),
        ]
    with writing(vault, ACTOR) as s:
        decision = s.get_one(ChaperoneDecision, decision_id)
        with pytest.raises(SignedRecordError):
            update(decision, {"reason": "changed later"})


def test_council_setting_sets_the_approval_length(vault: Vault) -> None:
    with writing(vault, ACTOR) as s:
        set_approval_years(s, 2)
    chaperone_id, _ = approve(vault)
    with vault.read() as s:
        assert s.get_one(Chaperone, chaperone_id).approved_until == date(2028, 4, 1)


def test_expired_approval_is_refused_with_a_clear_message(vault: Vault) -> None:
    chaperone_id, _ = approve(vault)
    with writing(vault, ACTOR) as s:
        chaperone = s.get_one(Chaperone, chaperone_id)
        require_current_approval(chaperone, date(2029, 4, 1))
        with pytest.raises(ValidationError, match="approval expired on 2029-04-01") as err:
            require_current_approval(chaperone, date(2029, 4, 2))
        assert err.value.field == "chaperone"
        child = create_child(
            s,
            team=Team.LICENSING,
            legal_family_name="Okafor",
            legal_given_names="Chidi",
            date_of_birth=date(2016, 6, 1),
        )
        app = LicenceApplication(
            production="Panto",
            applicant_name="Theatre Ltd",
            received_on=date(2029, 3, 1),
            plan=LicencePlan(venues=("Town Hall",), dates=(date(2029, 5, 2),)),
            chaperone_id=chaperone_id,
        )
        with pytest.raises(ValidationError, match="approval expired") as err:
            record_application(s, child, app)
        assert err.value.field == "chaperone"


@pytest.mark.parametrize("number", ["12345", "0012 3456 789O", "1234567890123", ""])
def test_dbs_number_must_be_12_digits(number: str) -> None:
    with pytest.raises(ValidationError, match="12 digits") as err:
        ch.check_dbs_number(number)
    assert err.value.field == "dbs_certificate_number"


@pytest.mark.parametrize(
    "relationship", ["Sister", "step-father", "Mother-in-law", "partner", "Grandmother", "cousin"]
)
def test_a_relative_cannot_be_a_referee(module_vault: Vault, relationship: str) -> None:
    with writing(module_vault, ACTOR) as s:
        applicant = ready_applicant(s)
        with pytest.raises(ValidationError, match="not be a relative") as err:
            ch.add_reference(s, applicant, referee_name="Ewa Kowalczyk", relationship=relationship)
        assert err.value.field == "relationship"
        ch.add_reference(s, applicant, referee_name="Sam Hill", relationship="Scout leader")


def test_approval_waits_for_every_check_and_refusal_needs_reasons(vault: Vault) -> None:
    with writing(vault, ACTOR) as s:
        applicant = ready_applicant(s)
        with pytest.raises(ValidationError, match="no signed interview") as err:
            ch.decide(
                s, applicant, outcome=ch.Outcome.APPROVE, decided_on=date(2026, 4, 1), actor=ACTOR
            )
        assert err.value.field == "interview"
        with pytest.raises(ValidationError) as err:
            ch.record_interview(
                s,
                applicant,
                held_on=date(2026, 3, 25),
                interviewer="officer-1",
                topics={k: v for k, v in FULL_TOPICS.items() if k is not ch.Topic.TOURING},
                overall="x",
            )
        assert err.value.field == "topics"
        with pytest.raises(ValidationError) as err:
            ch.decide(
                s, applicant, outcome=ch.Outcome.REFUSE, decided_on=date(2026, 4, 1), actor=ACTOR
            )
        assert err.value.field == "reasons"
        refused = ch.decide(
            s,
            applicant,
            outcome=ch.Outcome.REFUSE,
            decided_on=date(2026, 4, 1),
            actor=ACTOR,
            reasons="Did not show understanding of safeguarding procedures.",
        )
        assert refused.signed and refused.approved_until is None
        assert applicant.approved_until is None


def test_restricted_approval_keeps_its_restrictions(vault: Vault) -> None:
    with writing(vault, ACTOR) as s:
        applicant = ready_applicant(s)
        interview(s, applicant, ACTOR)
        decision = ch.decide(
            s,
            applicant,
            outcome=ch.Outcome.APPROVE_WITH_RESTRICTIONS,
            decided_on=date(2026, 4, 1),
            actor=ACTOR,
            reasons="Children aged 10 and over only",
        )
        assert decision.reason == "Children aged 10 and over only"
        assert decision.approved_until == date(2029, 4, 1)


def test_a_failed_recheck_ends_the_approval(vault: Vault) -> None:
    chaperone_id, _ = approve(vault)
    with writing(vault, ACTOR) as s:
        chaperone = s.get_one(Chaperone, chaperone_id)
        ch.record_dbs_recheck(chaperone, date(2027, 2, 1), still_clear=False)
        with pytest.raises(ValidationError, match="approval expired on 2027-02-01"):
            require_current_approval(chaperone, date(2027, 2, 2))
