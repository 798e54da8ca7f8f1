"""The letter approving a chaperone: how long the approval lasts, the ID card number, any
restrictions, and what the chaperone must tell the council (DOMAIN.md section 2)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from oxfield.errors import ValidationError
from oxfield.reports.layout import DocumentInfo, build_pdf, field_table, long_date, para, styles
from oxfield.reports.letter_parts import signature
from oxfield.reports.licensing_inputs import ChaperoneLetter, require_text
from oxfield.reports.markup import escape, rich

DUTIES = (
    "Tell the council in writing within 7 days of an arrest or conviction, a serious illness, "
    "or a change of name, address or telephone number.",
    "Keep your DBS certificate on the Update Service: the council checks it every year.",
    "Carry your chaperone ID card whenever you are chaperoning and show it when asked.",
    "Take no part in the production while you are responsible for children.",
)


def letter_head(letter: ChaperoneLetter) -> list[Flowable]:
    """Addressee, date and salutation, shared with the refusal letter."""
    st = styles()
    lines = [rich(letter.name), *(rich(line) for line in letter.address)]
    return [
        para("<br/>".join(lines), st["body"]),
        para(escape(long_date(letter.letter_date)), st["right"]),
        para(f"Dear {rich(letter.name)},", st["body"]),
    ]


def build_approval_letter(letter: ChaperoneLetter) -> bytes:
    require_text(letter.name, "name")
    require_text(letter.officer.name, "officer")
    if letter.approved_until is None or not letter.card_number:
        raise ValidationError("approved_until: this letter needs an approval", "approved_until")
    st = styles()
    story: list[Flowable] = [
        *letter_head(letter),
        para("<b>Approval as a chaperone for children in performances</b>", st["heading"]),
        para(
            "The council is satisfied that you are suitable and competent to act as a chaperone "
            "under regulation 15 of the Children (Performances and Activities) (England) "
            "Regulations 2014, and approves you as a chaperone.",
            st["body"],
        ),
        *field_table(
            [
                ("Approved until", long_date(letter.approved_until)),
                ("ID card number", letter.card_number),
                ("Restrictions", letter.restrictions or "None"),
            ],
            st,
        ),
        para("<b>What you must do</b>", st["heading"]),
        *(para("• " + escape(duty), st["body"]) for duty in DUTIES),
        *signature(letter.officer),
    ]
    info = DocumentInfo(title="Chaperone approval letter", reference=letter.reference)
    return build_pdf(info, story)
