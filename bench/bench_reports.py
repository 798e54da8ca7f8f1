"""How long the EHE documents take to build, against the goal of 200 ms per visit letter.

Run from the checkout: ``.venv/bin/python bench/bench_reports.py``. Prints a table: the first
letter (which pays for loading the fonts), the median and 90th percentile of 50 letters, 100
case summaries built one after another, one letter carrying a 20,000-word note, and the time
the preview takes to draw a page, and a 3,000-line value in a label/value table, printed as a table
cell (the old layout, kept here as the "before" figure) and as :func:`field_table` prints it now.
Synthetic people only.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import date

from oxfield.reports.ehe_case_summary import CaseSummary, build_case_summary
from oxfield.reports.ehe_inputs import (
    CaseDetails,
    CaseEvent,
    Child,
    ContactType,
    EducationDescribed,
    Evidence,
    Judgement,
    Officer,
    Outcome,
    Parent,
    PartJudgement,
    Provider,
    SuitabilityPart,
    Visit,
)
from oxfield.reports.layout import (
    CONTENT_WIDTH,
    DocumentInfo,
    build_pdf,
    field_table,
    grid,
    para,
    styles,
)
from oxfield.reports.markup import escape, rich
from oxfield.reports.visit_letter import VisitLetter, build_visit_letter

GOAL_MS = 200.0

CHILD = Child("Zuzanna Łucja", "Wiśniewska-Żółć", date(2014, 5, 3), "Year 7")
PARENTS = (
    Parent("Ирина Смирнова", "Mother", ("12 O'Brien Close", "Banbury"), "OX16 5AA"),
    Parent("عبد الله", "Father"),
    Parent("王小明 さくら", "Step-parent"),
)
OFFICER = Officer("Nguyễn Thị Ánh", phone="01865 000000", email="ehe@example.invalid")


def _visit(n: int, notes: str = "Structured mornings & projects <afternoons>.") -> Visit:
    return Visit(
        reference=f"EHE-V-2026-{n:04d}",
        visit_date=date(2026, 11, 2),
        contact_type=ContactType.HOME_VISIT,
        place="Family home",
        present=("Ирина Смирнова", "עבד אללה", "the officer"),
        child_seen=True,
        outcome=Outcome.SUITABLE,
        child_views="I like maths & science; my favourite book is 三国演义.",
        education=EducationDescribed(
            approach=notes,
            resources="Library, online maths, science kits.",
            time="About 20 hours a week.",
            providers=(Provider("Smith & Jones Tutoring", "tutor", "3"),),
        ),
        evidence=tuple(Evidence(f"Workbook {i}", i) for i in range(6)),
        judgements=tuple(PartJudgement(p, Judgement.MET, "Seen in work") for p in SuitabilityPart),
        outcome_reasons="Steady progress in the work seen.",
        next_review=date(2027, 11, 1),
        notes=notes,
        signed_by=OFFICER.name,
        signed_on=date(2026, 11, 3),
    )


def _summary(n: int) -> CaseSummary:
    case = CaseDetails(
        reference=f"EHE-2026-{n:04d}",
        child=CHILD,
        parents=PARENTS,
        date_notified=date(2026, 9, 10),
        school_left="St Mary's C of E Primary School",
        school_urn="123180",
        reason="Philosophical or preferential",
        events=(CaseEvent(date(2026, 9, 10), "Notice received"),),
        notes="Case opened after a deregistration notice. " * 40,
    )
    return CaseSummary(case, (_visit(n), _visit(n + 1)), OFFICER, date(2027, 1, 5))


def _ms(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one call. On a shared machine the CPU figure is the
    steadier one: it leaves out time spent waiting for another process's turn."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _draw_first_page(pdf: bytes) -> None:
    """What the in-app preview does for each page it shows (PDFium, from memory)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        document[0].render(scale=96 / 72, rev_byteorder=True)
    finally:
        document.close()


LONG_VALUE = "\n".join(f"Line {i:04d}: maths & science, reading <b>" for i in range(3000))


def _long_value_as_cell() -> bytes:
    """The layout before: the whole value in one table cell that splits inside its row."""
    st = styles()
    cells = [
        [para(f"<b>{escape('Education')}</b>", st["cell"]), para(rich(LONG_VALUE), st["cell"])]
    ]
    table = grid(cells, [CONTENT_WIDTH * 0.32, CONTENT_WIDTH * 0.68], header=False)
    return build_pdf(DocumentInfo("t", "R-1"), [table])


def _long_value_now() -> bytes:
    return build_pdf(DocumentInfo("t", "R-1"), field_table([("Education", LONG_VALUE)], styles()))


def main() -> None:
    letter = VisitLetter(date(2026, 11, 5), CHILD, PARENTS, _visit(1), OFFICER)
    first = _ms(lambda: build_visit_letter(letter))
    runs = [_ms(lambda: build_visit_letter(letter)) for _ in range(50)]
    walls, cpus = sorted(r[0] for r in runs), sorted(r[1] for r in runs)
    median = (statistics.median(walls), statistics.median(cpus))
    p90 = (walls[44], cpus[44])
    summaries = [_summary(n) for n in range(100)]
    batch = _ms(lambda: [build_case_summary(s) for s in summaries])
    per_summary = (batch[0] / 100, batch[1] / 100)
    words = " ".join(f"word{i}" for i in range(20_000))
    big = VisitLetter(date(2026, 11, 5), CHILD, PARENTS, _visit(2, words), OFFICER)
    big_ms = _ms(lambda: build_visit_letter(big))
    pdf = build_visit_letter(letter)
    size = len(pdf)
    pages = [_ms(lambda: _draw_first_page(pdf)) for _ in range(20)]
    page = (statistics.median(r[0] for r in pages), statistics.median(r[1] for r in pages))

    long_before = _ms(_long_value_as_cell)
    long_now = _ms(_long_value_now)

    print(f"{'measure':<42}{'wall ms':>10}{'CPU ms':>10}{'CPU / 200 ms goal':>20}")
    rows = [
        ("first visit letter (loads fonts)", first, True),
        ("visit letter, median of 50", median, True),
        ("visit letter, 90th percentile of 50", p90, True),
        ("100 case summaries, total", batch, False),
        ("case summary, mean in the batch", per_summary, True),
        ("visit letter with a 20,000-word note", big_ms, False),
        ("preview: page 1 drawn at 96 dpi, median of 20", page, False),
        ("3,000-line value in a table cell (before)", long_before, False),
        ("3,000-line value as field_table prints it", long_now, False),
    ]
    for label, (wall, cpu), ratio in rows:
        goal = f"{cpu / GOAL_MS:.2f}x" if ratio else ""
        print(f"{label:<42}{wall:>10.1f}{cpu:>10.1f}{goal:>20}")
    print(f"{'visit letter size':<42}{size / 1024:>9.1f} KB")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
