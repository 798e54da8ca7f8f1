"""A laptop that only ever pulled its cases names their schools: every vault carries the
shipped school list from the moment it is made or opened, so a case arriving by sync with a
school's URN shows the school, as on the laptop that typed it."""

from __future__ import annotations

from datetime import date
from typing import Any

from oxfield.services import ehe_demo
from oxfield.services.case_rows import fetch_case_rows
from oxfield.services.cases import CaseQuery, find_case_ids
from oxfield.services.records import Actor
from oxfield.services.schools import school_count
from oxfield.services.vaults import unlock_vault
from oxfield.vault.vault import Vault
from sync.client import identity
from tests.conftest import PASSPHRASE
from tests.sync.helpers import Server

TODAY = date(2026, 12, 4)


def _schools(vault: Vault) -> dict[str, str | None]:
    ids = find_case_ids(vault, CaseQuery(team="ehe"), TODAY)
    return {row.reference: row.school for row in fetch_case_rows(vault, ids, TODAY)}


def test_cases_pulled_by_a_second_laptop_name_their_schools(
    laptops: Any, sync_server: Server
) -> None:
    officer = sync_server.officer()
    a, b = laptops("a", officer), laptops("b", officer)
    ident = identity.load(a.open())
    scope = {"team": ident.team, "district": ident.district, "assigned_officer": ident.officer_id}
    ehe_demo.make_demo(a.open(), Actor(officer.id, a.device_id), 6, seed=11, scope=scope)
    a.sync_ok()
    b.close()
    b.vault = unlock_vault(b.path, PASSPHRASE)  # as the desktop and the command line open it
    assert school_count(b.vault) > 300
    b.sync_ok()
    on_a, on_b = _schools(a.open()), _schools(b.open())
    assert on_b == on_a
    assert sum(name is not None for name in on_b.values()) >= 3
