"""The Chaperones area's list and drafts: an expired approval is marked and refused a card by
name, a chosen applicant's recorded steps are shown, a step's typing survives in the vault's
drafts and comes back, and the list's model passes Qt's model tester."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from oxfield.clock import FixedClock
from oxfield.services import chaperones as ch
from oxfield.services.drafts import load_draft
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault
from tests.oxfield.services.licensing_helpers import interview, ready_applicant
from ui.chaperones.area import ChaperonesArea
from ui.licensing.chaperone_data import ChaperoneDesk
from ui.tasks import TaskRunner

APPROVED_ON = datetime(2026, 3, 25, 10, 0, tzinfo=UTC)
LATER = datetime(2029, 4, 1, 10, 0, tzinfo=UTC)  # after the three years ran out


def seed(vault: Vault) -> None:
    """One approved in 2026 (expired by 2029), one applicant waiting for references."""
    actor = Actor("officer-1", clock=FixedClock(APPROVED_ON))
    with writing(vault, actor) as s:
        approved = ready_applicant(s)
        interview(s, approved, actor)
        ch.decide(
            s, approved, outcome=ch.Outcome.APPROVE, decided_on=date(2026, 3, 25), actor=actor
        )
        waiting = ch.new_applicant(
            s,
            family_name="Adeyemi",
            given_names="Tunde",
            date_of_birth=date(1975, 6, 1),
            applied_on=date(2026, 3, 20),
        )
        ch.record_identity(waiting, "Passport; utility bill; bank statement", date(2026, 3, 20))


def make(qtbot, vault: Vault, runner: TaskRunner, when: datetime) -> ChaperonesArea:
    area = ChaperonesArea(runner)
    qtbot.addWidget(area)
    area.show()
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        area.use(ChaperoneDesk(vault, Actor("officer-1", clock=FixedClock(when))))
    return area


def test_expired_approval_is_marked_and_gets_no_card(
    qtbot, vault: Vault, runner: TaskRunner
) -> None:
    seed(vault)
    area = make(qtbot, vault, runner, LATER)
    names = [area.model.data(area.model.index(r, 0)) for r in range(area.model.rowCount())]
    assert names == ["Tunde Adeyemi", "Mirela Kowalczyk"]  # by family name
    row = names.index("Mirela Kowalczyk")
    assert area.model.data(area.model.index(row, 1)) == "Approval expired"
    assert area.model.data(area.model.index(row, 4)) == "25/03/2029 (expired)"
    font = area.model.data(area.model.index(row, 4), Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert area.model.data(area.model.index(1 - row, 4), Qt.ItemDataRole.FontRole) is None
    assert area.model.data(area.model.index(1 - row, 1)) == "Waiting for the enhanced DBS check"

    area.table.selectRow(row)
    assert area.status.text().startswith(
        "Approved until: the approval expired on 25/03/2029; a renewed approval is needed"
    )
    assert area.pipeline.card_button.isEnabled()
    preview = area.pipeline.open_card()
    assert preview is not None
    with qtbot.waitSignal(preview.sig_failed, timeout=5000):
        pass
    assert preview.message.text() == (
        "chaperone: the approval expired on 2029-03-25; a renewed approval is needed"
    )
    assert not preview.save_button.isEnabled()
    preview.close()


def test_search_and_the_list_model(qtbot, qtmodeltester, vault: Vault, runner: TaskRunner) -> None:
    seed(vault)
    area = make(qtbot, vault, runner, APPROVED_ON)
    qtmodeltester.check(area.model)
    before = area.model.fetches
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        area.search_edit.setText("adey")
    assert area.model.rowCount() == 1
    assert area.model.data(area.model.index(0, 0)) == "Tunde Adeyemi"
    assert area.model.data(area.model.index(0, 4)) == ""
    assert area.model.fetches == before + 1  # one page read for the rows shown, lazily


def test_a_step_autosaves_its_draft_and_restores_it(
    qtbot, vault: Vault, runner: TaskRunner
) -> None:
    seed(vault)
    area = make(qtbot, vault, runner, APPROVED_ON)
    names = [area.model.data(area.model.index(r, 0)) for r in range(area.model.rowCount())]
    with qtbot.waitSignal(area.pipeline.sig_recorded_loaded, timeout=5000):
        area.table.selectRow(names.index("Tunde Adeyemi"))
    chaperone_id = area.pipeline.chaperone_id
    assert chaperone_id is not None
    identity = area.pipeline.steps["identity"]  # what is recorded is shown as it stands
    assert identity.form.fields() == {
        "id_seen": "Passport; utility bill; bank statement",
        "id_seen_on": "20/03/2026",
    }
    assert identity.message.text() == "Identity documents: recorded."
    assert area.pipeline.steps["application"].form.fields()["date_of_birth"] == "01/06/1975"
    assert area.pipeline.steps["dbs"].form.fields()["dbs_certificate_number"] == ""
    dbs = area.pipeline.steps["dbs"]
    with qtbot.waitSignal(dbs.form.sig_draft_saved, timeout=5000):
        dbs.form.widgets["dbs_certificate_number"].setText("1234 5678")  # wrong, still kept
    draft = load_draft(vault, "chaperone_dbs", chaperone_id)
    assert draft is not None and draft.fields["dbs_certificate_number"] == "1234 5678"
    assert draft.fields["display_name"] == "Enhanced DBS for Tunde Adeyemi"  # as Today lists it

    area.new_application()  # away, and back again: the typing comes back from the vault
    with qtbot.waitSignal(dbs.form.sig_draft_loaded, timeout=5000):
        area.table.clearSelection()
        area.table.selectRow(names.index("Tunde Adeyemi"))
    assert dbs.form.widgets["dbs_certificate_number"].text() == "1234 5678"
    assert dbs.form.errors["dbs_certificate_number"].text().startswith("DBS certificate number")
    assert dbs.form.draft_label.text() == "Draft restored from the vault."

    training = area.pipeline.steps["training"]
    training.form.widgets["training_completed_on"].setText("20/03/2026")
    area.detach()  # the lock, before the autosave timer: the typing is saved, then forgotten
    assert dbs.form.widgets["dbs_certificate_number"].text() == ""
    assert training.form.widgets["training_completed_on"].text() == ""
    draft = load_draft(vault, "chaperone_training", chaperone_id)
    assert draft is not None and draft.fields["training_completed_on"] == "20/03/2026"
    assert area.model.rowCount() == 0


def test_empty_steps_open_without_messages_until_typed_in(
    qtbot, vault: Vault, runner: TaskRunner
) -> None:
    """A new application, and a step not yet recorded, open without "is required" under every
    field; a field's message shows once it is typed in, and Record still waits for them all."""
    seed(vault)
    area = make(qtbot, vault, runner, APPROVED_ON)
    application = area.pipeline.steps["application"]
    assert [e.text() for e in application.form.errors.values() if e.text()] == []
    assert not application.record_button.isEnabled()
    qtbot.keyClicks(application.form.widgets["date_of_birth"], "31/02/1980")
    errors = application.form.errors
    assert errors["date_of_birth"].text().startswith("Date of birth must be a real date")
    assert errors["family_name"].text() == ""  # not typed in yet

    names = [area.model.data(area.model.index(r, 0)) for r in range(area.model.rowCount())]
    dbs = area.pipeline.steps["dbs"]
    with qtbot.waitSignal(dbs.form.sig_draft_loaded, timeout=5000):
        area.table.selectRow(names.index("Tunde Adeyemi"))
    assert [e.text() for e in dbs.form.errors.values() if e.text()] == []
    qtbot.keyClicks(dbs.form.widgets["dbs_certificate_number"], "1234")
    assert dbs.form.errors["dbs_certificate_number"].text().startswith("DBS certificate number")
    assert dbs.form.errors["dbs_issued_on"].text() == ""
