"""Bring a vault's schema up to date at unlock, after an encrypted backup of the file.

Alembic runs programmatically on the vault's own keyed connection (never from a URL). Before
the first migration step on a vault that already holds data, the database is checkpointed and
copied byte for byte (it is encrypted on disk, so the copy is too) to
``vault.oxv.before-<revision>.bak``; if a migration fails, that copy is what to restore.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from oxfield.vault.engine import writer
from oxfield.vault.paths import VaultFiles

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# One migration at a time per vault file within this process.
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, files: VaultFiles, target: str = "head") -> Path | None:
    """Migrate to ``target``; returns the backup made first, or None if none was needed.

    The revision is read again inside the IMMEDIATE transaction that migrates, so two threads
    or processes opening a brand-new vault at once migrate it exactly once.
    """
    wanted = head_revision() if target == "head" else target
    if current_revision(engine) == wanted:
        return None
    with _locks_guard:
        lock = _locks.setdefault(files.database, threading.Lock())
    with lock:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            conn.rollback()
        cfg = _config()
        with writer(engine).begin() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current == wanted:
                return None
            backup = _backup(files, current) if current is not None else None
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
        return backup


def _backup(files: VaultFiles, revision: str) -> Path:
    """Copy the (encrypted) database and any WAL beside it while we hold the write lock.

    The WAL copy is named so that SQLite finds it beside the backup: restoring is copying
    ``vault.oxv.before-REV.bak`` (and its ``-wal``, if any) back to ``vault.oxv``.
    """
    target = files.backup(f"before-{revision}")
    shutil.copy2(files.database, target)
    wal = files.wal
    if wal.exists() and wal.stat().st_size:
        shutil.copy2(wal, target.with_name(target.name + "-wal"))
    return target
