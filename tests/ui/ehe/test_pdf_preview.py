"""The PDF preview draws real page images from memory: a case summary comes out with ink on
it, pages turn, zoom redraws larger, and nothing is written to disk (not the working folder,
not the temporary folder) until the officer saves."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from PySide6.QtCore import Qt

from oxfield.domain.ehe import EheSource
from oxfield.services.ehe import CaseIntake, ParentIn, open_case
from oxfield.services.ehe_reports import Document, render_case_summary
from ui.ehe.pdf_preview import PdfPreviewDialog
from ui.ehe.pdf_render import ink_share

TODAY = date(2026, 12, 3)


def three_pages() -> Document:
    import io

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for n in (1, 2, 3):
        canvas.setFont("Helvetica-Bold", 48)
        canvas.drawString(100, 600, f"Page {n}")
        canvas.showPage()
    canvas.save()
    return Document(out.getvalue(), "three.pdf")


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*")]


def test_case_summary_drawn_from_memory(qtbot, runner, open_vault, actor, tmp_path, monkeypatch):
    vault, _ids = open_vault
    case = open_case(
        vault,
        actor,
        CaseIntake(
            family_name="Kowalczyk",
            given_names="Zofia",
            date_of_birth=date(2015, 2, 11),
            notified_on=date(2026, 11, 2),
            source=EheSource.PARENT,
            address_line1="9 Cowley Road",
            postcode="OX4 1HR",
            parents=(ParentIn("Ewa", "Kowalczyk"),),
        ),
    )
    work, temp = tmp_path / "cwd", tmp_path / "temp"
    work.mkdir()
    temp.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    dialog = PdfPreviewDialog(
        runner, "Case summary", lambda: render_case_summary(vault, case.case_id, TODAY)
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_page_drawn, timeout=30000):
        dialog.start()
    image = dialog.images[(0, 1.0)]
    # A4 at 96 dpi: 794 x 1123 pixels, with text on it
    assert (image.width(), image.height()) == (794, 1123)
    assert ink_share(image) > 0.002
    assert dialog.image.pixmap().width() == 794
    with qtbot.waitSignal(dialog.sig_page_drawn, timeout=30000):
        qtbot.mouseClick(dialog.zoom_in_button, Qt.MouseButton.LeftButton)
    assert dialog.zoom_label.text() == "125%"
    assert abs(dialog.images[(0, 1.25)].width() - 794 * 1.25) <= 1
    assert "Zofia" in dialog.text.toPlainText()
    assert files_under(work, temp) == []
    assert not any(name.endswith(".pdf") for name in os.listdir(work))


def test_pages_turn_and_each_is_drawn(qtbot, runner) -> None:
    dialog = PdfPreviewDialog(runner, "Three pages", three_pages)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_page_drawn, timeout=30000):
        dialog.start()
    assert dialog.page_label.text() == "Page 1 of 3"
    assert not dialog.previous_button.isEnabled()
    for n in (2, 3):
        with qtbot.waitSignal(dialog.sig_page_drawn, timeout=30000) as drawn:
            qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        assert drawn.args[0] == n - 1 and dialog.page_label.text() == f"Page {n} of 3"
    assert not dialog.next_button.isEnabled()
    first, last = dialog.images[(0, 1.0)], dialog.images[(2, 1.0)]
    assert ink_share(first) > 0.001 and ink_share(last) > 0.001
    assert first != last  # different words drawn
    for _ in range(10):  # zoom stops at its bounds
        dialog.set_zoom(-1)
    assert dialog.zoom_label.text() == "50%" and not dialog.zoom_out_button.isEnabled()
