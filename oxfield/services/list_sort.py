"""The ORDER BY of a list sorted by one of its columns, the same way for every id list.

A list that holds ids sorts in the query, never by loading its rows: each sortable column
names the SQL expressions it sorts by. Blanks (an applicant not yet approved, a permit not
yet issued) go last in either direction, so reversing a column does not bury the filled rows
under the empty ones; ``ties`` keep rows with equal keys in one stable order. SQLite's
``lower()`` folds ASCII only, so names sort by :func:`fold` (``oxfield.text.search_key``: case,
accents and apostrophes folded), which :func:`with_fold` lends the session's connection.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import SQLColumnExpression, case, func
from sqlalchemy.orm import Session

from oxfield.text import search_key

_FOLD = "oxfield_fold"


def _fold(text: str | None) -> str:
    return search_key(text or "")


def with_fold(session: Session) -> None:
    """Make :func:`fold` callable in this session's queries (once per connection is enough;
    again is harmless)."""
    raw = session.connection().connection.driver_connection
    if raw is None:  # a connection SQLAlchemy has already given back: nothing to lend it to
        raise RuntimeError("with_fold needs a session in a transaction")
    raw.create_function(_FOLD, 1, _fold, deterministic=True)


def fold(column: SQLColumnExpression[Any]) -> SQLColumnExpression[Any]:
    """The column's text as the search key, to sort names as people read them."""
    return func.oxfield_fold(column)


def order_by(
    sorts: Mapping[str, Sequence[SQLColumnExpression[Any]]],
    sort: str,
    descending: bool,
    ties: Sequence[SQLColumnExpression[Any]],
) -> list[SQLColumnExpression[Any]]:
    """The ORDER BY clauses for ``sort`` (a key of ``sorts``), blanks last, then ``ties``."""
    if sort not in sorts:
        raise ValueError(f"sort must be one of {', '.join(sorts)}")
    clauses: list[SQLColumnExpression[Any]] = []
    for key in sorts[sort]:
        clauses.append(case((key.is_(None), 1), else_=0))
        clauses.append(key.desc() if descending else key.asc())
    return [*clauses, *ties]
