"""The permits list through the real widgets: newest reference first, then sorted by a header
click and by the keyboard's "Sort by" choice, each time by the query; the model passes Qt's
model tester once sorted."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from oxfield.vault.vault import Vault
from tests.ui.employment.test_employment_area import BASE, desk
from ui.employment.area import EmploymentArea
from ui.tasks import TaskRunner

APPLICATIONS = (("Amir", "Banbury Bakes"), ("Zara", "abingdon Papers"), ("Kofi", "Cowley Cafe"))


def make(qtbot, vault: Vault, runner: TaskRunner) -> EmploymentArea:
    permits = desk(vault)
    for given, employer in APPLICATIONS:
        permits.record(
            {**BASE, "child_given_names": given, "employer": employer, "term_sat": "09:00-10:00"}
        )
    area = EmploymentArea(runner)
    qtbot.addWidget(area)
    area.resize(1100, 600)
    area.show()
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        area.use(permits)
    return area


def employers(area: EmploymentArea) -> list[str]:
    return [area.model.data(area.model.index(r, 2)) for r in range(area.model.rowCount())]


def test_header_click_and_keyboard_sort(qtbot, vault: Vault, runner: TaskRunner) -> None:
    area = make(qtbot, vault, runner)
    assert employers(area) == ["Cowley Cafe", "abingdon Papers", "Banbury Bakes"]  # newest first
    assert area.sort_choice.currentText() == "Reference: newest first"
    header = area.table.horizontalHeader()
    x = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )
    assert employers(area) == ["abingdon Papers", "Banbury Bakes", "Cowley Cafe"]
    assert area.sort_choice.currentText() == "Employer: A to Z"
    said = area.model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)
    assert said == "Employer, sorted A to Z"
    area.sort_choice.setFocus()
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        qtbot.keyClick(area.sort_choice, Qt.Key.Key_Up)  # Child: Z to A
    children = [area.model.data(area.model.index(r, 1)) for r in range(3)]
    assert children == ["Zara Alpha", "Kofi Alpha", "Amir Alpha"]
    assert header.sortIndicatorSection() == 1
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_sorted_permit_model(qtmodeltester, qtbot, vault: Vault, runner: TaskRunner) -> None:
    area = make(qtbot, vault, runner)
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        area.table.horizontalHeader().setSortIndicator(5, Qt.SortOrder.AscendingOrder)
    assert area.sort_choice.currentText() == "Issued on: oldest first"
    qtmodeltester.check(area.model)
