"""Who typed each conflicting value and when: a real conflict between two officers' laptops,
shown in the review dialog (pytest-qt) and by ``oxfield conflicts list``; and a conflict the
vault stored before it kept those credits (revision 0004) still opens and can be settled."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from alembic import command

from PySide6.QtCore import QPoint, Qt

from oxfield.domain.people import Child
from oxfield.replica.credit import local_time
from oxfield.services import sync_status
from oxfield.vault import migrate
from oxfield.vault.engine import writer
from tests.conftest import PASSPHRASE
from tests.sync.helpers import Server
from ui.cli import main
from ui.sync.conflict_dialog import ConflictDialog, by_record, resolve_all


def test_times_read_in_london_summer_and_winter() -> None:
    assert local_time(datetime(2026, 12, 1, 14, 5, tzinfo=UTC)) == "Tue 1 Dec 2026 14:05"
    assert local_time(datetime(2026, 7, 1, 13, 5, tzinfo=UTC)) == "Wed 1 Jul 2026 14:05"  # BST


def _two_officers_conflict(sync_server: Server, laptops):
    """Officer A's laptop and officer B's (same team and district) set one field of a child
    differently offline; B syncs first, then A meets the conflict. Returns the laptops, the
    child, and the window of time in which the server received both values."""
    officer_a = sync_server.officer("ehe", name="Ann Example")
    officer_b = sync_server.officer("ehe", district=officer_a.district, name="Bea Sample")
    a, b = laptops("a", officer_a), laptops("b", officer_b)
    child_id = a.new_child(given="Kai")
    a.sync_ok()
    b.sync_ok()
    with a.edit() as s:
        s.get(Child, child_id).preferred_name = "Kai A"
    with b.edit() as s:
        s.get(Child, child_id).preferred_name = "Kai B"
    started = datetime.now(UTC)
    b.sync_ok()
    assert a.sync_ok().conflicts == 1
    return a, b, child_id, (started, datetime.now(UTC))


def _dialog(qtbot, laptop, child_id: str) -> ConflictDialog:
    dialog = ConflictDialog(by_record(sync_status.conflicts(laptop.open()))[child_id])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_dialog_and_cli_credit_both_officers_with_times(
    qtbot, sync_server: Server, laptops, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, child_id, (started, ended) = _two_officers_conflict(sync_server, laptops)
    (view,) = by_record(sync_status.conflicts(a.open()))[child_id]
    assert (view.mine, view.theirs) == ("Kai A", "Kai B")
    assert (view.mine_by.officer, view.mine_by.device) == (a.officer.id, a.device_id)
    assert (view.theirs_by.officer, view.theirs_by.device) == (b.officer.id, b.device_id)
    assert view.mine_by.at is not None and view.theirs_by.at is not None
    # B's value reached the server at B's sync, A's at A's later one
    assert started <= view.theirs_by.at < view.mine_by.at <= ended

    dialog = _dialog(qtbot, a, child_id)
    (row,) = dialog.rows
    assert row.mine.text() == "Kai A" and row.theirs.text() == "Kai B"
    mine_text, theirs_text = row.mine_credit.text(), row.theirs_credit.text()
    # named as the server told the laptop, "Name (team)"; the whole ids are in the tooltip
    assert "You, Ann Example (EHE), on this laptop" in mine_text
    assert local_time(view.mine_by.at) in mine_text
    assert f"Bea Sample (EHE), on device {b.device_id[:8]}" in theirs_text
    assert b.officer.id in row.theirs_credit.toolTip()
    assert b.device_id in row.theirs_credit.toolTip()
    assert local_time(view.theirs_by.at) in theirs_text
    assert row.mine_credit.accessibleName() and row.theirs_credit.accessibleName()
    # side by side: each credit sits under its own value
    assert row.mine_credit.geometry().left() == row.mine.geometry().left()
    assert row.theirs_credit.geometry().left() == row.theirs.geometry().left()
    assert row.mine_credit.geometry().top() > row.mine.geometry().bottom()

    monkeypatch.setenv("OXFIELD_PASSPHRASE", PASSPHRASE)
    a.close()
    assert main(["--vault", str(a.path), "conflicts", "list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["mine_by"] == {
        "officer": a.officer.id, "officer_name": "Ann Example", "officer_team": "ehe",
        "device": a.device_id, "this_laptop": True,
        "at": view.mine_by.at.isoformat(), "at_local": local_time(view.mine_by.at),
    }  # fmt: skip
    assert listed["theirs_by"]["officer"] == b.officer.id
    assert listed["theirs_by"]["device"] == b.device_id
    assert listed["theirs_by"]["at"] == view.theirs_by.at.isoformat()

    # B's laptop reads the same conflict the other way round
    b.sync_ok()
    b.close()
    assert main(["--vault", str(b.path), "conflicts", "list"]) == 0
    header, line = capsys.readouterr().out.strip().splitlines()
    cells = dict(zip(header.split("\t"), line.split("\t"), strict=True))
    assert (cells["mine"], cells["theirs"]) == ('"Kai B"', '"Kai A"')
    assert cells["mine_by"] == "You, Bea Sample (EHE), on this laptop"
    assert cells["mine_at"] == local_time(view.theirs_by.at)
    assert cells["theirs_by"] == f"Ann Example (EHE), on device {a.device_id[:8]}"
    assert cells["theirs_at"] == local_time(view.mine_by.at)


def test_conflict_stored_before_the_migration_opens_and_settles(
    qtbot, sync_server: Server, laptops
) -> None:
    a, b, child_id, _ = _two_officers_conflict(sync_server, laptops)
    vault = a.open()
    cfg = migrate._config()
    with writer(vault.engine).begin() as conn:  # the vault as 0004 left it: no credit columns
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004_case_search")
    assert migrate.current_revision(vault.engine) == "0004_case_search"
    a.close()
    vault = a.open()  # unlocking migrates the stored conflict forward
    assert migrate.current_revision(vault.engine) == migrate.head_revision()

    (view,) = by_record(sync_status.conflicts(vault))[child_id]
    assert (view.mine, view.theirs) == ("Kai A", "Kai B")
    assert view.mine_by.at is None and view.theirs_by.at is None
    # 0004 kept the other value's officer (A's, the earlier edit) but not the kept value's,
    # and no names (0006): the start of the id stands in for the name
    assert view.mine_by.officer == a.officer.id and view.theirs_by.officer is None
    dialog = _dialog(qtbot, a, child_id)
    (row,) = dialog.rows
    assert row.mine_credit.text() == (
        f"You (officer {a.officer.id[:8]}), on this laptop\ntime not recorded"
    )
    assert row.theirs_credit.text() == (
        f"An officer not recorded, on device {b.device_id[:8]}\ntime not recorded"
    )

    qtbot.mouseClick(row.theirs, Qt.MouseButton.LeftButton, pos=QPoint(6, row.theirs.height() // 2))
    with qtbot.waitSignal(dialog.sig_decided) as decided:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    resolve_all(vault, decided.args[0])
    a.sync_ok()
    b.sync_ok()
    for laptop in (a, b):
        with laptop.open().read() as s:
            assert s.get(Child, child_id).preferred_name == "Kai B"
        assert sync_status.conflicts(laptop.open()) == []
