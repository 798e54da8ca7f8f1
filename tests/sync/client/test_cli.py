"""The command line contract: enrol, sync (non-zero when unfinished), conflicts list and
resolve, each through ``ui.cli.main`` on real vaults and the real server."""

from __future__ import annotations

import json

import pytest

from oxfield.clock import Clock
from oxfield.domain.people import Child
from sync.server import admin
from tests.conftest import PASSPHRASE
from tests.sync.helpers import Server
from ui.cli import main


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OXFIELD_PASSPHRASE", PASSPHRASE)


def test_enrol_sync_and_settle_a_conflict(sync_server: Server, laptops, vault_path, capsys) -> None:
    officer = sync_server.officer("ehe")
    code = admin.enrol_code(sync_server.engine, officer.id, 1, Clock().now())
    assert main(["--vault", str(vault_path), "device", "enrol", "--server", sync_server.url,
                 "--code", code]) == 0  # fmt: skip
    assert "enrolled: device" in capsys.readouterr().out
    assert main(["--vault", str(vault_path), "device", "enrol", "--server", sync_server.url,
                 "--code", code]) == 1  # fmt: skip
    assert "already enrolled" in capsys.readouterr().err

    other = laptops("other", officer)
    child_id = other.new_child(given="Lee")
    other.sync_ok()
    assert main(["--vault", str(vault_path), "sync"]) == 0
    assert "pushed 0, pulled 1, merged 0, conflicts 0, rejected 0" in capsys.readouterr().out

    from oxfield.vault.vault import Vault

    mine = Vault.unlock(vault_path, PASSPHRASE)
    from oxfield.services.records import Actor, writing

    with writing(mine, Actor(officer=officer.id)) as s:
        s.get(Child, child_id).preferred_name = "mine"
    mine.lock()
    with other.edit() as s:
        s.get(Child, child_id).preferred_name = "theirs"
    other.sync_ok()
    assert main(["--vault", str(vault_path), "sync"]) == 0
    assert "conflicts 1" in capsys.readouterr().out

    assert main(["--vault", str(vault_path), "conflicts", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 1 and listed[0]["field"] == "preferred_name"
    assert {listed[0]["mine"], listed[0]["theirs"]} == {"mine", "theirs"}
    conflict_id = listed[0]["id"]

    assert main(["--vault", str(vault_path), "conflicts", "resolve", conflict_id,
                 "--take", "theirs"]) == 0  # fmt: skip
    assert main(["--vault", str(vault_path), "sync"]) == 0
    capsys.readouterr()
    other.sync_ok()
    with other.open().read() as s:
        assert s.get(Child, child_id).preferred_name == "theirs"
    assert main(["--vault", str(vault_path), "conflicts", "list"]) == 0
    assert conflict_id not in capsys.readouterr().out

    assert main(["--vault", str(vault_path), "conflicts", "resolve", conflict_id,
                 "--take", "mine"]) == 1  # fmt: skip
    assert "no open conflict" in capsys.readouterr().err


def test_sync_exits_non_zero_when_it_did_not_finish(sync_server: Server, laptops, capsys) -> None:
    a = laptops("a", sync_server.officer("ehe"))
    a.new_child()
    a.close()
    admin.revoke_device(sync_server.engine, a.device_id, Clock().now())
    assert main(["--vault", str(a.path), "sync"]) == 1
    out = capsys.readouterr().out
    assert "sync did not finish" in out and "revoked" in out


def test_not_enrolled_is_one_clear_line(vault_path, capsys) -> None:
    assert main(["--vault", str(vault_path), "sync"]) == 1
    err = capsys.readouterr().err
    assert "not enrolled" in err and "Traceback" not in err
