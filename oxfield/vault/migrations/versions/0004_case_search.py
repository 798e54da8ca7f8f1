"""The case list's search table (``oxfield.domain.case_search``) and the triggers that keep it.

One row per case (EHE case, licence, employment permit) with the child's name keys, date of
birth, UPN, reference, school name and keys: the case list matches and sorts on this one
narrow table instead of joining three case tables to children and schools per keystroke.
Triggers on the case tables, ``child`` and ``school`` rewrite a case's row in the same
transaction as any change that could alter it, so services, sync and bulk fills all keep it
current. The table is filled from existing rows here; no other table changes, so unsynced
changes are untouched.

Revision ID: 0004_case_search
Revises: 0003_sync
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_case_search"
down_revision = "0003_sync"
branch_labels = None
depends_on = None

CASE_TABLES = ("ehe_case", "licence", "employment_permit")
COLUMNS = (
    "id, kind, child_id, team, status, officer, deleted, next_review, sort_key, date_of_birth, "
    "reference, school, upn, names, school_keys, school_urn, left_urn"
)


def select_rows(table: str, where: str) -> str:
    """The search rows of ``table``'s cases matching ``where`` (aliases: c case, ch child)."""
    left = "c.school_left_urn" if table == "ehe_case" else "NULL"
    return f"""
    SELECT c.id, c.kind, c.child_id, c.team, c.status, c.assigned_officer, c.deleted,
           c.next_review_on, ch.sort_key, ch.date_of_birth, c.reference,
           coalesce(shown.name, ''), ch.upn, ch.search_key,
           coalesce(own.search_key, '') || coalesce(lft.search_key, ''),
           ch.school_urn, {left}
    FROM {table} AS c
    JOIN child AS ch ON ch.id = c.child_id
    LEFT JOIN school AS shown ON shown.urn = coalesce({left}, ch.school_urn)
    LEFT JOIN school AS own ON own.urn = ch.school_urn
    LEFT JOIN school AS lft ON lft.urn = {left}
    WHERE {where}"""


UPDATED = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS.split(", ")[1:])


def upsert(table: str, where: str) -> str:
    """Rewrite the search rows of ``table``'s cases matching ``where``, in place (an upsert
    keeps each row's rowid, which the full-text index refers to)."""
    return (
        f"INSERT INTO case_search ({COLUMNS}) {select_rows(table, where)} "
        f"ON CONFLICT (id) DO UPDATE SET {UPDATED};"
    )


def refresh(where: str) -> str:
    """Statements rewriting the rows of every kind of case matching ``where``."""
    return " ".join(upsert(t, where) for t in CASE_TABLES)


def triggers() -> dict[str, str]:
    out: dict[str, str] = {}
    for t in CASE_TABLES:
        one = upsert(t, "c.id = NEW.id")
        out[f"case_search_{t}_ins"] = f"AFTER INSERT ON {t} BEGIN {one} END"
        out[f"case_search_{t}_upd"] = f"AFTER UPDATE ON {t} BEGIN {one} END"
        out[f"case_search_{t}_del"] = (
            f"AFTER DELETE ON {t} BEGIN DELETE FROM case_search WHERE id = OLD.id; END"
        )
    child = refresh("c.child_id = NEW.id")
    out["case_search_child_ins"] = f"AFTER INSERT ON child BEGIN {child} END"
    out["case_search_child_upd"] = (
        "AFTER UPDATE OF search_key, sort_key, date_of_birth, upn, school_urn ON child "
        f"BEGIN {child} END"
    )
    out["case_search_child_del"] = (
        "AFTER DELETE ON child BEGIN DELETE FROM case_search WHERE child_id = OLD.id; END"
    )
    # a school's cases are found through the search table's own URN columns (indexed)
    for event, urns in (
        ("INSERT", ("NEW.urn",)),
        ("UPDATE OF urn, name, search_key", ("NEW.urn", "OLD.urn")),
        ("DELETE", ("OLD.urn",)),
    ):
        name = event.split()[0].lower()[:3]
        found = " OR ".join(f"school_urn = {u} OR left_urn = {u}" for u in urns)
        where = f"c.id IN (SELECT id FROM case_search WHERE {found})"
        out[f"case_search_school_{name}"] = f"AFTER {event} ON school BEGIN {refresh(where)} END"
    # the trigram index follows the search table row for row
    fts_delete = (
        "INSERT INTO case_search_fts (case_search_fts, rowid, names, school_keys, reference) "
        "VALUES ('delete', OLD.rowid, OLD.names, OLD.school_keys, OLD.reference);"
    )
    fts_insert = (
        "INSERT INTO case_search_fts (rowid, names, school_keys, reference) "
        "VALUES (NEW.rowid, NEW.names, NEW.school_keys, NEW.reference);"
    )
    out["case_search_fts_ins"] = f"AFTER INSERT ON case_search BEGIN {fts_insert} END"
    out["case_search_fts_upd"] = (
        "AFTER UPDATE OF names, school_keys, reference ON case_search "
        f"BEGIN {fts_delete} {fts_insert} END"
    )
    out["case_search_fts_del"] = f"AFTER DELETE ON case_search BEGIN {fts_delete} END"
    return out


def upgrade() -> None:
    op.create_table(
        "case_search",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("team", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("officer", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("sort_key", sa.String(length=300), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("school", sa.String(length=200), nullable=False),
        sa.Column("upn", sa.String(length=13), nullable=True),
        sa.Column("names", sa.String(length=600), nullable=False),
        sa.Column("school_keys", sa.String(length=700), nullable=False),
        sa.Column("school_urn", sa.Integer(), nullable=True),
        sa.Column("left_urn", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_search")),
    )
    op.create_index(
        "ix_case_search_by_name", "case_search", ["sort_key", "reference", "deleted", "id"]
    )
    op.create_index("ix_case_search_child_id", "case_search", ["child_id"])
    op.create_index("ix_case_search_school_urn", "case_search", ["school_urn"])
    op.create_index("ix_case_search_left_urn", "case_search", ["left_urn"])
    op.create_index("ix_case_search_date_of_birth", "case_search", ["date_of_birth"])
    op.create_index("ix_case_search_upn", "case_search", ["upn"])
    # substring search of three characters or more, through an index (FTS5 trigrams)
    op.execute(
        "CREATE VIRTUAL TABLE case_search_fts USING fts5(names, school_keys, reference, "
        "content='case_search', tokenize='trigram')"
    )
    for table in CASE_TABLES:  # the cases already in the vault
        op.execute(f"INSERT INTO case_search ({COLUMNS}) {select_rows(table, '1 = 1')}")
    op.execute("INSERT INTO case_search_fts (case_search_fts) VALUES ('rebuild')")
    for name, body in triggers().items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE case_search_fts")
    op.drop_table("case_search")
