"""A chaperone from application to approval to the ID card, through the real widgets.

A fresh vault, a fixed clock, the Chaperones area as the officer sees it: each step is typed
into its form (a wrong DBS number and a relative as a referee are refused beside the field,
with Record disabled), recorded on the task runner, and the list's stage moves on; then the
interview, the signed approval, the photo, and the card previewed from memory, saved where
chosen and read back with pypdf.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image as PILImage
from pypdf import PdfReader

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton

from oxfield.clock import FixedClock
from oxfield.services.chaperones import Outcome, Topic
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault
from ui.chaperones.area import ChaperonesArea
from ui.chaperones.pipeline import StepPage
from ui.licensing.chaperone_data import ChaperoneDesk
from ui.tasks import TaskRunner

CLOCK = FixedClock(datetime(2026, 3, 25, 10, 0, tzinfo=UTC))


def make(qtbot, vault: Vault, runner: TaskRunner) -> ChaperonesArea:
    area = ChaperonesArea(runner)
    qtbot.addWidget(area)
    area.show()
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        area.use(ChaperoneDesk(vault, Actor("officer-1", clock=CLOCK)))
    return area


def type_into(page: StepPage, values: dict[str, str]) -> None:
    for name, value in values.items():
        widget = page.form.widgets[name]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value == "yes")
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))


def record(qtbot, area: ChaperonesArea, button: QPushButton) -> None:
    assert button.isEnabled()
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def stage(area: ChaperonesArea) -> str:
    row = area.record(area.table.currentIndex().row())
    assert row is not None
    return row.stage


def test_application_to_approval_to_card(
    qtbot, vault: Vault, runner: TaskRunner, tmp_path: Path
) -> None:
    area = make(qtbot, vault, runner)
    steps = area.pipeline.steps
    app = steps["application"]
    type_into(
        app, {"family_name": "Kowalczyk", "given_names": "Mirela", "applied_on": "02/03/2026"}
    )
    type_into(app, {"date_of_birth": "31/02/1980"})
    assert app.form.errors["date_of_birth"].text().startswith("Date of birth must be a real date")
    assert not app.record_button.isEnabled()
    type_into(app, {"date_of_birth": "01/01/2012"})
    assert "must be 18 or over" in app.form.errors["date_of_birth"].text()
    type_into(app, {"date_of_birth": "29/02/1980"})
    record(qtbot, area, app.record_button)
    assert area.model.rowCount() == 1
    qtbot.waitUntil(lambda: area.pipeline.chaperone_id is not None)
    assert stage(area) == "Waiting for identity documents"
    assert area.pipeline.heading.text() == "Mirela Kowalczyk"

    identity = steps["identity"]
    type_into(identity, {"id_seen": "Passport; driving licence; bank statement"})
    type_into(identity, {"id_seen_on": "02/03/2026"})
    record(qtbot, area, identity.record_button)
    assert identity.message.text() == "Identity documents recorded."
    assert stage(area) == "Waiting for the enhanced DBS check"

    dbs = steps["dbs"]
    type_into(dbs, {"dbs_certificate_number": "0012 3456 789", "dbs_issued_on": "10/02/2026"})
    assert dbs.form.errors["dbs_certificate_number"].text() == (
        "DBS certificate number must be the 12 digits printed on the certificate."
    )
    assert dbs.form.widgets["dbs_certificate_number"].accessibleDescription()
    assert not dbs.record_button.isEnabled()
    type_into(dbs, {"dbs_certificate_number": "0012 3456 7890", "barred_list": "clear"})
    type_into(dbs, {"dbs_update_service": "yes"})
    assert "give the date the update service was checked" in (
        dbs.form.errors["dbs_last_checked_on"].text()
    )
    type_into(dbs, {"dbs_last_checked_on": "03/03/2026"})
    record(qtbot, area, dbs.record_button)
    assert stage(area) == "Waiting for references"

    refs = steps["references"]
    type_into(
        refs,
        {
            "referee_1_name": "Tomasz Nowak",
            "referee_1_relationship": "Sister-in-law",
            "referee_1_satisfactory": "yes",
            "referee_2_name": "Aisha Rahman",
            "referee_2_relationship": "Dance school principal",
            "referee_2_received_on": "12/03/2026",
            "referee_2_satisfactory": "yes",
        },
    )
    assert refs.form.errors["referee_1_relationship"].text() == (
        "Referee 1 relationship to the applicant: a referee must not be a relative or partner "
        "of the applicant."
    )
    assert not refs.record_button.isEnabled()
    type_into(refs, {"referee_1_relationship": "Former line manager"})
    record(qtbot, area, refs.record_button)
    assert stage(area) == "Waiting for training"

    training = steps["training"]
    type_into(training, {"training_completed_on": "20/03/2026"})
    record(qtbot, area, training.record_button)
    assert stage(area) == "Waiting for the interview"

    interview = area.pipeline.interview
    qtbot.waitUntil(lambda: interview.applicant.currentData() == area.pipeline.chaperone_id)
    for topic in Topic:
        interview.notes[topic].setText(f"Discussed {topic.name.lower()}")
    interview.overall.setPlainText("Calm; clear on safeguarding.")
    record(qtbot, area, interview.record_button)
    assert stage(area) == "Waiting for the decision"
    interview.outcome.setCurrentIndex(interview.outcome.findData(Outcome.APPROVE.name))
    record(qtbot, area, interview.decide_button)
    assert stage(area) == "Approved"
    row = area.record(area.table.currentIndex().row())
    assert row is not None and row.card_number == "CH-2026-00001"
    assert area.model.data(area.model.index(0, 4)) == "25/03/2029"

    (tmp_path / "not-a-photo.jpg").write_bytes(b"plain text")
    with qtbot.waitSignal(area.pipeline.sig_photo_done, timeout=5000):
        area.pipeline.add_photo(str(tmp_path / "not-a-photo.jpg"))
    assert area.pipeline.photo_message.text() == "Photo: The picture could not be read as an image."
    picture = tmp_path / "photo.jpg"
    PILImage.new("RGB", (300, 400), (90, 140, 60)).save(picture, format="JPEG")
    with qtbot.waitSignal(area.pipeline.sig_photo_done, timeout=5000):
        area.pipeline.add_photo(str(picture))
    assert area.pipeline.photo_message.text() == "Photo stored in the vault for the ID card."

    assert area.pipeline.card_button.isEnabled()
    area.pipeline.open_card()
    preview = area.pipeline.preview
    assert preview is not None
    qtbot.waitUntil(lambda: bool(preview.pages), timeout=10000)
    assert "Mirela Kowalczyk" in preview.text.toPlainText()
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    assert list(chosen.iterdir()) == []  # previewed from memory: nothing written yet
    with qtbot.waitSignal(preview.sig_saved, timeout=5000):
        preview.save_to(str(chosen / "card"))
    pdf = (chosen / "card.pdf").read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert (
        "Mirela Kowalczyk" in text
        and "CH-2026-00001" in text
        and "Valid until 25 March 2029" in text
    )
    preview.close()
