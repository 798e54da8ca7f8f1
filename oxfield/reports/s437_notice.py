"""The notice under section 437(1) of the Education Act 1996.

When it appears to the council that a child is not receiving suitable education, it must serve
a written notice asking the parent to satisfy it, within a stated period, that the child is.
The period must be at least 15 days starting on the day the notice is served (s437(2)), so the
last day can be no earlier than the day of service plus 14. The deadline itself is computed by
the rules (which know about weekends and bank holidays) and passed in; this module refuses one
that is too early rather than print an unlawful notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from reportlab.platypus import Flowable, Spacer

from oxfield.errors import ValidationError
from oxfield.reports.ehe_inputs import Child, Officer, Parent, check_named
from oxfield.reports.layout import (
    DocumentInfo,
    Letterhead,
    build_pdf,
    long_date,
    para,
    styles,
    text_block,
)
from oxfield.reports.letter_parts import addressee, signature
from oxfield.reports.markup import escape, rich

MINIMUM_PERIOD_DAYS = 15


@dataclass(frozen=True)
class S437Notice:
    reference: str
    served_on: date
    respond_by: date
    child: Child
    parents: tuple[Parent, ...]
    officer: Officer
    reasons: str
    service_method: str = "first class post"
    letterhead: Letterhead = field(default_factory=Letterhead)


def earliest_deadline(served_on: date) -> date:
    """The last day of the shortest period the Act allows: 15 days counting the day served."""
    return served_on + timedelta(days=MINIMUM_PERIOD_DAYS - 1)


def _check(notice: S437Notice) -> None:
    if not notice.reference.strip():
        raise ValidationError("The notice has no reference.", field="reference")
    check_named(notice.child, notice.parents)
    if notice.respond_by < earliest_deadline(notice.served_on):
        raise ValidationError(
            "The deadline must be at least 15 days after service, counting the day of service.",
            field="respond_by",
        )
    if not notice.reasons.strip():
        raise ValidationError("Give the reasons education does not appear suitable.", "reasons")
    if not notice.officer.name.strip():
        raise ValidationError("The notice has no officer to sign it.", field="officer")


def _body(notice: S437Notice) -> list[Flowable]:
    st = styles()
    child = rich(notice.child.full_name)
    council = escape(notice.letterhead.council)
    deadline = f"<b>{escape(long_date(notice.respond_by))}</b>"
    out: list[Flowable] = [
        *addressee(notice.parents),
        para(escape(long_date(notice.served_on)), st["right"]),
        para("Notice under section 437(1) of the Education Act 1996", st["title"]),
        para(
            f"<b>Child:</b> {child}, born {escape(long_date(notice.child.date_of_birth))}",
            st["body"],
        ),
        para(
            f"It appears to {council} that {child}, who is of compulsory school age, is not "
            "receiving suitable education, either by regular attendance at school or otherwise.",
            st["body"],
        ),
        para(
            f"The council requires you to satisfy it, by {deadline}, that {child} is receiving "
            "suitable education. Suitable education means efficient full-time education suitable "
            "to the child's age, ability and aptitude and to any special educational needs the "
            "child may have (section 7 of the Act).",
            st["body"],
        ),
        para("Why the council is not satisfied", st["heading"]),
    ]
    out.extend(text_block(notice.reasons, st["flow"]))
    out += [
        para("How to respond", st["heading"]),
        para(
            "You may reply in writing, send a description of the education with examples of "
            "work, or arrange to meet the officer named below. Any of these is enough if it "
            "shows that the education is suitable.",
            st["body"],
        ),
        para("What happens if the council is not satisfied", st["heading"]),
        para(
            "If you do not satisfy the council by the date above, and the council thinks it "
            f"expedient that {child} should attend school, it must serve a school attendance "
            "order naming a school. Before it does, it will tell you in writing which school it "
            "intends to name, and you will have 15 days to choose a different school.",
            st["body"],
        ),
        Spacer(1, 4),
        para(
            f"This notice was served on {escape(long_date(notice.served_on))} by "
            f"{escape(notice.service_method)}.",
            st["body"],
        ),
        *signature(notice.officer),
    ]
    return out


def build_s437_notice(notice: S437Notice) -> bytes:
    """The notice as PDF bytes."""
    _check(notice)
    info = DocumentInfo(
        title="Notice under section 437(1) of the Education Act 1996",
        reference=notice.reference,
        letterhead=notice.letterhead,
    )
    return build_pdf(info, _body(notice))
