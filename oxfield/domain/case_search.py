"""The case list's search table: one narrow row per case, kept current by SQLite triggers.

The case list searches and sorts 50,000 cases as the officer types. Joining each kind of case
to its child and school on every keystroke cost a second at that size, so each case keeps one
row here holding exactly what the list matches and sorts on: the child's name keys and sort
key (``oxfield.text``), date of birth, UPN, the reference, the school's name and keys, and the
filter columns. Triggers written by migration ``0004_case_search`` maintain it in the same
transaction as every insert, update and delete of a case, child or school, whoever writes
(the services, sync, the demo fill), so it can never fall behind. Nothing else writes to it.

Beside it, ``case_search_fts`` (an FTS5 external-content table with the trigram tokenizer,
also kept by triggers) indexes ``names``, ``school_keys`` and ``reference`` so that a search
of three characters or more finds its substring matches without scanning. It is a virtual
table, so it is not declared here (SQLAlchemy does not model FTS5); the migration makes it.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Index, Integer, String, Table

from oxfield.orm import Base

case_search = Table(
    "case_search",
    Base.metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("child_id", String(36), nullable=False),
    Column("team", String(16), nullable=False),
    Column("status", String(32), nullable=False),
    Column("officer", String(64)),
    Column("deleted", Boolean, nullable=False),
    Column("next_review", Date),
    Column("sort_key", String(300), nullable=False),
    Column("date_of_birth", Date, nullable=False),
    Column("reference", String(24), nullable=False),
    #: the school the list shows (for EHE the school left, else the child's school), or ""
    Column("school", String(200), nullable=False),
    Column("upn", String(13)),
    #: the child's "|"-separated name keys
    Column("names", String(600), nullable=False),
    #: the search keys of every school the case matches on
    Column("school_keys", String(700), nullable=False),
    Column("school_urn", Integer),
    Column("left_urn", Integer),
    Index("ix_case_search_by_name", "sort_key", "reference", "deleted", "id"),
    Index("ix_case_search_child_id", "child_id"),
    Index("ix_case_search_school_urn", "school_urn"),
    Index("ix_case_search_left_urn", "left_urn"),
    Index("ix_case_search_date_of_birth", "date_of_birth"),
    Index("ix_case_search_upn", "upn"),
)

__all__ = ["case_search"]
