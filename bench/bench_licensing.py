"""How the inspection screen's work scales with the children at a venue.

Run from the checkout: ``PYTHONPATH=. .venv/bin/python bench/bench_licensing.py``.
Makes a throwaway vault (at the key-derivation floor: this measures the inspection, not the
unlock), 30 licensed
children with a full day of tapped events each, then prints: one tap (a write transaction),
the live totals of every child (what the screen recomputes each minute), signing, and the
inspection report PDF. Wall and CPU time, median of repeated runs; the machine is shared, so
CPU time is the steadier figure. Goals: a tap and a refresh of all totals under 100 ms;
the report of a 30-child inspection under a second.
Synthetic people only.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from oxfield.clock import LONDON, FixedClock
from oxfield.domain.licensing import Inspection
from oxfield.services import licensing_inspection as li
from oxfield.services.licensing_documents import inspection_report_pdf
from oxfield.services.licensing_entry import licence_preview
from oxfield.services.licensing_inspection_people import granted_licences
from oxfield.services.licensing_inspection_totals import live_totals, sign_inspection
from oxfield.services.records import Actor, writing
from oxfield.vault.keyfile import MIN_ITERATIONS, MIN_MEMORY_KIB, KdfParams
from oxfield.vault.vault import Vault
from tests.oxfield.services.licensing_helpers import licensed_child

CHILDREN = 30
GOAL_MS = 100.0
DAY = date(2026, 7, 15)
#: A licence form as typed: 35 dates over ten weeks (the consecutive and 8-week rules run).
ENTRY = {
    "given_names": "Bench",
    "family_name": "Child",
    "date_of_birth": "01/01/2014",
    "production": "Bench",
    "applicant_name": "Bench Productions",
    "received_on": "15/06/2026",
    "venues": "Bench Hall",
    "dates": ", ".join(f"{DAY + timedelta(days=d):%d/%m/%Y}" for d in range(0, 70, 2)),
    "paid": "yes",
    "children_in_chaperone_group": "8",
}


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 7, 15, hour, minute, tzinfo=LONDON).astimezone(UTC)


def _ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="oxfield-bench-"))
    floor = KdfParams(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, os.urandom(16))
    vault = Vault.create(folder / "vault.oxv", "bench passphrase only", kdf=floor).vault
    clock = FixedClock(at(9, 0))
    actor = Actor("officer-1", clock=clock)
    with writing(vault, actor) as s:
        ids = [
            licensed_child(s, f"Child{n}", "Bench", date(2010 + n % 12, 1, 1)).id
            for n in range(CHILDREN)
        ]
        inspection_id = li.start_inspection(
            s,
            venue="Bench Hall",
            production="Bench",
            inspected_on=DAY,
            licence_ids=ids,
            clock=clock,
        ).id
    kinds = [li.EventType.ARRIVE]
    kinds += [li.EventType.REHEARSE_START, li.EventType.REHEARSE_END]
    kinds += [li.EventType.PERFORM_START, li.EventType.PERFORM_END] * 2
    kinds += [li.EventType.MEAL_START, li.EventType.MEAL_END]
    with writing(vault, actor) as s:
        inspection = s.get_one(Inspection, inspection_id)
        for step, kind in enumerate(kinds):
            clock.instant = at(9, 0) + timedelta(minutes=20 * step)
            for licence_id in ids:
                li.tap(inspection, licence_id, kind, clock)

    def one_tap() -> None:
        clock.advance(timedelta(seconds=1))
        with writing(vault, actor) as s:
            li.add_action(s.get_one(Inspection, inspection_id), "bench action")

    def refresh() -> None:
        with vault.read() as s:
            inspection = s.get_one(Inspection, inspection_id)
            for licence_id in ids:
                live_totals(s, inspection, licence_id, clock.now())

    rows = [("one tap (write transaction)", _ms(one_tap, 20))]
    rows.append((f"live totals, all {CHILDREN} children", _ms(refresh, 10)))

    def report() -> None:
        with vault.read() as s:
            inspection_report_pdf(s, inspection_id, clock)

    rows.append(("inspection report PDF (unsigned)", _ms(report, 3)))

    def picker() -> None:
        with vault.read() as s:
            granted_licences(s, DAY)

    def entry_findings() -> None:
        with vault.read() as s:
            licence_preview(s, ENTRY, DAY - timedelta(days=30))

    rows.append((f"picker: {CHILDREN} licences with checks", _ms(picker, 10)))
    rows.append(("licence form: findings as typed", _ms(entry_findings, 10)))
    goals = [GOAL_MS, GOAL_MS, 1000.0, GOAL_MS, GOAL_MS, 1000.0]
    with writing(vault, actor) as s:
        wall, cpu = time.perf_counter(), time.process_time()
        sign_inspection(s, s.get_one(Inspection, inspection_id), actor, "bench")
        took = ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
        rows.append(("sign (final breaches of every child)", took))
    vault.lock()
    print(f"{CHILDREN} children, {len(kinds)} events each")
    print(f"{'measure':<40}{'wall ms':>10}{'CPU ms':>10}{'CPU / goal':>12}")
    for (label, (wall_ms, cpu_ms)), goal in zip(rows, goals, strict=True):
        print(f"{label:<40}{wall_ms:>10.1f}{cpu_ms:>10.1f}{cpu_ms / goal:>12.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
