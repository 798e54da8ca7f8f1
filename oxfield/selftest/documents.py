"""Every kind of PDF OxField makes, with a synthetic example of each for the self-test.

A *document module* is any module of :mod:`oxfield.reports` that lays out a page with
``build_pdf``. Each must have an example: either registered here with :func:`example`, or
provided by the module itself as a function ``selftest_example() -> Example``. Document modules
are found by walking the package, so a new kind of report can never be left out of the
self-test silently: without an example it is reported as a failure naming the module.

The people are invented. Their names use several scripts (Polish, Cyrillic, Arabic, Chinese,
Vietnamese) so that a font missing from the bundle shows up when the text is read back.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType

import oxfield.reports
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
    SuitabilityPart,
    Visit,
)


@dataclass(frozen=True, slots=True)
class Example:
    """A rendered document and the phrases that must be read back from it."""

    title: str
    pdf: bytes
    phrases: tuple[str, ...]


#: module name -> function that renders its example
_EXAMPLES: dict[str, Callable[[], Example]] = {}

CHILD = Child("Zuzanna Łucja", "Wiśniewska-Żółć", date(2014, 5, 3), "Year 7")
PARENTS = (
    Parent("Ирина Смирнова", "Mother", ("12 O'Brien Close", "Banbury"), "OX16 5AA"),
    Parent("عبد الله", "Father"),
    Parent("王小明", "Step-parent"),
)
OFFICER = Officer("Nguyễn Thị Ánh", phone="01865 000000", email="ehe@example.invalid")
NAMES = ("Wiśniewska-Żółć", "Ирина Смирнова", "عبد الله", "王小明", "Nguyễn Thị Ánh")


def example(module: str) -> Callable[[Callable[[], Example]], Callable[[], Example]]:
    """Register the example for the document module ``module``."""

    def register(make: Callable[[], Example]) -> Callable[[], Example]:
        _EXAMPLES[module] = make
        return make

    return register


def _visit() -> Visit:
    return Visit(
        reference="EHE-V-2026-0001",
        visit_date=date(2026, 11, 2),
        contact_type=ContactType.HOME_VISIT,
        place="Family home",
        present=("Ирина Смирнова", "عبد الله", "the officer"),
        child_seen=True,
        outcome=Outcome.SUITABLE,
        child_views="I like fractions & poetry.",
        education=EducationDescribed(approach="Structured mornings, projects after lunch."),
        evidence=(Evidence("Maths workbook (fractions)", 2),),
        judgements=tuple(PartJudgement(p, Judgement.MET) for p in SuitabilityPart),
        outcome_reasons="Work seen shows steady progress.",
        next_review=date(2027, 11, 1),
        signed_by=OFFICER.name,
        signed_on=date(2026, 11, 3),
    )


@example("oxfield.reports.visit_letter")
def _visit_letter() -> Example:
    from oxfield.reports.visit_letter import VisitLetter, build_visit_letter

    pdf = build_visit_letter(VisitLetter(date(2026, 11, 5), CHILD, PARENTS, _visit(), OFFICER))
    return Example("visit letter", pdf, (*NAMES, "fractions & poetry"))


@example("oxfield.reports.ehe_case_summary")
def _case_summary() -> Example:
    from oxfield.reports.ehe_case_summary import CaseSummary, build_case_summary

    case = CaseDetails(
        reference="EHE-2026-0042",
        child=CHILD,
        parents=PARENTS,
        date_notified=date(2026, 9, 10),
        school_left="St Mary's C of E (Aided) Primary School",
        events=(CaseEvent(date(2026, 9, 10), "Notice received from school"),),
    )
    pdf = build_case_summary(CaseSummary(case, (_visit(),), OFFICER, date(2026, 11, 6)))
    return Example("EHE case summary", pdf, (*NAMES, "EHE-2026-0042", "St Mary's C of E"))


@example("oxfield.reports.s437_notice")
def _s437_notice() -> Example:
    from oxfield.reports.s437_notice import S437Notice, build_s437_notice

    notice = S437Notice(
        reference="EHE-2026-0042",
        served_on=date(2026, 11, 9),
        respond_by=date(2026, 11, 30),
        child=CHILD,
        parents=PARENTS,
        officer=OFFICER,
        reasons="No information about the education has been received.",
    )
    return Example("s437(1) notice", build_s437_notice(notice), (*NAMES, "437"))


def document_modules() -> list[str]:
    """Names of the modules under oxfield.reports that build a PDF, in order."""
    found = []
    for info in pkgutil.walk_packages(oxfield.reports.__path__, "oxfield.reports."):
        module = importlib.import_module(info.name)
        if _is_document(module):
            found.append(info.name)
    return sorted(found)


def _is_document(module: ModuleType) -> bool:
    return hasattr(module, "build_pdf") and not module.__name__.endswith(".layout")


def maker_for(module_name: str) -> Callable[[], Example] | None:
    """The example function for a document module: its own ``selftest_example`` first."""
    importlib.import_module("oxfield.selftest.licensing_examples")  # registers its examples
    own = getattr(importlib.import_module(module_name), "selftest_example", None)
    if callable(own):
        return own  # type: ignore[no-any-return]
    return _EXAMPLES.get(module_name)
