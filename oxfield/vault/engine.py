"""SQLAlchemy engines over SQLCipher 4, with the key set before anything else.

Every connection comes from :func:`_connect` through ``creator=``: the raw-key pragma is the
very first statement, then the settings that keep the vault safe and fast (WAL, foreign keys,
``synchronous=NORMAL``, temp data in memory so nothing decrypted lands in a temp file, and a
large page cache because decrypting pages again is where SQLCipher's cost lies). We do not rely
on SQLAlchemy connect events for this: recipes written for ``sqlite3`` connections do not run
on ``sqlcipher3`` ones. Transactions are begun explicitly (DEFERRED for reads, IMMEDIATE for
writes) so that two writers wait for each other instead of failing half way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.pool import QueuePool

from oxfield.errors import VaultDamagedError, VaultError, WrongPassphraseError

CACHE_KIB = 64 * 1024
#: Checkpoints decrypt WAL frames and encrypt them again into the file: doing it less often
#: (about 16 MiB of WAL instead of 4) pays that once for pages rewritten by many commits.
WAL_CHECKPOINT_PAGES = 4000
BUSY_TIMEOUT_MS = 30_000
PAGE_SIZE = 4096
HMAC_ALGORITHM = "HMAC_SHA256"


def key_connection(conn: Any, dek: bytes) -> None:
    """The statements every vault connection starts with, in this order: key first.

    HMAC-SHA256 instead of SQLCipher 4's default HMAC-SHA512: equally sound for page
    authentication and about 10 % cheaper per written page on CPUs with SHA extensions (see
    ``bench/bench_vault.py``); it is a property of the file, so every connection must set it.
    Memory security (wiping freed memory) stays off: it costs much and the DEK is already in
    this process's memory while the vault is open.
    """
    # SQLCipher logs failed page checks to stderr; we report them ourselves, once.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    conn.execute(f"PRAGMA cipher_page_size = {PAGE_SIZE}")
    conn.execute(f"PRAGMA cipher_hmac_algorithm = {HMAC_ALGORITHM}")
    conn.execute("PRAGMA cipher_memory_security = OFF")


def _connect(path: Path, dek: bytes) -> Callable[[], Any]:
    def connect() -> Any:
        conn = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
        try:
            key_connection(conn, dek)
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlcipher.DatabaseError as exc:
            conn.close()
            raise classify_open_error(exc) from None
        return conn

    return connect


def classify_open_error(exc: Exception) -> Exception:
    """Turn SQLCipher's terse errors into ours. The DEK was already authenticated by the key
    file, so a file SQLCipher cannot read is damaged (or another vault's), not a wrong key."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "hmac" in text:
        return VaultDamagedError(
            "the vault file is damaged or belongs to another key file "
            "(checked: page decryption and authentication)"
        )
    if "unable to open" in text:
        return VaultDamagedError("the vault file cannot be opened")
    if "database is locked" in text or "database is busy" in text:
        return VaultError(
            "the vault is in use by another OxField window or process: close it and try again"
        )
    if "readonly" in text or "read-only" in text:
        return VaultError("the vault file or its folder is read-only: nothing could be saved")
    return exc


@contextmanager
def damage_reported() -> Iterator[None]:
    """Turn a database error met in the vault into :class:`VaultDamagedError` (or "in use",
    "read-only").

    A page that fails SQLCipher's HMAC check surfaces only when it is read, possibly long
    after unlock; wherever that happens the officer should see "damaged", not a traceback.
    """
    try:
        yield
    except (sqlcipher.DatabaseError, sa_exc.DatabaseError) as exc:
        inner = getattr(exc, "orig", exc)
        mapped = classify_open_error(inner)
        if mapped is inner:
            raise
        raise mapped from None


def make_engine(path: Path, dek: bytes, *, pool_size: int = 4) -> Engine:
    """An engine on the vault at ``path`` opened with the raw data key ``dek``."""
    if len(dek) != 32:
        raise WrongPassphraseError("the data key has the wrong length")
    engine = create_engine(
        "sqlite://",
        creator=_connect(path, dek),
        module=sqlcipher,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=4,
        # the connection used last has the warmest page cache (64 MiB each): a search right
        # after another gets it back, rather than a colder one that must decrypt pages again
        pool_use_lifo=True,
        pool_pre_ping=False,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, beginning IMMEDIATE transactions: use it for every write."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")
