"""The day's events of an inspection, as a read-only table in time order (London time).

Redrawn from each view the screen reads, but only when an event was added or its time
corrected, so the timer's tick every second does not rebuild the table (or lose the row the
officer has chosen for a correction).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget

from oxfield.clock import LONDON
from ui.licensing.inspection_data import EventLine, InspectionView


class EventsTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setAccessibleName("The day's events")
        self.setHorizontalHeaderLabels(["Time", "Child", "Event", "Corrected"])
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.shown: list[EventLine] = []  # the events on screen, in order

    def show_view(self, view: InspectionView) -> list[tuple[int, str]] | None:
        """Show the view's events; their (id, label) for the correction's list, or None when
        nothing changed since the last view."""
        names = {c.licence_id: c.child for c in view.children}
        events = sorted((e for c in view.children for e in c.events), key=lambda e: (e.at, e.id))
        if [(e.id, e.at) for e in events] == [(e.id, e.at) for e in self.shown]:
            return None
        self.shown = events
        self.setRowCount(len(events))
        for row, event in enumerate(events):
            when = event.at.astimezone(LONDON)
            cells = (
                when.strftime("%H:%M:%S"),
                names[event.licence_id],
                event.kind.value,
                "yes" if event.corrected else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, event.id)
                self.setItem(row, column, item)
        return [
            (e.id, f"{e.at.astimezone(LONDON):%H:%M} {names[e.licence_id]}: {e.kind.value}")
            for e in events
        ]

    def clear_events(self) -> None:
        self.shown = []
        self.setRowCount(0)
