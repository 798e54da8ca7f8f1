"""The licence and BOPA forms' fields as typed: one message per wrong field, the rules engine's
findings before anything is stored, and saving that stores exactly what was typed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oxfield.clock import FixedClock
from oxfield.domain.licensing import Bopa, Licence, LicenceStatus
from oxfield.errors import ValidationError
from oxfield.services.licensing import LicencePlan
from oxfield.services.licensing_entry import (
    check_bopa_field,
    check_licence_field,
    licence_preview,
    save_bopa,
    save_licence,
)
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault

TODAY = date(2026, 9, 20)


def form(**changes: str) -> dict[str, str]:
    fields = {
        "given_names": "Layla",
        "family_name": "Haddad",
        "date_of_birth": "04/04/2015",
        "production": "Oliver!",
        "applicant_name": "Cherwell Youth Theatre",
        "received_on": "20/09/2026",
        "venues": "Mill Arts Centre, Banbury; St Mary's Hall",
        "dates": "05/10/2026, 06/10/2026",
        "paid": "yes",
        "school_absence": "no",
        "tutor_name": "Priya Sharma-Lowe",
    }
    fields.update(changes)
    return fields


@pytest.mark.parametrize(
    ("name", "value", "start"),
    [
        ("given_names", "  ", "Child's given names is required"),
        ("date_of_birth", "31/02/2015", "Child's date of birth: type a date"),
        ("received_on", "21/09/2026", "Application received on: cannot be in the future"),
        ("dates", "05/10/2026, 5/10/2026", "Dates: 05/10/2026 appears twice"),
        ("dates", "05/10/2026 tomorrow", "Dates: 'tomorrow' is not a date"),
        ("dates", "01/01/0001", "Dates: '01/01/0001' is not a date"),
        ("dates", "31/12/9999", "Dates: '31/12/9999' is not a date"),
        ("children_in_chaperone_group", "0", "Children in the chaperone's group: a whole"),
    ],
)
def test_each_wrong_field_gets_one_message_naming_it(name: str, value: str, start: str) -> None:
    message = check_licence_field(name, form(**{name: value}), TODAY)
    assert message is not None and message.startswith(start)
    assert check_licence_field(name, form(), TODAY) is None


def test_a_period_needs_its_days_and_they_must_fit() -> None:
    fields = form(dates="", first_day="01/10/2026", last_day="03/10/2026", performance_days="")
    assert check_licence_field("dates", fields, TODAY) is None
    assert "required when no dates" in (
        check_licence_field("performance_days", fields, TODAY) or ""
    )
    fields["performance_days"] = "4"
    assert "more than the 3 days" in (check_licence_field("performance_days", fields, TODAY) or "")
    fields["last_day"] = "30/09/2026"
    assert (check_licence_field("last_day", fields, TODAY) or "").startswith("Last day: is before")
    assert "give the dates" in (check_licence_field("dates", form(dates=""), TODAY) or "")


def test_findings_show_before_saving_and_nothing_is_stored(module_vault: Vault) -> None:
    seven = ", ".join(f"{d:02d}/10/2026" for d in range(5, 12))
    with writing(module_vault, Actor("officer-1")) as s:
        before = s.query(Licence).count()
        got = {(f.rule, f.regulation) for f in licence_preview(s, form(dates=seven), TODAY)}
        exempt = licence_preview(s, form(paid="no"), TODAY)
        broken = licence_preview(s, form(date_of_birth=""), TODAY)
        assert s.query(Licence).count() == before
    assert ("application_notice", "SI 2014/3309 reg 4") in got
    assert ("consecutive_days", "SI 2014/3309 reg 26") in got
    assert [f.rule for f in exempt] == ["application_notice", "four_day_exemption"]
    assert exempt[1].regulation == "CYPA 1963 s37(3)(a)"
    assert broken == []


def test_saving_stores_the_child_the_plan_and_the_grant(module_vault: Vault) -> None:
    with writing(module_vault, Actor("officer-1")) as s:
        licence = save_licence(s, form(granted="yes", children_in_chaperone_group="4"), TODAY)
        assert licence.status is LicenceStatus.GRANTED and licence.decided_on == TODAY
        assert licence.child.legal_given_names == "Layla"
        plan = LicencePlan.from_json(licence.venues)
        assert plan.venues == ("Mill Arts Centre, Banbury", "St Mary's Hall")
        assert plan.dates == (date(2026, 10, 5), date(2026, 10, 6))
        assert plan.children_in_chaperone_group == 4 and plan.paid
        with pytest.raises(ValidationError) as refused:
            save_licence(s, form(venues=""), TODAY)
        assert refused.value.field == "venues"


def test_a_bopa_is_checked_as_typed_and_signed_when_approved(module_vault: Vault) -> None:
    actor = Actor("officer-1", clock=FixedClock(datetime(2026, 9, 20, 10, tzinfo=UTC)))
    fields = {
        "organisation": "Banbury Amateur Operatic Society",
        "production": "Oliver!",
        "valid_from": "01/10/2026",
        "valid_to": "30/09/2026",
        "approved": "yes",
    }
    assert (
        check_bopa_field("valid_to", fields, TODAY) == "Approval to: is before the approval's start"
    )
    assert check_bopa_field("organisation", {**fields, "organisation": ""}, TODAY) is not None
    fields["valid_to"] = "31/10/2026"
    with writing(module_vault, actor) as s:
        bopa = save_bopa(s, fields, actor)
        assert isinstance(bopa, Bopa) and bopa.signed and bopa.decided_on == TODAY
