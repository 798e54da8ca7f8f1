"""The Chaperones list sorts by a header click and by the keyboard's "Sort by" choice: the ids
come again from the query in the new order, only the rows on screen are read, the header's
arrow and accessible text say the order, and the chosen applicant stays chosen."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QPoint, Qt

from oxfield.clock import FixedClock
from oxfield.services import chaperones as ch
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault
from ui.chaperones.area import ChaperonesArea
from ui.chaperones.id_table import PAGE_SIZE
from ui.licensing.chaperone_data import ChaperoneDesk
from ui.tasks import TaskRunner

NOW = datetime(2026, 8, 25, 9, 0, tzinfo=UTC)
FAMILIES = ("Ávila", "brook", "Çelik", "Dlamini", "Evans")
COUNT = PAGE_SIZE + 30  # two pages: a sort that read every row would read both


def seed(vault: Vault) -> None:
    """Applications a day apart; the newest is the first family name's, so the name and date
    orders differ."""
    actor = Actor("officer-1", clock=FixedClock(NOW))
    with writing(vault, actor) as s:
        for n in range(COUNT):
            ch.new_applicant(
                s,
                family_name=f"{FAMILIES[n % len(FAMILIES)]}{n:03d}",
                given_names="Sam",
                date_of_birth=date(1980, 2, 29),
                applied_on=date(2026, 8, 1) - timedelta(days=n),
            )


def make(qtbot, vault: Vault, runner: TaskRunner) -> ChaperonesArea:
    area = ChaperonesArea(runner)
    qtbot.addWidget(area)
    area.resize(1000, 600)
    area.show()
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        area.use(ChaperoneDesk(vault, Actor("officer-1", clock=FixedClock(NOW))))
    return area


def click_header(qtbot, area: ChaperonesArea, column: int) -> None:
    header = area.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )


def column(area: ChaperonesArea, col: int, rows: int = 3) -> list[str]:
    return [area.model.data(area.model.index(r, col)) for r in range(rows)]


def test_header_click_sorts_by_the_query(qtbot, vault: Vault, runner: TaskRunner) -> None:
    seed(vault)
    area = make(qtbot, vault, runner)
    assert column(area, 0) == ["Sam Ávila000", "Sam Ávila005", "Sam Ávila010"]
    header = area.table.horizontalHeader()
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == 0
    fetched = area.model.fetches
    click_header(qtbot, area, 2)  # Applied on, oldest first
    assert column(area, 2) == ["25/03/2026", "26/03/2026", "27/03/2026"]
    assert area.model.fetches == fetched + 1  # one page read, not every row
    assert header.sortIndicatorSection() == 2
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    said = area.model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)
    assert said == "Applied on, sorted oldest first"
    assert area.sort_choice.currentText() == "Applied on: oldest first"
    click_header(qtbot, area, 2)  # again: newest first
    assert column(area, 2) == ["01/08/2026", "31/07/2026", "30/07/2026"]
    said = area.model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)
    assert said == "Applied on, sorted newest first"
    other = area.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)
    assert other == "Name"
    assert area.count_label.text() == f"{COUNT} found"


def test_keyboard_sort_keeps_the_chosen_person(qtbot, vault: Vault, runner: TaskRunner) -> None:
    seed(vault)
    area = make(qtbot, vault, runner)
    area.table.selectRow(1)
    chosen = area.pipeline.chaperone_id
    assert chosen is not None
    area.sort_choice.setFocus()
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        qtbot.keyClick(area.sort_choice, Qt.Key.Key_Down)  # Name: Z to A
    header = area.table.horizontalHeader()
    assert header.sortIndicatorSection() == 0
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert column(area, 0, 1) == [f"Sam Evans{COUNT - 1:03d}"]
    assert area.model.id_at(area.table.currentIndex().row()) == chosen  # still chosen
    assert area.pipeline.chaperone_id == chosen
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        qtbot.keyClick(area.sort_choice, Qt.Key.Key_Down)  # Stage: earliest stage first
    assert header.sortIndicatorSection() == 1
    assert area.status.text().endswith("Waiting for identity documents.")


def test_sorted_list_model(qtmodeltester, qtbot, vault: Vault, runner: TaskRunner) -> None:
    seed(vault)
    area = make(qtbot, vault, runner)
    click_header(qtbot, area, 4)
    qtmodeltester.check(area.model)
