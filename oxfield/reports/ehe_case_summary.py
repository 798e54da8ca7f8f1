"""The elective home education case summary for the council's file.

Where the parents' letter is short and kind, the file copy is complete: how the case arrived
(school left, date off roll, reason, SEN and consent flags), every visit with who was present,
the child's views, the education described, the evidence, the judgement on each part of the
suitability test, safeguarding and its next step, the outcome, the officer's notes however long,
any amendments to signed records, and the dated history of the case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reportlab.platypus import Flowable, PageBreak, Spacer

from oxfield.errors import ValidationError
from oxfield.reports.ehe_inputs import CaseDetails, Officer, Visit, check_named
from oxfield.reports.layout import (
    CONTENT_WIDTH,
    DocumentInfo,
    Letterhead,
    build_pdf,
    field_table,
    grid,
    long_date,
    para,
    row,
    styles,
    text_block,
)
from oxfield.reports.markup import escape, rich
from oxfield.text import humanise


@dataclass(frozen=True)
class CaseSummary:
    case: CaseDetails
    visits: tuple[Visit, ...]
    prepared_by: Officer
    prepared_on: date
    letterhead: Letterhead = field(default_factory=Letterhead)


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def _school(case: CaseDetails) -> str:
    if not case.school_left:
        return "None"
    return f"{case.school_left} (URN {case.school_urn})" if case.school_urn else case.school_left


def _case_section(summary: CaseSummary) -> list[Flowable]:
    st = styles()
    case = summary.case
    child = case.child
    rows = [
        ("Child", child.full_name),
        ("Date of birth", long_date(child.date_of_birth)),
        ("Age when summary prepared", str(child.age_on(summary.prepared_on))),
        ("Year group", child.year_group or "Not recorded"),
        ("Date notified", long_date(case.date_notified)),
        ("Source", case.source or "Not recorded"),
        ("School left", _school(case)),
        ("Date off roll", long_date(case.date_off_roll) if case.date_off_roll else "Not recorded"),
        ("Reason given", case.reason or "Not recorded"),
        ("SEN status", humanise(case.sen_status) + ("; has an EHCP" if case.ehcp else "")),
        ("Council consent needed to deregister", _yes_no(case.consent_needed)),
        ("Safeguarding flag", _yes_no(case.safeguarding_flag)),
    ]
    out: list[Flowable] = [
        para("Elective home education: case summary", st["title"]),
        *field_table(rows, st),
        para("Parents and carers", st["heading"]),
    ]
    parent_rows = [row("Name", "Relationship", "Address", header=True)]
    for parent in case.parents:
        address = ", ".join(x for x in (*parent.address, parent.postcode) if x)
        parent_rows.append(row(rich(parent.name), rich(parent.relationship), rich(address)))
    w = CONTENT_WIDTH
    out.append(grid(parent_rows, [w * 0.3, w * 0.2, w * 0.5]))
    return out


def _visit_section(visit: Visit) -> list[Flowable]:
    st = styles()
    rows = [
        ("Visit reference", visit.reference),
        ("Date", long_date(visit.visit_date)),
        ("Contact", str(visit.contact_type)),
        ("Place", visit.place),
        ("Present", ", ".join(visit.present) or "Not recorded"),
        ("Child seen", "Yes" if visit.child_seen else f"No: {visit.child_not_seen_reason}"),
        ("Outcome", str(visit.outcome)),
        ("Next review", long_date(visit.next_review) if visit.next_review else "None set"),
        (
            "Signed",
            f"{visit.signed_by}, {long_date(visit.signed_on)}"
            if visit.signed_on
            else "Not signed (draft)",
        ),
    ]
    out: list[Flowable] = [
        para(f"Visit on {escape(long_date(visit.visit_date))}", st["heading"]),
        *field_table(rows, st),
        Spacer(1, 4),
    ]
    education = visit.education
    for label, text in (
        ("The child's views", visit.child_views),
        ("Approach to education", education.approach),
        ("Resources", education.resources),
        ("Time spent on education", education.time),
    ):
        if text.strip():
            out.append(para(label, st["label"]))
            out.extend(text_block(text, st["flow"]))
    out += _visit_tables(visit)
    out.append(para("Safeguarding", st["label"]))
    if visit.safeguarding_concern:
        out.append(
            para("Concern recorded. Next step: " + rich(visit.safeguarding_next_step), st["body"])
        )
    else:
        out.append(para("No concern recorded.", st["body"]))
    if visit.outcome_reasons.strip():
        out.append(para("Reasons for the outcome", st["label"]))
        out.extend(text_block(visit.outcome_reasons, st["flow"]))
    if visit.notes.strip():
        out.append(para("Officer's notes", st["label"]))
        out.extend(text_block(visit.notes, st["flow"]))
    for amendment in visit.amendments:
        out.append(
            para(
                f"Amendment, {escape(long_date(amendment.made_on))}, by {rich(amendment.author)}",
                st["label"],
            )
        )
        out.extend(text_block(amendment.text, st["flow"]))
    return out


def _visit_tables(visit: Visit) -> list[Flowable]:
    """Providers, evidence and the judgement on each part of the test, as tables."""
    w = CONTENT_WIDTH
    out: list[Flowable] = []
    providers = visit.education.providers
    if providers:
        rows = [row("Provider", "Kind", "Hours a week", header=True)]
        rows += [row(rich(p.name), rich(p.kind), rich(p.hours_per_week)) for p in providers]
        out += [grid(rows, [w * 0.5, w * 0.3, w * 0.2]), Spacer(1, 6)]
    if visit.evidence:
        rows = [row("Evidence seen", "Photos", header=True)]
        rows += [row(rich(e.description), str(e.photos)) for e in visit.evidence]
        out += [grid(rows, [w * 0.85, w * 0.15]), Spacer(1, 6)]
    if visit.judgements:
        rows = [row("Part of the test", "Judgement", "Reasons", header=True)]
        rows += [
            row(escape(j.part), escape(j.judgement), rich(j.comment)) for j in visit.judgements
        ]
        out += [grid(rows, [w * 0.3, w * 0.25, w * 0.45]), Spacer(1, 6)]
    return out


def _history(summary: CaseSummary) -> list[Flowable]:
    st = styles()
    events = sorted(summary.case.events, key=lambda e: e.day)
    if not events:
        return []
    rows = [row("Date", "Event", header=True)]
    rows += [row(escape(long_date(e.day)), rich(e.description)) for e in events]
    return [
        para("Case history", st["heading"]),
        grid(rows, [CONTENT_WIDTH * 0.22, CONTENT_WIDTH * 0.78]),
    ]


def build_case_summary(summary: CaseSummary) -> bytes:
    """The case summary as PDF bytes, for the file."""
    case = summary.case
    if not case.reference.strip():
        raise ValidationError("The case has no reference.", field="reference")
    check_named(case.child, case.parents)
    for visit in summary.visits:
        visit.check()
    st = styles()
    story: list[Flowable] = _case_section(summary)
    story += _history(summary)
    if case.notes.strip():
        story.append(para("Case notes", st["heading"]))
        story += text_block(case.notes, st["flow"])
    visits = sorted(summary.visits, key=lambda v: v.visit_date)
    if visits:
        story.append(PageBreak())
        story.append(para("Visits", st["title"]))
        for visit in visits:
            story += _visit_section(visit)
    else:
        story.append(para("No visits recorded yet.", st["body"]))
    preparer = summary.prepared_by
    story.append(Spacer(1, 10))
    story.append(
        para(
            f"Prepared by {rich(preparer.name)}, {escape(preparer.job_title)}, on "
            f"{escape(long_date(summary.prepared_on))}.",
            st["small"],
        )
    )
    info = DocumentInfo(
        title="Elective home education: case summary",
        reference=case.reference,
        letterhead=summary.letterhead,
    )
    return build_pdf(info, story)
