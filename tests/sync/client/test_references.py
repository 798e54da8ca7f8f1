"""Two laptops offline both open case EHE-2026-00001, then sync both ways: one case keeps the
number, the later one is renumbered on its own laptop (audited, the officer told), and both
laptops end with both cases and nothing parked."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from oxfield.domain.ehe import EheCase, EheSource
from oxfield.domain.kinds import Team
from oxfield.replica import store
from oxfield.services import records
from oxfield.vault.tables import AuditEntry
from tests.sync.helpers import Server


def _open_case(laptop: Any, given: str) -> tuple[str, str]:
    with laptop.edit() as s:
        child = records.create_child(
            s, team=Team.EHE, legal_family_name="Testfamily", legal_given_names=given,
            date_of_birth=date(2014, 3, 1), district=laptop.officer.district,
        )  # fmt: skip
        case = records.open_ehe_case(
            s, child, notified_on=date(2026, 11, 2), source=EheSource.PARENT,
            assigned_officer=laptop.officer.id,
        )  # fmt: skip
        s.flush()
        return case.id, case.reference


def _references(laptop: Any) -> dict[str, str]:
    with laptop.open().read() as s:
        assert store.parked(s) == []
        return {c.id: c.reference for c in s.scalars(select(EheCase))}


def test_two_offline_laptops_end_with_distinct_references(
    laptops: Any, sync_server: Server
) -> None:
    officer = sync_server.officer("ehe")
    a, b = laptops("a", officer), laptops("b", officer)
    first, ref_a = _open_case(a, "Ash")  # made first: keeps its number
    later, ref_b = _open_case(b, "Bea")
    assert ref_a == ref_b == "EHE-2026-00001"

    assert a.sync_ok().renumbered == []
    report = b.sync_ok()
    assert report.renumbered == [
        "EHE-2026-00001 is now EHE-2026-00002 (another laptop had already used EHE-2026-00001)"
    ]
    assert report.pushed == 3  # its child and case, then the new number at once
    a.sync_ok()
    b.sync_ok()
    expected = {first: "EHE-2026-00001", later: "EHE-2026-00002"}
    assert _references(a) == expected
    assert _references(b) == expected
    with b.open().read() as s:
        audit = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "sync.reference_renumbered")
        ).all()
    assert [e.subject_id for e in audit] == [later]
    with a.open().read() as s:  # the laptop that kept its number renumbered nothing
        assert not s.scalars(
            select(AuditEntry).where(AuditEntry.action == "sync.reference_renumbered")
        ).all()
    # The next case on either laptop runs on past both.
    assert _open_case(a, "Cy")[1] == "EHE-2026-00003"


def test_the_later_case_gives_way_whichever_laptop_pulls_first(
    laptops: Any, sync_server: Server
) -> None:
    officer = sync_server.officer("ehe")
    a, b = laptops("a", officer), laptops("b", officer)
    first, _ = _open_case(a, "Dee")
    later, _ = _open_case(b, "Eli")
    assert b.sync_ok().renumbered == []  # b goes first: nothing here yet to clash with
    report = a.sync_ok()  # a meets b's case; a's is older, so a keeps its number
    assert report.renumbered == []
    with a.open().read() as s:
        assert store.parked(s) == [later]  # waits for b to give way
    assert b.sync_ok().renumbered == [
        "EHE-2026-00001 is now EHE-2026-00002 (another laptop had already used EHE-2026-00001)"
    ]
    a.sync_ok()
    expected = {first: "EHE-2026-00001", later: "EHE-2026-00002"}
    assert _references(a) == expected
    b.sync_ok()
    assert _references(b) == expected
