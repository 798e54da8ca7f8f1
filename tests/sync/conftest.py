"""Fixtures for the sync tests: throwaway databases (SQLite and a real PostgreSQL) and a real
server process on a free localhost port.

PostgreSQL comes from ``OXFIELD_TEST_POSTGRES_URL`` or the local socket as the current user.
When it cannot be reached the PostgreSQL tests fail with a message saying how to start it;
they are never skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.sync.helpers import Server, start_server

PG_URL = os.environ.get("OXFIELD_TEST_POSTGRES_URL", "postgresql+psycopg:///postgres")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _pg_admin() -> sa.Engine:
    url = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except sa.exc.OperationalError as exc:
        pytest.fail(
            "PostgreSQL is not reachable for the server tests. Start it and give yourself a "
            "role (`pg_ctlcluster 15 main start && su postgres -c 'createuser -s $USER'`, "
            "as .ci/run does) or set OXFIELD_TEST_POSTGRES_URL. "
            f"Driver said: {type(exc.orig).__name__}",
            pytrace=False,
        )
    return engine


def make_database(backend: str, tmp_dir: str) -> tuple[str, object]:
    """A fresh empty database URL and a handle to drop it."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_dir}/server-{uuid.uuid4().hex[:8]}.db", None
    admin = _pg_admin()
    name = f"oxf_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    return url, (admin, name)


def drop_database(handle: object) -> None:
    if handle is None:
        return
    admin, name = handle  # type: ignore[misc]
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    url, handle = make_database(request.param, str(tmp_path_factory.mktemp("db")))
    try:
        yield url
    finally:
        drop_database(handle)


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = start_server(database_url, workers=1, cwd=str(tmp_path_factory.mktemp("srv")))
    try:
        yield srv
    finally:
        srv.stop()
