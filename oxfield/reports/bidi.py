"""Right-to-left text (Arabic, Hebrew) drawn in visual order, line by line.

A PDF holds glyphs in the order they are painted, left to right; text extractors (pypdf,
poppler, screen readers) rebuild the logical order from that by the Unicode bidirectional
algorithm. reportlab's own bidi support needs ``rlbidi``, which is not on PyPI, so without help
an Arabic name is painted in logical order: it reads backwards on paper and extracts backwards.

:class:`BidiParagraph` lets reportlab wrap lines in logical order as usual (so splitting across
pages still works on the real text) and reorders each line only when drawing it: every
right-to-left span (from a strong right-to-left letter to the last one before a left-to-right
letter, taking the spaces and punctuation between) is reversed, digits inside it keep their
left-to-right order, and paired brackets are mirrored. The documents are English, so the
paragraph direction is always left to right. Arabic letters arrive already joined (their
contextual forms, from :mod:`oxfield.reports.shaping`), so reversing a span keeps them joined.
One known limit of extraction: pypdf attaches the spaces and punctuation that follow a
right-to-left span to it, so "محمد and" may extract as " محمدand"; the letters themselves come
out whole and in logical order.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from reportlab.platypus import Paragraph

_MIRRORS = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))


@cache
def _kind(ch: str) -> str:
    """'R' for right-to-left letters, 'L' for left-to-right ones, 'N' for numbers, '' else."""
    cls = unicodedata.bidirectional(ch)
    if cls in ("R", "AL"):
        return "R"
    if cls == "L":
        return "L"
    if cls in ("EN", "AN"):
        return "N"
    return ""


def has_rtl(text: str) -> bool:
    """Whether any character of ``text`` is a right-to-left letter."""
    return any(_kind(ch) == "R" for ch in text)


def _spans(kinds: list[str]) -> list[tuple[int, int]]:
    """Right-to-left spans as ``(first, last)``: the indices of the span's first and last
    right-to-left letters."""
    n = len(kinds)
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if kinds[i] != "R":
            i += 1
            continue
        end = last_r = i
        while end < n and kinds[end] != "L":
            if kinds[end] == "R":
                last_r = end
            end += 1
        out.append((i, last_r))
        i = last_r + 1
    return out


def visual_order(kinds: list[str]) -> list[int]:
    """Indices of the characters in the order to paint them, for a left-to-right line.

    ``kinds`` holds :func:`_kind` of each character. Each maximal span that starts and ends with
    a right-to-left letter and holds no left-to-right letter is reversed; runs of digits within
    it are put back in reading order.
    """
    order = list(range(len(kinds)))
    for first, last in _spans(kinds):
        span = order[first : last + 1][::-1]
        j = 0
        while j < len(span):
            if kinds[span[j]] == "N":
                k = j
                while k < len(span) and kinds[span[k]] == "N":
                    k += 1
                span[j:k] = span[j:k][::-1]
                j = k
            else:
                j += 1
        order[first : last + 1] = span
    return order


def visual_text(text: str) -> str:
    """``text`` in painting order, with brackets in right-to-left spans mirrored."""
    if not has_rtl(text):
        return text
    kinds = [_kind(ch) for ch in text]
    return "".join(_paint(text, visual_order(kinds), kinds))


def _paint(text: str, order: list[int], kinds: list[str]) -> list[str]:
    """The characters to paint: moved brackets are mirrored, "(" reads as ")" from the right."""
    out: list[str] = []
    for pos, idx in enumerate(order):
        ch = text[idx]
        if pos != idx and ch in _MIRRORS and kinds[idx] == "":
            ch = _MIRRORS[ch]
        out.append(ch)
    return out


def _reorder_frags(words: list[Any]) -> list[Any]:
    """One line of fragments (each a run in one font and style) in painting order."""
    texts = [w for w in words if getattr(w, "text", "") and not hasattr(w, "cbDefn")]
    if len(texts) != len([w for w in words if getattr(w, "text", "")]):
        return words  # images or callbacks in the line: leave it alone
    owner: list[int] = []
    chars: list[str] = []
    for n, frag in enumerate(texts):
        owner.extend([n] * len(frag.text))
        chars.extend(frag.text)
    line = "".join(chars)
    if not has_rtl(line):
        return words
    kinds = [_kind(ch) for ch in line]
    order = visual_order(kinds)
    painted = _paint(line, order, kinds)
    out: list[Any] = []
    run: list[str] = []
    run_owner = owner[order[0]] if order else 0
    for ch, idx in zip(painted, order, strict=True):
        if owner[idx] != run_owner:
            out.append(texts[run_owner].clone(text="".join(run)))
            run, run_owner = [], owner[idx]
        run.append(ch)
    if run:
        out.append(texts[run_owner].clone(text="".join(run)))
    out.extend(w for w in words if not getattr(w, "text", ""))
    return out


class BidiParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph that paints right-to-left spans of each line in visual order."""

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 - reportlab's name
        bl_para = getattr(self, "blPara", None)
        if bl_para is None or not has_rtl(self.getPlainText()):
            super().drawPara(debug)
            return
        painted = bl_para.clone()
        if bl_para.kind == 0:
            painted.lines = [
                (extra, visual_text(" ".join(words)).split(" ")) for extra, words in bl_para.lines
            ]
        else:
            painted.lines = []
            for line in bl_para.lines:
                copy = line.clone()
                copy.words = _reorder_frags(list(line.words))
                painted.lines.append(copy)
        self.blPara = painted
        try:
            super().drawPara(debug)
        finally:
            self.blPara = bl_para
