"""A server restored from an older backup: the laptops notice and heal themselves.

The story from running docs/server-deployment.md for real: laptop A sent cases after the
backup, the server was restored, A made one more case, and B's cursor was past the restored
server's re-used change numbers. Before, A's lost cases never went up again and B never got
A's new case. Here a real server process (SQLite, and PostgreSQL) is snapshotted and
restored the way an administrator would (a file copy; ``CREATE DATABASE ... TEMPLATE``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from oxfield.domain.people import Child
from oxfield.vault.paths import VaultFiles
from oxfield.vault.tables import AuditEntry
from sync.server import schema
from tests.conftest import PASSPHRASE
from tests.sync.client.conftest import Laptop
from tests.sync.conftest import BACKENDS, make_database
from tests.sync.restorable import Restorable
from ui.cli import main


@pytest.fixture(params=BACKENDS)
def restorable(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Restorable]:
    folder = tmp_path / "server"
    folder.mkdir()
    url, handle = make_database(request.param, str(folder))
    srv = Restorable(url, handle, folder)
    try:
        yield srv
    finally:
        srv.close()


def _laptop(name: str, srv: Restorable, officer: Any, template: Path, tmp: Path) -> Laptop:
    source, target = VaultFiles.at(template), VaultFiles.at(tmp / name / "vault.oxv")
    target.database.parent.mkdir(parents=True)
    shutil.copy2(source.database, target.database)
    shutil.copy2(source.keys, target.keys)
    return Laptop(name, target.database, srv.server, officer).enrol()


def _story_until_the_restore(
    srv: Restorable, template: Path, tmp: Path
) -> tuple[Laptop, Laptop, list[str], list[str]]:
    """A and B sync; backup; A sends five cases and an edit, B takes them in; restore."""
    officer = srv.server.officer("ehe")
    a = _laptop("a", srv, officer, template, tmp)
    b = _laptop("b", srv, officer, template, tmp)
    early = [a.new_child(given=f"Early{i}") for i in range(3)]
    assert a.sync_ok().pushed == 3
    assert b.sync_ok().pulled == 3
    srv.backup()
    late = [a.new_child(given=f"Late{i}") for i in range(5)]
    with a.edit() as s:
        s.get(Child, early[0]).preferred_name = "Edited after the backup"
    assert a.sync_ok().pushed == 6
    assert b.sync_ok().pulled == 6
    srv.restore()
    return a, b, early, late


def _server_holds(srv: Restorable) -> dict[str, Any]:
    with srv.server.engine.connect() as conn:
        r = schema.records
        return dict(conn.execute(sa.select(r.c.id, r.c.fields)).all())


def _children(laptop: Laptop) -> dict[str, str]:
    with laptop.open().read() as s:
        return {c.id: c.legal_given_names for c in s.query(Child)}


def test_laptops_heal_after_the_server_is_restored_from_an_older_backup(
    restorable: Restorable,
    vault_template: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, b, early, late = _story_until_the_restore(restorable, vault_template[0], tmp_path)
    try:
        last = a.new_child(given="AfterRestore")
        report = a.sync_ok()
        # the restored server lacked five cases and the edit: they went up again
        assert report.server_restored == (
            "The server was restored from a backup; 6 changes sent again."
        )
        assert report.pushed == 1 + 6

        # B's read position was past the restored server's re-used numbers: the command
        # line's sync notices, says so in plain words, and fetches everything again
        b.close()
        monkeypatch.setenv("OXFIELD_PASSPHRASE", PASSPHRASE)
        assert main(["--vault", str(b.path), "sync"]) == 0
        said = capsys.readouterr().out
        assert "The server was restored from a backup; 0 changes sent again." in said
        everyone = {*early, *late, last}
        assert set(_children(a)) == everyone
        assert set(_children(b)) == everyone
        with b.open().read() as s:
            assert s.get(Child, early[0]).preferred_name == "Edited after the backup"
        held = _server_holds(restorable)
        assert set(held) == everyone
        assert held[early[0]]["preferred_name"] == "Edited after the backup"

        # healed: the next syncs are quiet again, and the restore is in A's audit trail
        assert a.sync_ok().server_restored == ""
        quiet = b.sync_ok()
        assert (quiet.pushed, quiet.pulled, quiet.server_restored) == (0, 0, "")
        with a.open().read() as s:
            entries = s.scalars(
                sa.select(AuditEntry).where(AuditEntry.action == "sync.server_restored")
            ).all()
            assert [json.loads(e.detail)["resent"] for e in entries] == [6]
    finally:
        a.close()
        b.close()


def test_a_laptop_sends_again_another_laptops_changes_the_server_lost(
    restorable: Restorable, vault_template: tuple[Path, str], tmp_path: Path
) -> None:
    """B syncs first after the restore: it keeps A's lost cases and edit (the re-read never
    steps back to an older copy) and sends them again, so nothing waits on A's laptop."""
    a, b, early, late = _story_until_the_restore(restorable, vault_template[0], tmp_path)
    try:
        report = b.sync_ok()
        assert report.server_restored == (
            "The server was restored from a backup; 6 changes sent again."
        )
        held = _server_holds(restorable)
        assert set(held) == {*early, *late}
        assert held[early[0]]["preferred_name"] == "Edited after the backup"
        with b.open().read() as s:
            assert s.get(Child, early[0]).preferred_name == "Edited after the backup"

        last = a.new_child(given="AfterRestore")
        report = a.sync_ok()
        assert report.server_restored == (
            "The server was restored from a backup; 0 changes sent again."
        )
        assert (report.pushed, report.conflicts) == (1, 0)
        b.sync_ok()
        everyone = {*early, *late, last}
        assert set(_children(a)) == set(_children(b)) == set(_server_holds(restorable)) == everyone
    finally:
        a.close()
        b.close()
