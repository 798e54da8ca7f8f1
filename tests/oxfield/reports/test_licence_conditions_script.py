"""A licence's conditions are typed by an officer, so they print in any script with its own
font, like every other typed field (a condition in Chinese once printed in the base font, which
has no Chinese letters, and could not be read back)."""

from __future__ import annotations

from datetime import date

from oxfield.reports.ehe_inputs import Officer
from oxfield.reports.licence import build_licence
from oxfield.reports.licensing_inputs import LicenceDocument
from tests.oxfield.reports.helpers import ARABIC, CHINESE, body_text


def test_conditions_in_any_script_print_and_read_back() -> None:
    conditions = (
        f"Chaperone {CHINESE} to stay in the dressing room",
        f"Collected by {ARABIC} & no one else <ever>",
        "=HYPERLINK(no formula)",
    )
    pdf = build_licence(
        LicenceDocument(
            reference="LIC-2026-0042",
            child_name="Amara Okafor-Lindqvist",
            date_of_birth=date(2016, 2, 29),
            production="The Snow Queen",
            applicant="Smith & Jones Productions",
            venues=("Oxford Playhouse",),
            dates=(date(2026, 12, 10),),
            first_day=None,
            last_day=None,
            performance_days=None,
            education="Tutor on set",
            tutor="Tutor Ltd",
            chaperone="A parent",
            granted_on=date(2026, 11, 20),
            officer=Officer("Demo Officer", phone="01865 000000"),
            conditions=conditions,
        )
    )
    # spaces are compared loosely: the extractor may drop one where a font run ends
    text = "".join(body_text(pdf).split())
    for condition in conditions:
        assert "".join(condition.split()) in text
