"""Finding a case: accents, apostrophes, dates, UPNs, filters, sorting, and the model contract."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from tests.ui.conftest import unlock
from ui.flow import AppFlow
from ui.models.case_table import CaseTableModel
from ui.views.case_list import CaseListView


def names(view: CaseListView) -> list[str]:
    return [view.model.index(r, 1).data() for r in range(view.model.rowCount())]


def search(qtbot, view: CaseListView, text: str) -> list[str]:
    with qtbot.waitSignal(view.sig_results, timeout=5000):
        view.search_edit.clear()
        for ch in text:  # QTest cannot synthesise keys beyond Latin-1 (’): insert those
            if ord(ch) < 256:
                qtbot.keyClicks(view.search_edit, ch)
            else:
                view.search_edit.insert(ch)
    return names(view)


@pytest.fixture
def view(qtbot, flow: AppFlow) -> CaseListView:
    unlock(qtbot, flow)
    flow.window.workspace.show_area(5)  # lists search when first shown
    found = flow.window.workspace.all_cases
    qtbot.waitUntil(lambda: found.model.rowCount() == 6)
    return found


SEARCHES = [
    ("zoe", {"Zoë Ålander"}),
    ("ZOË", {"Zoë Ålander"}),
    ("alander", {"Zoë Ålander"}),
    ("lukasz", {"Łukasz Nowak"}),
    ("O'Brien", {"Siobhán O’Brien", "Liam OBrien", "Shaun O'Brien"}),
    ("O’Brien", {"Siobhán O’Brien", "Liam OBrien", "Shaun O'Brien"}),
    ("obrien", {"Siobhán O’Brien", "Liam OBrien", "Shaun O'Brien"}),
    ("siobhan o'brien", {"Siobhán O’Brien"}),
    ("sean", {"Shaun O'Brien"}),  # the legal name finds the preferred one
    ("30/09/2013", {"Siobhán O’Brien"}),
    ("2014-05-02", {"Zoë Ålander"}),
    ("a123456789012", {"Zoë Ålander"}),
    ("no such child", set()),
]


def test_search_matches_regardless_of_accents_and_apostrophes(qtbot, view) -> None:
    for typed, expected in SEARCHES:  # one unlocked window for the whole table
        assert set(search(qtbot, view, typed)) == expected, typed
    assert view.count_label.text() == "0 cases found"


def test_search_by_reference(qtbot, view: CaseListView) -> None:
    reference = view.model.row_at(0).reference
    assert search(qtbot, view, reference.lower()) == [view.model.row_at(0).child_name]


def test_filters_and_sorting(qtbot, view: CaseListView) -> None:
    with qtbot.waitSignal(view.sig_results):
        view.status_combo.setCurrentIndex(view.status_combo.findData("open"))
    assert set(names(view)) == {"Zoë Ålander", "Liam OBrien", "Łukasz Nowak"}
    with qtbot.waitSignal(view.sig_results):
        view.overdue_box.setChecked(True)  # today is 3 Dec 2026 in these tests
    assert names(view) == ["Zoë Ålander"]
    with qtbot.waitSignal(view.sig_results):
        view.overdue_box.setChecked(False)
    with qtbot.waitSignal(view.sig_results):
        view.status_combo.setCurrentIndex(0)
    header = view.table.horizontalHeader()
    with qtbot.waitSignal(view.sig_results):
        header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)  # date of birth, youngest first
    dobs = [view.model.row_at(r).date_of_birth for r in range(6)]
    assert dobs == sorted(dobs, reverse=True)
    with qtbot.waitSignal(view.sig_results):
        view.officer_combo.setCurrentIndex(view.officer_combo.findData("Officer Test"))
    assert len(names(view)) == 6
    with qtbot.waitSignal(view.sig_results):
        view.team_combo.setCurrentIndex(view.team_combo.findData("licensing"))
    assert names(view) == []


def test_overdue_is_shown_in_words_and_rows_are_fetched_lazily(qtbot, view) -> None:
    row = names(view).index("Zoë Ålander")
    assert view.model.index(row, 8).data() == "05/01/2026 (overdue)"
    assert (
        view.model.index(row, 8)
        .data(Qt.ItemDataRole.AccessibleTextRole)
        .startswith("Next review: 05/01/2026")
    )
    view.model.set_ids(view.model.ids())  # forget the rows the search brought with it
    before = view.model.fetches
    view.model.index(3, 1).data()
    assert view.model.fetches == before + 1  # read on demand, one page at a time
    view.model.index(4, 1).data()
    assert view.model.fetches == before + 1  # same page: no second read


def test_stale_search_results_are_dropped(qtbot, view: CaseListView) -> None:
    view.search_edit.setText("zoe")
    view.search_now()
    view.search_edit.setText("lukasz")
    with qtbot.waitSignal(view.sig_results, timeout=5000):
        view.search_now()
    qtbot.wait(200)
    assert names(view) == ["Łukasz Nowak"]


def test_case_table_model_passes_qtmodeltester(qtbot, qtmodeltester, view) -> None:
    qtmodeltester.check(view.model, force_py=True)


def test_empty_and_cleared_model_passes_qtmodeltester(qtmodeltester) -> None:
    model = CaseTableModel()
    qtmodeltester.check(model, force_py=True)  # stays connected: checks the resets below
    model.set_ids(["a", "b"])  # no fetcher: rows stay blank, never an exception
    assert model.rowCount() == 2 and model.index(1, 1).data() is None
    model.clear()
    assert model.rowCount() == 0


def test_first_page_shows_before_the_whole_list_which_extends_it(
    qtbot, qtmodeltester, view: CaseListView, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.views.case_list as case_list

    monkeypatch.setattr(case_list, "FIRST_PAGE", 2)
    qtmodeltester.check(view.model, force_py=True)  # stays connected: checks the insertions
    view.table.selectRow(1)
    resets: list[int] = []
    view.model.modelReset.connect(lambda: resets.append(1))
    seen: list[tuple[str, int]] = []
    view.sig_first_page.connect(lambda n: seen.append(("first", n)))
    view.sig_results.connect(lambda n: seen.append(("whole", n)))
    with qtbot.waitSignal(view.sig_results, timeout=5000):
        view.search_now()
    assert seen == [("first", 2), ("whole", 6)]
    assert len(resets) == 1 and view.model.rowCount() == 6  # one reset, then rows appended
    assert view.table.currentIndex().row() == 1 or not view.table.currentIndex().isValid()
    assert view.count_label.text() == "6 cases found"
    # a search whose first page holds every match is answered by the first query alone
    with qtbot.waitSignal(view.sig_results, timeout=5000):
        view.search_edit.setText("lukasz")
        view.search_now()
    before = view.model.fetches
    assert names(view) == ["Łukasz Nowak"] and view.count_label.text() == "1 case found"
    assert view.model.fetches == before  # its rows came with it from the worker thread


def test_only_the_last_keystrokes_search_is_shown(qtbot, view: CaseListView) -> None:
    shown: list[str] = []
    view.sig_first_page.connect(lambda _n: shown.append(view.search_edit.text()))
    view.sig_results.connect(lambda _n: shown.append(view.search_edit.text()))
    for text in ("o", "ob", "obr", "obri", "obrie", "obrien"):
        view.search_edit.setText(text)
        view.search_now()  # as if the debounce fired after every key
    qtbot.waitUntil(lambda: "obrien" in shown, timeout=5000)
    qtbot.wait(200)
    assert set(shown) == {"obrien"}
    assert set(names(view)) == {"Siobhán O’Brien", "Liam OBrien", "Shaun O'Brien"}


def test_sync_state_column_in_words_and_for_screen_readers(qtbot, view: CaseListView) -> None:
    from ui.models.case_table import COLUMNS

    column = [c.field for c in COLUMNS].index("sync_state")
    assert view.model.headerData(column, Qt.Orientation.Horizontal) == "Sync"
    states = {view.model.index(r, column).data() for r in range(view.model.rowCount())}
    assert states == {"new, not yet sent"}  # this vault has never synced
    accessible = view.model.index(0, column).data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible == "Sync: new, not yet sent"
    assert not view.table.isColumnHidden(column)


def test_the_whole_list_is_read_only_after_the_first_rows_are_painted(
    qtbot, view: CaseListView, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.views.case_list as case_list

    monkeypatch.setattr(case_list, "FIRST_PAGE", 2)
    events: list[str] = []
    real_find = case_list.find_case_ids

    def find(*args, **kwargs):  # runs on the worker thread
        events.append("first page read" if kwargs.get("limit") else "whole list read")
        return real_find(*args, **kwargs)

    monkeypatch.setattr(case_list, "find_case_ids", find)
    view.sig_first_page.connect(lambda _n: events.append("first rows shown"))
    with qtbot.waitSignal(view.sig_results, timeout=5000):
        view.search_now()
    # the whole list's worker would hold the GIL the paint needs: it waits for the paint
    assert events == ["first page read", "first rows shown", "whole list read"]
    assert view.model.rowCount() == 6
