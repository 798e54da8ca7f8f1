"""A table model that holds row ids only and reads the rows on screen a page at a time.

The chaperones and permits lists both use it (the case list's habit, Anki's browser's): the
search returns ids, and a page of rows is read from the vault only when the view asks for one
of its rows; a bounded cache keeps the pages seen last. A row can be marked (an expired
approval): it is shown in bold with "(expired)" in its text, which reads the same in the
high-contrast style and without colour.

Sorting is the query's job, as in the case list: a click on a header (or the "Sort by" choice,
for the keyboard) asks the area for the ids again in the new order, through
``sig_sort_requested``; the model only remembers the order to say it, in the header's
accessible text ("Applied on, sorted newest first") as well as its arrow.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

PAGE_SIZE = 100
MAX_PAGES = 20

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[Sequence[str]], Sequence[Any]]
Ascending, Descending = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
ORDER_WORDS = ("ascending", "descending")


def display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


class IdTableModel(QAbstractTableModel):
    """``columns`` are (attribute, header) pairs of the row objects ``fetch(ids)`` returns;
    ``words`` name a column's two orders for people ("A to Z", "Z to A")."""

    sig_sort_requested = Signal(str, bool)  # the column's attribute, descending

    def __init__(
        self,
        columns: Sequence[tuple[str, str]],
        marked: Callable[[Any], str] | None = None,
        parent: Any = None,
        words: Mapping[str, tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._marked = marked  # returns the mark's word ("expired") or ""
        self._words = dict(words or {})
        self.sorted_by: tuple[int, Qt.SortOrder] = (-1, Ascending)
        self._fetch: Fetch | None = None
        self._ids: list[str] = []
        self._pages: OrderedDict[int, Sequence[Any]] = OrderedDict()
        self.fetches = 0

    def set_ids(self, ids: Sequence[str], fetch: Fetch | None) -> None:
        self.beginResetModel()
        self._ids, self._fetch = list(ids), fetch
        self._pages.clear()
        self.endResetModel()

    def clear(self) -> None:
        self.set_ids([], None)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        return self._ids.index(record_id) if record_id in self._ids else -1

    def record(self, row: int) -> Any:
        if not 0 <= row < len(self._ids) or self._fetch is None:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            start = number * PAGE_SIZE
            page = self._fetch(self._ids[start : start + PAGE_SIZE])
            self.fetches += 1
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def order_words(self, column: int) -> tuple[str, str]:
        """What the column's ascending and descending orders are called on screen."""
        field = self._columns[column][0] if 0 <= column < len(self._columns) else ""
        return self._words.get(field, ORDER_WORDS)

    def show_sort(self, column: int, order: Qt.SortOrder) -> None:
        """Say the list is in this order (its ids came in it): the headers' text follows."""
        self.sorted_by = (column, order)
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def sort(self, column: int, order: Qt.SortOrder = Ascending) -> None:
        """Ask for the ids in this order; the rows are not read to sort them."""
        if not 0 <= column < len(self._columns) or (column, order) == self.sorted_by:
            return
        self.show_sort(column, order)
        self.sig_sort_requested.emit(self._columns[column][0], order == Descending)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        header = self._columns[section][1]
        column, order = self.sorted_by
        said = f"sorted {self.order_words(section)[order == Descending]}"
        if role == Qt.ItemDataRole.DisplayRole:
            return header
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{header}, {said}" if section == column else header
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{header}: {said}" if section == column else f"Sort by {header.lower()}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._columns):
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self.id_at(index.row())
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.FontRole,
        ):
            return None
        record = self.record(index.row())
        if record is None:
            return None
        mark = self._marked(record) if self._marked is not None else ""
        if role == Qt.ItemDataRole.FontRole:
            if not mark:
                return None
            font = QFont()
            font.setBold(True)
            return font
        field, header = self._columns[index.column()]
        text = display(getattr(record, field))
        if mark and index.column() == len(self._columns) - 1:
            text = f"{text} ({mark})" if text else mark
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{header}: {text or 'none'}"
        return text

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def id_table_view(
    model: IdTableModel, name: str, parent: QWidget, sort: tuple[int, Qt.SortOrder] = (0, Ascending)
) -> QTableView:
    """The one-row-at-a-time table both areas list their ids in, keyboard-friendly, its
    headers clicked to sort (``sort`` is the order the ids first come in)."""
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(*sort)
    model.show_sort(*sort)
    header.sortIndicatorChanged.connect(model.sort)
    return table
