"""The council's page: marking, reference and "Page x of y" on every page; fonts embedded;
built in memory only; tables that split across pages."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from reportlab.platypus import Spacer

from oxfield.reports.fonts import missing_characters, register_fonts
from oxfield.reports.layout import (
    MARKING,
    DocumentInfo,
    build_pdf,
    field_table,
    grid,
    row,
    styles,
    text_block,
)
from oxfield.reports.markup import rich
from tests.oxfield.reports.helpers import (
    ARABIC,
    CHINESE,
    CYRILLIC,
    HEBREW,
    HINDI,
    JAPANESE,
    KOREAN,
    POLISH,
    body_text,
    long_note,
    norm,
    pages_text,
    watching_disk_writes,
)


def _story(words: int) -> list[Any]:
    return [*text_block(long_note(words), styles()["flow"]), Spacer(1, 5)]


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return build_pdf(DocumentInfo("Test document", "EHE-2026-0042"), _story(3000))


def test_every_page_carries_marking_reference_and_page_x_of_y(long_pdf: bytes) -> None:
    pages = pages_text(long_pdf)
    assert len(pages) >= 5
    for number, text in enumerate(pages, start=1):
        assert text.count(MARKING) == 2, number  # top and bottom
        assert f"Page {number} of {len(pages)}" in text
        assert "Reference: EHE-2026-0042" in text
        assert "Oxfordshire County Council" in text


def test_a_one_page_document_says_page_1_of_1() -> None:
    pdf = build_pdf(DocumentInfo("t", "R-9"), [Spacer(1, 10)])
    (page,) = pages_text(pdf)
    assert "Page 1 of 1" in page and page.count(MARKING) == 2


def test_metadata_holds_no_personal_data() -> None:
    pdf = build_pdf(DocumentInfo("Visit letter", "R-9"), text_block(POLISH, styles()["body"]))
    meta = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.title == "Visit letter"
    assert "Wiśniewska" not in str(dict(meta))


def _fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used on any page, and whether its program is embedded in the file."""
    found: dict[str, bool] = {}
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            found[name] = found.get(name, True) and embedded
    return found


def test_fonts_for_every_script_are_embedded_and_no_standard_font_is_used() -> None:
    names = f"{POLISH} {ARABIC} {CYRILLIC} {CHINESE} {JAPANESE} {HEBREW} {KOREAN} {HINDI}"
    pdf = build_pdf(DocumentInfo("t", "R-1"), field_table([("Names", names)], styles()))
    fonts = _fonts(pdf)
    expected = {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "NotoSansArabic-Regular",
        "NotoSansHebrew-Regular",
        "DroidSansFallback",
        "NanumGothic",
        "NotoSansDevanagari-Regular",
    }
    assert expected <= set(fonts), fonts
    assert all(fonts.values()), fonts
    assert not any(name.startswith(("Helvetica", "Times", "Courier")) for name in fonts)
    body = body_text(pdf)
    for name in (POLISH, ARABIC, CYRILLIC, CHINESE, JAPANESE, HEBREW, KOREAN, HINDI):
        assert norm(name) in body


def test_missing_characters_names_what_no_font_can_draw() -> None:
    register_fonts()
    assert missing_characters(f"{POLISH} {ARABIC} {CHINESE} {JAPANESE}\n") == set()
    assert missing_characters("김민준 प्रिया ሰላም สมชาย") == set()
    assert missing_characters("Anna සිංහල") == {"ස", "ි", "ං", "හ", "ල"}  # Sinhala: not shipped


def test_build_returns_bytes_and_writes_nothing_to_disk() -> None:
    story = _story(2000)
    with watching_disk_writes() as writes:
        pdf = build_pdf(DocumentInfo("t", "R-1"), story)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    assert writes == []


def test_the_disk_write_watcher_does_see_a_write(tmp_path: Any) -> None:
    with watching_disk_writes() as writes:
        (tmp_path / "x.txt").write_text("x")
    assert writes


def test_a_table_longer_than_a_page_splits_and_repeats_its_header() -> None:
    rows = [row("Date", "Event", header=True)]
    rows += [row(f"Day {i}", rich(f"Event {i} & <tutor> with {ARABIC}")) for i in range(150)]
    pdf = build_pdf(DocumentInfo("t", "R-1"), [grid(rows, [100, 300])])
    pages = pages_text(pdf)
    assert len(pages) >= 3
    assert all("Date" in p and "Event\n" in p for p in pages)
    body = body_text(pdf)
    for i in (0, 75, 149):
        assert f"Day {i} Event {i} & <tutor> with {ARABIC}" in body
    assert body.count("& <tutor>") == 150


def test_a_table_cell_taller_than_a_page_splits_inside_the_row() -> None:
    note = long_note(3000)
    # field_table prints a value this long as a text block; other tables (a finding's message,
    # a judgement's reasons) can still hold one, so the split inside a row must still work.
    cells = [row("Notes", rich(note))]
    pdf = build_pdf(DocumentInfo("t", "R-1"), [grid(cells, [100, 300], header=False)])
    assert len(pages_text(pdf)) >= 2
    assert norm(note) in body_text(pdf)
