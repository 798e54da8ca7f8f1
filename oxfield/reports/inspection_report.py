"""The report of an inspection at a venue, for the licence holder and the council's file.

It gives the production, the venue and the date, then each licensed child's day as the officer
recorded it (events with any corrections, the totals against the child's age band, and the
limits passed), the checklist, every finding with its regulation, and the actions required.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

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
    text_block,
)
from oxfield.reports.licensing_inputs import (
    ChildDay,
    FindingLine,
    InspectionReport,
    require_text,
)
from oxfield.reports.markup import escape, rich


def _findings_table(findings: tuple[FindingLine, ...]) -> Flowable:
    rows = [row("Regulation", "Finding", "Severity", header=True)]
    rows += [
        row(escape(f.regulation), rich(f.message), escape(f.severity.capitalize()))
        for f in findings
    ]
    w = CONTENT_WIDTH
    return grid(rows, [w * 0.28, w * 0.57, w * 0.15])


def _child(child: ChildDay) -> list[Flowable]:
    st = styles()
    licence = escape(child.licence_reference)
    out: list[Flowable] = [
        para(f"<b>{rich(child.name)}</b>, aged {child.age}: licence {licence}", st["heading"])
    ]
    if child.checks:
        out.extend(field_table(child.checks, st))
        out.append(Spacer(1, 4))
    if child.events:
        rows = [row("Time", "Daily record", "Correction", header=True)]
        rows += [row(escape(e.time), escape(e.label), rich(e.correction)) for e in child.events]
        w = CONTENT_WIDTH
        out.append(grid(rows, [w * 0.12, w * 0.43, w * 0.45]))
        out.append(Spacer(1, 4))
    else:
        out.append(para("No arrival was recorded for this child.", st["body"]))
    if child.totals:
        rows = [row("Measure", "Used", "Limit for the age band", header=True)]
        rows += [row(escape(t.label), escape(t.used), escape(t.limit)) for t in child.totals]
        w = CONTENT_WIDTH
        out.append(grid(rows, [w * 0.4, w * 0.25, w * 0.35]))
        out.append(Spacer(1, 4))
    if child.breaches:
        out.append(para("Limits passed", st["label"]))
        out.append(_findings_table(child.breaches))
    else:
        out.append(para("No limit was passed.", st["body"]))
    return out


def _body(report: InspectionReport) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [
        para("Child performance inspection report", st["title"]),
        *field_table(
            [
                ("Production", report.production),
                ("Venue", report.venue),
                ("Date", long_date(report.inspected_on)),
                ("Officer", report.officer.name),
                ("Children inspected", str(len(report.children))),
            ],
            st,
        ),
        para("Each child's day", st["heading"]),
    ]
    for child in report.children:
        out.extend(_child(child))
    if report.checklist:
        out.append(para("Checklist", st["heading"]))
        out.extend(field_table(report.checklist, st))
    if report.education.strip():
        out.append(para("Education provided", st["label"]))
        out.extend(text_block(report.education, st["flow"]))
    out.append(para("Findings", st["heading"]))
    if report.findings:
        out.append(_findings_table(report.findings))
    else:
        out.append(para("The officer recorded no further findings.", st["body"]))
    out.append(para("Actions required", st["heading"]))
    if report.actions:
        for n, action in enumerate(report.actions, start=1):
            out.append(para(f"{n}. {rich(action)}", st["body"]))
    else:
        out.append(para("No action is required.", st["body"]))
    if report.outcome.strip():
        out.append(para("Outcome", st["heading"]))
        out.extend(text_block(report.outcome, st["flow"]))
    out.append(Spacer(1, 8))
    out.append(para(escape(report.signed or "Not yet signed: a draft."), st["small"]))
    return out


def build_inspection_report(report: InspectionReport) -> bytes:
    """The report as PDF bytes (never a file)."""
    require_text(report.venue, "venue")
    require_text(report.officer.name, "officer")
    info = DocumentInfo(title="Child performance inspection report", reference=report.reference)
    return build_pdf(info, _body(report))
