"""How fast the case list searches, sorts and fetches at 50,000 cases.

Run: ``.venv/bin/python bench/case_search.py [N] [--keep DIR]``. Makes a vault (real
SQLCipher, real key derivation at the floor) in a temporary folder, or in DIR to reuse it on
the next run, fills it with N synthetic demo cases and prints the median time of each
case-list query, whole and its first page of 60 (what the desktop shows first). Not part of
the test run.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from oxfield.services.cases import CaseQuery, count_cases, fetch_case_rows, find_case_ids
from oxfield.services.records import make_demo_cases
from oxfield.vault.keyfile import MIN_ITERATIONS, MIN_MEMORY_KIB, KdfParams
from oxfield.vault.vault import Vault

TODAY = date(2026, 12, 3)


def timed(fn: object, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


PASSPHRASE = "bench passphrase only"


def open_filled(folder: Path, n: int) -> Vault:
    path = folder / f"bench-{n}.oxv"
    if path.exists():
        return Vault.unlock(path, PASSPHRASE)
    kdf = KdfParams(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, os.urandom(16))
    vault = Vault.create(path, PASSPHRASE, kdf=kdf).vault
    start = time.perf_counter()
    make_demo_cases(vault, n, seed=42, today=TODAY)
    fill = time.perf_counter() - start
    print(f"demo fill {fill:.1f} s, {n / fill:.0f} cases/s")
    return vault


def main() -> None:
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        at = args.index("--keep")
        keep = Path(args[at + 1])
        del args[at : at + 2]
    n = int(args[0]) if args else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        vault = open_filled(folder, n)
        print(f"cases: {count_cases(vault)}")
        all_ids = find_case_ids(vault, CaseQuery(), TODAY)
        queries = {
            "all, by child name": CaseQuery(),
            "all, by date of birth desc": CaseQuery(sort="date_of_birth", descending=True),
            "all, by school": CaseQuery(sort="school"),
            "all, by next review": CaseQuery(sort="next_review"),
            "text 'o' (one letter: a scan)": CaseQuery(text="o"),
            "text 'ob' (two: a scan)": CaseQuery(text="ob"),
            "text 'obrien'": CaseQuery(text="obrien"),
            "text 'Łukasz'": CaseQuery(text="Łukasz"),
            "text 'محمد'": CaseQuery(text="محمد"),
            "text school 'cherwell'": CaseQuery(text="cherwell"),
            "dob 01/03/2016": CaseQuery(text="01/03/2016"),
            "reference EHE-": CaseQuery(text="EHE-2026-0001"),
            "team ehe + overdue": CaseQuery(team="ehe", overdue_only=True),
            "officer + status": CaseQuery(officer="ehe-officer-2", status="open"),
        }
        print(f"{'query':34} {'ms':>8} {'rows':>7} {'first 60 ms':>12}")
        for name, query in queries.items():
            ms, ids = timed(lambda q=query: find_case_ids(vault, q, TODAY))
            first, _ = timed(lambda q=query: find_case_ids(vault, q, TODAY, limit=60))
            print(f"{name:34} {ms:8.1f} {len(ids):7} {first:12.1f}")  # type: ignore[arg-type]
        middle = len(all_ids) // 2
        for size in (50, 200, 1000):
            page = all_ids[middle : middle + size]
            ms, _ = timed(lambda p=page: fetch_case_rows(vault, p, TODAY))
            print(f"{'fetch ' + str(size) + ' rows':34} {ms:8.1f}")
        ms, _ = timed(lambda: count_cases(vault))
        print(f"{'count_cases':34} {ms:8.1f}")
        print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        # the floor on this machine right now: one table, one index, no joins
        with vault.engine.connect() as conn:
            sql = "SELECT id FROM child ORDER BY sort_key"
            base, _ = timed(lambda: conn.exec_driver_sql(sql).fetchall())
        ms, _ = timed(lambda: find_case_ids(vault, CaseQuery(), TODAY))
        print(f"{'baseline: 50k child ids by name':34} {base:8.1f}")
        print(f"{'ratio all-cases list / baseline':34} {ms / base:8.2f}")
        vault.lock()


if __name__ == "__main__":
    main()
