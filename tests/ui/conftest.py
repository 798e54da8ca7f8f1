"""Desktop test fixtures: a settings file per test, a vault with a few synthetic cases, the flow.

Every vault here is a copy of the session's template (real SQLCipher, real Argon2id at the
floor); unlocking goes through the real unlock screen and the task runner.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from oxfield.clock import Clock
from oxfield.domain.ehe import EheSource, EheStatus
from oxfield.domain.kinds import Team
from oxfield.services import records
from oxfield.services.profile import Profile, save_profile
from oxfield.vault.paths import VaultFiles
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from ui.flow import AppFlow
from ui.theme import Appearance

OFFICER = "Officer Test"

#: Synthetic children: (given, family, preferred, dob, upn, status, next review)
CHILDREN = [
    ("Zoë", "Ålander", None, date(2014, 5, 2), "A123456789012", EheStatus.OPEN, date(2026, 1, 5)),
    ("Siobhán", "O’Brien", None, date(2013, 9, 30), None, EheStatus.MONITORING, None),
    ("Liam", "OBrien", None, date(2012, 1, 17), None, EheStatus.OPEN, date(2027, 6, 1)),
    ("Seán", "O'Brien", "Shaun", date(2015, 11, 8), None, EheStatus.INFORMAL_ENQUIRY, None),
    ("Amara", "Okafor", None, date(2011, 3, 3), "B987654321098", EheStatus.CLOSED, None),
    ("Łukasz", "Nowak", None, date(2016, 7, 21), None, EheStatus.OPEN, date(2026, 12, 7)),
]


def seed_cases(vault: Vault, officer: str = OFFICER) -> list[str]:
    """Make the synthetic EHE cases above; returns their ids in the order given."""
    ids = []
    with records.writing(vault, records.Actor(officer=officer)) as session:
        for given, family, preferred, dob, upn, status, review in CHILDREN:
            child = records.create_child(
                session,
                team=Team.EHE,
                legal_family_name=family,
                legal_given_names=given,
                preferred_name=preferred,
                date_of_birth=dob,
                upn=upn,
                district="Oxford",
            )
            case = records.open_ehe_case(
                session,
                child,
                notified_on=date(2025, 9, 1),
                source=EheSource.PARENT,
                status=status,
                next_review_on=review,
                assigned_officer=officer,
            )
            session.flush()
            ids.append(case.id)
    save_profile(vault, Profile(officer, "ehe", "Oxford"))
    return ids


@pytest.fixture(scope="session")
def seeded_template(
    vault_template: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[str]]:
    """The session's vault plus the synthetic cases, made once: (path, case ids)."""
    path = _copy_vault(vault_template[0], tmp_path_factory.mktemp("seeded") / "vault.oxv")
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        ids = seed_cases(vault)
    finally:
        vault.lock()
    return path, ids


def _copy_vault(source: Path, target: Path) -> Path:
    src, dst = VaultFiles.at(source), VaultFiles.at(target)
    for a, b in ((src.database, dst.database), (src.keys, dst.keys), (src.wal, dst.wal)):
        if a.exists():
            shutil.copy2(a, b)
    return dst.database


@pytest.fixture
def seeded_vault(seeded_template: tuple[Path, list[str]], tmp_path: Path) -> tuple[Path, list[str]]:
    """A fresh copy of the seeded vault for this test: (path, case ids)."""
    return _copy_vault(seeded_template[0], tmp_path / "vault.oxv"), list(seeded_template[1])


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


class FixedToday(Clock):
    def today(self) -> date:
        return date(2026, 12, 3)


def make_flow(qtbot, path: Path, settings: QSettings, idle_ms: int = 60_000) -> AppFlow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    appearance = Appearance(app, settings)
    appearance.apply()
    flow = AppFlow(path, settings, appearance, idle_ms=idle_ms, clock=FixedToday())
    qtbot.addWidget(flow.window)
    return flow


def start(qtbot, flow: AppFlow) -> None:
    """Show the window and wait until the services have loaded in the background."""
    with qtbot.waitSignal(flow.sig_ready, timeout=20000):
        flow.start()


def unlock(qtbot, flow: AppFlow, passphrase: str = PASSPHRASE) -> None:
    screen = flow.unlock_window
    screen.passphrase.setFocus()
    qtbot.keyClicks(screen.passphrase, passphrase)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.state != "working", timeout=15000)


@pytest.fixture
def flow(qtbot, seeded_vault: tuple[Path, list[str]], settings: QSettings) -> Iterator[AppFlow]:
    made = make_flow(qtbot, seeded_vault[0], settings)
    start(qtbot, made)
    yield made
    made.shutdown()
