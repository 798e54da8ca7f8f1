"""User text reaches reportlab's paragraph markup escaped and cut into runs each font can draw."""

from __future__ import annotations

from oxfield.reports.fonts import BASE_FONT
from oxfield.reports.markup import chunks, clean, escape, font_runs, paragraphs, rich


def test_escape_turns_markup_characters_into_entities_and_newlines_into_breaks() -> None:
    assert escape("a & b < c > d \"e\" 'f'\ng") == (
        "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;<br/>g"
    )


def test_escape_does_not_let_user_text_open_a_tag() -> None:
    out = escape('<font name="Courier">x</font><br/>')
    assert "<" not in out and ">" not in out


def test_clean_drops_control_characters_and_joins_accents() -> None:
    assert clean("e\u0301\x00\x07ok\r\nnext\rlast\t.") == "\u00e9ok\nnext\nlast    ."


def test_runs_split_by_script_and_keep_spaces_with_their_run() -> None:
    runs = font_runs("Anna عبد الله 王小明 Ирина")
    assert [font for font, _ in runs] == [BASE_FONT, "OxArabic", "OxCJK", BASE_FONT]
    assert "".join(text for _, text in runs) == "Anna عبد الله 王小明 Ирина"
    assert runs[1][1] == "عبد الله "


def test_polish_vietnamese_greek_and_cyrillic_stay_in_the_base_font() -> None:
    runs = font_runs("Łucja Żółć Nguyễn Thị Ánh Ελένη Ирина")
    assert [font for font, _ in runs] == [BASE_FONT]


def test_hebrew_goes_to_the_hebrew_font() -> None:
    assert font_runs("נועה") == [("OxHebrew", "נועה")]


def test_rich_wraps_only_other_fonts_and_escapes_inside_runs() -> None:
    out = rich("A&B <王> عبد")
    assert out.startswith("A&amp;B &lt;")
    assert '<font name="OxCJK">王</font>' in out
    assert '<font name="OxArabic">ﻋﺒﺪ</font>' in out  # joined forms (oxfield.reports.shaping)


def test_paragraphs_split_at_blank_lines_only() -> None:
    assert paragraphs("one\ntwo\n\n  \n\nthree\n") == ["one\ntwo", "three"]


def test_chunks_cut_long_text_at_sentence_or_space_and_lose_nothing() -> None:
    text = " ".join(f"word{i}." if i % 9 == 8 else f"word{i}" for i in range(3000))
    pieces = list(chunks(text, limit=500))
    assert all(len(p) <= 500 for p in pieces)
    assert len(pieces) > 10
    assert " ".join(pieces).split() == text.split()
    assert all(p.split()[0].startswith("word") for p in pieces)  # no word cut in two


def test_chunks_cut_text_without_spaces_at_the_limit() -> None:
    text = "王" * 1234
    assert "".join(chunks(text, limit=500)) == text
