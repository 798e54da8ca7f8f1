"""The first-run wizard makes a real vault: passphrase policy, recovery key once, profile."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from oxfield.services.profile import load_profile
from oxfield.services.vaults import recover_vault, unlock_vault, vault_exists
from ui.dialogs.first_run import FirstRunWizard
from ui.tasks import TaskRunner
from ui.widgets.passphrase import MIN_LENGTH, assess

STRONG = "kettle orbit violet harbour"


def test_policy_prefers_length_over_symbols() -> None:
    assert not assess("Sh0rt!#").acceptable
    assert not assess("x" * (MIN_LENGTH - 1)).acceptable
    assert assess("aaaaaaaaaaaaaaaaaaaa").score < assess(STRONG).score
    assert assess(STRONG).score == 4  # no digit or symbol needed
    assert assess("P@ssw0rd!P@ssw0rd!").score <= 2  # symbols cannot rescue a common word


def test_wizard_creates_vault_shows_key_once_and_stores_profile(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new folder ü" / "vault.oxv"
    runner = TaskRunner()
    wizard = FirstRunWizard(path, runner)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.passphrase_page
    next_button = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.keyClicks(page.first, "short")
    assert not page.isComplete()
    assert "more characters" in page.meter.label.text()
    page.first.clear()
    qtbot.keyClicks(page.first, STRONG)
    qtbot.keyClicks(page.second, STRONG + "x")
    assert not page.isComplete()
    assert "different" in page.mismatch.text()
    qtbot.keyClick(page.second, Qt.Key.Key_Backspace)
    assert page.isComplete() and next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)

    recovery = wizard.recovery_page
    qtbot.waitUntil(lambda: bool(recovery.key_edit.text()), timeout=30000)
    key = recovery.key_edit.text()
    assert vault_exists(path)
    assert page.first.text() == "" and page.second.text() == ""  # the passphrase is forgotten
    assert not recovery.isComplete()  # until the officer says the key was kept
    saved = tmp_path / "USB stick" / "oxfield-recovery-key.txt"
    saved.parent.mkdir()
    saved.write_text("an older key file, world-readable\n")
    saved.chmod(0o644)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(saved), ""))
    qtbot.mouseClick(recovery.save_button, Qt.MouseButton.LeftButton)
    assert saved.read_text(encoding="utf-8") == f"OxField recovery key\n{key}\n"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # it opens the vault: the owner's alone
    assert recovery.status.text().startswith("Saved.")
    recovery.kept_box.setChecked(True)
    assert recovery.isComplete()
    wizard.next()

    profile_page = wizard.profile_page
    form = profile_page.form
    assert not profile_page.isComplete()
    qtbot.keyClicks(form.name_edit, "  Test   Officer ")
    form.team_combo.setCurrentIndex(form.team_combo.findData("licensing"))
    form.district_combo.setCurrentIndex(form.district_combo.findData("Cherwell"))
    with qtbot.waitSignal(wizard.sig_vault_ready) as ready:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    vault = ready.args[0]
    assert recovery.key_edit.text() == ""  # shown once, then gone from the widgets
    profile = load_profile(vault)
    assert profile is not None
    assert (profile.officer_name, profile.team, profile.district) == (
        "Test Officer",
        "licensing",
        "Cherwell",
    )
    vault.lock()
    unlock_vault(path, STRONG).lock()
    recover_vault(path, key, "a brand new passphrase here").lock()  # the key shown really works
    runner.shutdown()


def test_no_vault_means_the_wizard_not_the_unlock_screen(qtbot, tmp_path: Path) -> None:
    from tests.ui.conftest import make_flow, start

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    flow = make_flow(qtbot, tmp_path / "none" / "vault.oxv", settings)
    start(qtbot, flow)
    assert flow.wizard is not None and flow.wizard.isVisible()
    assert not flow.window.isVisible()
    flow.wizard.reject()  # closing it without a vault leaves nothing behind
    assert not vault_exists(tmp_path / "none" / "vault.oxv")
    flow.shutdown()
