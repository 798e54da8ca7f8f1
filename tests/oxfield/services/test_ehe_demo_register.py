"""Demo data and the register import through the services: realistic, repeatable, atomic."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oxfield.clock import FixedClock
from oxfield.domain.ehe import EheCase, EheStatus, EheVisit
from oxfield.domain.people import Child
from oxfield.errors import CancelledError
from oxfield.services import ehe_demo, ehe_register, ehe_today
from oxfield.services.records import Actor
from oxfield.services.schools import ensure_default_schools
from oxfield.vault.vault import Vault

ACTOR = Actor("officer-1", "dev", FixedClock(datetime(2026, 12, 3, 9, tzinfo=UTC)))
DATA = Path(__file__).parents[2] / "ui" / "data"


class CancelAt:
    def __init__(self, at: int) -> None:
        self.at, self.seen = at, 0

    def report(self, done: int, total: int, text: str = "") -> None:
        self.seen = done

    def cancelled(self) -> bool:
        return self.seen >= self.at


def test_demo_cases_get_visits_that_fit_their_stage(vault: Vault) -> None:
    made = ehe_demo.make_demo_cases(vault, ACTOR, 80, seed=7)
    assert made == 80
    with vault.read() as s:
        rows = s.execute(
            select(EheCase.status, EheVisit.signed_at, EheVisit.planned_on).join(
                EheVisit, EheVisit.case_id == EheCase.id
            )
        ).all()
        names = s.scalars(select(Child.legal_family_name)).all()
    assert rows
    for status, signed_at, planned_on in rows:
        if status is EheStatus.OPEN:
            assert signed_at is None and planned_on >= date(2026, 12, 3)
        else:
            assert status in (EheStatus.MONITORING, EheStatus.INFORMAL_ENQUIRY)
            assert signed_at is not None and planned_on <= date(2026, 12, 3)
    assert any(r.signed_at for r in rows) and any(r.signed_at is None for r in rows)
    assert any("'" in n or "’" in n for n in names)
    assert any(any(ord(c) > 0x3FF for c in n) for n in names)  # Cyrillic, Arabic, Chinese
    # a second pass adds no visits to cases that have one
    assert ehe_demo.add_demo_visits(vault, ACTOR) == 0
    agenda = ehe_today.ehe_agenda(vault, date(2026, 12, 3), days=14)
    assert any(item.kind == "visit" for item in agenda)


def test_cancelled_import_leaves_nothing(vault: Vault) -> None:
    ensure_default_schools(vault)
    data = (DATA / "ehe_register.csv").read_bytes()
    with pytest.raises(CancelledError):
        ehe_register.import_register(vault, ACTOR, data, CancelAt(1))  # stops at the third row
    with vault.read() as s:
        assert s.scalar(select(func.count()).select_from(EheCase)) == 0
    result = ehe_register.import_register(vault, ACTOR, data)
    assert (result.added, result.unchanged) == (3, 0)


def test_register_header_must_have_the_required_columns(vault: Vault) -> None:
    with pytest.raises(ehe_register.RegisterRejectedError) as info:
        ehe_register.import_register(vault, ACTOR, b"child_family_name,postcode\r\nX,OX1 1AA\r\n")
    [problem] = info.value.problems
    assert (problem.line, problem.field) == (1, "child_given_names")
