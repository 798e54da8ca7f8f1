"""How long the chaperones and permits lists take to sort, by the query, as they grow.

Run from the checkout: ``PYTHONPATH=. .venv/bin/python bench/bench_id_lists.py [--count N]``.
Makes a throwaway vault (at the key-derivation floor: this measures the lists, not the unlock)
with N chaperones (a third with two references, a sixth with training) and N permits, then
prints, for each sortable column, the median wall and CPU time of finding every id in that
order, and of reading the first page of rows. Chaperones' names sort by a Python fold (case
and accents) called from SQLite for every row, and every chaperone sort breaks ties by name,
so those cost more than the permits'. Goal: any sort under 200 ms CPU at 5,000 chaperones,
several times the county's.
Synthetic people only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from oxfield.clock import FixedClock
from oxfield.services import chaperones as ch
from oxfield.services.chaperones_list import fetch_chaperone_rows, find_chaperone_ids
from oxfield.services.chaperones_order import chaperone_sorts
from oxfield.services.employment_forms import record_from_form
from oxfield.services.employment_list import PERMIT_SORTS, find_permit_ids
from oxfield.services.records import Actor, writing
from oxfield.vault.keyfile import MIN_ITERATIONS, MIN_MEMORY_KIB, KdfParams
from oxfield.vault.vault import Vault

TODAY = date(2026, 8, 25)
ACTOR = Actor("bench", clock=FixedClock(datetime(2026, 8, 25, 9, 0, tzinfo=UTC)))


def timed(call: Callable[[], object], runs: int = 5) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def seed(vault: Vault, count: int) -> None:
    with writing(vault, ACTOR) as s:
        for n in range(count):
            person = ch.new_applicant(
                s,
                family_name=f"Family{n:05d}",
                given_names="Sam",
                date_of_birth=date(1980, 1, 1),
                applied_on=TODAY - timedelta(days=n % 700),
            )
            if n % 3 == 0:
                ch.record_identity(person, "Passport; bill; statement", TODAY)
                for referee in ("Referee One", "Referee Two"):
                    ch.add_reference(
                        s,
                        person,
                        referee_name=referee,
                        relationship="Former line manager",
                        received_on=TODAY,
                        satisfactory=True,
                    )
            if n % 6 == 0:
                ch.record_training(person, TODAY)
            record_from_form(
                s,
                {
                    "child_given_names": "Kim",
                    "child_family_name": f"Child{n:05d}",
                    "child_date_of_birth": "01/03/2012",
                    "employer": f"Employer {n % 97}",
                    "job": "newspaper delivery",
                    "received_on": "20/08/2026",
                    "starts_on": "07/09/2026",
                    "attendance_percent": "95",
                    "term_sat": "09:00-10:00",
                },
                TODAY,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    count = parser.parse_args().count
    folder = Path(tempfile.mkdtemp(prefix="oxfield-bench-"))
    floor = KdfParams(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, os.urandom(16))
    vault = Vault.create(folder / "vault.oxv", "bench passphrase only", kdf=floor).vault
    seed(vault, count)
    print(f"{count} chaperones and {count} permits; median of 5 runs, wall / CPU ms")
    for sort in chaperone_sorts(TODAY):
        wall, cpu = timed(lambda s=sort: find_chaperone_ids(vault, "", s, True, TODAY))
        print(f"chaperones by {sort:<16} {wall:7.1f} / {cpu:7.1f}")
    ids = find_chaperone_ids(vault, "", "stage", False, TODAY)
    wall, cpu = timed(lambda: fetch_chaperone_rows(vault, ids[:100], TODAY))
    print(f"chaperones, first page of rows {wall:7.1f} / {cpu:7.1f}")
    for sort in PERMIT_SORTS:
        wall, cpu = timed(lambda s=sort: find_permit_ids(vault, s, False))
        print(f"permits by {sort:<19} {wall:7.1f} / {cpu:7.1f}")
    vault.lock()


if __name__ == "__main__":
    main()
