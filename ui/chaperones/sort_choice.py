"""A "Sort by" choice beside an id list: the keyboard's way to what a header click does.

A table's header cannot take the keyboard's focus, so each column's two orders are also
offered in a combo box ("Applied on: newest first"). The header's sort arrow is the one
state: choosing here moves the arrow, and clicking a header moves the choice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QWidget

from ui.chaperones.id_table import Ascending, Descending, IdTableModel


class SortChoice(QComboBox):
    def __init__(self, model: IdTableModel, header: QHeaderView, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sort the list by")
        self._header = header
        for column in range(model.columnCount()):
            title = model.headerData(column, Qt.Orientation.Horizontal)
            words = model.order_words(column)
            for order in (Ascending, Descending):
                down = order == Descending
                self.addItem(f"{title}: {words[down]}", column * 2 + down)
        self._show(header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.sortIndicatorChanged.connect(self._show)
        self.activated.connect(self._on_chosen)

    def _show(self, column: int, order: Qt.SortOrder) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(self.findData(column * 2 + (order == Descending)))
        self.blockSignals(False)

    def _on_chosen(self, index: int) -> None:
        column, down = divmod(int(self.itemData(index)), 2)
        self._header.setSortIndicator(column, Descending if down else Ascending)
