"""What the vault's encryption costs: one workload on plain SQLite and on the vault, in one run.

Both sides use the same SQLite library (sqlcipher3, unkeyed for plain) and the same settings
(WAL, synchronous=NORMAL, the vault's page cache), and run the same SQL through DB-API
connections, so the ratio is the price of SQLCipher's page encryption and HMACs alone:

- 100,000 case-like rows inserted in transactions of 500 (with an FTS5 index over the notes);
- 10,000 indexed look-ups (by id, and by surname through a secondary index);
- 200 full-text searches over the notes;
- unlock of the vault with its real, tuned key derivation (Argon2id), measured from cold.

Goals on the officer's laptop: writes at most 1.3x plain, indexed reads at most 1.5x plain,
unlock under 1.5 s. Ratios are judged on CPU time (wall time is printed too): on a shared
machine other loads swamp wall time, while the cost of encryption is CPU work.

Tuning found here (see ``oxfield/vault/engine.py``): a 64 MiB page cache (decrypting a page
again is SQLCipher's main cost; 256 MiB bought nothing measurable at this size), HMAC-SHA256
page tags instead of SHA-512 (about 10 % less write CPU with SHA extensions), memory security
off (its default), page size left at 4096 (8 and 16 KiB pages were not faster in CPU time).

Run: ``.venv/bin/python bench/bench_vault.py`` (about a minute).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from oxfield.vault.engine import BUSY_TIMEOUT_MS, CACHE_KIB, WAL_CHECKPOINT_PAGES
from oxfield.vault.vault import Vault

ROWS = 100_000
BATCH = 500
LOOKUPS = 10_000
SEARCHES = 200
PASSPHRASE = "benchmark passphrase, synthetic"

SURNAMES = [f"Surname{i:04d}" for i in range(5000)]
_PHRASES = (
    "visit home education tutor curriculum literacy numeracy timetable library museum",
    "science art music sport outdoor project portfolio assessment progress concern",
    "licence performance chaperone rehearsal theatre filming venue hours rest meal",
)
COMMON = [word for phrase in _PHRASES for word in phrase.split()]
#: notes also carry rarer words, so that a search selects a few hundred cases, not all
RARE = [f"topic{i:05d}" for i in range(20_000)]

SCHEMA = [
    """CREATE TABLE bench_case (
        id TEXT PRIMARY KEY, team TEXT NOT NULL, district TEXT NOT NULL,
        surname TEXT NOT NULL, forename TEXT NOT NULL, dob TEXT NOT NULL,
        status TEXT NOT NULL, opened_at TEXT NOT NULL, notes TEXT NOT NULL)""",
    "CREATE INDEX ix_bench_case_surname ON bench_case (surname)",
    "CREATE INDEX ix_bench_case_district_status ON bench_case (district, status)",
    "CREATE VIRTUAL TABLE bench_notes USING fts5("
    "notes, content='bench_case', content_rowid='rowid')",
    """CREATE TRIGGER bench_case_ai AFTER INSERT ON bench_case BEGIN
        INSERT INTO bench_notes(rowid, notes) VALUES (new.rowid, new.notes); END""",
]


def make_rows(seed: int = 7) -> list[tuple[str, ...]]:
    rng = random.Random(seed)
    rows = []
    for i in range(ROWS):
        words = [rng.choice(COMMON) for _ in range(rng.randint(20, 50))]
        words += [rng.choice(RARE) for _ in range(rng.randint(3, 10))]
        notes = " ".join(words)
        rows.append(
            (
                f"case-{i:07d}",
                rng.choice(["ehe", "licensing", "cme"]),
                rng.choice(["Cherwell", "Oxford", "South", "Vale", "West"]),
                rng.choice(SURNAMES),
                f"Forename{rng.randint(0, 999)}",
                f"20{rng.randint(8, 20):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice(["open", "closed", "monitoring"]),
                "2026-01-01T09:00:00Z",
                notes,
            )
        )
    return rows


def plain_connection(path: Path) -> Any:
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process). On a shared machine the CPU time is the
    steadier measure: the encryption cost is CPU work, and other loads inflate wall time."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def workload(conn: Any, rows: list[tuple[str, ...]]) -> dict[str, tuple[float, float]]:
    for statement in SCHEMA:
        conn.execute(statement)
    insert = "INSERT INTO bench_case VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"

    def write() -> None:
        for start in range(0, len(rows), BATCH):
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(insert, rows[start : start + BATCH])
            conn.execute("COMMIT")

    rng = random.Random(11)
    ids = [f"case-{rng.randrange(ROWS):07d}" for _ in range(LOOKUPS // 2)]
    names = [rng.choice(SURNAMES) for _ in range(LOOKUPS // 2)]

    def read() -> None:
        found = 0
        for case_id in ids:
            found += len(
                conn.execute("SELECT * FROM bench_case WHERE id = ?", (case_id,)).fetchall()
            )
        for name in names:
            found += len(
                conn.execute(
                    "SELECT id, forename, dob FROM bench_case WHERE surname = ?", (name,)
                ).fetchall()
            )
        assert found >= LOOKUPS // 2

    terms = [f"{rng.choice(RARE)} {rng.choice(COMMON)}" for _ in range(SEARCHES)]

    def search() -> None:
        for term in terms:
            conn.execute(
                "SELECT rowid FROM bench_notes WHERE bench_notes MATCH ? ORDER BY rank LIMIT 50",
                (term,),
            ).fetchall()

    return {"write": timed(write), "read": timed(read), "search": timed(search)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unlocks", type=int, default=3, help="unlock timings to take")
    args = parser.parse_args()
    rows = make_rows()
    with tempfile.TemporaryDirectory(prefix="oxfield-bench-") as folder:
        base = Path(folder)
        plain = plain_connection(base / "plain.db")
        plain_times = workload(plain, rows)
        plain.close()

        started = time.perf_counter()
        created = Vault.create(base / "vault.oxv", PASSPHRASE)
        create_s = time.perf_counter() - started
        raw = created.vault.engine.raw_connection()
        vault_times = workload(raw.driver_connection, rows)
        raw.close()
        created.vault.lock()

        unlocks = []
        for _ in range(args.unlocks):
            started = time.perf_counter()
            v = Vault.unlock(base / "vault.oxv", PASSPHRASE)
            unlocks.append(time.perf_counter() - started)
            v.lock()
        size_plain = (base / "plain.db").stat().st_size
        size_vault = (base / "vault.oxv").stat().st_size

    goals = {"write": 1.3, "read": 1.5, "search": None}
    print(
        f"{'workload':<32}{'plain s':>9}{'vault s':>9}{'ratio':>7}  {'cpu plain':>9}"
        f"{'cpu vault':>10}{'ratio':>7}  goal"
    )
    labels = {
        "write": f"insert {ROWS:,} rows, {BATCH}/txn",
        "read": f"{LOOKUPS:,} indexed look-ups",
        "search": f"{SEARCHES} FTS5 searches",
    }
    for key, label in labels.items():
        (pw, pc), (vw, vc) = plain_times[key], vault_times[key]
        goal = goals[key]
        verdict = "" if goal is None else f"<={goal} " + ("ok" if vc / pc <= goal else "MISS")
        print(
            f"{label:<32}{pw:>9.3f}{vw:>9.3f}{vw / pw:>7.2f}  {pc:>9.3f}{vc:>10.3f}"
            f"{vc / pc:>7.2f}  {verdict}"
        )
    median = statistics.median(unlocks)
    ok = "ok" if median < 1.5 else "MISS"
    print(f"unlock incl. key derivation: median {median:.3f} s of {len(unlocks)} (<1.5 s {ok})")
    print(f"create incl. KDF tuning: {create_s:.3f} s")
    print(f"file size: plain {size_plain / 1e6:.1f} MB, vault {size_vault / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
