"""The letter to parents after an elective home education visit (or a written report).

It tells the family what the officer saw and heard, the view reached on each part of the
suitability test, the outcome and when the council will next be in touch. Internal matters stay
out of it: safeguarding concerns and referrals, and the officer's own notes, belong to the case
summary for the file (:mod:`oxfield.reports.ehe_case_summary`), never to the family's letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reportlab.platypus import Flowable, Spacer

from oxfield.errors import ValidationError
from oxfield.reports.ehe_inputs import (
    Child,
    ContactType,
    Officer,
    Outcome,
    Parent,
    Visit,
    check_named,
)
from oxfield.reports.layout import (
    CONTENT_WIDTH,
    DocumentInfo,
    Letterhead,
    build_pdf,
    grid,
    long_date,
    para,
    row,
    styles,
    text_block,
)
from oxfield.reports.letter_parts import addressee, salutation, signature
from oxfield.reports.markup import escape, rich


@dataclass(frozen=True)
class VisitLetter:
    letter_date: date
    child: Child
    parents: tuple[Parent, ...]
    visit: Visit
    officer: Officer
    letterhead: Letterhead = field(default_factory=Letterhead)


_OUTCOME_TEXT = {
    Outcome.SUITABLE: (
        "Based on the information you have given, the council is satisfied that {name} "
        "appears to be receiving a suitable, efficient, full-time education. Thank you for "
        "your time and for sharing {name}'s work."
    ),
    Outcome.MORE_INFORMATION: (
        "The council needs more information before it can reach a view on whether {name} is "
        "receiving a suitable education. Please see what we have asked for below."
    ),
    Outcome.NOT_SATISFIED: (
        "On the information available, the council is not yet satisfied that {name} is "
        "receiving a suitable education. You will receive a formal notice under section 437(1) "
        "of the Education Act 1996, which explains what happens next and gives you at least 15 "
        "days to show that the education is suitable."
    ),
    Outcome.RETURNS_TO_SCHOOL: (
        "You told us that {name} will be returning to school. Please let us know the school "
        "and the date {name} starts, so that we can close our home education record."
    ),
}


def _meeting(visit: Visit, given: str) -> str:
    when = long_date(visit.visit_date)
    if visit.contact_type is ContactType.WRITTEN_REPORT:
        return f"Thank you for the written report on {given}'s education, considered on {when}."
    if visit.contact_type is ContactType.SAMPLES_OF_WORK:
        return f"Thank you for the samples of {given}'s work, considered on {when}."
    return f"Thank you for meeting me on {when} ({visit.contact_type}) at {visit.place}."


def _body(letter: VisitLetter) -> list[Flowable]:
    st = styles()
    visit, child = letter.visit, letter.child
    given = child.given_names
    out: list[Flowable] = [
        *addressee(letter.parents),
        para(escape(long_date(letter.letter_date)), st["right"]),
        salutation(letter.parents),
        para(
            f"<b>Elective home education: {rich(child.full_name)}, born "
            f"{escape(long_date(child.date_of_birth))}</b>",
            st["heading"],
        ),
        para(rich(_meeting(visit, given)), st["body"]),
    ]
    if visit.present:
        out.append(para("Present: " + rich(", ".join(visit.present)) + ".", st["body"]))
    if visit.child_seen:
        out.append(para(f"I saw {rich(given)} during the visit.", st["body"]))
    else:
        reason = visit.child_not_seen_reason
        out.append(para(f"I did not see {rich(given)}: {rich(reason)}", st["body"]))
    if visit.child_views.strip():
        out.append(para(f"<b>What {rich(given)} told me</b>", st["heading"]))
        out.extend(text_block(visit.child_views, st["flow"]))
    out.extend(_education(letter))
    if visit.judgements:
        out.append(para("<b>The council's view</b>", st["heading"]))
        rows = [row("Part", "View", "Comment", header=True)]
        rows += [
            row(escape(j.part), escape(j.judgement), rich(j.comment)) for j in visit.judgements
        ]
        w = CONTENT_WIDTH
        out.append(grid(rows, [w * 0.3, w * 0.25, w * 0.45]))
        out.append(Spacer(1, 6))
    out.append(para("<b>Outcome</b>", st["heading"]))
    out.append(para(rich(_OUTCOME_TEXT[visit.outcome].format(name=given)), st["body"]))
    if visit.outcome_reasons.strip():
        out.extend(text_block(visit.outcome_reasons, st["flow"]))
    if visit.next_review is not None and visit.outcome is not Outcome.RETURNS_TO_SCHOOL:
        when = escape(long_date(visit.next_review))
        out.append(para(f"We will next be in touch on or around {when}.", st["body"]))
    out.extend(signature(letter.officer))
    return out


def _education(letter: VisitLetter) -> list[Flowable]:
    st = styles()
    education = letter.visit.education
    out: list[Flowable] = []
    sections = [
        ("Approach", education.approach),
        ("Resources", education.resources),
        ("Time spent on education", education.time),
    ]
    if any(text.strip() for _, text in sections) or education.providers:
        out.append(para("<b>The education you described</b>", st["heading"]))
    for label, text in sections:
        if text.strip():
            out.append(para(label, st["label"]))
            out.extend(text_block(text, st["flow"]))
    for provider in education.providers:
        extra = ", ".join(x for x in (provider.kind, provider.hours_per_week) if x)
        line = provider.name + (f" ({extra})" if extra else "")
        out.append(para("Other provider: " + rich(line), st["body"]))
    if letter.visit.evidence:
        out.append(para("<b>Evidence seen</b>", st["heading"]))
        for item in letter.visit.evidence:
            out.append(para("• " + rich(item.description), st["body"]))
    return out


def build_visit_letter(letter: VisitLetter) -> bytes:
    """The letter as PDF bytes, to preview from memory or save where the officer chooses."""
    check_named(letter.child, letter.parents)
    letter.visit.check()
    if not letter.officer.name.strip():
        raise ValidationError("The letter has no officer to sign it.", field="officer")
    info = DocumentInfo(
        title="Elective home education: visit letter",
        reference=letter.visit.reference,
        letterhead=letter.letterhead,
    )
    return build_pdf(info, _body(letter))
