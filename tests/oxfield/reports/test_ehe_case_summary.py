"""The case summary for the file, read back from the PDF."""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.errors import ValidationError
from oxfield.reports.ehe_case_summary import CaseSummary, build_case_summary
from oxfield.reports.ehe_inputs import (
    Amendment,
    CaseDetails,
    Evidence,
    Officer,
    Outcome,
    Visit,
)
from oxfield.reports.layout import MARKING
from tests.oxfield.reports.helpers import (
    AMPERSAND,
    ANGLES,
    ARABIC,
    CHINESE,
    CYRILLIC,
    FORMULA,
    HEBREW,
    JAPANESE,
    POLISH,
    body_text,
    long_note,
    make_visit,
    norm,
    pages_text,
)


@pytest.fixture(scope="module")
def summary_pdf(case: CaseDetails, visit: Visit, officer: Officer) -> bytes:
    second = make_visit(
        reference="EHE-V-2027-0009",
        visit_date=date(2027, 3, 1),
        outcome=Outcome.MORE_INFORMATION,
        safeguarding_concern=True,
        safeguarding_next_step=f"Referred to MASH, reference M-2027-1; {ANGLES}",
        amendments=(Amendment(date(2027, 3, 4), CYRILLIC, "Corrected the date of the trip."),),
    )
    summary = CaseSummary(case, (second, visit), officer, date(2027, 3, 10))
    return build_case_summary(summary)


def test_names_and_awkward_text_come_out_intact(summary_pdf: bytes) -> None:
    body = body_text(summary_pdf)
    for text in (POLISH, ARABIC, CYRILLIC, CHINESE, JAPANESE, HEBREW, AMPERSAND, ANGLES):
        assert norm(text) in body, text
    assert f"Case note beginning {FORMULA}" in body
    assert "St Mary's C of E (Aided) Primary School (URN 123180)" in body


def test_the_file_copy_holds_what_the_letter_leaves_out(summary_pdf: bytes) -> None:
    body = body_text(summary_pdf)
    assert "Concern recorded. Next step: Referred to MASH, reference M-2027-1;" in body
    assert "No concern recorded." in body
    assert f"Officer's notes {FORMULA}" in body
    assert "Amendment, 4 March 2027, by" in body
    assert "Corrected the date of the trip." in body
    assert "Council consent needed to deregister No" in body
    assert "SEN status SEN support" in body


def test_visits_appear_in_date_order_with_the_case_history(summary_pdf: bytes) -> None:
    body = body_text(summary_pdf)
    assert body.index("Visit on 2 November 2026") < body.index("Visit on 1 March 2027")
    assert body.index("10 September 2026 Notice received") < body.index("2 November 2026 Home")
    assert "Age when summary prepared 12" in body


def test_every_page_is_marked_and_numbered(summary_pdf: bytes) -> None:
    pages = pages_text(summary_pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert text.count(MARKING) == 2
        assert f"Page {number} of {len(pages)}" in text
        assert "Reference: EHE-2026-0042" in text


def test_long_notes_and_a_long_evidence_table_flow_across_pages(
    case: CaseDetails, officer: Officer
) -> None:
    note = long_note(20_000)
    evidence = tuple(Evidence(f"Worksheet {i} & <notes>", i % 5) for i in range(120))
    visit = make_visit(notes=note, evidence=evidence)
    pdf = build_case_summary(CaseSummary(case, (visit,), officer, date(2027, 1, 5)))
    body = body_text(pdf)
    assert norm(note) in body
    assert all(f"Worksheet {i} & <notes>" in body for i in range(120))
    pages = pages_text(pdf)
    assert sum("Evidence seen Photos" in " ".join(p.split()) for p in pages) >= 2


def test_a_summary_without_a_case_reference_is_refused(case: CaseDetails, officer: Officer) -> None:
    blank = CaseDetails(**{**case.__dict__, "reference": " "})
    with pytest.raises(ValidationError) as raised:
        build_case_summary(CaseSummary(blank, (), officer, date(2027, 1, 5)))
    assert raised.value.field == "reference"


def test_a_safeguarding_concern_without_a_next_step_is_refused(
    case: CaseDetails, officer: Officer
) -> None:
    visit = make_visit(safeguarding_concern=True, safeguarding_next_step="")
    with pytest.raises(ValidationError) as raised:
        build_case_summary(CaseSummary(case, (visit,), officer, date(2027, 1, 5)))
    assert raised.value.field == "safeguarding_next_step"


def test_a_case_with_no_visits_says_so(case: CaseDetails, officer: Officer) -> None:
    pdf = build_case_summary(CaseSummary(case, (), officer, date(2026, 9, 12)))
    assert "No visits recorded yet." in body_text(pdf)
