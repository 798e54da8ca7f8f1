"""Unlock through the real screen, lock by button, shortcut and idle time, and the messages for
a wrong passphrase, a damaged vault and a locked-out vault."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from oxfield.errors import WrongPassphraseError
from oxfield.services.drafts import load_draft
from oxfield.services.vaults import lockout_remaining, unlock_vault
from oxfield.vault import backoff
from oxfield.vault.paths import VaultFiles
from tests.conftest import PASSPHRASE
from tests.ui.conftest import make_flow, start, unlock
from ui.flow import AppFlow


def test_unlock_shows_workspace_and_cases(qtbot, flow: AppFlow) -> None:
    assert flow.window.locked
    unlock(qtbot, flow)
    assert flow.vault is not None and not flow.window.locked
    assert flow.window.unlock.passphrase.text() == ""
    view = flow.window.workspace.ehe_list
    assert view.model.rowCount() == 0  # not on screen yet: no query was run for it
    flow.window.workspace.show_area(1)
    qtbot.waitUntil(lambda: view.model.rowCount() == 6)
    # name order (family name first): Ålander sorts as "alander"
    assert view.model.index(0, 1).data() == "Zoë Ålander"


def test_wrong_passphrase_has_its_own_message(qtbot, flow: AppFlow) -> None:
    unlock(qtbot, flow, "not the passphrase at all")
    screen = flow.unlock_window
    assert flow.vault is None
    assert screen.state == "wrong"
    assert "passphrase is not right" in screen.message.text()
    assert screen.passphrase.text() == ""
    unlock(qtbot, flow)  # and the right one still works
    assert flow.vault is not None


def test_locked_out_shows_a_countdown(qtbot, seeded_vault, settings) -> None:
    path = seeded_vault[0]
    for _ in range(5):  # four free attempts, then waiting starts
        with pytest.raises(WrongPassphraseError):
            unlock_vault(path, "wrong passphrase, wrong")
    assert lockout_remaining(path) > 0
    # Six more failures make the wait 64 s, so even a slow machine opens the window inside it;
    # then one more failure dated an hour ago ends the wait without the test sleeping through it.
    files = VaultFiles.at(path)
    for _ in range(6):
        backoff.record_failure(files)
    assert lockout_remaining(path) > 60
    flow = make_flow(qtbot, path, settings)
    start(qtbot, flow)
    screen = flow.unlock_window
    assert screen.state == "locked_out"
    assert "Too many wrong attempts" in screen.message.text()
    assert not screen.unlock_button.isEnabled()
    backoff.record_failure(files, now=lambda: time.time() - 3600)
    qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=10000)
    assert "try again now" in screen.message.text()
    flow.shutdown()


def test_damaged_vault_has_its_own_message(qtbot, seeded_vault, settings) -> None:
    path: Path = seeded_vault[0]
    with path.open("r+b") as handle:  # chop off half a page: not a whole number of pages
        handle.truncate(path.stat().st_size - 2048)
    flow = make_flow(qtbot, path, settings)
    start(qtbot, flow)
    unlock(qtbot, flow)
    screen = flow.unlock_window
    assert flow.vault is None
    assert screen.state == "damaged"
    assert "cannot be read" in screen.message.text()
    assert "Nothing was deleted" in screen.message.text()
    assert path.exists()
    flow.shutdown()


def test_lock_shortcut_clears_models_and_forms(qtbot, flow: AppFlow) -> None:
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    view = workspace.all_cases
    workspace.show_area(5)
    qtbot.waitUntil(lambda: view.model.rowCount() == 6)
    view.search_edit.setText("zoe")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    vault = flow.vault
    qtbot.keyClick(flow.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert flow.window.locked and flow.vault is None
    # the screen locks at once; the vault closes as soon as the work running then has returned
    assert vault is not None
    qtbot.waitUntil(lambda: vault.locked)
    for lst in (workspace.ehe_list, workspace.licensing_list, workspace.all_cases):
        assert lst.model.rowCount() == 0 and lst.model.ids() == [] and lst.model.cached_rows() == 0
        assert lst.search_edit.text() == ""
    assert all(w.count() == 0 for w in workspace.today.lists.values())
    assert workspace.detail.values["display_name"].text() == ""


def test_idle_lock_clears_models_and_keeps_the_draft(qtbot, seeded_vault, settings) -> None:
    path, ids = seeded_vault
    flow = make_flow(qtbot, path, settings, idle_ms=1500)
    start(qtbot, flow)
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    workspace.show_area(1)
    qtbot.waitUntil(lambda: workspace.ehe_list.model.rowCount() == 6)
    workspace.open_case(ids[0])
    detail = workspace.detail
    qtbot.waitUntil(lambda: detail.details is not None)
    detail.start_edit()
    detail.form.edits["preferred_name"].setText("Zo")  # typed, not saved
    with qtbot.waitSignal(flow.sig_locked, timeout=10000) as locked:
        pass
    assert locked.args == ["idle"]
    assert workspace.ehe_list.model.rowCount() == 0
    assert workspace.ehe_list.model.cached_rows() == 0
    assert detail.form.edits["preferred_name"].text() == ""
    assert detail.details is None
    assert "locked itself" in flow.unlock_window.message.text()
    # the draft was written into the vault before it closed
    vault = unlock_vault(path, PASSPHRASE)
    try:
        draft = load_draft(vault, "ehe_case", ids[0])
        assert draft is not None and draft.fields["preferred_name"] == "Zo"
    finally:
        vault.lock()
    flow.shutdown()


def test_recovery_key_opens_the_vault_and_sets_a_new_passphrase(
    qtbot, flow: AppFlow, recovery_key: str
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.dialogs.recovery import RecoveryDialog

    qtbot.mouseClick(flow.unlock_window.recover_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, RecoveryDialog))
    dialog.key_edit.setText("AAAA-" + recovery_key[5:])  # one group wrong
    dialog.first.setText("harbour violet orbit kettle")
    dialog.second.setText("harbour violet orbit kettle")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "not right" in dialog.message.text(), timeout=15000)
    assert flow.vault is None
    dialog.key_edit.setText(recovery_key.lower().replace("-", " "))  # typed loosely
    with qtbot.waitSignal(flow.sig_unlocked, timeout=15000):
        dialog.ok_button.click()
    flow.lock()
    unlock(qtbot, flow, "harbour violet orbit kettle")
    assert flow.vault is not None
