"""The s437(1) notice: its deadline, its wording, and refusal of an unlawful deadline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oxfield.errors import ValidationError
from oxfield.reports.ehe_inputs import Child, Officer, Parent
from oxfield.reports.layout import MARKING
from oxfield.reports.s437_notice import S437Notice, build_s437_notice, earliest_deadline
from tests.oxfield.reports.helpers import (
    ANGLES,
    ARABIC,
    CHINESE,
    CYRILLIC,
    POLISH,
    body_text,
    long_note,
    norm,
    pages_text,
)

SERVED = date(2026, 12, 14)


def _notice(
    child: Child, parents: tuple[Parent, ...], officer: Officer, **kw: object
) -> S437Notice:
    fields: dict[str, object] = {
        "reference": "EHE-2026-0042-S437",
        "served_on": SERVED,
        "respond_by": date(2027, 1, 8),
        "child": child,
        "parents": parents,
        "officer": officer,
        "reasons": f"No evidence of maths since September. Parent wrote: {ANGLES}",
        **kw,
    }
    return S437Notice(**fields)  # type: ignore[arg-type]


def test_the_notice_states_the_deadline_and_the_law(
    child: Child, parents: tuple[Parent, ...], officer: Officer
) -> None:
    pdf = build_s437_notice(_notice(child, parents, officer))
    body = body_text(pdf)
    assert "Notice under section 437(1) of the Education Act 1996" in body
    assert "by 8 January 2027, that" in body
    assert "served on 14 December 2026 by first class post" in body
    assert f"Parent wrote: {ANGLES}" in body
    for name in (POLISH, ARABIC, CYRILLIC, CHINESE):
        assert norm(name) in body
    for number, page in enumerate(pages_text(pdf), start=1):
        assert page.count(MARKING) == 2 and f"Page {number} of" in page


def test_fifteen_days_counting_the_day_of_service_is_the_minimum() -> None:
    assert earliest_deadline(SERVED) == date(2026, 12, 28)
    assert (earliest_deadline(SERVED) - SERVED).days + 1 == 15


def test_a_deadline_one_day_short_is_refused_naming_the_field(
    child: Child, parents: tuple[Parent, ...], officer: Officer
) -> None:
    short = earliest_deadline(SERVED) - timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        build_s437_notice(_notice(child, parents, officer, respond_by=short))
    assert raised.value.field == "respond_by"
    build_s437_notice(_notice(child, parents, officer, respond_by=earliest_deadline(SERVED)))


def test_a_notice_needs_reasons(
    child: Child, parents: tuple[Parent, ...], officer: Officer
) -> None:
    with pytest.raises(ValidationError) as raised:
        build_s437_notice(_notice(child, parents, officer, reasons="  \n"))
    assert raised.value.field == "reasons"


def test_long_reasons_flow_onto_more_pages(
    child: Child, parents: tuple[Parent, ...], officer: Officer
) -> None:
    reasons = long_note(4000)
    pdf = build_s437_notice(_notice(child, parents, officer, reasons=reasons))
    assert len(pages_text(pdf)) >= 3
    assert norm(reasons) in body_text(pdf)
