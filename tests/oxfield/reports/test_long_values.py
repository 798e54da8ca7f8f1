"""A long multi-line value in a label/value table (education arrangements on a licence, a
chaperone's restrictions, a checklist answer, a visit's place) prints in full, every line in
order, across page breaks, as a text block under its label; short values stay in the table.

In a table cell such a value took about a minute to print (reportlab re-lays a split row for
every page it spans); bench/bench_reports.py has the timing.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pypdf
import pytest
from reportlab.platypus import Table

from oxfield.reports.chaperone_approval import build_approval_letter
from oxfield.reports.ehe_case_summary import CaseSummary, build_case_summary
from oxfield.reports.ehe_inputs import CaseDetails, Child, Officer, Parent
from oxfield.reports.inspection_report import build_inspection_report
from oxfield.reports.layout import (
    LONG_VALUE_CHARS,
    LONG_VALUE_LINES,
    DocumentInfo,
    build_pdf,
    field_table,
    styles,
)
from oxfield.reports.licence import build_licence
from oxfield.reports.licensing_inputs import (
    ChaperoneLetter,
    ChildDay,
    InspectionReport,
    LicenceDocument,
    PermitDocument,
)
from oxfield.reports.permit import build_permit
from tests.oxfield.reports.helpers import ARABIC, body_text, make_visit, norm, pages_text

OFFICER = Officer("Nguyễn Thị Ánh", phone="01865 000000")
LINES = 300  # several pages, in every kind


def long_value(lines: int = LINES) -> str:
    """A value of many short lines carrying what breaks naive markup or spreadsheets."""
    return "\n".join(
        f"=SUM(A{i}) line {i:04d}: maths & <science> with {ARABIC}" for i in range(lines)
    )


def _licence(value: str) -> bytes:
    return build_licence(
        LicenceDocument(
            reference="LIC-2026-0007",
            child_name="Amara Okafor-Lindqvist",
            date_of_birth=date(2015, 2, 1),
            production="The Snow Queen",
            applicant="Smith & Jones Productions",
            venues=("Oxford Playhouse",),
            dates=(date(2026, 12, 10),),
            first_day=None,
            last_day=None,
            performance_days=None,
            education=value,
            tutor="Tutor Ltd",
            chaperone="A parent",
            granted_on=date(2026, 11, 20),
            officer=OFFICER,
        )
    )


def _permit(value: str) -> bytes:
    return build_permit(
        PermitDocument(
            reference="EMP-2026-0003",
            child_name="Amara Okafor-Lindqvist",
            date_of_birth=date(2012, 2, 1),
            employer="Corner Shop & Co",
            employer_address="1 High Street, Banbury",
            job=value,
            term_week=(("Saturday", "09:00-13:00"),),
            holiday_week=(),
            issued_on=date(2026, 11, 20),
            review_on=None,
            officer=OFFICER,
        )
    )


def _approval(value: str) -> bytes:
    return build_approval_letter(
        ChaperoneLetter(
            reference="CH-2026-00001",
            letter_date=date(2026, 11, 20),
            name="Ngozi O'Connor-Adebayo",
            officer=OFFICER,
            approved_until=date(2029, 11, 19),
            card_number="CH-2026-00001",
            restrictions=value,
        )
    )


def _inspection(value: str) -> bytes:
    child = ChildDay("Amara Okafor-Lindqvist", 10, "LIC-2026-0007", checks=(("Notes", value),))
    return build_inspection_report(
        InspectionReport(
            reference="INS-2026-0002",
            venue="Oxford Playhouse",
            production="The Snow Queen",
            inspected_on=date(2026, 12, 10),
            officer=OFFICER,
            children=(child,),
            checklist=(("Dressing rooms", "Separate for boys & girls"),),
        )
    )


def _case_summary(value: str) -> bytes:
    case = CaseDetails(
        reference="EHE-2026-0042",
        child=Child("Zuzanna", "Wiśniewska-Żółć", date(2014, 5, 3), "Year 7"),
        parents=(Parent("Ирина Смирнова", "Mother"),),
        date_notified=date(2026, 9, 10),
        reason=value,
    )
    return build_case_summary(CaseSummary(case, (make_visit(),), OFFICER, date(2027, 1, 5)))


KINDS: dict[str, tuple[Callable[[str], bytes], str]] = {
    "licence": (_licence, "Education"),
    "permit": (_permit, "Job"),
    "chaperone approval": (_approval, "Restrictions"),
    "inspection report": (_inspection, "Notes"),
    "case summary": (_case_summary, "Reason given"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_a_long_multi_line_value_prints_in_full_in_order_across_pages(kind: str) -> None:
    build, label = KINDS[kind]
    value = long_value()
    pdf = build(value)
    assert len(pages_text(pdf)) >= 3
    body = body_text(pdf)
    # every line, in order, escaped characters and Arabic kept, straight after its label
    assert f"{label} {norm(value)}" in body
    assert body.count("maths & <science>") == LINES


def _where(pdf: bytes, page: int, text: str) -> tuple[float, float]:
    """Where on the page (x, y) pypdf finds the first piece of text starting with ``text``."""
    found: list[tuple[float, float]] = []

    def visit(piece: str, cm: list[float], tm: list[float], *_: object) -> None:
        if piece.strip().startswith(text) and not found:
            x, y = tm[4], tm[5]
            found.append((cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]))

    pypdf.PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    assert found, text
    return found[0]


@pytest.mark.parametrize("kind", KINDS)
def test_a_short_value_still_prints_in_the_table(kind: str) -> None:
    build, label = KINDS[kind]
    pdf = build("=Weekdays & <weekends>")
    label_x, label_y = _where(pdf, 0, label)
    value_x, value_y = _where(pdf, 0, "=Weekdays & <weekends>")
    # a table row: the value in the right-hand column, level with its label
    assert value_x > label_x + 100
    assert abs(value_y - label_y) < 3


@pytest.mark.parametrize("kind", KINDS)
def test_a_long_value_prints_under_its_label_across_the_page(kind: str) -> None:
    build, label = KINDS[kind]
    pdf = build(long_value(LONG_VALUE_LINES + 1))
    page = next(n for n, text in enumerate(pages_text(pdf)) if "=SUM(A0) line 0000" in text)
    label_x, label_y = _where(pdf, page, label)
    value_x, value_y = _where(pdf, page, "=SUM(A0) line 0000")
    assert abs(value_x - label_x) < 3
    assert value_y < label_y


def test_long_values_leave_the_table_in_order_and_short_ones_stay() -> None:
    long_text = long_value(LONG_VALUE_LINES + 1)
    rows = [("Name", "Ada"), ("Notes", long_text), ("Tutor", "None"), ("Place", "Home")]
    flowables = field_table(rows, styles())
    tables = [f for f in flowables if isinstance(f, Table)]
    assert len(tables) == 2
    assert [len(t._cellvalues) for t in tables] == [1, 2]
    assert flowables[0] is tables[0] and flowables[-1] is tables[1]
    body = body_text(build_pdf(DocumentInfo("t", "R-1"), flowables))
    assert f"Name Ada Notes {norm(long_text)} Tutor None Place Home" in body


@pytest.mark.parametrize(
    ("value", "in_table"),
    [
        (long_value(LONG_VALUE_LINES), True),
        (long_value(LONG_VALUE_LINES + 1), False),
        ("x" * LONG_VALUE_CHARS, True),
        ("x" * (LONG_VALUE_CHARS + 1), False),
        ("\r".join("x" * (LONG_VALUE_LINES + 1)), False),
    ],
)
def test_the_limits(value: str, in_table: bool) -> None:
    flowables = field_table([("Notes", value)], styles())
    assert (len(flowables) == 1 and isinstance(flowables[0], Table)) == in_table


def test_a_very_long_single_paragraph_value_prints_in_full() -> None:
    words = " ".join(f"word{i}" for i in range(6000))
    pdf = _licence(words)
    assert len(pages_text(pdf)) >= 3
    assert f"Education {words}" in body_text(pdf)
