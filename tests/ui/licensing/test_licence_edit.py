"""A saved licence opened from its case, corrected through the entry form, and kept as a draft.

Driven through the real window: the case page of a licence offers "Open the licence...", which
shows the saved fields in the licence entry form; a correction is checked as typed and saved on
the same licence (no second licence appears); an edit left half-typed survives a lock and comes
back from Today; a signed licence opens read-only, says why, and is corrected by an amendment
with a reason, which leaves the licence as signed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from oxfield.domain.licensing import Licence, LicenceStatus
from oxfield.services.drafts import load_draft
from oxfield.services.licensing_entry import store_licence
from oxfield.services.records import Actor, amendments_of, sign, writing
from tests.ui.conftest import OFFICER, FixedToday, unlock
from ui.flow import AppFlow
from ui.licensing.licence_form import LicenceForm

APPLICATION = {
    "given_names": "Layla",
    "family_name": "Haddad",
    "date_of_birth": "04/04/2015",
    "production": "Oliver!",
    "applicant_name": "Cherwell Youth Theatre",
    "received_on": "20/11/2026",
    "venues": "Mill Arts Centre, Banbury",
    "dates": "10/12/2026, 11/12/2026",
    "paid": "yes",
}


def _saved_licence(qtbot, flow: AppFlow) -> tuple[str, LicenceForm]:
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    session = workspace.session
    assert session is not None
    store_licence(session.vault, Actor(OFFICER, clock=FixedToday()), APPLICATION)
    with session.vault.read() as s:
        licence_id = s.query(Licence).one().id
    return licence_id, workspace.licence_edit


def _open_from_case(qtbot, flow: AppFlow, licence_id: str) -> LicenceForm:
    workspace = flow.window.workspace
    detail = workspace.detail
    with qtbot.waitSignal(detail.sig_loaded, timeout=10000):
        workspace.open_case(licence_id)
    assert detail.licence_button.isVisible() and not detail.edit_button.isVisible()
    form = workspace.licence_edit
    with qtbot.waitSignal(form.sig_opened, timeout=10000):
        qtbot.mouseClick(detail.licence_button, Qt.MouseButton.LeftButton)
    assert workspace.current_view() is form
    return form


def test_an_unsigned_licence_is_corrected_from_its_case(qtbot, flow) -> None:
    licence_id, _ = _saved_licence(qtbot, flow)
    form = _open_from_case(qtbot, flow, licence_id)
    with flow.window.workspace.session.vault.read() as s:
        reference = s.get(Licence, licence_id).reference
    assert form.title_label.text() == f"Licence {reference}"
    assert form.edits["production"].text() == "Oliver!"
    assert form.edits["dates"].text() == "10/12/2026, 11/12/2026"
    assert form.edits["given_names"].text() == "Layla"
    assert form.ticks["paid"].isChecked() and not form.ticks["granted"].isChecked()
    assert form.save_button.isVisible() and form.save_button.isEnabled()

    form.edits["dates"].clear()
    qtbot.keyClicks(form.edits["dates"], "10/12/2026, 31/12/2026, 32/12/2026")
    assert form.errors["dates"].text() == "Dates: '32/12/2026' is not a date (dd/mm/yyyy)"
    assert not form.save_button.isEnabled()
    form.edits["dates"].clear()
    qtbot.keyClicks(form.edits["dates"], "10/12/2026, 12/12/2026")
    form.edits["venues"].clear()
    qtbot.keyClicks(form.edits["venues"], "Mill Arts Centre, Banbury; The Kings Centre, Oxford")
    form.ticks["granted"].setChecked(True)
    with qtbot.waitSignal(form.sig_saved, timeout=10000) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].endswith("granted.")
    assert form.edits["venues"].text().endswith("Oxford")  # the saved form stays on screen

    vault = flow.window.workspace.session.vault
    with vault.read() as s:
        licence = s.query(Licence).one()  # corrected, not a second one
        assert licence.status is LicenceStatus.GRANTED
        assert licence.last_day.isoformat() == "2026-12-12"
        assert "The Kings Centre, Oxford" in licence.venues
    assert load_draft(vault, "licence_application", licence_id) is None

    detail = flow.window.workspace.detail
    with qtbot.waitSignal(detail.sig_loaded, timeout=10000):
        qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    assert flow.window.workspace.current_view() is detail
    assert detail.values["status"].text() == "Granted"


def test_a_half_typed_licence_edit_survives_a_lock_and_reopens_from_today(qtbot, flow) -> None:
    licence_id, _ = _saved_licence(qtbot, flow)
    form = _open_from_case(qtbot, flow, licence_id)
    with qtbot.waitSignal(form.sig_draft_saved, timeout=10000):
        qtbot.keyClicks(form.edits["tutor_name"], "Priya Sharma-Lowe")
    with qtbot.waitSignal(flow.sig_locked):
        flow.lock()
    assert form.edits["tutor_name"].text() == "" and form.subject_id is None
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    drafts = workspace.today.lists["drafts"]
    qtbot.waitUntil(lambda: drafts.item(0) is not None and "Oliver!" in drafts.item(0).text())
    assert drafts.item(0).text().startswith("Edit of licence ")
    drafts.setCurrentRow(0)
    drafts.setFocus()
    with qtbot.waitSignal(form.sig_opened, timeout=10000):
        qtbot.keyClick(drafts, Qt.Key.Key_Return)
    assert workspace.current_view() is form
    assert form.edits["tutor_name"].text() == "Priya Sharma-Lowe"
    assert form.edits["production"].text() == "Oliver!"
    assert "restored" in form.draft_label.text()
    with qtbot.waitSignal(form.sig_saved, timeout=10000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    with workspace.session.vault.read() as s:
        assert s.query(Licence).one().tutor_name == "Priya Sharma-Lowe"


def test_a_signed_licence_opens_read_only_and_is_corrected_by_amendment(qtbot, flow) -> None:
    licence_id, _ = _saved_licence(qtbot, flow)
    vault = flow.window.workspace.session.vault
    with writing(vault, Actor(OFFICER, clock=FixedToday())) as s:
        sign(s.get(Licence, licence_id), Actor(OFFICER, clock=FixedToday()))
    form = _open_from_case(qtbot, flow, licence_id)
    assert form.edits["production"].text() == "Oliver!"
    assert form.edits["production"].isReadOnly()
    assert not form.ticks["granted"].isEnabled()
    assert not form.save_button.isVisible()
    assert "is signed: it cannot be changed" in form.message.text()
    qtbot.keyClicks(form.edits["production"], "X")
    assert form.edits["production"].text() == "Oliver!"

    form.ask_reason = lambda _parent: None  # the officer cancels the reason
    qtbot.mouseClick(form.amend_button, Qt.MouseButton.LeftButton)
    assert form.edits["production"].isReadOnly() and "a reason is needed" in form.message.text()
    form.ask_reason = lambda _parent: "Venue changed by the producer"
    qtbot.mouseClick(form.amend_button, Qt.MouseButton.LeftButton)
    assert not form.edits["venues"].isReadOnly() and form.edits["given_names"].isReadOnly()
    assert form.save_button.isVisible() and form.save_button.text() == "&Save the amendment"
    form.edits["venues"].clear()
    qtbot.keyClicks(form.edits["venues"], "The Kings Centre, Oxford")
    with qtbot.waitSignal(form.sig_saved, timeout=10000) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].startswith("Amendment to licence ")
    assert form.edits["venues"].isReadOnly() and form.amend_button.isVisible()
    with vault.read() as s:
        licence = s.get(Licence, licence_id)
        assert "Mill Arts Centre" in licence.venues  # the signed licence stays as signed
        (amendment,) = amendments_of(s, licence)
        assert amendment.reason == "Venue changed by the producer" and amendment.signed
        assert "The Kings Centre, Oxford" in amendment.changes
    assert load_draft(vault, "licence_application", licence_id) is None  # no draft of it


def test_a_granted_licence_prints_from_memory(qtbot, flow, tmp_path, monkeypatch) -> None:
    import io

    import pypdf

    here = tmp_path / "working folder"
    here.mkdir()
    monkeypatch.chdir(here)  # nothing may be written here before Save as
    licence_id, _ = _saved_licence(qtbot, flow)
    form = _open_from_case(qtbot, flow, licence_id)
    assert not form.pdf_button.isVisible()  # an application is not a licence yet
    form.ticks["granted"].setChecked(True)
    with qtbot.waitSignal(form.sig_saved, timeout=10000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    form = _open_from_case(qtbot, flow, licence_id)
    assert form.pdf_button.isVisible()
    preview = form.open_pdf()
    assert preview is not None
    qtbot.waitUntil(lambda: preview.document is not None, timeout=15000)
    text = " ".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(preview.document.pdf)).pages
    )
    assert "Layla" in text and "Haddad" in text and "Oliver!" in text
    assert list(here.iterdir()) == []
    with qtbot.waitSignal(flow.sig_locked):
        flow.lock()
    assert form.pdf_preview is None  # the lock closed it
