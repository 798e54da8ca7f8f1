"""Test 7: migrating from the previous schema version keeps every row and every attachment,
after an encrypted backup of the file.

Written over revisions generically: for each revision that has a predecessor, a vault is built
at the predecessor, every table is filled (the vault's own tables through their real APIs,
the others with typed synthetic rows that respect foreign keys), and unlock migrates it to head.
A synthetic extra revision that rebuilds tables (SQLite's batch "move and copy") checks the
machinery even where head has no predecessor yet.
"""

from __future__ import annotations

import io
import os
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, Table, insert, select
from sqlalchemy.orm import Session

from oxfield.ids import new_id
from oxfield.vault import attachments, audit, migrate
from oxfield.vault.engine import make_engine, writer
from oxfield.vault.kek import new_recovery_key
from oxfield.vault.keyfile import KeyFile, new_dek, write_keyfile
from oxfield.vault.paths import VaultFiles
from oxfield.vault.tables import VaultMeta
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.oxfield.vault.helpers import floor_kdf

OWN_TABLES = {"alembic_version", "vault_meta", "audit_log", "attachment", "attachment_chunk"}
ROWS_PER_TABLE = 3


def _steps() -> list[tuple[str, str]]:
    script = ScriptDirectory.from_config(migrate._config())
    return [
        (str(rev.down_revision), rev.revision)
        for rev in script.walk_revisions()
        if isinstance(rev.down_revision, str)
    ]


def _value(column: Any, table: str, n: int) -> Any:
    try:
        kind = column.type.python_type
    except NotImplementedError:
        kind = str
    if kind is bool:
        return n % 2 == 0
    if kind is int:
        return n + 1
    if kind is float:
        return n + 0.5
    if kind is datetime:
        return datetime(2026, 1, n + 1, 9, 30)
    if kind is date:
        return date(2015, 1, n + 1)
    if kind is bytes:
        return f"blob {table} {n}".encode()
    if kind is dict:
        return {"n": n}
    length = getattr(column.type, "length", None) or 200
    text = f"{table[:10]}-{column.name[:10]}-{n}-{new_id()}"
    return text[:length]


#: the case list's FTS5 index and its shadow tables (rebuilt from case_search, not data)
FTS = "case_search_fts"


def _fill_generic(conn: Any, meta: MetaData) -> None:
    made: dict[tuple[str, str], list[Any]] = {}
    for table in meta.sorted_tables:
        if table.name.startswith(FTS):  # SQLite's own index, filled by triggers
            continue
        if table.name in OWN_TABLES:  # already filled through their APIs: refer to those rows
            for row in conn.execute(select(table)).mappings():
                for name, value in row.items():
                    made.setdefault((table.name, name), []).append(value)
            continue
        for n in range(ROWS_PER_TABLE):
            row = {}
            for column in table.columns:
                fks = list(column.foreign_keys)
                if fks:
                    target = made.get((fks[0].column.table.name, fks[0].column.name))
                    row[column.name] = target[n] if target else None
                else:
                    row[column.name] = _value(column, table.name, n)
            conn.execute(insert(table).values(**row))
            for name, value in row.items():
                made.setdefault((table.name, name), []).append(value)


def _snapshot(engine: Engine, tables: list[Table]) -> dict[str, set[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {
            t.name: {tuple(r) for r in conn.execute(select(*t.columns))}
            for t in tables
            if t.name != "alembic_version" and not t.name.startswith(FTS)
        }


def _vault_at(path: Path, revision: str) -> tuple[bytes, list[str]]:
    """A vault migrated only to ``revision`` and filled; returns its DEK and attachment hashes."""
    files = VaultFiles.at(path)
    dek = new_dek()
    keyfile = KeyFile(new_id(), floor_kdf()).with_passphrase(PASSPHRASE, dek)
    write_keyfile(files.keys, keyfile.with_recovery(new_recovery_key(), dek))
    engine = make_engine(files.database, dek)
    migrate.upgrade(engine, files, target=revision)
    hashes = []
    key = audit.audit_key(dek)
    with Session(writer(engine)) as s, s.begin():
        s.add(VaultMeta(key="vault_id", value=keyfile.vault_id))
        for i in range(3):
            content = os.urandom(attachments.CHUNK_BYTES + 1000 * i)
            hashes.append(attachments.store(s, io.BytesIO(content)).sha256)
            audit.append(s, key, "attachment.add", subject_id=hashes[-1])
    meta = MetaData()
    with writer(engine).begin() as conn:
        meta.reflect(conn)
        _fill_generic(conn, meta)
    engine.dispose()
    return dek, hashes


def _migrate_and_compare(path: Path, previous: str) -> None:
    dek, hashes = _vault_at(path, previous)
    engine = make_engine(path, dek)
    meta = MetaData()
    with engine.connect() as conn:
        meta.reflect(conn)
    before = _snapshot(engine, list(meta.sorted_tables))
    contents = {}
    with Session(engine) as s:
        for sha in hashes:
            contents[sha] = b"".join(attachments.chunks(s, sha))
    engine.dispose()
    assert sum(len(rows) for rows in before.values()) > 10

    v = Vault.unlock(path, PASSPHRASE)  # migrates to head
    assert migrate.current_revision(v.engine) == migrate.head_revision()
    after = _snapshot(v.engine, list(meta.sorted_tables))
    for name, rows in before.items():
        if name == "vault_meta":  # unlock adds the generation and moves the audit head on
            assert {r[0] for r in rows} <= {r[0] for r in after[name]}
            continue
        assert rows <= after[name], f"rows lost from {name}"
    with v.read() as s:
        for sha, content in contents.items():
            assert b"".join(attachments.chunks(s, sha)) == content
    assert v.verify_audit().ok
    v.lock()
    backup = VaultFiles.at(path).backup(f"before-{previous}")
    assert backup.exists()
    old = make_engine(backup, dek)  # the backup is encrypted and still at the old revision
    assert migrate.current_revision(old) == previous
    old.dispose()


@pytest.mark.parametrize("step", _steps(), ids=lambda s: f"{s[0]}->{s[1]}")
def test_real_migration_keeps_every_row_and_attachment(
    tmp_path: Path, step: tuple[str, str]
) -> None:
    _migrate_and_compare(tmp_path / "old vault.oxv", step[0])


SYNTHETIC = '''
"""Synthetic test revision: rebuild tables the way SQLite migrations must (copy and move)."""
import sqlalchemy as sa
from alembic import op

revision = "zz_synthetic_rebuild"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("draft", "audit_log", "attachment_chunk"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("synthetic_extra", sa.Text(), nullable=True))
'''


def test_rebuilding_migration_keeps_every_row_and_attachment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    head = migrate.head_revision()
    scripts = tmp_path / "migrations"
    shutil.copytree(
        migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    (scripts / "versions" / "zz_synthetic.py").write_text(SYNTHETIC.replace("{head}", head))
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    assert migrate.head_revision() == "zz_synthetic_rebuild"
    _migrate_and_compare(tmp_path / "vault.oxv", head)
