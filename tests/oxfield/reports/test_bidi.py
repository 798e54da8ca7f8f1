"""Right-to-left spans are painted in visual order, and extract in logical order."""

from __future__ import annotations

from oxfield.reports.bidi import has_rtl, visual_text
from oxfield.reports.layout import DocumentInfo, build_pdf, para, styles
from oxfield.reports.markup import rich
from tests.oxfield.reports.helpers import body_text


def test_left_to_right_text_is_untouched() -> None:
    assert visual_text("Anna (Smith) 123") == "Anna (Smith) 123"
    assert not has_rtl("Ирина 王小明")


def test_an_arabic_span_is_reversed_within_english_text() -> None:
    assert visual_text("Dear عبد الله, hello") == "Dear هللا دبع, hello"


def test_digits_inside_a_right_to_left_span_keep_their_order() -> None:
    assert visual_text("שלום 123 עולם") == "םלוע 123 םולש"


def test_brackets_inside_a_span_are_mirrored() -> None:
    assert visual_text("אב (גד) הו") == "וה (דג) בא"


def test_arabic_and_hebrew_extract_in_logical_order() -> None:
    text = "Parents: محمد عبد الله and נועה כהן, with Ирина."
    pdf = build_pdf(DocumentInfo("t", "R-1"), [para(rich(text), styles()["body"])])
    body = body_text(pdf)
    assert "محمد عبد الله" in body
    assert "נועה כהן" in body
    assert "Parents:" in body and "Ирина." in body


def test_a_long_arabic_note_wraps_and_still_extracts_in_order() -> None:
    words = ["كلمة", "مدرسة", "كتاب", "بيت"] * 150
    pdf = build_pdf(DocumentInfo("t", "R-1"), [para(rich(" ".join(words)), styles()["body"])])
    assert body_text(pdf).split() == words
