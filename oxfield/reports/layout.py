"""The page every OxField document is printed on, and the building blocks its bodies use.

One template so that every letter and report carries what the council's information policy
asks for: the protective marking OFFICIAL-SENSITIVE at the top and bottom of every page, the
record's reference and "Page x of y" on every page, and the council's letterhead. The total
page count is only known at the end, so pages are kept until the document is finished and
stamped then (a counting canvas). Documents are built into memory and returned as bytes: a
child's details never pass through a temporary file (DESIGN.md section 3).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from oxfield.reports.bidi import BidiParagraph
from oxfield.reports.fonts import BASE_FONT, register_fonts
from oxfield.reports.markup import chunks, clean, escape, paragraphs, rich

MARKING = "OFFICIAL-SENSITIVE"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 12  # reportlab's frame pads 6 pt each side


@dataclass(frozen=True)
class Letterhead:
    """Who the document comes from; the council can change these lines without a code change."""

    council: str = "Oxfordshire County Council"
    team: str = "County Attendance Team"
    address: tuple[str, ...] = ("County Hall", "New Road", "Oxford", "OX1 1ND")
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class DocumentInfo:
    """What the page furniture needs: a title (no personal data: it goes in the PDF's metadata
    too), the record's reference, and the letterhead."""

    title: str
    reference: str
    letterhead: Letterhead = Letterhead()


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of every document, all in the embedded base family (shared: never
    change one in place)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=BASE_FONT, fontSize=10, leading=13.5, spaceAfter=5)
    return {
        "body": body,
        "flow": ParagraphStyle("flow", parent=body, spaceAfter=0),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=f"{BASE_FONT}-Bold",
            fontSize=14,
            leading=18,
            spaceBefore=4,
            spaceAfter=8,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=f"{BASE_FONT}-Bold",
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "label": ParagraphStyle(
            "label", parent=body, fontName=f"{BASE_FONT}-Bold", spaceBefore=3, spaceAfter=2
        ),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
    }


def para(markup: str, style: ParagraphStyle) -> BidiParagraph:
    """A paragraph from markup already made safe (by :func:`rich` or :func:`escape`)."""
    return BidiParagraph(markup, style)


def text_block(text: str, style: ParagraphStyle, gap: float = 5) -> list[Flowable]:
    """User text of any length as flowables that split across pages: one paragraph per blank-
    line-separated paragraph, each cut into pieces small enough to lay out quickly."""
    out: list[Flowable] = []
    for paragraph in paragraphs(text):
        out.extend(para(rich(piece), style) for piece in chunks(paragraph))
        out.append(Spacer(1, gap))
    return out


LONG_VALUE_CHARS = 1500
LONG_VALUE_LINES = 20
"""A field value longer than either of these prints as a text block under its label instead of
in a table cell. reportlab lays out a table row that must split across pages again for every
page it spans, so a 3,000-line value in a cell took about a minute to print; as a text block it
takes seconds. Short values (names, dates, an address) stay in the table."""


def is_long_value(value: str) -> bool:
    """Whether ``value`` is too long for a table cell (see :data:`LONG_VALUE_CHARS`)."""
    text = clean(value)  # lines ended by a lone "\r" count too
    return len(text) > LONG_VALUE_CHARS or text.count("\n") + 1 > LONG_VALUE_LINES


def field_table(rows: Sequence[tuple[str, str]], st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Label and value pairs (values are user text), in order: runs of short values as a
    two-column table that may split between rows, and each long value (any free text with no
    length limit) as its label in bold followed by the value as a text block."""
    out: list[Flowable] = []
    short: list[tuple[str, str]] = []
    for label, value in rows:
        if not is_long_value(value):
            short.append((label, value))
            continue
        if short:
            out.append(_short_fields(short, st))
            short = []
        out.append(para(escape(label), st["label"]))
        out.extend(text_block(value, st["flow"]))
    if short:
        out.append(_short_fields(short, st))
    return out


def _short_fields(rows: Sequence[tuple[str, str]], st: dict[str, ParagraphStyle]) -> Table:
    data = [
        [para(f"<b>{escape(label)}</b>", st["cell"]), para(rich(value), st["cell"])]
        for label, value in rows
    ]
    return grid(data, [CONTENT_WIDTH * 0.32, CONTENT_WIDTH * 0.68], header=False)


def row(*markups: str, header: bool = False) -> list[BidiParagraph]:
    """One table row of cells from safe markup; header cells are bold."""
    style = styles()["cell"]
    return [para(f"<b>{m}</b>" if header else m, style) for m in markups]


def grid(data: list[list[Any]], widths: Sequence[float], header: bool = True) -> Table:
    """A ruled table; with ``header`` its first row repeats on every page it spans."""
    table = Table(data, colWidths=list(widths), repeatRows=1 if header else 0, splitInRow=1)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), BASE_FONT, 9),  # not reportlab's default Helvetica
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
    table.setStyle(TableStyle(commands))
    return table


def long_date(day: date) -> str:
    """A date as British letters write it: 3 December 2026."""
    return f"{day.day} {day:%B %Y}"


class _PageFurniture:
    """Draws the marking, letterhead, reference and page numbers once the total is known."""

    def __init__(self, info: DocumentInfo) -> None:
        self.info = info

    def stamp(self, canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.setFont(f"{BASE_FONT}-Bold", 10)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 10 * mm, MARKING)
        canvas.drawCentredString(PAGE_WIDTH / 2, 8 * mm, MARKING)
        head = self.info.letterhead
        canvas.setFont(BASE_FONT, 8.5)
        if page == 1:
            canvas.setFont(f"{BASE_FONT}-Bold", 12)
            canvas.drawString(MARGIN, PAGE_HEIGHT - 17 * mm, head.council)
            canvas.setFont(BASE_FONT, 9)
            canvas.drawString(MARGIN, PAGE_HEIGHT - 21.5 * mm, head.team)
            lines = [", ".join(head.address)]
            lines += [x for x in (head.phone, head.email) if x]
            for n, line in enumerate(lines):
                canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - (17 + 4 * n) * mm, line)
        else:
            canvas.drawString(MARGIN, PAGE_HEIGHT - 16 * mm, f"{head.council}: {head.team}")
        canvas.setFont(BASE_FONT, 8.5)
        canvas.drawString(MARGIN, 13 * mm, f"Reference: {self.info.reference}")
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 13 * mm, f"Page {page} of {total}")
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 17 * mm, PAGE_WIDTH - MARGIN, 17 * mm)
        canvas.restoreState()


def _counting_canvas(furniture: _PageFurniture) -> type[Canvas]:
    """A canvas class that holds each finished page until the end, then stamps "Page x of y"."""

    class CountingCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                furniture.stamp(self, number, total)
                super().showPage()
            super().save()

    return CountingCanvas


def _keep_headings_with_text(story: Iterable[Flowable]) -> list[Flowable]:
    """Start a new page before a heading that would sit at the foot of one with no room for
    text after it. (reportlab's ``keepWithNext`` would instead move the heading together with
    the whole next paragraph, leaving half-empty pages before long notes.)"""
    out: list[Flowable] = []
    for flowable in story:
        style = getattr(flowable, "style", None)
        if style is not None and getattr(style, "name", "") in ("heading", "title", "label"):
            out.append(CondPageBreak(style.leading + style.spaceBefore + 4 * 13.5))
        out.append(flowable)
    return out


def build_pdf(info: DocumentInfo, story: Iterable[Flowable]) -> bytes:
    """Lay out ``story`` on the council's page and return the PDF's bytes (never a file)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 10 * mm,
        bottomMargin=MARGIN + 2 * mm,
        title=info.title,
        author=info.letterhead.council,
        subject=f"{MARKING} {info.reference}",
        creator="OxField",
        invariant=1,
        # Otherwise each page's preamble selects Helvetica: not embedded, and unable to draw
        # most names.
        initialFontName=BASE_FONT,
    )
    doc.build(_keep_headings_with_text(story), canvasmaker=_counting_canvas(_PageFurniture(info)))
    return buffer.getvalue()
