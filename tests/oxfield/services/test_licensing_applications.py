"""A licence application checked on entry: each rule's finding with its regulation, the
exemption and BOPA offered when they apply, and bad applications refused by field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oxfield.domain.kinds import Team
from oxfield.errors import ValidationError
from oxfield.rules.findings import Severity
from oxfield.services.licensing import (
    LicenceApplication,
    LicencePlan,
    licence_findings,
    record_application,
    record_bopa,
)
from oxfield.services.records import Actor, create_child, sign, writing
from oxfield.vault.vault import Vault

FIRST = date(2026, 10, 5)


def days(n: int, start: date = FIRST, step: int = 1) -> tuple[date, ...]:
    return tuple(start + timedelta(days=i * step) for i in range(n))


def findings(vault: Vault, received: date = date(2026, 9, 1), **plan):
    with writing(vault, Actor("officer-1")) as s:
        child = create_child(
            s,
            team=Team.LICENSING,
            legal_family_name="Haddad",
            legal_given_names="Layla",
            date_of_birth=date(2015, 4, 4),
        )
        app = LicenceApplication(
            production=plan.pop("production", "Oliver!"),
            applicant_name="Cherwell Youth Theatre",
            received_on=received,
            plan=LicencePlan(venues=("Mill Arts Centre, Banbury",), **plan),
        )
        licence = record_application(s, child, app)
        return {(f.rule, f.severity, f.regulation) for f in licence_findings(s, licence)}


def test_short_notice_is_a_warning_with_its_regulation(module_vault: Vault) -> None:
    got = findings(module_vault, received=FIRST - timedelta(days=20), dates=days(2))
    assert {r for r, sev, _ in got if sev is Severity.WARNING} == {"application_notice"}
    assert findings(module_vault, received=FIRST - timedelta(days=21), dates=days(2)) == set()


def test_seven_days_running_breaks_the_consecutive_limit(module_vault: Vault) -> None:
    assert findings(module_vault, dates=days(6)) == set()
    got = findings(module_vault, dates=days(7))
    assert {r for r, *_ in got} == {"consecutive_days"}
    assert next(reg for r, _, reg in got) == "SI 2014/3309 reg 26"


def test_eight_full_weeks_then_performing_needs_the_break(module_vault: Vault) -> None:
    weeks = tuple(d for w in range(8) for d in days(6, FIRST + timedelta(weeks=w)))
    after = days(12, FIRST + timedelta(weeks=8, days=1), step=2)
    got = findings(module_vault, dates=(*weeks, *after))  # 60 days: the rule applies
    assert "break_after_eight_weeks" in {r for r, *_ in got}
    got = findings(module_vault, dates=(*weeks, *after[:-1]))  # 59 days: it does not
    assert "break_after_eight_weeks" not in {r for r, *_ in got}


def test_chaperone_ratio(module_vault: Vault) -> None:
    assert findings(module_vault, dates=days(2), children_in_chaperone_group=12) == set()
    got = findings(module_vault, dates=days(2), children_in_chaperone_group=13)
    assert {r for r, *_ in got} == {"chaperone_ratio"}
    got = findings(
        module_vault, dates=days(2), children_in_chaperone_group=4, chaperone_also_tutor=True
    )
    assert {r for r, *_ in got} == {"chaperone_ratio"}


def test_four_day_exemption_offered_only_when_it_applies(module_vault: Vault) -> None:
    unpaid = {"paid": False, "school_absence": False}
    assert ("four_day_exemption", Severity.INFO, "CYPA 1963 s37(3)(a)") in findings(
        module_vault, dates=days(4, step=7), **unpaid
    )
    assert findings(module_vault, dates=days(5, step=7), **unpaid) == set()
    assert findings(module_vault, dates=days(4, step=7), paid=True) == set()


def test_a_signed_bopa_covering_the_production_is_offered(module_vault: Vault) -> None:
    with writing(module_vault, Actor("officer-1")) as s:
        bopa = record_bopa(
            s,
            organisation="Banbury Amateur Operatic Society",
            production="Pirates of Penzance",
            valid_from=date(2026, 10, 1),
            valid_to=date(2026, 10, 31),
        )
        sign(bopa, Actor("officer-1"))
    got = findings(
        module_vault, production="Pirates  of penzance", dates=days(9, step=2), paid=False
    )
    assert ("bopa_applies", Severity.INFO, "CYPA 1963 s37(3)(b)") in got


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        ({"venues": (), "dates": days(2)}, "venues"),
        ({"venues": ("Hall",)}, "dates"),
        ({"venues": ("Hall",), "dates": (FIRST, FIRST)}, "dates"),
        (
            {"venues": ("Hall",), "dates": days(2), "children_in_chaperone_group": 0},
            "children_in_chaperone_group",
        ),
    ],
)
def test_bad_applications_name_the_field(module_vault: Vault, plan, field) -> None:
    with writing(module_vault, Actor("officer-1")) as s:
        child = create_child(
            s,
            team=Team.LICENSING,
            legal_family_name="Haddad",
            legal_given_names="Omar",
            date_of_birth=date(2015, 4, 4),
        )
        app = LicenceApplication(
            production="Oliver!",
            applicant_name="Cherwell Youth Theatre",
            received_on=date(2026, 9, 1),
            plan=LicencePlan(**plan),
        )
        with pytest.raises(ValidationError) as err:
            record_application(s, child, app)
    assert err.value.field == field


def test_plan_reads_back_and_plain_venue_text_still_reads() -> None:
    plan = LicencePlan(venues=("Hall A", "Studio {B}"), dates=days(2), paid=False)
    assert LicencePlan.from_json(plan.to_json()) == plan
    assert LicencePlan.from_json("Kassam Stadium, Oxford").venues == ("Kassam Stadium, Oxford",)
    assert LicencePlan.from_json("") == LicencePlan()


def test_days_in_a_period_instead_of_dates(module_vault: Vault) -> None:
    with writing(module_vault, Actor("officer-1")) as s:
        child = create_child(
            s,
            team=Team.LICENSING,
            legal_family_name="Haddad",
            legal_given_names="Sami",
            date_of_birth=date(2015, 4, 4),
        )
        app = LicenceApplication(
            production="Film shoot",
            applicant_name="Riverside Films",
            received_on=date(2026, 9, 1),
            plan=LicencePlan(venues=("Location, Witney",)),
            first_day=FIRST,
            last_day=FIRST + timedelta(days=9),
            performance_days=11,
        )
        with pytest.raises(ValidationError, match="from 1 to 10") as err:
            record_application(s, child, app)
        assert err.value.field == "performance_days"
        licence = record_application(
            s, child, LicenceApplication(**{**app.__dict__, "performance_days": 4})
        )
        assert (licence.performance_days, licence.last_day) == (4, FIRST + timedelta(days=9))
        assert licence_findings(s, licence) == []
