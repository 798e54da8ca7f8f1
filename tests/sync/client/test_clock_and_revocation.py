"""The laptop's clock an hour fast; a clock that jumps back an hour on the day the clocks
change; a revoked laptop wiped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from oxfield.clock import Clock
from oxfield.domain.people import Child
from oxfield.errors import VaultNotFoundError
from oxfield.services import sync_status
from oxfield.vault.paths import VaultFiles
from oxfield.vault.vault import Vault
from sync.server import admin
from tests.conftest import PASSPHRASE
from tests.sync.helpers import Server


class Shifted(Clock):
    """The real clock, off by ``offset`` (changed by the test)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


def _server_count(server: Server, record_id: str) -> int:
    with server.engine.connect() as conn:
        return int(
            conn.execute(
                sa.text("SELECT count(*) FROM records WHERE id = :i"), {"i": record_id}
            ).scalar_one()
        )


def test_an_hour_fast_is_reported_plainly_and_nothing_is_lost(sync_server: Server, laptops) -> None:
    clock = Shifted()
    a = laptops("a", sync_server.officer("ehe"), clock)
    clock.offset = timedelta(hours=1)
    child_id = a.new_child(given="Ash")
    report = a.sync()
    assert not report.finished
    assert "clock is 1 h 0 min ahead of the server's" in report.message
    assert _server_count(sync_server, child_id) == 0
    clock.offset = timedelta(0)
    assert a.sync_ok().pushed == 1
    assert _server_count(sync_server, child_id) == 1


def test_clock_jumping_back_an_hour_keeps_local_edits_in_order(
    sync_server: Server, laptops
) -> None:
    """Sunday 25 October 2026, 01:00 UTC: the clocks go back. A laptop that moved its clock
    back by hand (after running an hour fast) must not let its later edit lose to its own
    earlier one, nor to another officer's edit made in between."""
    clock = Shifted()
    officer = sync_server.officer("ehe")
    a = laptops("a", officer, clock)
    b = laptops("b", officer)
    child_id = a.new_child(given="Jo")
    a.sync_ok()
    b.sync_ok()

    clock.offset = timedelta(hours=1)  # still on the old time
    with a.edit() as s:
        s.get(Child, child_id).preferred_name = "first"
    with b.edit() as s:  # another officer, clock right, in between
        s.get(Child, child_id).preferred_name = "other officer"
    clock.offset = timedelta(0)  # the clock goes back an hour
    with a.edit() as s:
        s.get(Child, child_id).preferred_name = "final"

    b.sync_ok()
    a.sync_ok()
    b.sync_ok()
    for laptop in (a, b):
        with laptop.open().read() as s:
            assert s.get(Child, child_id).preferred_name == "final"
        shown = {v for c in sync_status.conflicts(laptop.open()) for v in (c.mine, c.theirs)}
        assert "other officer" in shown  # the value that lost is shown, not dropped


def test_revoked_laptop_is_wiped_and_told_why(sync_server: Server, laptops) -> None:
    a = laptops("a", sync_server.officer("ehe"))
    a.new_child()
    assert admin.revoke_device(sync_server.engine, a.device_id, Clock().now())
    report = a.sync()
    assert not report.finished
    assert "revoked" in report.message and "wiped" in report.message
    files = VaultFiles.at(a.path)
    assert not files.keys.exists() and not files.database.exists()
    assert not list(files.database.parent.glob("vault.oxv*"))
    try:
        Vault.unlock(a.path, PASSPHRASE)
    except VaultNotFoundError:
        pass
    else:
        raise AssertionError("a wiped vault still opened")
