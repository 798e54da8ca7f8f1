"""Alembic environment: always run with a connection handed over by ``sync.server.migrate``
(never from a URL on the command line), comparing against ``sync.server.schema``."""

from __future__ import annotations

from alembic import context

from sync.server.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
