"""The letters for the steps after the s437(1) notice: school nomination and the order.

``oxfield.reports`` has builders for the visit letter, case summary and s437(1) notice; the
later steps of the route are laid out here from the same council page template (protective
marking, page x of y, reference, embedded fonts, escaped text), so every statutory step served
has its dated letter. The notice of intention names the school the council proposes and gives
the parent 15 days from service to choose another (EA 1996 s438; the period comes from the
step, which the rules computed). The order requires the parent to register the child at the
named school.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable

from oxfield.errors import ValidationError
from oxfield.reports.ehe_inputs import Child, Officer, Parent, check_named
from oxfield.reports.layout import DocumentInfo, Letterhead, build_pdf, long_date, para, styles
from oxfield.reports.letter_parts import addressee, signature
from oxfield.reports.markup import escape, rich


def _opening(
    child: Child, parents: tuple[Parent, ...], served_on: date, title: str
) -> list[Flowable]:
    st = styles()
    return [
        *addressee(parents),
        para(escape(long_date(served_on)), st["right"]),
        para(escape(title), st["title"]),
        para(
            f"<b>Child:</b> {rich(child.full_name)}, born {escape(long_date(child.date_of_birth))}",
            st["body"],
        ),
    ]


def build_nomination_notice(
    *,
    reference: str,
    served_on: date,
    choose_by: date,
    school: str,
    child: Child,
    parents: tuple[Parent, ...],
    officer: Officer,
    method: str,
    letterhead: Letterhead | None = None,
) -> bytes:
    """Notice of intention to serve a school attendance order, naming the proposed school."""
    check_named(child, parents)
    if choose_by < served_on:
        raise ValidationError("the choice period ends before the notice is served", "respond_by")
    st = styles()
    name = rich(child.full_name)
    story = _opening(
        child, parents, served_on, "Notice of intention to serve a school attendance order"
    )
    story += [
        para(
            f"You have not satisfied the council that {name} is receiving suitable education. "
            "The council thinks it expedient that the child should attend school and intends to "
            f"serve a school attendance order naming <b>{rich(school)}</b>.",
            st["body"],
        ),
        para("Choosing a different school", st["heading"]),
        para(
            f"If, by <b>{escape(long_date(choose_by))}</b>, you tell the council in writing "
            "that you have chosen another school and that school agrees to admit the child "
            "(or is a maintained school that must), the order will name that school instead.",
            st["body"],
        ),
        para(
            f"This notice was served on {escape(long_date(served_on))} by {escape(method)}.",
            st["body"],
        ),
        *signature(officer),
    ]
    info = DocumentInfo(
        title="Notice of intention to serve a school attendance order",
        reference=reference,
        letterhead=letterhead or Letterhead(),
    )
    return build_pdf(info, story)


def build_school_attendance_order(
    *,
    reference: str,
    served_on: date,
    school: str,
    child: Child,
    parents: tuple[Parent, ...],
    officer: Officer,
    method: str,
    letterhead: Letterhead | None = None,
) -> bytes:
    """The school attendance order (EA 1996 s437(3))."""
    check_named(child, parents)
    st = styles()
    name = rich(child.full_name)
    story = _opening(child, parents, served_on, "School attendance order")
    story += [
        para(
            "Under section 437(3) of the Education Act 1996 the council requires you to cause "
            f"{name} to become a registered pupil at <b>{rich(school)}</b>.",
            st["body"],
        ),
        para(
            "The order continues in force while the child is of compulsory school age, unless "
            "the council revokes it or a court directs that it cease. Failing to comply with it "
            "is an offence unless you prove that the child is receiving suitable education "
            "otherwise than at school (section 443).",
            st["body"],
        ),
        para(
            f"This order was served on {escape(long_date(served_on))} by {escape(method)}.",
            st["body"],
        ),
        *signature(officer),
    ]
    info = DocumentInfo(
        title="School attendance order", reference=reference, letterhead=letterhead or Letterhead()
    )
    return build_pdf(info, story)
