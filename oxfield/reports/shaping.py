"""Arabic letters drawn joined, and still read back as the letters that were typed.

Arabic letters take a different shape at the start, middle and end of a word; a PDF writer that
draws each letter on its own (reportlab does, without HarfBuzz and a bidi library it can use)
prints them unjoined, which reads like a ransom note. :func:`shape` replaces each Arabic letter
by its contextual presentation form (U+FB50-FDFF, U+FE70-FEFF; lam + alef becomes one
ligature) with ``arabic-reshaper``, a small pure-Python library; the shipped Noto Sans Arabic
has a glyph for every one of those forms. It runs before the text is cut into font runs, so the
forms land in the Arabic font, and before lines are wrapped, so widths are the joined ones.

A PDF text extractor, a screen reader or a copy and paste reads characters through each font's
ToUnicode map, which reportlab writes from the characters drawn: the presentation forms. So
:func:`install_to_unicode` makes reportlab map each presentation form to its compatibility
decomposition, the ordinary letters (the ligature to lam then alef), as PDF writers that shape
with HarfBuzz do; and it writes characters beyond U+FFFF as UTF-16, as the PDF format requires.
The map is built when a font subset is written; nothing else changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

import arabic_reshaper
from reportlab.pdfbase import ttfonts

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


@cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    # keep the vowel marks (harakat) the family typed; join lam + alef (which every Arabic
    # reader expects) but not the whole-word "Allah" ligature: one glyph for four letters
    # confuses extractors' ordering of the words around it, and the letters join well without
    return arabic_reshaper.ArabicReshaper(
        configuration={
            "delete_harakat": False,
            "support_ligatures": True,
            "ARABIC LIGATURE ALLAH": False,
        }
    )


def shape(text: str) -> str:
    """``text`` with Arabic letters in their joined forms (other scripts untouched)."""
    if not _ARABIC.search(text):
        return text
    return str(_reshaper().reshape(text))


def is_presentation_form(code: int) -> bool:
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE


@cache
def letters_of(code: int) -> str:
    """What a presentation form stands for: its compatibility decomposition, without the space
    that the isolated vowel-mark forms carry."""
    return unicodedata.normalize("NFKC", chr(code)).strip() or chr(code)


def to_unicode_of(code: int) -> str:
    """What the glyph drawn for ``code`` stands for: the letters of a presentation form, else
    the character itself."""
    return letters_of(code) if is_presentation_form(code) else chr(code)


def to_unicode_cmap(original: Callable[[str, Sequence[int]], str]) -> Callable[..., str]:
    """Wrap reportlab's ToUnicode writer so presentation forms map to their letters, and a
    character beyond U+FFFF (an emoji DejaVu draws) to its UTF-16 surrogate pair: reportlab
    writes its code point as five hex digits, which readers reject, so it read back as nothing."""

    def make(fontname: str, subset: Sequence[int]) -> str:
        text = original(fontname, subset)
        if not any(is_presentation_form(c) or c > 0xFFFF for c in subset):
            return text
        for index, code in enumerate(subset):
            if is_presentation_form(code) or code > 0xFFFF:
                letters = to_unicode_of(code).encode("utf-16-be").hex().upper()
                text = text.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{letters}>")
        return text

    make.wrapped = original  # type: ignore[attr-defined]
    return make


def install_to_unicode() -> None:
    """Make every TrueType subset reportlab writes map presentation forms to letters (once)."""
    current = ttfonts.makeToUnicodeCMap
    if not hasattr(current, "wrapped"):
        ttfonts.makeToUnicodeCMap = to_unicode_cmap(current)
