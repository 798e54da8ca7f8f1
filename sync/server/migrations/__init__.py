"""Alembic migrations of the server's schema, run by ``sync.server.migrate`` at start."""
