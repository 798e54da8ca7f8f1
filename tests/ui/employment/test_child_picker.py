"""The permit's child through the real widgets: an existing child is found by name or date of
birth (any case, accents, apostrophe style or script) and picked by keyboard; a new child typed
with the name and birthday of one already in the vault is warned about and offered, and the
officer's answer decides which child the permit is for. Birthdays on 29 February."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from oxfield.clock import FixedClock
from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.kinds import Team
from oxfield.domain.people import Child
from oxfield.services.records import Actor, create_child, writing
from oxfield.vault.vault import Vault
from tests.ui.employment.test_employment_area import BASE, desk, type_all
from ui.employment.permit_form import PermitForm
from ui.tasks import TaskRunner

CLOCK = FixedClock(datetime(2026, 8, 25, 9, 0, tzinfo=UTC))
LEAP = date(2012, 2, 29)
CHILDREN = (("Zoë", "O’Brien"), ("Анастасия", "Петрова"), ("小龙", "李"))


def seed(vault: Vault) -> dict[str, str]:
    """Three children born on 29/02/2012 and one on another day; their ids by family name."""
    ids = {}
    with writing(vault, Actor("officer-1", clock=CLOCK)) as s:
        for given, family in (*CHILDREN, ("Zoe", "Obi")):
            child = create_child(
                s,
                team=Team.EHE,
                legal_family_name=family,
                legal_given_names=given,
                date_of_birth=LEAP if family != "Obi" else date(2012, 3, 1),
            )
            s.flush()
            ids[family] = child.id
    return ids


def make(qtbot, vault: Vault, runner: TaskRunner) -> PermitForm:
    form = PermitForm(runner)
    qtbot.addWidget(form)
    form.show()
    with qtbot.waitSignal(form.form.sig_draft_loaded, timeout=5000):
        form.use(desk(vault))
    return form


def search(qtbot, form: PermitForm, text: str) -> list[str]:
    form.picker.search_edit.setFocus()
    form.picker.search_edit.clear()
    with qtbot.waitSignal(form.picker.sig_found, timeout=5000):
        if text.isascii():
            qtbot.keyClicks(form.picker.search_edit, text)
        else:  # QTest types ASCII only: other scripts arrive as an input method commits them
            form.picker.search_edit.insert(text)
    results = form.picker.results
    return [results.item(i).text() for i in range(results.count())]


def permit_child(vault: Vault) -> tuple[str, int]:
    """The recorded permit's child, and how many children the vault holds."""
    with vault.read() as s:
        child_id = s.scalars(select(EmploymentPermit.child_id)).one()
        return child_id, s.scalar(select(func.count()).select_from(Child)) or 0


def record(qtbot, form: PermitForm) -> None:
    qtbot.waitUntil(form.record_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(form.sig_recorded, timeout=5000):
        qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)


def test_search_ignores_case_accents_apostrophes_and_script(
    qtbot, vault: Vault, runner: TaskRunner
) -> None:
    seed(vault)
    form = make(qtbot, vault, runner)
    assert search(qtbot, form, "ZOE O'BRIEN") == ["Zoë O’Brien, born 29/02/2012"]
    assert search(qtbot, form, "петрова") == ["Анастасия Петрова, born 29/02/2012"]
    assert search(qtbot, form, "李") == ["小龙 李, born 29/02/2012"]
    born = search(qtbot, form, "29/02/2012")
    assert len(born) == 3 and not any("Obi" in line for line in born)
    assert search(qtbot, form, "zoe 01/03/2012") == ["Zoe Obi, born 01/03/2012"]
    assert search(qtbot, form, "Nobody") == ["No child found: type the child below."]
    assert not form.picker.use_button.isEnabled()


def test_pick_by_keyboard_and_record_for_that_child(
    qtbot, vault: Vault, runner: TaskRunner
) -> None:
    ids = seed(vault)
    form = make(qtbot, vault, runner)
    search(qtbot, form, "obrien")
    qtbot.keyClick(form.picker.search_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is form.picker.results
    with qtbot.waitSignal(form.picker.sig_chosen, timeout=5000):
        qtbot.keyClick(form.picker.results, Qt.Key.Key_Return)
    assert form.picker.chosen_label.text() == (
        "Permit for Zoë O’Brien, born 29/02/2012 (already in the vault)."
    )
    given = form.form.widgets["child_given_names"]
    assert isinstance(given, QLineEdit) and given.text() == "Zoë" and given.isReadOnly()
    others = {k: v for k, v in BASE.items() if not k.startswith("child_")}
    for name, text in {**others, "term_sat": "09:00-11:00"}.items():
        edit = form.form.widgets[name]
        assert isinstance(edit, QLineEdit)
        with qtbot.waitSignal(form.sig_findings, timeout=5000):
            edit.setText(text)
    assert form.verdict.text() == "Rules verdict: issue."
    record(qtbot, form)
    assert permit_child(vault) == (ids["O’Brien"], 4)  # no second Zoë
    assert not given.isReadOnly() and given.text() == ""


def test_a_typed_duplicate_is_offered_and_used(qtbot, vault: Vault, runner: TaskRunner) -> None:
    ids = seed(vault)
    form = make(qtbot, vault, runner)
    typed = {
        **BASE,
        "child_given_names": "ZOE",
        "child_family_name": "o'brien",
        "child_date_of_birth": "29/02/2012",
        "term_sat": "09:00-11:00",
    }
    with qtbot.waitSignal(form.picker.sig_same_checked, timeout=5000):
        type_all(qtbot, form, typed)
    qtbot.waitUntil(lambda: form.picker.blocking, timeout=5000)
    assert form.picker.warning.text().startswith(
        "Already in the vault: Zoë O’Brien, born 29/02/2012."
    )
    assert form.ready  # every field reads: only the match holds Record back
    assert not form.record_button.isEnabled()
    qtbot.mouseClick(form.picker.use_same_button, Qt.MouseButton.LeftButton)
    assert form.picker.chosen is not None and form.picker.chosen.id == ids["O’Brien"]
    assert form.picker.warning.text() == ""
    record(qtbot, form)
    assert permit_child(vault) == (ids["O’Brien"], 4)


def test_a_different_child_with_the_same_name_is_recorded_new(
    qtbot, vault: Vault, runner: TaskRunner
) -> None:
    ids = seed(vault)
    form = make(qtbot, vault, runner)
    typed = {
        **BASE,
        "child_given_names": "анастасия",
        "child_family_name": "ПЕТРОВА",
        "child_date_of_birth": "29/02/2012",
        "term_sat": "09:00-11:00",
    }
    type_all(qtbot, form, typed)
    qtbot.waitUntil(lambda: form.picker.blocking, timeout=5000)
    assert not form.record_button.isEnabled()
    qtbot.mouseClick(form.picker.different_button, Qt.MouseButton.LeftButton)
    assert form.record_button.isEnabled()
    record(qtbot, form)
    child_id, children = permit_child(vault)
    assert child_id != ids["Петрова"] and children == 5


def test_lock_forgets_the_search_and_the_choice(qtbot, vault: Vault, runner: TaskRunner) -> None:
    seed(vault)
    form = make(qtbot, vault, runner)
    search(qtbot, form, "obi")
    form.picker.use_current()
    assert form.picker.chosen is not None
    form.detach()
    picker = form.picker
    assert picker.chosen is None and picker.found == [] and picker.results.count() == 0
    assert picker.search_edit.text() == "" and picker.chosen_label.text() == ""
    given = form.form.widgets["child_given_names"]
    assert isinstance(given, QLineEdit) and given.text() == "" and not given.isReadOnly()


def test_a_restored_draft_finds_the_match_again(qtbot, vault: Vault, runner: TaskRunner) -> None:
    """The draft keeps the typing, not the pick: reopened, the same child is offered again."""
    seed(vault)
    form = make(qtbot, vault, runner)
    typed = {
        "child_given_names": "小龙",
        "child_family_name": "李",
        "child_date_of_birth": "29/02/2012",
    }
    type_all(qtbot, form, {**BASE, **typed})
    qtbot.waitUntil(lambda: form.picker.blocking, timeout=5000)
    form.detach()  # at lock the typing is saved as a draft
    assert not form.picker.blocking and form.picker.warning.text() == ""
    with qtbot.waitSignal(form.picker.sig_same_checked, timeout=5000):
        form.use(desk(vault))
    assert form.picker.blocking
    assert form.picker.warning.text().startswith("Already in the vault: 小龙 李, born 29/02/2012.")
    assert not form.record_button.isEnabled()
