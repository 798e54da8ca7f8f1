"""Turning an officer's or a family's text into safe reportlab paragraph markup.

Paragraph text is a small XML language, so a parent called "Smith & Jones" or a note saying
"<3 maths" would break the document, or worse, inject markup. Everything user-typed passes
through :func:`rich` (or :func:`escape` when the caller picks the font itself): the text is
normalised, Arabic letters joined (:mod:`oxfield.reports.shaping`), escaped, and cut into runs
by which shipped font covers each character, each run
wrapped in ``<font name=...>``. :func:`chunks` cuts very long notes into pieces that reportlab can
lay out and split across pages cheaply.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from oxfield.reports.fonts import BASE_FONT, register_fonts
from oxfield.reports.shaping import shape

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_ESCAPE_RE = re.compile(r"[&<>\"']")
# C0/C1 controls (other than tab and newline), lone surrogates and non-characters cannot be
# drawn and some make the PDF invalid; they are dropped.
_UNDRAWABLE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BLANK_LINES_RE = re.compile(r"\n[ \t]*\n\s*")

CHUNK_CHARS = 2000
"""Longest piece of text given to one Paragraph. reportlab re-wraps the rest of a paragraph each
time it splits one across a page, so one 20,000-word paragraph costs far more than 80 small ones
laid one after another."""


def clean(text: str) -> str:
    """Normalise user text: NFC (so "é" typed as e + accent draws as one glyph), one kind of
    line ending, tabs as spaces, and no characters that cannot be drawn."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _UNDRAWABLE_RE.sub("", text)


def escape(text: str) -> str:
    """Escape text for paragraph markup: ``& < > " '`` become entities, newlines become
    ``<br/>``. Use :func:`rich` instead unless the text is known to be in the base font."""
    escaped = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], clean(text))
    return escaped.replace("\n", "<br/>")


def font_runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into ``(font name, text)`` runs, each drawable in its one font."""
    fonts = register_fonts()
    runs: list[tuple[str, str]] = []
    current: str | None = None
    start = 0
    for i, ch in enumerate(text):
        font = fonts.font_for(ch, current)
        if font != current:
            if current is not None and i > start:
                runs.append((current, text[start:i]))
            current, start = font, i
    if current is not None and start < len(text):
        runs.append((current, text[start:]))
    return runs


def rich(text: str) -> str:
    """Safe paragraph markup for user text in any script.

    Runs in the base family are left bare, so the surrounding ``<b>`` or style still applies;
    other runs are wrapped in ``<font name=...>`` (bold still works: each family maps its bold
    face). Line breaks become ``<br/>``.
    """
    parts: list[str] = []
    for font, run in font_runs(shape(clean(text))):
        escaped = escape(run)
        parts.append(escaped if font == BASE_FONT else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a note (split at blank lines), stripped, without empty ones."""
    return [p.strip() for p in _BLANK_LINES_RE.split(clean(text)) if p.strip()]


def chunks(paragraph: str, limit: int = CHUNK_CHARS) -> Iterator[str]:
    """Cut one paragraph into pieces of at most about ``limit`` characters.

    Cuts fall after a sentence, or at a line break or a space, so words stay whole; text with no
    spaces at all (long Chinese or Japanese passages) is cut at the limit. The pieces, laid one
    after another with no space between them, read as the original paragraph.
    """
    rest = paragraph
    while len(rest) > limit:
        cut = rest.rfind(". ", limit // 2, limit)
        cut = cut + 1 if cut >= 0 else rest.rfind("\n", limit // 2, limit)
        if cut < 0:
            cut = rest.rfind(" ", limit // 2, limit)
        if cut < 0:
            cut = limit
        yield rest[:cut]
        rest = rest[cut:].lstrip(" \n")
    if rest:
        yield rest
