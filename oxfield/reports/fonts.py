"""The embedded TrueType fonts every OxField PDF uses, and which of them draws each character.

reportlab draws a run of text in one font and does not fall back glyph by glyph, so a name such
as "Łucja محمد 王小明" needs three fonts. We ship TrueType files in ``resources/fonts/`` (DejaVu
Sans for Latin, Greek and Cyrillic; Noto Sans Arabic and Hebrew; Droid Sans Fallback for Chinese
and Japanese; Nanum Gothic for Korean; Noto Sans for the main Indic scripts, Thai and Ethiopic;
see its README), register each once per process, and answer "which font covers this character?"
from each font's own character map, so the choice follows the files rather than a hand-kept list
of Unicode ranges. Every registered font is embedded (subset) in the PDF, so the reader needs
none of them installed.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from oxfield.reports.shaping import install_to_unicode
from oxfield.resources import resource_path

BASE_FONT = "OxSans"
"""The family every paragraph style starts in (DejaVu Sans)."""


@dataclass(frozen=True)
class FontFace:
    """One family we ship: its reportlab name and the files for its regular and bold faces."""

    name: str
    regular: str
    bold: str | None
    script_first: bool
    """True for script fonts (Arabic, Hebrew) that should win over the base font for their
    letters: DejaVu Sans has basic Arabic and Hebrew glyphs, but the Noto fonts draw them better."""


FACES: tuple[FontFace, ...] = (
    FontFace(BASE_FONT, "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", script_first=False),
    FontFace("OxArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", True),
    FontFace("OxHebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", True),
    FontFace("OxCJK", "DroidSansFallbackFull.ttf", None, script_first=False),
    FontFace("OxKorean", "NanumGothic.ttf", None, script_first=False),
    FontFace("OxDevanagari", "NotoSansDevanagari-Regular.ttf", None, script_first=False),
    FontFace("OxBengali", "NotoSansBengali-Regular.ttf", None, script_first=False),
    FontFace("OxGurmukhi", "NotoSansGurmukhi-Regular.ttf", None, script_first=False),
    FontFace("OxGujarati", "NotoSansGujarati-Regular.ttf", None, script_first=False),
    FontFace("OxTamil", "NotoSansTamil-Regular.ttf", None, script_first=False),
    FontFace("OxThai", "NotoSansThai-Regular.ttf", None, script_first=False),
    FontFace("OxEthiopic", "NotoSansEthiopic-Regular.ttf", None, script_first=False),
)

# Bidi classes that take no side: they stay in the font of the run they sit in when it has them,
# so "محمد عبد" keeps its space in the Arabic run and "Łucja-Maria" stays one run.
_NEUTRAL_CLASSES = frozenset({"WS", "CS", "ON", "ES", "ET", "EN", "AN", "BN", "NSM", "S", "B"})

_lock = threading.Lock()


@dataclass(frozen=True)
class FontSet:
    """The registered fonts and the characters each one covers, in order of preference."""

    names: tuple[str, ...]
    coverage: dict[str, frozenset[int]]
    script_first: tuple[str, ...]

    def covers(self, font: str, char: str) -> bool:
        """Whether ``font`` has a glyph for ``char``."""
        return ord(char) in self.coverage[font]

    def font_for(self, char: str, current: str | None) -> str:
        """The font to draw ``char`` in, given the font of the run it would join.

        Neutral characters (spaces, punctuation, digits, combining marks) stay in the current
        run when its font has them, so runs only break where the script changes. Letters go to a
        script font first when one covers them, then to the base font, then to any font that
        has them; a character no font has is drawn in the base font (as its missing-glyph box)
        and shows up in :func:`missing_characters`.
        """
        code = ord(char)
        if current is not None and unicodedata.bidirectional(char) in _NEUTRAL_CLASSES:
            if code in self.coverage[current]:
                return current
            if code in self.coverage[BASE_FONT]:
                return BASE_FONT
        for name in self.script_first:
            if code in self.coverage[name]:
                return name
        for name in self.names:
            if code in self.coverage[name]:
                return name
        return BASE_FONT


def _register_face(face: FontFace) -> frozenset[int]:
    regular = TTFont(face.name, str(resource_path("fonts", face.regular)))
    pdfmetrics.registerFont(regular)
    bold_name = face.name
    if face.bold is not None:
        bold_name = f"{face.name}-Bold"
        pdfmetrics.registerFont(TTFont(bold_name, str(resource_path("fonts", face.bold))))
    # We ship no italic faces: <i> falls back to the upright face rather than to Helvetica,
    # which could not draw most names.
    addMapping(face.name, 0, 0, face.name)
    addMapping(face.name, 1, 0, bold_name)
    addMapping(face.name, 0, 1, face.name)
    addMapping(face.name, 1, 1, bold_name)
    return frozenset(regular.face.charToGlyph)


@cache
def _font_set() -> FontSet:
    install_to_unicode()  # joined Arabic letters read back as the letters typed
    coverage = {face.name: _register_face(face) for face in FACES}
    return FontSet(
        names=tuple(face.name for face in FACES),
        coverage=coverage,
        script_first=tuple(face.name for face in FACES if face.script_first),
    )


def register_fonts() -> FontSet:
    """Register every shipped font with reportlab (once per process) and return their coverage.

    Loading the CJK font takes about a tenth of a second, so this is done on first use rather
    than at import, and is safe to call from any thread.
    """
    with _lock:
        return _font_set()


def missing_characters(text: str) -> set[str]:
    """Characters of ``text`` that no shipped font can draw (apart from line breaks and tabs)."""
    fonts = register_fonts()
    return {
        ch
        for ch in set(text)
        if ch not in "\n\r\t" and not any(fonts.covers(name, ch) for name in fonts.names)
    }
