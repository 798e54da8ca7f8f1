"""The demo's chaperone applicants on an enrolled (EHE) laptop are assigned to its officer, so
the real server takes them and the officer's other laptop receives them; none is rejected."""

from __future__ import annotations

from typing import Any

from oxfield.services import ehe_demo
from oxfield.services.chaperones_list import find_chaperone_ids
from oxfield.services.records import Actor
from sync.client import identity
from tests.sync.helpers import Server


def test_demo_chaperones_on_an_enrolled_laptop_sync(laptops: Any, sync_server: Server) -> None:
    officer = sync_server.officer()
    a = laptops("a", officer)
    b = laptops("b", officer)
    ident = identity.load(a.open())
    scope = {"team": ident.team, "district": ident.district, "assigned_officer": ident.officer_id}
    made = ehe_demo.make_demo(a.open(), Actor(officer.id, a.device_id), 5, seed=7, scope=scope)
    assert made.chaperones == 12
    pushed = a.sync_ok()
    assert pushed.rejected == 0
    b.sync_ok()
    assert len(find_chaperone_ids(b.open())) == 12
