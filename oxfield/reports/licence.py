"""The child performance licence itself (SI 2014/3309 reg 8): who may take part, in what, where,
when, with which chaperone and education arrangements, and under which conditions."""

from __future__ import annotations

from reportlab.platypus import Flowable

from oxfield.errors import ValidationError
from oxfield.reports.layout import DocumentInfo, build_pdf, field_table, long_date, para, styles
from oxfield.reports.letter_parts import signature
from oxfield.reports.licensing_inputs import LicenceDocument, require_text
from oxfield.reports.markup import rich

STANDARD_CONDITIONS = (
    "The child must be in the charge of the approved chaperone named (or a parent, or the "
    "teacher who normally teaches the child) whenever performing, rehearsing or living away "
    "from home (reg 15).",
    "The limits on hours, times and breaks for the child's age apply on every day (regs 21-27).",
    "The education arrangements approved must be carried out (reg 13).",
    "The daily record must be kept in real time and shown to the council on request (reg 11).",
    "This licence must be produced when an authorised officer asks for it (reg 12).",
)


def _when(doc: LicenceDocument) -> str:
    if doc.dates:
        return ", ".join(long_date(d) for d in sorted(doc.dates))
    if doc.first_day and doc.last_day and doc.performance_days:
        return (
            f"{doc.performance_days} days between {long_date(doc.first_day)} and "
            f"{long_date(doc.last_day)}"
        )
    raise ValidationError("dates: the licence has no dates or days in a period", "dates")


def build_licence(doc: LicenceDocument) -> bytes:
    require_text(doc.child_name, "child_name")
    require_text(doc.production, "production")
    if doc.granted_on is None:
        raise ValidationError("granted_on: only a granted licence can be printed", "status")
    st = styles()
    rows = [
        ("Child", doc.child_name),
        ("Date of birth", long_date(doc.date_of_birth)),
        ("Licence holder", doc.applicant),
        ("Production", doc.production),
        ("Places of performance", "; ".join(doc.venues)),
        ("Dates", _when(doc)),
        ("Education", doc.education or "No absence from school"),
        ("Tutor", doc.tutor or "None"),
        ("Chaperone", doc.chaperone or "A parent"),
        ("Granted on", long_date(doc.granted_on)),
    ]
    story: list[Flowable] = [
        para("Child performance licence", st["title"]),
        para(
            "Granted under section 37 of the Children and Young Persons Act 1963 and the "
            "Children (Performances and Activities) (England) Regulations 2014.",
            st["body"],
        ),
        *field_table(rows, st),
        para("Conditions", st["heading"]),
        *(
            para(f"{n}. {rich(c)}", st["body"])
            for n, c in enumerate((*STANDARD_CONDITIONS, *doc.conditions), start=1)
        ),
        *signature(doc.officer),
    ]
    info = DocumentInfo(title="Child performance licence", reference=doc.reference)
    return build_pdf(info, story)
