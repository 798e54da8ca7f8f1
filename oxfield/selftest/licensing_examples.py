"""Self-test examples for the licensing documents (licences, permits, inspections, chaperones).

The document modules are looked up by name at run time, so these examples are simply never
called in a tree that does not have them yet; :mod:`oxfield.selftest.documents` only asks for
the examples of document modules it actually finds. The people are invented.
"""

from __future__ import annotations

import importlib
import io
from datetime import date
from typing import Any

from oxfield.reports.ehe_inputs import Officer
from oxfield.selftest.documents import Example, example

OFFICER = Officer("Nguyễn Thị Ánh", job_title="Child Employment and Entertainment Officer")
CHILD = "Zuzanna Wiśniewska-Żółć"
CHAPERONE = "Ирина O'Connor-Smirnova"


def _reports(name: str) -> Any:
    return importlib.import_module(f"oxfield.reports.{name}")


def _inputs() -> Any:
    return _reports("licensing_inputs")


def _photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 80), (90, 140, 60)).save(out, format="JPEG")
    return out.getvalue()


@example("oxfield.reports.licence")
def _licence() -> Example:
    doc = _inputs().LicenceDocument(
        reference="LIC-2026-00007",
        child_name=CHILD,
        date_of_birth=date(2015, 6, 1),
        production="A Christmas Carol",
        applicant="Oxford Playhouse Trust",
        venues=("Oxford Playhouse, Beaumont Street",),
        dates=(date(2026, 12, 1), date(2026, 12, 2)),
        first_day=date(2026, 12, 1),
        last_day=date(2026, 12, 2),
        performance_days=2,
        education="Tutor on site, 3 hours a day",
        tutor="王小明",
        chaperone=CHAPERONE,
        granted_on=date(2026, 11, 1),
        officer=OFFICER,
    )
    pdf = _reports("licence").build_licence(doc)
    return Example("performance licence", pdf, (CHILD, "LIC-2026-00007", "王小明", CHAPERONE))


@example("oxfield.reports.permit")
def _permit() -> Example:
    doc = _inputs().PermitDocument(
        reference="EMP-2026-00003",
        child_name=CHILD,
        date_of_birth=date(2012, 3, 4),
        employer="Banbury News & Co",
        employer_address="1 Market Place, Banbury",
        job="Newspaper delivery",
        term_week=(("Saturday", "07:00-09:00"),),
        holiday_week=(("Monday", "07:00-09:00"),),
        issued_on=date(2026, 9, 1),
        review_on=date(2027, 9, 1),
        officer=OFFICER,
    )
    pdf = _reports("permit").build_permit(doc)
    return Example("employment permit", pdf, (CHILD, "EMP-2026-00003", "Banbury News & Co"))


@example("oxfield.reports.inspection_report")
def _inspection() -> Example:
    inputs = _inputs()
    child = inputs.ChildDay(
        name=CHILD,
        age=10,
        licence_reference="LIC-2026-00007",
        events=(inputs.EventLine("18:00", "Arrived at the venue"),),
        totals=(inputs.TotalLine("At the place of performance", "4h 00m", "8h 00m"),),
    )
    report = inputs.InspectionReport(
        reference="INS-2026-00002",
        venue="Oxford Playhouse, Beaumont Street",
        production="A Christmas Carol",
        inspected_on=date(2026, 12, 1),
        officer=OFFICER,
        children=(child,),
        outcome="No breaches found",
    )
    pdf = _reports("inspection_report").build_inspection_report(report)
    return Example("inspection report", pdf, (CHILD, "INS-2026-00002", "No breaches found"))


def _letter() -> Any:
    return _inputs().ChaperoneLetter(
        reference="CH-2026-00001",
        letter_date=date(2026, 4, 1),
        name=CHAPERONE,
        officer=OFFICER,
        address=("12 O'Brien Close", "Banbury", "OX16 5AA"),
        approved_until=date(2029, 4, 1),
        card_number="CH-2026-00001",
        reasons="References were not received.",
    )


@example("oxfield.reports.chaperone_approval")
def _approval() -> Example:
    pdf = _reports("chaperone_approval").build_approval_letter(_letter())
    return Example("chaperone approval letter", pdf, (CHAPERONE, "CH-2026-00001"))


@example("oxfield.reports.chaperone_refusal")
def _refusal() -> Example:
    pdf = _reports("chaperone_refusal").build_refusal_letter(_letter())
    return Example("chaperone refusal letter", pdf, (CHAPERONE, "References were not received."))


@example("oxfield.reports.chaperone_card")
def _card() -> Example:
    card = _inputs().ChaperoneCard(
        reference="CH-2026-00001",
        name=CHAPERONE,
        card_number="CH-2026-00001",
        approved_until=date(2029, 4, 1),
        photo=_photo(),
    )
    pdf = _reports("chaperone_card").build_chaperone_card(card)
    return Example("chaperone ID card", pdf, (CHAPERONE, "CH-2026-00001"))
