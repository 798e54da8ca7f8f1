"""The letter refusing a chaperone application, giving the council's reasons."""

from __future__ import annotations

from reportlab.platypus import Flowable

from oxfield.reports.chaperone_approval import letter_head
from oxfield.reports.layout import DocumentInfo, build_pdf, para, styles, text_block
from oxfield.reports.letter_parts import signature
from oxfield.reports.licensing_inputs import ChaperoneLetter, require_text


def build_refusal_letter(letter: ChaperoneLetter) -> bytes:
    require_text(letter.name, "name")
    require_text(letter.reasons, "reasons")
    require_text(letter.officer.name, "officer")
    st = styles()
    story: list[Flowable] = [
        *letter_head(letter),
        para("<b>Your application to be approved as a chaperone</b>", st["heading"]),
        para(
            "Thank you for applying to be approved as a chaperone. The council has considered "
            "your application, your references, your DBS certificate and your interview, and is "
            "not able to approve you. The reasons are:",
            st["body"],
        ),
        *text_block(letter.reasons, st["flow"]),
        para(
            "You may apply again if your circumstances change. If you would like to discuss "
            "this decision, please contact the County Attendance Team.",
            st["body"],
        ),
        *signature(letter.officer),
    ]
    info = DocumentInfo(title="Chaperone application: refusal", reference=letter.reference)
    return build_pdf(info, story)
