"""The hand-written migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import oxfield.domain  # noqa: F401  (registers the models)
from oxfield.orm import Base
from oxfield.vault import migrate
from oxfield.vault.vault import Vault


def test_vault_is_at_the_domain_head(vault: Vault) -> None:
    head = "0006_officer_names"
    assert migrate.current_revision(vault.engine) == migrate.head_revision() == head


def _modelled(name: str | None, type_: str, parent: object) -> bool:
    # the case list's FTS5 index and its shadow tables are SQLite's own, not ORM tables
    return not (type_ == "table" and (name or "").startswith("case_search_fts"))


def test_migrated_schema_matches_the_models(vault: Vault) -> None:
    with vault.engine.connect() as conn:
        opts = {"compare_type": True, "include_name": _modelled}
        context = MigrationContext.configure(conn, opts=opts)
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
