"""EHE documents through the services (vault read, records to report shapes, PDF, audit row).

Run from the checkout: ``.venv/bin/python bench/bench_ehe.py``. Makes a throwaway vault (at the
key-derivation floor, in a temporary folder), fills it with 250 synthetic demo cases (about half
of them EHE, with visits), then
prints: the median and 90th percentile of 50 visit letters, 100 case summaries one after
another, and the census export, each against the 200 ms per letter goal.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from oxfield.clock import FixedClock
from oxfield.domain.ehe import EheCase, EheVisit
from oxfield.exports.ehe_census import export_census
from oxfield.services import ehe_demo, ehe_reports
from oxfield.services.records import Actor
from oxfield.vault.keyfile import MIN_ITERATIONS, MIN_MEMORY_KIB, KdfParams
from oxfield.vault.vault import Vault

GOAL_MS = 200.0
ACTOR = Actor("bench", "bench", FixedClock(datetime(2026, 12, 3, 9, tzinfo=UTC)))


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        kdf = KdfParams(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, os.urandom(16))
        vault = Vault.create(Path(folder) / "bench.oxv", "bench passphrase only", kdf=kdf).vault
        try:
            ehe_demo.make_demo_cases(vault, ACTOR, 250, seed=1)
            with vault.read() as s:
                visit_id = s.scalars(
                    select(EheVisit.id).where(EheVisit.signed_at.is_not(None))
                ).first()
                case_ids = list(s.scalars(select(EheCase.id).limit(100)))
            assert len(case_ids) == 100
            assert visit_id is not None
            start = time.perf_counter()
            ehe_reports.render_visit_letter(vault, visit_id)
            first = _ms(start)
            letters = []
            for _ in range(50):
                start = time.perf_counter()
                ehe_reports.render_visit_letter(vault, visit_id)
                letters.append(_ms(start))
            start = time.perf_counter()
            for case_id in case_ids[:100]:
                ehe_reports.render_case_summary(vault, case_id, date(2026, 12, 3))
            summaries = _ms(start)
            start = time.perf_counter()
            export_census(vault, date(2026, 10, 1))
            census = _ms(start)
        finally:
            vault.lock()
    median = statistics.median(letters)
    p90 = statistics.quantiles(letters, n=10)[-1]
    print(f"{'measure':<44}{'ms':>10}{'x goal':>10}")
    rows = [
        ("first visit letter (loads fonts)", first),
        ("visit letter, median of 50", median),
        ("visit letter, 90th percentile of 50", p90),
        ("100 case summaries, total", summaries),
        ("case summary, mean of 100", summaries / 100),
        ("census export", census),
    ]
    for label, value in rows:
        print(f"{label:<44}{value:>10.1f}{value / GOAL_MS:>10.2f}")


if __name__ == "__main__":
    main()
