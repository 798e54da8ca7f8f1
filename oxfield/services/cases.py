"""The case list: find, sort and fetch cases quickly, however many the vault holds.

A case is an EHE case (team ehe), or a licence or employment permit for a child (team
licensing). :func:`find_case_ids` returns only ids, in order, so the desktop can hold 50,000
rows cheaply and ask :func:`fetch_case_rows` for the ones on screen. Text matches the child's
names in any accent or apostrophe style (``oxfield.text``), a date of birth typed as
dd/mm/yyyy or yyyy-mm-dd, a UPN, a school name or a case reference.

Searching and sorting read one narrow table, ``case_search`` (one row per case, kept current
by triggers: ``oxfield.domain.case_search``), so a keystroke is one scan of one table and the
default order walks an index. Rows for the screen are read from the case tables joined to the
child and school, by id (``oxfield.services.case_rows``). ``bench/case_search.py`` measures it
at 50,000 cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, func, literal_column, or_, select
from sqlalchemy import text as text_clause
from sqlalchemy.exc import OperationalError

from oxfield.domain.case_search import case_search
from oxfield.domain.ehe import EheStatus
from oxfield.domain.employment import PermitStatus
from oxfield.domain.licensing import LicenceStatus
from oxfield.services.case_rows import CLOSED_STATUSES, CaseRow, fetch_case_rows
from oxfield.text import search_key
from oxfield.vault.vault import Vault

SORTS = ("child_name", "date_of_birth", "reference", "school", "status", "next_review")
#: the teams that hold cases, and the statuses a case of each team can have (for filters)
CASE_STATUSES: dict[str, tuple[str, ...]] = {
    "ehe": tuple(s.value for s in EheStatus),
    "licensing": tuple(
        dict.fromkeys([*(s.value for s in LicenceStatus), *(s.value for s in PermitStatus)])
    ),
}
#: SQLite virtual-machine steps between two looks at ``cancelled`` (well under a millisecond)
_POLL_STEPS = 2000
#: the shortest text the trigram index can find (shorter text is matched by a scan)
_TRIGRAM = 3
SC = case_search.c


@dataclass(frozen=True, slots=True)
class CaseQuery:
    text: str = ""
    team: str | None = None
    status: str | None = None
    officer: str | None = None
    overdue_only: bool = False
    sort: str = (
        "child_name"  # child_name | date_of_birth | reference | school | status | next_review
    )
    descending: bool = False


def parse_date(text: str) -> date | None:
    """A date typed as dd/mm/yyyy (also with - or .) or yyyy-mm-dd; None if it is not one."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _fts(columns: str, text: str) -> Any:
    """Rows of the search table whose ``columns`` hold ``text`` (3+ characters) anywhere: an
    FTS5 trigram phrase query, the same test as ``LIKE '%text%'`` but through an index."""
    phrase = '"' + text.replace('"', '""') + '"'
    found: Any = select(literal_column("rowid")).select_from(text_clause("case_search_fts"))
    return literal_column("case_search.rowid").in_(
        found.where(
            text_clause("case_search_fts MATCH :q").bindparams(
                bindparam("q", f"{columns}: {phrase}", unique=True)
            )
        )
    )


def _contains(column: Any, columns: str, text: str) -> Any:
    if len(text) >= _TRIGRAM:
        return _fts(columns, text)
    return column.contains(text, autoescape=True)


def _text_filter(text: str) -> Any:
    """The condition on the search table for the officer's search text, or None.

    A date matches the date of birth; anything else matches a name key, the school's keys, the
    UPN, or (when it has a digit or a dash) part of the reference.
    """
    text = text.strip()
    if not text:
        return None
    day = parse_date(text)
    if day is not None:
        return SC.date_of_birth == day
    key = search_key(text)
    upper = text.replace(" ", "").upper()
    terms: list[Any] = [SC.upn == upper]
    if len(key) >= _TRIGRAM:
        terms.append(_fts("{names school_keys}", key))
    elif key:
        terms.append(SC.names.contains(key, autoescape=True))
        terms.append(SC.school_keys.contains(key, autoescape=True))
    if any(ch.isdigit() for ch in upper) or "-" in upper:
        terms.append(_contains(SC.reference, "reference", upper))
    return or_(*terms)


def _search_statement(query: CaseQuery, today: date) -> Any:
    if query.sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    stmt = select(SC.id).where(SC.deleted.is_(False))
    if query.team:
        stmt = stmt.where(SC.team == query.team)
    if query.status:
        stmt = stmt.where(SC.status == query.status)
    if query.officer:
        stmt = stmt.where(SC.officer == query.officer)
    if query.overdue_only:
        stmt = stmt.where(
            SC.next_review.is_not(None),
            SC.next_review < today,
            SC.status.not_in(CLOSED_STATUSES),
        )
    matches = _text_filter(query.text)
    if matches is not None:
        stmt = stmt.where(matches)
    sorts: dict[str, list[Any]] = {
        "child_name": [SC.sort_key],
        "date_of_birth": [SC.date_of_birth],
        "reference": [SC.reference],
        "school": [SC.school],
        "status": [SC.status],
        "next_review": [SC.next_review.is_(None), SC.next_review],
    }
    keys = sorts[query.sort]
    order = [k.desc() if query.descending else k.asc() for k in keys]
    ties = [k for k in (SC.sort_key, SC.reference) if not any(k is x for x in keys)]
    return stmt.order_by(*order, *ties)


def find_case_ids(
    vault: Vault,
    query: CaseQuery,
    today: date,
    limit: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[str]:
    """Ids of the cases matching ``query``, in the order it asks for (the first ``limit``
    only, if given: the desktop shows a first page before the whole list is known).

    ``cancelled`` is polled while SQLite works; when it turns true the query stops at once
    and :class:`SearchCancelledError` is raised (the officer typed again: a stale whole list must
    not hold up the next keystroke's first page).
    """
    stmt = _search_statement(query, today)
    if limit is not None:
        stmt = stmt.limit(limit)
    with vault.read() as session:
        connection = session.connection()  # Core, not the ORM: ids need no objects
        if cancelled is None:
            return list(connection.scalars(stmt))
        raw: Any = connection.connection.dbapi_connection
        raw.set_progress_handler(lambda: 1 if cancelled() else 0, _POLL_STEPS)
        try:
            return list(connection.scalars(stmt))
        except OperationalError as exc:
            if cancelled():
                raise SearchCancelledError("search cancelled") from None
            raise exc
        finally:
            raw.set_progress_handler(None, 0)


class SearchCancelledError(Exception):
    """A search stopped because its caller no longer wanted the answer."""


def count_cases(vault: Vault) -> int:
    """How many (not deleted) cases the vault holds."""
    stmt = select(func.count()).select_from(case_search).where(SC.deleted.is_(False))
    with vault.read() as session:
        return int(session.scalar(stmt) or 0)


__all__ = [
    "CASE_STATUSES",
    "CLOSED_STATUSES",
    "CaseQuery",
    "CaseRow",
    "SearchCancelledError",
    "count_cases",
    "fetch_case_rows",
    "find_case_ids",
]
