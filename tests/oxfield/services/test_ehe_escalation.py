"""Escalation on a real vault: deemed service over bank holidays, deadlines across the clock
changes, steps in order only, CME referral, and the Today list seeing each deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oxfield.clock import FixedClock
from oxfield.domain.ehe import EheCase, EheOutcome, EheSource, EheStatus
from oxfield.errors import ValidationError
from oxfield.exports.ehe_census import ehe_census
from oxfield.reports.ehe_inputs import Judgement, Outcome, SuitabilityPart
from oxfield.services import ehe, ehe_escalation, ehe_reports, ehe_today, ehe_visits
from oxfield.services.ehe_escalation import BY_HAND, FIRST_CLASS_POST, deemed_served
from oxfield.services.ehe_reports import local_day
from oxfield.services.ehe_visit_details import VisitRecord
from oxfield.services.records import Actor
from oxfield.services.schools import import_default_schools
from oxfield.vault.vault import Vault
from tests.oxfield.reports.helpers import body_text

CLOCK = FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
ACTOR = Actor("officer-1", "laptop-1", CLOCK)
SCHOOL = 122991


@pytest.mark.parametrize(
    ("sent", "method", "served"),
    [
        (date(2026, 3, 20), BY_HAND, date(2026, 3, 20)),
        (date(2026, 3, 18), FIRST_CLASS_POST, date(2026, 3, 20)),  # Wed -> Fri
        (date(2026, 3, 19), FIRST_CLASS_POST, date(2026, 3, 23)),  # Thu -> Mon
        (date(2026, 4, 2), FIRST_CLASS_POST, date(2026, 4, 8)),  # Good Friday, Easter Monday
        (date(2026, 12, 23), FIRST_CLASS_POST, date(2026, 12, 29)),  # 25th and substitute 28th
        (date(2026, 8, 27), FIRST_CLASS_POST, date(2026, 9, 1)),  # summer bank holiday 31 Aug
    ],
)
def test_deemed_service(sent: date, method: str, served: date) -> None:
    assert deemed_served(sent, method) == served


@pytest.fixture
def unsuitable(vault: Vault) -> tuple[Vault, str]:
    import_default_schools(vault)
    opened = ehe.open_case(
        vault,
        ACTOR,
        ehe.CaseIntake(
            family_name="Test-Escalation",
            given_names="Amelia",
            date_of_birth=date(2013, 4, 4),
            notified_on=date(2026, 1, 5),
            source=EheSource.PARENT,
            address_line1="1 Synthetic Road",
            postcode="OX1 1AA",
            parents=(ehe.ParentIn("Ирина", "Test-Escalation"),),
        ),
    )
    visit = ehe_visits.plan_visit(vault, ACTOR, opened.case_id, date(2026, 3, 2))
    ehe_visits.save_record(
        vault,
        ACTOR,
        visit,
        VisitRecord(
            child_seen=True,
            judgements={p: Judgement.NOT_MET for p in SuitabilityPart},
            outcome=Outcome.NOT_SATISFIED,
        ),
    )
    signed = ehe_visits.sign_visit(vault, ACTOR, visit)
    assert signed.case_status is EheStatus.INFORMAL_ENQUIRY
    return vault, opened.case_id


def test_s437_deadline_across_the_clock_change_and_good_friday(
    unsuitable: tuple[Vault, str],
) -> None:
    vault, case_id = unsuitable
    # served Friday 20 March (GMT); the 15th day is Friday 3 April (BST, Good Friday):
    # the statute counts calendar days, so a bank holiday does not move the end
    ehe_escalation.serve_s437_notice(
        vault, ACTOR, case_id, sent_on=date(2026, 3, 20), method=BY_HAND, reasons="No work seen."
    )
    [step] = ehe_escalation.steps_of(vault, case_id)
    assert (step.served_on, step.respond_by) == (date(2026, 3, 20), date(2026, 4, 3))

    # 23:30 BST on 3 April is 22:30 UTC: still the deadline day in London
    late_evening = FixedClock(datetime(2026, 4, 3, 22, 30, tzinfo=UTC)).today()
    after_midnight = FixedClock(datetime(2026, 4, 3, 23, 30, tzinfo=UTC)).today()
    assert late_evening == date(2026, 4, 3)
    deadline = ehe_escalation.case_next_deadline(vault, case_id, late_evening)
    assert deadline is not None and deadline.due == date(2026, 4, 3)
    assert ehe_escalation.case_next_deadline(vault, case_id, after_midnight) is None

    agenda = ehe_today.ehe_agenda(vault, date(2026, 3, 30))
    assert [(i.day, i.kind) for i in agenda] == [(date(2026, 4, 3), "statutory_deadline")]
    assert ehe_today.ehe_agenda(vault, date(2026, 4, 6))[0].overdue


def test_steps_in_order_then_sao_then_cme(unsuitable: tuple[Vault, str]) -> None:
    vault, case_id = unsuitable
    with pytest.raises(ValidationError) as info:
        ehe_escalation.serve_school_nomination(
            vault, ACTOR, case_id, sent_on=date(2026, 3, 3), school_urn=SCHOOL
        )
    assert info.value.field == "step"
    with pytest.raises(ValidationError) as info:
        ehe_escalation.serve_s437_notice(
            vault, ACTOR, case_id, sent_on=date(2026, 3, 3), method=BY_HAND, reasons="x",
            respond_by=date(2026, 3, 16),
        )  # fmt: skip
    assert info.value.field == "respond_by"
    ehe_escalation.serve_s437_notice(
        vault, ACTOR, case_id, sent_on=date(2026, 3, 3), method=BY_HAND, reasons="No work seen."
    )  # period ends 17 March (15 days counting the 3rd)
    with pytest.raises(ValidationError) as info:
        ehe_escalation.serve_school_nomination(
            vault, ACTOR, case_id, sent_on=date(2026, 3, 17), school_urn=SCHOOL, method=BY_HAND
        )
    assert info.value.field == "sent_on"
    ehe_escalation.serve_school_nomination(
        vault, ACTOR, case_id, sent_on=date(2026, 3, 18), school_urn=SCHOOL, method=BY_HAND
    )  # parent may choose until 1 April
    steps = ehe_escalation.steps_of(vault, case_id)
    assert steps[-1].respond_by == date(2026, 4, 1)
    deadline = ehe_escalation.case_next_deadline(vault, case_id, date(2026, 3, 20))
    assert deadline is not None
    assert (deadline.rule, deadline.due) == ("school_nomination", date(2026, 4, 1))
    with pytest.raises(ValidationError):
        ehe_escalation.serve_sao(
            vault, ACTOR, case_id, sent_on=date(2026, 4, 1), school_urn=SCHOOL, method=BY_HAND
        )
    ehe_escalation.serve_sao(
        vault, ACTOR, case_id, sent_on=date(2026, 4, 2), school_urn=SCHOOL, method=BY_HAND
    )
    steps = ehe_escalation.steps_of(vault, case_id)
    assert [s.step.value for s in steps] == ["s437_notice", "school_nomination", "sao_served"]
    letters = [body_text(ehe_reports.render_step_letter(vault, s.id).pdf) for s in steps]
    assert "17 March 2026" in letters[0] and "served on 3 March 2026 by hand delivery" in letters[0]
    assert "Notice of intention to serve a school attendance order" in letters[1]
    assert "1 April 2026" in letters[1] and "Hornton Primary School" in letters[1]
    assert "School attendance order" in letters[2] and "2 April 2026" in letters[2]
    assert ehe_census(vault, date(2026, 5, 21)).count("Total", "Total")[0] == 1
    ehe_escalation.refer_cme(vault, ACTOR, case_id, on=date(2026, 5, 1), reason="Unsuitable")
    # reclassified as CME: no longer counted as home educated on a later census date
    assert ehe_census(vault, date(2026, 5, 21)).count("Total", "Total") == (0, 1)
    with vault.read() as s:
        case = s.get(EheCase, case_id)
        assert case is not None
        assert (case.status, case.outcome) == (EheStatus.CLOSED, EheOutcome.RECLASSIFIED_CME)


def test_signed_on_is_the_local_day_in_summer_time() -> None:
    # 00:30 BST on 30 March is 23:30 UTC on 29 March
    assert local_day(datetime(2026, 3, 29, 23, 30, tzinfo=UTC), "Europe/London") == date(
        2026, 3, 30
    )
    assert local_day(datetime(2026, 3, 28, 23, 30, tzinfo=UTC), "Europe/London") == date(
        2026, 3, 28
    )
