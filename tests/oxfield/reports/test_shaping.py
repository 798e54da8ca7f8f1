"""Arabic is drawn joined (contextual forms, lam + alef as one glyph) in the Arabic font, and the
PDF still reads back as the letters typed: the ToUnicode map gives each form its letters."""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf

from oxfield.reports.layout import DocumentInfo, build_pdf, para, styles
from oxfield.reports.markup import rich
from oxfield.reports.shaping import is_presentation_form, shape

NAME = "محمد عبد الله"
GREETING = "سلام"  # lam + alef: one ligature glyph


def test_letters_take_their_joined_forms() -> None:
    shaped = shape(NAME)
    letters = [ch for ch in shaped if not ch.isspace()]
    assert all(is_presentation_form(ord(ch)) for ch in letters)
    # meem at the start of a word, in the middle, at the end: three different forms
    meem = [ch for ch in shaped[:4] if unicodedata.normalize("NFKC", ch) == "م"]
    assert len(set(meem)) == 2 and shaped[0] != shaped[2]
    assert unicodedata.normalize("NFKC", shaped) == NAME
    assert len(shape(GREETING)) == 3  # س, the lam-alef ligature, م
    assert shape("Zuzanna Łucja & <Ирина>") == "Zuzanna Łucja & <Ирина>"


def test_joined_forms_are_drawn_in_the_arabic_font() -> None:
    markup = rich(f"Parent: {NAME}")
    (arabic,) = re.findall(r'<font name="OxArabic">([^<]*)</font>', markup)
    assert arabic == shape(NAME)


def test_joined_text_reads_back_as_the_letters_typed() -> None:
    pdf = build_pdf(
        DocumentInfo("t", "R-1"),
        [
            para(
                rich(f"Parents: {NAME} and {GREETING} عليكم, with Ирина & <Jan>."), styles()["body"]
            )
        ],
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert NAME in text and f"{GREETING} عليكم" in text
    assert "Ирина & <Jan>" in text
    assert not any(is_presentation_form(ord(ch)) for ch in text)
    maps = [
        font["/ToUnicode"].get_data().decode("latin-1")
        for font in reader.pages[0]["/Resources"]["/Font"].values()
        if "/ToUnicode" in font.get_object()
    ]
    # the lam-alef glyph maps to two letters: lam (0644) then alef (0627)
    assert any("<06440627>" in m for m in maps)
