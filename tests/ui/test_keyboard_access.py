"""Keyboard-only use of the main views, accessible names on every control, text scaling and
the high-contrast style, and a layout that fits a 1366x768 screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from tests.conftest import PASSPHRASE
from ui.flow import AppFlow


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(), key, modifier)


def tab_until(qtbot, predicate, limit: int = 25) -> QWidget:
    for _ in range(limit):
        if predicate(focus()):
            return focus()
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"never reached; focus stayed on {focus().accessibleName()!r}")


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        focusable = widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if focusable and not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__}:{widget.objectName()}")
    return missing


def test_keyboard_only_unlock_find_open_edit_and_lock(qtbot, flow: AppFlow) -> None:
    window = flow.window
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is flow.unlock_window.passphrase)
    assert unnamed_controls(window) == []
    qtbot.keyClicks(focus(), PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.vault is not None, timeout=15000)
    workspace = window.workspace
    qtbot.waitUntil(lambda: focus() is workspace.navigation)
    press(qtbot, Qt.Key.Key_Down)  # the areas list: arrows move between areas
    assert workspace.current_view() is workspace.ehe_list
    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    view = workspace.all_cases
    assert workspace.current_view() is view
    qtbot.waitUntil(lambda: view.model.rowCount() == 6)
    assert unnamed_controls(window) == []

    tab_until(qtbot, lambda w: w is view.search_edit)
    with qtbot.waitSignal(view.sig_results):
        qtbot.keyClicks(focus(), "nowak")
    table = tab_until(qtbot, lambda w: isinstance(w, QTableView))
    assert table is view.table
    press(qtbot, Qt.Key.Key_Down)
    detail = workspace.detail
    with qtbot.waitSignal(detail.sig_loaded):
        press(qtbot, Qt.Key.Key_Return)
    assert workspace.current_view() is detail
    assert detail.values["display_name"].text() == "Łukasz Nowak"
    qtbot.waitUntil(lambda: focus() is detail.edit_button)
    assert unnamed_controls(window) == []
    press(qtbot, Qt.Key.Key_Space)  # Edit
    assert detail.editing and focus() is detail.form.edits["legal_given_names"]
    assert unnamed_controls(window) == []
    dob = tab_until(qtbot, lambda w: w is detail.form.edits["date_of_birth"])
    dob.selectAll()
    qtbot.keyClicks(dob, "31/02/2016")  # no such day: told at once, beside the field
    assert "real date" in detail.form.errors["date_of_birth"].text()
    assert not detail.save_button.isEnabled()
    press(qtbot, Qt.Key.Key_Escape)  # leave the form (the draft is kept)
    assert not detail.editing
    press(qtbot, Qt.Key.Key_Escape)  # back to the list
    assert workspace.current_view() is view
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert flow.locked and window.locked


def test_text_scales_and_fits_a_small_screen(qtbot, flow: AppFlow, settings) -> None:
    app = QApplication.instance()
    base = app.font().pointSizeF()
    appearance = flow.window._appearance
    appearance.set_scale(2.0)
    assert app.font().pointSizeF() == base * 2
    assert f"font-size: {base * 2 * 1.6:.1f}pt" in app.styleSheet()  # titles scale too
    hint = flow.window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768
    flow.window.resize(1366, 768)
    assert flow.window.width() <= 1366
    qtbot.keyClick(
        flow.window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert appearance.theme == "high_contrast" and flow.window.contrast_action.isChecked()
    assert "background: #000000" in app.styleSheet()
    assert settings.value("appearance/theme") == "high_contrast"  # not personal: may persist
    flow.window.contrast_action.trigger()
    appearance.set_scale(1.0)
    assert appearance.theme == "default" and app.font().pointSizeF() == base


def test_menu_bar_holds_every_action_with_distinct_mnemonics(qtbot, flow: AppFlow) -> None:
    from tests.ui.conftest import unlock

    unlock(qtbot, flow)
    window = flow.window
    menus = {m.title(): m for m in (a.menu() for a in window.menuBar().actions()) if m}
    assert list(menus) == ["&File", "&View", "&Sync", "&Reports", "&Help"]
    keys = [title[title.index("&") + 1].lower() for title in menus]
    assert len(set(keys)) == len(keys)  # one Alt key per menu
    in_menus = {a for m in menus.values() for a in m.actions()}
    for action in (*window.unlocked_actions, window.about_action, window.contrast_action):
        assert action in in_menus, action.text()
    sync_texts = [a.text() for a in menus["&Sync"].actions() if not a.isSeparator()]
    assert "Rejected changes…" in sync_texts and "Sync when the network returns" in sync_texts
    toolbar_keys = [
        a.text()[a.text().index("&") + 1].lower() for a in window.actions() if "&" in a.text()
    ]
    assert not set(toolbar_keys) & set(keys)  # no toolbar mnemonic steals a menu's Alt key
