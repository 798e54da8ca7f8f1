"""The case table model's cells in every role it answers, read from rows worked out once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from oxfield.services.cases import CaseRow
from ui.models.case_table import COLUMNS, CaseTableModel

ROW = CaseRow(
    id="case-1",
    reference="EHE-2026-00001",
    team="ehe",
    child_name="Zoë Ålander",
    date_of_birth=date(2014, 5, 2),
    upn="A123456789012",
    school=None,
    status="under_review",
    officer="Officer Test",
    next_review=date(2026, 1, 5),
    overdue=True,
)
ROWS = [
    ROW,
    replace(ROW, id="case-2", overdue=False, sync_state="conflict"),
    replace(ROW, id="case-3", sync_state="rejected", sync_reason="stale", next_review=None),
]


def column(field: str) -> int:
    return [c.field for c in COLUMNS].index(field)


def model_of(rows: list[CaseRow]) -> tuple[CaseTableModel, list[Sequence[str]]]:
    asked: list[Sequence[str]] = []

    def fetch(ids: Sequence[str]) -> list[CaseRow]:
        asked.append(ids)
        return [r for r in rows if r.id in ids]

    model = CaseTableModel(fetch)
    model.set_ids([r.id for r in rows])
    return model, asked


def test_cells_in_words_for_display_screen_readers_and_tooltips(qtmodeltester) -> None:
    model, _ = model_of(ROWS)
    qtmodeltester.check(model, force_py=True)

    def cell(row: int, field: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> object:
        return model.index(row, column(field)).data(role)

    assert cell(0, "date_of_birth") == "02/05/2014"
    assert cell(0, "status") == "Under review"
    assert cell(0, "school") == ""
    assert cell(0, "next_review") == "05/01/2026 (overdue)"
    assert cell(2, "next_review") == "overdue"
    assert cell(1, "next_review") == "05/01/2026"
    assert cell(0, "sync_state") == "new, not yet sent"
    assert cell(2, "sync_state", Qt.ItemDataRole.ToolTipRole) == "rejected by the server: stale"
    assert cell(1, "sync_state", Qt.ItemDataRole.ToolTipRole) == "conflict to review"
    assert cell(0, "school", Qt.ItemDataRole.AccessibleTextRole) == "School: none"
    assert cell(0, "upn", Qt.ItemDataRole.AccessibleTextRole) == "UPN: A123456789012"
    assert cell(1, "reference", Qt.ItemDataRole.UserRole) == "case-2"
    assert cell(0, "child_name", Qt.ItemDataRole.DecorationRole) is None


def test_overdue_reviews_and_sync_trouble_are_bold() -> None:
    model, _ = model_of(ROWS)

    def bold(row: int, field: str) -> bool:
        font = model.index(row, column(field)).data(Qt.ItemDataRole.FontRole)
        return isinstance(font, QFont) and font.bold()

    assert bold(0, "next_review") and not bold(1, "next_review")
    assert not bold(0, "sync_state") and bold(1, "sync_state") and bold(2, "sync_state")
    assert not bold(0, "child_name")


def test_a_new_list_forgets_the_rows_and_texts_of_the_old_one() -> None:
    model, asked = model_of(ROWS)
    assert model.index(1, column("sync_state")).data() == "conflict to review"
    assert len(asked) == 1
    for _ in range(3):  # as every paint does: the page is read once
        assert model.index(0, column("status")).data() == "Under review"
    assert len(asked) == 1
    model.set_ids(["case-2"], [replace(ROWS[1], sync_state="synced", status="open")])
    assert model.index(0, column("sync_state")).data() == "synced"
    assert model.index(0, column("status")).data() == "Open"
    assert len(asked) == 1  # the first page came with its rows
