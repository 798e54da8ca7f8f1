"""Demo cases on an enrolled laptop sync; a local record the protocol cannot carry is set
aside as rejected instead of stopping the push."""

from __future__ import annotations

from datetime import date
from typing import Any

from oxfield.domain.kinds import Team
from oxfield.services import records, sync_status
from oxfield.services.records import Actor
from sync.client import identity
from tests.sync.helpers import Server


def test_demo_cases_on_an_enrolled_laptop_reach_the_other(
    laptops: Any, sync_server: Server
) -> None:
    officer = sync_server.officer()
    a = laptops("a", officer)
    b = laptops("b", officer)
    ident = identity.load(a.open())
    scope = {"team": ident.team, "district": ident.district, "assigned_officer": ident.officer_id}
    made = records.make_demo_cases(
        a.open(), 5, 7, actor=Actor(officer.id, a.device_id), scope=scope
    )
    assert made == 5
    pushed = a.sync_ok()
    assert pushed.pushed > 5 and pushed.rejected == 0
    pulled = b.sync_ok()
    assert pulled.pulled == pushed.pushed


def test_an_invalid_local_record_is_rejected_and_the_rest_go_up(
    laptops: Any, sync_server: Server
) -> None:
    officer = sync_server.officer()
    a = laptops("a", officer)
    with a.edit() as s:
        for assigned in ("not-an-officer-id", None):
            records.create_child(
                s,
                team=Team(officer.team),
                legal_family_name="Testfamily",
                legal_given_names="Alex",
                date_of_birth=date(2015, 5, 1),
                district=officer.district,
                assigned_officer=assigned,
            )
    report = a.sync()
    assert report.finished, report.message
    assert report.rejected == 1 and report.pushed == 1
    assert any("assigned_officer" in reason for reason in report.rejections)
    assert sync_status.status(a.open()).rejected == 1
