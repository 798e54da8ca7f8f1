"""The child employment permit (Oxfordshire byelaws 8-15): the child, the employer, the job and
the hours allowed, to be carried by the child while working."""

from __future__ import annotations

from reportlab.platypus import Flowable

from oxfield.reports.layout import (
    CONTENT_WIDTH,
    DocumentInfo,
    build_pdf,
    field_table,
    grid,
    long_date,
    para,
    row,
    styles,
)
from oxfield.reports.letter_parts import signature
from oxfield.reports.licensing_inputs import PermitDocument, require_text
from oxfield.reports.markup import escape


def _hours(title: str, week: tuple[tuple[str, str], ...]) -> list[Flowable]:
    if not week:
        return []
    rows = [row("Day", "Hours", header=True)]
    rows += [row(escape(day), escape(hours)) for day, hours in week]
    return [para(title, styles()["label"]), grid(rows, [CONTENT_WIDTH * 0.3, CONTENT_WIDTH * 0.7])]


def build_permit(doc: PermitDocument) -> bytes:
    require_text(doc.child_name, "child_name")
    require_text(doc.employer, "employer")
    st = styles()
    rows = [
        ("Child", doc.child_name),
        ("Date of birth", long_date(doc.date_of_birth)),
        ("Employer", doc.employer),
        ("Employer's address", doc.employer_address or "Not given"),
        ("Job", doc.job),
        ("Issued on", long_date(doc.issued_on)),
        ("Review by", long_date(doc.review_on) if doc.review_on else "Not set"),
    ]
    story: list[Flowable] = [
        para("Child employment permit", st["title"]),
        para(
            "Issued under section 18 of the Children and Young Persons Act 1933 and the "
            "Oxfordshire County Council Byelaws on the Employment of Children. The child must "
            "carry this permit while at work. The council may revoke it if the employment "
            "becomes unlawful or the child's health, welfare or education suffers.",
            st["body"],
        ),
        *field_table(rows, st),
        *_hours("Term-time week", doc.term_week),
        *_hours("Holiday week", doc.holiday_week),
        *signature(doc.officer),
    ]
    info = DocumentInfo(title="Child employment permit", reference=doc.reference)
    return build_pdf(info, story)
