"""The letter to parents after a visit, read back from the PDF."""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.errors import ValidationError
from oxfield.reports.ehe_inputs import (
    Child,
    ContactType,
    EducationDescribed,
    Officer,
    Outcome,
    Parent,
    Visit,
)
from oxfield.reports.layout import MARKING
from oxfield.reports.visit_letter import VisitLetter, build_visit_letter
from tests.oxfield.reports.helpers import (
    AMPERSAND,
    ANGLES,
    ARABIC,
    CHINESE,
    CYRILLIC,
    GREEK,
    HEBREW,
    JAPANESE,
    POLISH,
    VIETNAMESE,
    body_text,
    long_note,
    make_visit,
    norm,
    pages_text,
)


def _letter(
    child: Child, parents: tuple[Parent, ...], officer: Officer, visit: Visit
) -> VisitLetter:
    return VisitLetter(date(2026, 11, 5), child, parents, visit, officer)


@pytest.fixture(scope="module")
def letter_pdf(child: Child, parents: tuple[Parent, ...], officer: Officer, visit: Visit) -> bytes:
    return build_visit_letter(_letter(child, parents, officer, visit))


def test_names_in_every_script_come_out_intact(letter_pdf: bytes) -> None:
    body = body_text(letter_pdf)
    for name in (POLISH, ARABIC, CYRILLIC, CHINESE, JAPANESE, HEBREW, GREEK, VIETNAMESE):
        assert norm(name) in body, name


def test_markup_characters_are_printed_not_obeyed(letter_pdf: bytes) -> None:
    body = body_text(letter_pdf)
    assert f"I like {AMPERSAND} and {ANGLES}." in body
    assert "12 O'Brien Close" in body


def test_the_letter_says_what_was_seen_and_decided(letter_pdf: bytes) -> None:
    body = body_text(letter_pdf)
    assert "Thank you for meeting me on 2 November 2026 (home visit)" in body
    assert "I saw Zuzanna Łucja during the visit." in body
    assert "Suitable to any special educational needs Appears to be met" in body
    assert "appears to be receiving a suitable, efficient, full-time education" in body
    assert "We will next be in touch on or around 1 November 2027." in body
    assert "5 November 2026" in body
    assert "Maths workbook (fractions)" in body


def test_officers_notes_and_safeguarding_stay_out_of_the_parents_letter(
    child: Child, parents: tuple[Parent, ...], officer: Officer
) -> None:
    visit = make_visit(
        notes="Private note for the file only",
        safeguarding_concern=True,
        safeguarding_next_step="MASH referral 2026-77",
    )
    body = body_text(build_visit_letter(_letter(child, parents, officer, visit)))
    assert "Private note" not in body
    assert "MASH" not in body
    assert "Safeguarding" not in body


def test_every_page_is_marked_and_numbered(letter_pdf: bytes) -> None:
    pages = pages_text(letter_pdf)
    for number, text in enumerate(pages, start=1):
        assert text.count(MARKING) == 2
        assert f"Page {number} of {len(pages)}" in text
        assert "Reference: EHE-V-2026-0001" in text


def test_a_20000_word_note_flows_across_pages_intact(
    child: Child, parents: tuple[Parent, ...], officer: Officer
) -> None:
    note = long_note(20_000)
    visit = make_visit(
        child_views="=IMPORTXML(A1) I said this first.\n\n" + note,
        education=EducationDescribed(approach=note[:5000]),
    )
    pdf = build_visit_letter(_letter(child, parents, officer, visit))
    pages = pages_text(pdf)
    assert len(pages) > 30
    assert all(f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, start=1))
    body = body_text(pdf)
    assert norm(note) in body
    assert "=IMPORTXML(A1) I said this first." in body


def test_a_note_of_one_unbroken_60000_character_word_does_not_fail(
    child: Child, parents: tuple[Parent, ...], officer: Officer
) -> None:
    blob = "x" * 30_000 + CHINESE * 10_000
    visit = make_visit(child_views=blob)
    pdf = build_visit_letter(_letter(child, parents, officer, visit))
    assert "".join(body_text(pdf).split()).count("x" * 1000) >= 25


@pytest.mark.parametrize(
    ("outcome", "phrase"),
    [
        (Outcome.MORE_INFORMATION, "needs more information"),
        (Outcome.NOT_SATISFIED, "section 437(1) of the Education Act 1996"),
        (Outcome.RETURNS_TO_SCHOOL, "will be returning to school"),
    ],
)
def test_each_outcome_has_its_own_paragraph(
    child: Child,
    parents: tuple[Parent, ...],
    officer: Officer,
    outcome: Outcome,
    phrase: str,
) -> None:
    visit = make_visit(outcome=outcome)
    assert phrase in body_text(build_visit_letter(_letter(child, parents, officer, visit)))


def test_a_written_report_is_thanked_for_not_a_meeting(
    child: Child, parents: tuple[Parent, ...], officer: Officer
) -> None:
    visit = make_visit(contact_type=ContactType.WRITTEN_REPORT, present=())
    body = body_text(build_visit_letter(_letter(child, parents, officer, visit)))
    assert "Thank you for the written report on Zuzanna Łucja's education" in body
    assert "meeting me" not in body


def test_a_child_not_seen_needs_a_reason(
    child: Child, parents: tuple[Parent, ...], officer: Officer
) -> None:
    visit = make_visit(child_seen=False)
    with pytest.raises(ValidationError) as raised:
        build_visit_letter(_letter(child, parents, officer, visit))
    assert raised.value.field == "child_not_seen_reason"
    seen_not = make_visit(child_seen=False, child_not_seen_reason="at a swimming lesson")
    body = body_text(build_visit_letter(_letter(child, parents, officer, seen_not)))
    assert "I did not see Zuzanna Łucja: at a swimming lesson" in body


def test_a_letter_with_nobody_to_write_to_is_refused_naming_the_field(
    child: Child, officer: Officer, visit: Visit
) -> None:
    with pytest.raises(ValidationError) as raised:
        build_visit_letter(_letter(child, (Parent("  "),), officer, visit))
    assert raised.value.field == "parents"
    assert "  " not in str(raised.value)
