"""The conflict review dialog, driven with pytest-qt on a real conflict between two laptops."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from oxfield.domain.people import Child
from oxfield.services import sync_status
from tests.sync.helpers import Server
from ui.sync.conflict_dialog import ConflictDialog, by_record, resolve_all


def _click(qtbot, button) -> None:
    """Click a radio button on its indicator (a click beyond its text does nothing)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))


def _conflicting_laptops(sync_server: Server, laptops):
    officer = sync_server.officer("ehe")
    a, b = laptops("a", officer), laptops("b", officer)
    child_id = a.new_child(given="Kai")
    with a.edit() as s:
        s.get(Child, child_id).upn = "Z999999999999"
    a.sync_ok()
    b.sync_ok()
    with a.edit() as s:
        child = s.get(Child, child_id)
        child.preferred_name, child.upn = "Kai A", "A111111111111"
    with b.edit() as s:
        child = s.get(Child, child_id)
        child.preferred_name, child.upn = "Kai B", None
    b.sync_ok()
    assert a.sync_ok().conflicts == 2
    return a, b, child_id


def test_decide_each_field_then_apply(qtbot, sync_server: Server, laptops) -> None:
    a, b, child_id = _conflicting_laptops(sync_server, laptops)
    views = by_record(sync_status.conflicts(a.open()))[child_id]
    dialog = ConflictDialog(sorted(views, key=lambda c: c.field), title="Child record")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    name_row = next(r for r in dialog.rows if r.conflict.field == "preferred_name")
    upn_row = next(r for r in dialog.rows if r.conflict.field == "upn")
    # both sides shown with their values; an absent value is shown as empty
    assert {name_row.mine.text(), name_row.theirs.text()} == {"Kai A", "Kai B"}
    assert "(empty)" in (upn_row.mine.text(), upn_row.theirs.text())
    assert not dialog.apply_button.isEnabled()  # nothing is settled silently

    _click(qtbot, name_row.theirs if name_row.theirs.text() == "Kai B" else name_row.mine)
    assert not dialog.apply_button.isEnabled()
    _click(qtbot, upn_row.edit)
    assert upn_row.text.isEnabled()
    qtbot.keyClicks(upn_row.text, "B222222222222")
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.sig_decided) as decided:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    decisions = decided.args[0]
    assert len(decisions) == 2

    resolve_all(a.open(), decisions)
    a.sync_ok()
    b.sync_ok()
    for laptop in (a, b):
        with laptop.open().read() as s:
            child = s.get(Child, child_id)
            assert (child.preferred_name, child.upn) == ("Kai B", "B222222222222")
        assert [c for c in sync_status.conflicts(laptop.open()) if c.record_id == child_id] == []


def test_controls_have_accessible_names(qtbot, sync_server: Server, laptops) -> None:
    a, _, child_id = _conflicting_laptops(sync_server, laptops)
    dialog = ConflictDialog(by_record(sync_status.conflicts(a.open()))[child_id])
    qtbot.addWidget(dialog)
    for row in dialog.rows:
        for widget in (row.mine, row.theirs, row.edit, row.text):
            assert widget.accessibleName()
    assert dialog.apply_button.accessibleName() == "Apply decisions"
