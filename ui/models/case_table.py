"""The case list's table model: it holds case ids only and fetches rows a page at a time.

Searching returns ids (cheap: 50,000 short strings); a row's columns are read from the vault
only when the view asks for that row, one page of rows per query, and a bounded cache keeps
the pages most recently seen (Anki's browser habit). Sorting is done by the query, not here:
``sort()`` asks the owner to run the search again with the new order, so the model never
needs every row in memory. ``extend_ids()`` appends the rest of a list whose first page is
already shown, without a reset. The last column is each record's sync state in words, read
with its page (one batch of queries per page, never one per row). ``clear()`` empties it on
lock.

Painting one screen asks ``data()`` about 1,400 times (seven roles for each of 200 cells) and
``flags()`` 200 times, on every keystroke's new rows: so a row's texts are worked out once, the
first time it is painted, and the roles are compared as plain ints, not as enum members.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from oxfield.services.cases import CaseRow
from oxfield.text import humanise

#: Columns the case query can order by; clicking another header does nothing.
SORTABLE = frozenset(
    {"child_name", "date_of_birth", "reference", "school", "status", "next_review"}
)
PAGE_SIZE = 64  # rows per read: more than a maximised list shows at once
MAX_PAGES = 40

Index = QModelIndex | QPersistentModelIndex

# Looking a member up on a Qt enum costs microseconds in PySide6: a paint does it thousands of
# times, so the roles and flags the model uses are plain ints, looked up once here.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_USER = int(Qt.ItemDataRole.UserRole)
_ROLES = frozenset({_DISPLAY, _ACCESSIBLE, _TOOLTIP, _FONT, _USER})
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    header: str


COLUMNS: tuple[Column, ...] = (
    Column("reference", "Reference"),
    Column("child_name", "Child"),
    Column("date_of_birth", "Date of birth"),
    Column("upn", "UPN"),
    Column("school", "School"),
    Column("team", "Team"),
    Column("status", "Status"),
    Column("officer", "Officer"),
    Column("next_review", "Next review"),
    Column("sync_state", "Sync"),
)

#: each sync state in words (``oxfield.replica.state.SyncState``)
SYNC_WORDS = {
    "new": "new, not yet sent",
    "changed": "changed, not yet sent",
    "syncing": "sending",
    "synced": "synced",
    "conflict": "conflict to review",
    "rejected": "rejected by the server",
}


def display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def cell_text(row: CaseRow, field: str) -> str:
    """What the table shows for ``field`` of ``row``, in words."""
    text = display(getattr(row, field))
    if field in ("status", "team"):
        text = humanise(text)
    elif field == "sync_state":
        text = SYNC_WORDS.get(text, text)
    elif field == "next_review" and row.overdue:
        text = f"{text} (overdue)" if text else "overdue"
    return text


def is_bold(row: CaseRow, field: str) -> bool:
    """Bold, not red: it reads the same in the high-contrast style and for colour blindness
    (an overdue review; a conflict or a rejection that needs the officer)."""
    return (field == "next_review" and row.overdue) or (
        field == "sync_state" and row.sync_state in ("conflict", "rejected")
    )


class _Line:
    """One cached row and, once it has been painted, its texts and bold cells."""

    __slots__ = ("bold", "row", "texts")

    def __init__(self, row: CaseRow) -> None:
        self.row = row
        self.texts: tuple[str, ...] = ()
        self.bold: frozenset[int] = frozenset()

    def work_out(self) -> None:
        if not self.texts:
            self.texts = tuple(cell_text(self.row, c.field) for c in COLUMNS)
            self.bold = frozenset(i for i, c in enumerate(COLUMNS) if is_bold(self.row, c.field))


class CaseTableModel(QAbstractTableModel):
    """``fetch_rows(ids)`` returns the rows for those ids in the same order."""

    sig_sort_requested = Signal(str, bool)  # field, descending

    def __init__(
        self,
        fetch_rows: Callable[[Sequence[str]], list[CaseRow]] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._ids: list[str] = []
        self._pages: OrderedDict[int, list[_Line]] = OrderedDict()
        self._bold: QFont | None = None
        self.fetches = 0  # pages read from the vault (the tests and the bench watch this)

    # --- feeding ---------------------------------------------------------------------------

    def set_fetcher(self, fetch_rows: Callable[[Sequence[str]], list[CaseRow]] | None) -> None:
        self._fetch_rows = fetch_rows

    def set_ids(self, ids: Sequence[str], first_rows: Sequence[CaseRow] = ()) -> None:
        """Show ``ids``; ``first_rows``, if given, are the rows of the first page, already read
        on a worker thread, so painting the first screen needs no query at all."""
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        wanted = self._ids[:PAGE_SIZE]
        if first_rows and [r.id for r in first_rows] == wanted:
            self._pages[0] = [_Line(r) for r in first_rows]
        self.endResetModel()

    def extend_ids(self, more: Sequence[str]) -> None:
        """Append rows (the rest of a list whose first page is shown) without a reset."""
        if not more:
            return
        start = len(self._ids)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._ids.extend(more)
        last = self._pages.get(start // PAGE_SIZE)
        if last is not None and start % PAGE_SIZE:
            del self._pages[start // PAGE_SIZE]  # that page was read short: read it again
        self.endInsertRows()

    def clear(self) -> None:
        """Forget every id and row (at lock); the model no longer reaches the vault."""
        self.set_ids([])
        self._fetch_rows = None

    def ids(self) -> list[str]:
        return list(self._ids)

    def case_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def cached_rows(self) -> int:
        return sum(len(page) for page in self._pages.values())

    def row_at(self, row: int) -> CaseRow | None:
        line = self._line(row)
        return None if line is None else line.row

    def _line(self, row: int) -> _Line | None:
        if not 0 <= row < len(self._ids) or self._fetch_rows is None:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            start = number * PAGE_SIZE
            page = [_Line(r) for r in self._fetch_rows(self._ids[start : start + PAGE_SIZE])]
            self.fetches += 1
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role in (
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.AccessibleTextRole,
                Qt.ItemDataRole.ToolTipRole,
            ):
                return COLUMNS[section].header
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        if role == _USER:
            return self.case_id(index.row())
        line = self._line(index.row())
        column = index.column()
        if line is None or not 0 <= column < len(COLUMNS):
            return None
        line.work_out()
        if role == _DISPLAY:
            return line.texts[column]
        if role == _FONT:
            return self._bold_font() if column in line.bold else None
        text, header = line.texts[column], COLUMNS[column].header
        if role == _TOOLTIP and COLUMNS[column].field == "sync_state" and line.row.sync_reason:
            return f"{text}: {line.row.sync_reason}"
        if role == _ACCESSIBLE:
            return f"{header}: {text}" if text else f"{header}: none"
        return text

    def _bold_font(self) -> QFont:
        if self._bold is None:
            self._bold = QFont()
            self._bold.setBold(True)
        return self._bold

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS) and COLUMNS[column].field in SORTABLE:
            self.sig_sort_requested.emit(
                COLUMNS[column].field, order == Qt.SortOrder.DescendingOrder
            )
