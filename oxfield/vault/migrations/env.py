"""Alembic environment for the vault: runs only on a connection the vault hands it.

Pointing Alembic's command line at a URL would create an unencrypted SQLite file, so this
environment refuses to run without an already-keyed connection in ``config.attributes``.
"""

from __future__ import annotations

from alembic import context

from oxfield.orm import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit(
        "The vault's migrations run only inside OxField (at unlock), on an encrypted "
        "connection; the Alembic command line would create an unencrypted file."
    )
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
