"""The ORDER BY of a list sorted by one of its columns, the same way for every id list.

A list that holds ids sorts in the query, never by loading its rows: each sortable column
names the SQL expressions it sorts by. Blanks (an applicant not yet approved, a permit not
yet issued) go last in either direction, so reversing a column does not bury the filled rows
under the empty ones; ``ties`` keep rows with equal keys in one stable order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import SQLColumnExpression, case


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
