"""The hand-written migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import oxfield.domain  # noqa: F401  (registers the models)
from oxfield.orm import Base
from oxfield.vault import migrate
from oxfield.vault.vault import Vault


def test_vault_is_at_the_domain_head(vault: Vault) -> None:
    assert migrate.current_revision(vault.engine) == migrate.head_revision() == "0004_case_search"


def test_migrated_schema_matches_the_models(vault: Vault) -> None:
    with vault.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == []


def test_every_domain_table_exists(vault: Vault) -> None:
    with vault.engine.connect() as conn:
        names = set(
            conn.exec_driver_sql("SELECT name FROM sqlite_schema WHERE type = 'table'")
            .scalars()
            .all()
        )
    assert set(Base.metadata.tables) <= names
