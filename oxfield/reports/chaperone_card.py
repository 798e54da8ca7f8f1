"""A printable chaperone ID card: photo, name, card number and expiry, cut out along its border.

Printed at the size of a bank card (85.6 by 54 mm) on the council's page, so the page still
carries the protective marking; the photo comes from the vault as bytes and never touches disk.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from oxfield.reports.fonts import BASE_FONT
from oxfield.reports.images import picture
from oxfield.reports.layout import DocumentInfo, build_pdf, long_date, para, styles
from oxfield.reports.licensing_inputs import ChaperoneCard, require_text
from oxfield.reports.markup import escape, rich

CARD_WIDTH, CARD_HEIGHT = 85.6 * mm, 54 * mm
PHOTO_WIDTH, PHOTO_HEIGHT = 25 * mm, 32 * mm


def _card(card: ChaperoneCard) -> Table:
    st = styles()
    photo: Flowable = (
        picture(card.photo, PHOTO_WIDTH, PHOTO_HEIGHT)
        if card.photo
        else para("No photo", st["small"])
    )
    lines = [
        "<b>Oxfordshire County Council</b>",
        "Approved chaperone",
        f"<b>{rich(card.name)}</b>",
        f"Card {escape(card.card_number)}",
        f"Valid until {escape(long_date(card.approved_until))}",
    ]
    if card.restrictions:
        short = (
            card.restrictions if len(card.restrictions) <= 90 else card.restrictions[:87] + "..."
        )
        lines.append(f"Restrictions: {rich(short)}")
    lines.append(f"To check this card: {escape(card.phone)}")
    text = para("<br/>".join(lines), st["small"])
    table = Table(
        [[photo, text]],
        colWidths=[PHOTO_WIDTH + 4 * mm, CARD_WIDTH - PHOTO_WIDTH - 4 * mm],
        rowHeights=[CARD_HEIGHT],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), BASE_FONT, 8),
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    table.hAlign = "LEFT"
    return table


def build_chaperone_card(card: ChaperoneCard) -> bytes:
    require_text(card.name, "name")
    require_text(card.card_number, "card_number")
    st = styles()
    story: list[Flowable] = [
        para("Chaperone ID card", st["title"]),
        para("Cut along the border. The card is valid only with the expiry shown.", st["small"]),
        Spacer(1, 6 * mm),
        _card(card),
    ]
    info = DocumentInfo(title="Chaperone ID card", reference=card.reference)
    return build_pdf(info, story)
