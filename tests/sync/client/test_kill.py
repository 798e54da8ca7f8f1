"""The sync command killed with SIGKILL at random points, then run again: every change
reaches the server exactly once, the outbox empties, and another laptop receives everything."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date

import sqlalchemy as sa

from oxfield.domain.kinds import Team
from oxfield.domain.people import Child
from oxfield.replica.tables import OutboxRow
from oxfield.services import records
from tests.conftest import PASSPHRASE
from tests.sync.helpers import Server


def _cli(path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "OXFIELD_PASSPHRASE": PASSPHRASE}
    return subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "--vault", str(path), *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def test_killed_mid_sync_then_restarted(sync_server: Server, laptops) -> None:
    officer = sync_server.officer("ehe")
    a = laptops("a", officer)
    b = laptops("b", officer)
    with a.edit() as s:
        for i in range(300):
            records.create_child(
                s, team=Team.EHE, legal_family_name="Killtest", legal_given_names=f"N{i}",
                date_of_birth=date(2014, 1, 1), district=officer.district,
            )  # fmt: skip
    a.close()  # the command opens the vault itself

    rng = random.Random(8)
    kills = 0
    for _ in range(2):
        proc = _cli(a.path, "sync")
        time.sleep(rng.uniform(1.2, 2.2))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    final = _cli(a.path, "sync")
    _, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    assert kills >= 1

    with sync_server.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT v.record_id, count(*) FROM record_versions v JOIN records r "
                "ON r.id = v.record_id WHERE r.district = :d GROUP BY v.record_id"
            ),
            {"d": officer.district},
        ).all()
    assert len(rows) == 300 and {n for _, n in rows} == {1}
    with a.open().read() as s:
        assert s.query(OutboxRow).count() == 0
        assert {c.version for c in s.query(Child)} == {1}
    b.sync_ok()
    with b.open().read() as s:
        assert s.query(Child).count() == 300
