"""Engines for the two databases the server runs on, with the transaction habits each needs.

SQLite (the single-machine default) gets WAL, a busy timeout and ``BEGIN IMMEDIATE`` for every
writing transaction, so two writers queue instead of failing half-way through an upgrade from
a read lock. Reads begin deferred and see one consistent snapshot. PostgreSQL (psycopg 3) runs
writes at READ COMMITTED with row locks and reads of the feed at REPEATABLE READ, so a page and
the feed's high-water mark come from the same snapshot.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

DEFAULT_SQLITE_NAME = "oxfield-server.db"
ENV_DATABASE_URL = "OXFIELD_DATABASE_URL"


def default_url() -> str:
    """``OXFIELD_DATABASE_URL``, else a SQLite file in the current directory."""
    env = os.environ.get(ENV_DATABASE_URL)
    if env:
        return env
    return f"sqlite:///{Path.cwd() / DEFAULT_SQLITE_NAME}"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for any PostgreSQL URL that names no driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for ``url`` with the settings described above."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = sa.create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=pool_size
        )
        _tune_sqlite(engine)
        return engine
    return sa.create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _tune_sqlite(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One writing transaction: committed on success, rolled back on any error."""
    with engine.connect() as conn, conn.begin():
        yield conn


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read-only transaction over a single consistent snapshot."""
    if is_postgres(engine):
        options: dict[str, Any] = {"isolation_level": "REPEATABLE READ"}
    else:
        options = {"sqlite_begin": "DEFERRED"}
    with engine.connect().execution_options(**options) as conn, conn.begin():
        yield conn
