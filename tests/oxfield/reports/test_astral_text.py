"""Characters beyond the Basic Multilingual Plane that a shipped font draws (emoji in a name or
a note, musical and other symbols) read back from the PDF as typed.

reportlab writes a ToUnicode entry for such a glyph as five or six hex digits, which is not
UTF-16 and which readers reject ("Odd-length string"), so the character vanished when the text
was copied, searched or extracted. The entry must be the UTF-16 surrogate pair.
"""

from __future__ import annotations

import io
import logging

import pypdf
import pytest

from oxfield.reports.fonts import missing_characters
from oxfield.reports.layout import DocumentInfo, build_pdf, field_table, styles

NAME = "Amy 😀 Ng 🐭 & Zoë 李"  # synthetic


def test_the_shipped_fonts_draw_these_characters() -> None:
    assert missing_characters(NAME) == set()


def test_characters_beyond_the_bmp_read_back(caplog: pytest.LogCaptureFixture) -> None:
    pdf = build_pdf(DocumentInfo("t", "R-1"), field_table([("Name", NAME)], styles()))
    with caplog.at_level(logging.WARNING):
        text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert NAME in text
    assert "invalid hex" not in caplog.text
