"""Case intake through the dialog: a bad field is named, a possible duplicate is shown before
any child is made, and the officer's choice decides."""

from __future__ import annotations

from PySide6.QtCore import Qt

from oxfield.domain.ehe import EheSource
from oxfield.domain.people import Child
from oxfield.services import records
from oxfield.services.ehe import CaseOpened
from ui.ehe.intake_dialog import CaseIntakeDialog


def children(vault) -> int:
    with vault.read() as s:
        return s.query(Child).count()


def make_dialog(qtbot, runner, vault, actor) -> CaseIntakeDialog:
    dialog = CaseIntakeDialog(runner, vault, actor)
    qtbot.addWidget(dialog)
    return dialog


def type_notice(qtbot, d: CaseIntakeDialog, given: str, family: str, dob: str) -> None:
    qtbot.keyClicks(d.given, given)
    qtbot.keyClicks(d.family, family)
    qtbot.keyClicks(d.dob, dob)
    qtbot.keyClicks(d.address, "3 Cowley Road")
    qtbot.keyClicks(d.postcode, "OX4 1HP")
    qtbot.keyClicks(d.parents.rows[0].given, "Mairead")
    qtbot.keyClicks(d.parents.rows[0].family, family)
    qtbot.keyClicks(d.notified, "02/11/2026")
    d.source.setCurrentIndex(d.source.findData(EheSource.PARENT.value))


def test_bad_date_is_named_and_nothing_written(qtbot, runner, open_vault, actor) -> None:
    vault, _ids = open_vault
    before = children(vault)
    d = make_dialog(qtbot, runner, vault, actor)
    type_notice(qtbot, d, "Aoife", "Byrne", "31/02/2015")
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    assert "Date of birth" in d.message.text()
    assert children(vault) == before


def test_duplicate_is_shown_then_a_different_child_is_made(qtbot, runner, open_vault, actor):
    vault, _ids = open_vault
    before = children(vault)
    d = make_dialog(qtbot, runner, vault, actor)
    # the seeded "Siobhán O’Brien" (curly apostrophe, accent), typed plainly
    type_notice(qtbot, d, "Siobhan", "O'Brien", "30/09/2013")
    with qtbot.waitSignal(d.sig_duplicates, timeout=10000, raising=False) as shown:
        qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    assert shown.signal_triggered, d.message.text()
    assert shown.args[0] >= 1
    assert not d.duplicates.isHidden() and d.open_button.isHidden()
    assert "O’Brien" in d.duplicates.item(0).text()
    assert children(vault) == before  # nothing made yet
    with qtbot.waitSignal(d.sig_opened, timeout=10000) as opened:
        qtbot.mouseClick(d.different_button, Qt.MouseButton.LeftButton)
    assert isinstance(opened.args[0], CaseOpened)
    assert children(vault) == before + 1


def test_duplicate_attached_to_the_existing_child(qtbot, runner, open_vault, actor) -> None:
    vault, _ids = open_vault
    before = children(vault)
    d = make_dialog(qtbot, runner, vault, actor)
    type_notice(qtbot, d, "Siobhan", "OBrien", "30/09/2013")
    with qtbot.waitSignal(d.sig_duplicates, timeout=10000):
        qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    existing = d.candidates[0]
    with qtbot.waitSignal(d.sig_opened, timeout=10000) as opened:
        qtbot.mouseClick(d.use_existing_button, Qt.MouseButton.LeftButton)
    assert opened.args[0].child_id == existing
    assert children(vault) == before
    with vault.read() as s:
        assert records.get(s, Child, existing).legal_family_name == "O’Brien"
