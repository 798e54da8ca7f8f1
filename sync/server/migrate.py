"""Bring the server's database to the current schema, programmatically, at start.

Alembic is driven from code with an open connection, so no ``alembic.ini`` or URL is ever
involved. On PostgreSQL an advisory lock makes several server processes starting at once
migrate one after another (the later ones find nothing to do).
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from sync.server import schema
from sync.server.db import is_postgres

_LOCK_KEY = 0x0F1E_5EEB  # any constant shared by every server process


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "sync.server:migrations")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Run every pending migration and make sure the feed counter row exists."""
    with engine.connect() as conn:
        if is_postgres(engine):
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({_LOCK_KEY})")
            conn.commit()
        try:
            pending = MigrationContext.configure(conn).get_current_revision() != head_revision()
            conn.commit()
            if pending:
                command.upgrade(alembic_config(conn), "head")
                conn.commit()
            with conn.begin():
                if conn.execute(schema.feed_counter.select()).first() is None:
                    conn.execute(schema.feed_counter.insert().values(id=1, value=0))
        finally:
            if is_postgres(engine):
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({_LOCK_KEY})")
                conn.commit()
