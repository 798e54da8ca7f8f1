"""Tests 6 and 9: a process killed with SIGKILL while writing (or while re-keying) loses nothing
it committed and the vault opens afterwards; two threads opening a brand-new vault at once both
succeed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from oxfield.vault import migrate, rekey
from oxfield.vault.engine import make_engine
from oxfield.vault.keyfile import KeyFile, new_dek, read_keyfile, write_keyfile
from oxfield.vault.paths import VaultFiles
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.oxfield.vault.helpers import floor_kdf

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

WRITER = """
import sys
from pathlib import Path
from sqlalchemy import text
from oxfield.vault.vault import Vault
v = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
i = 0
while True:
    with v.write() as s:
        s.execute(text("INSERT INTO draft VALUES (:i, 'visit', NULL, :p, '2026-01-01')"),
                  {"i": f"d{i:06d}", "p": "x" * 3000})
        v.audit_in(s, "draft.save", subject_id=f"d{i:06d}")
    print(i, flush=True)  # only after the commit returned
    i += 1
"""


def test_sigkill_while_writing_loses_nothing_committed(vault_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(vault_path), PASSPHRASE],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    committed = -1
    for line in proc.stdout:
        committed = int(line)
        if committed >= 150:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert committed >= 150
    v = Vault.unlock(vault_path, PASSPHRASE)
    with v.read() as s:
        ids = set(s.execute(text("SELECT id FROM draft")).scalars())
    assert {f"d{i:06d}" for i in range(committed + 1)} <= ids
    report = v.check()
    assert report.ok, report.lines()
    v.lock()


REKEYER = """
import sys
from pathlib import Path
from oxfield.vault.vault import Vault
v = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
print("open", flush=True)
v.rekey(sys.argv[2])
print("done", flush=True)
"""


@pytest.mark.parametrize("delay", [0.25, 0.5])
def test_sigkill_during_rekey_leaves_an_openable_vault(vault_path: Path, delay: float) -> None:
    v = Vault.unlock(vault_path, PASSPHRASE)
    with v.write() as s:
        for i in range(400):
            s.execute(
                text("INSERT INTO draft VALUES (:i, 'visit', NULL, :p, '2026-01-01')"),
                {"i": f"d{i}", "p": "y" * 4000},
            )
    v.lock()
    proc = subprocess.Popen(
        [sys.executable, "-c", REKEYER, str(vault_path), PASSPHRASE],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "open"
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    v = Vault.unlock(vault_path, PASSPHRASE)
    with v.read() as s:
        assert s.execute(text("SELECT count(*) FROM draft")).scalar_one() == 400
    assert v.check().ok
    v.lock()
    assert not read_keyfile(VaultFiles.at(vault_path).keys).rekey_pending


def _begun_rekey(vault_path: Path, *, reencrypted: bool) -> None:
    """Leave a re-key stopped after step 1 (key file) or step 2 (database re-encrypted)."""
    files = VaultFiles.at(vault_path)
    keyfile = read_keyfile(files.keys)
    kek = keyfile.passphrase_kek(PASSPHRASE)
    old = keyfile.unwrap_with_kek(kek)
    pending = rekey.begin(files, keyfile, kek, old)
    if reencrypted:
        rekey.reencrypt(files, old, pending.new_dek)


def test_rekey_stopped_after_the_key_file_is_abandoned_at_unlock(
    vault_path: Path, recovery_key: str
) -> None:
    _begun_rekey(vault_path, reencrypted=False)
    v = Vault.unlock(vault_path, PASSPHRASE)
    assert v.check().ok and not v.check().warnings
    v.lock()
    assert not read_keyfile(VaultFiles.at(vault_path).keys).rekey_pending
    Vault.recover(vault_path, recovery_key, PASSPHRASE).lock()  # the old key still works


def test_rekey_stopped_after_reencryption_is_finished_at_recovery(
    vault_path: Path, recovery_key: str
) -> None:
    _begun_rekey(vault_path, reencrypted=True)
    # the old recovery key opens the old data key, whose link leads to the new one
    v = Vault.recover(vault_path, recovery_key, PASSPHRASE)
    report = v.check()
    assert report.ok
    assert any("vault rekey" in w for w in report.warnings)
    with v.read() as s:
        actions = list(s.execute(text("SELECT action FROM audit_log ORDER BY seq")).scalars())
    assert actions[-2:] == ["vault.rekey", "vault.recover"]
    new_recovery = v.rekey(PASSPHRASE)
    assert not v.check().warnings
    v.lock()
    assert not read_keyfile(VaultFiles.at(vault_path).keys).rekey_pending
    Vault.recover(vault_path, new_recovery, PASSPHRASE).lock()


def test_two_threads_open_a_brand_new_vault_at_once(tmp_path: Path) -> None:
    path = tmp_path / "brand new.oxv"
    Vault.create(path, PASSPHRASE, kdf=floor_kdf()).vault.lock()
    barrier = threading.Barrier(2)
    results: list[object] = []

    def open_it() -> None:
        barrier.wait()
        try:
            v = Vault.unlock(path, PASSPHRASE)
            with v.read() as s:
                results.append(s.execute(text("SELECT count(*) FROM audit_log")).scalar_one())
            v.lock()
        except Exception as exc:  # collected and asserted below
            results.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(isinstance(r, int) for r in results), results
    assert len(results) == 2
    v = Vault.unlock(path, PASSPHRASE)
    assert v.generation == 4  # create, two opens, this one
    assert v.verify_audit().ok
    v.lock()


def test_two_threads_migrate_an_empty_database_exactly_once(tmp_path: Path) -> None:
    files = VaultFiles.at(tmp_path / "empty.oxv")
    dek = new_dek()
    write_keyfile(files.keys, KeyFile("v1", floor_kdf()).with_passphrase(PASSPHRASE, dek))
    engines = [make_engine(files.database, dek) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            migrate.upgrade(engines[i], files)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert migrate.current_revision(engines[0]) == migrate.head_revision()
    for e in engines:
        e.dispose()


def test_two_threads_creating_the_same_vault_one_wins_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "contested.oxv"
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def create(passphrase: str) -> None:
        barrier.wait()
        try:
            made = Vault.create(path, passphrase, kdf=floor_kdf())
            made.vault.lock()
            outcomes[passphrase] = "created"
        except Exception as exc:  # collected and asserted below
            outcomes[passphrase] = exc

    threads = [
        threading.Thread(target=create, args=(p,)) for p in ("first passphrase", "second one")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [p for p, o in outcomes.items() if o == "created"]
    assert len(winners) == 1, outcomes
    loser = next(o for o in outcomes.values() if o != "created")
    assert type(loser).__name__ == "VaultExistsError"
    v = Vault.unlock(path, winners[0])
    assert v.check().ok
    v.lock()
