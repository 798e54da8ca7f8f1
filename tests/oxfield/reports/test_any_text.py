"""Whatever an officer or a family types, the document builds; left-to-right text extracts as
typed. Generated inputs, so characters nobody thought of get tried."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oxfield.reports.layout import DocumentInfo, build_pdf, field_table, styles, text_block
from oxfield.reports.markup import clean
from tests.oxfield.reports.helpers import body_text, norm

_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Letters from the scripts the fonts cover, plus everything that is special to markup or XML.
_LTR = st.sampled_from(
    list("aZłŻóĄéñßØĳ") + list("жЩёЇ") + list("αΩ") + list("王明さカ김") + list("0129")
    + list("&<>\"'=+-@;/\\#%{}[]()*_|~^`") + [" ", "  ", "\n", "\n\n", "&amp;", "<br/>", "<b>"]
)  # fmt: skip


@_SETTINGS
@given(st.text(max_size=300))
def test_any_unicode_text_builds_a_pdf(text: str) -> None:
    pdf = build_pdf(
        DocumentInfo("t", "R-1"),
        [*field_table([("Name", text)], styles()), *text_block(text, styles()["body"])],
    )
    assert pdf.startswith(b"%PDF-")


@_SETTINGS
@given(st.lists(_LTR, min_size=1, max_size=80).map("".join))
def test_left_to_right_text_with_markup_characters_extracts_as_typed(text: str) -> None:
    expected = norm(unicodedata.normalize("NFC", clean(text)))
    pdf = build_pdf(DocumentInfo("t", "R-1"), text_block(text, styles()["body"]))
    assert norm(body_text(pdf)) == expected
