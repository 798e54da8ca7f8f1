"""Preview a rendered PDF from memory, page by page, and save it only where the officer says.

The installed PySide6-Essentials has no QtPdf module, so the preview shows each page's text
as read back from the PDF bytes by pypdf (the same words the parent will read, in page order,
with "Page x of y"), not an image of the page. The bytes never touch the disk until the
officer picks a place with Save As: no temporary file is written. Rendering and reading back
run on the task runner; the dialog gets plain bytes and strings.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.ehe_reports import Document
from ui.messages import message_for
from ui.tasks import TaskRunner


def read_pages(pdf: bytes) -> list[str]:
    """Each page's text, read from memory."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


class PdfPreviewDialog(QDialog):
    sig_ready = Signal()
    sig_saved = Signal(str)
    sig_failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        title: str,
        render: Callable[[], Document],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._runner = runner
        self._render = render
        self.document: Document | None = None
        self.pages: list[str] = []
        self.page = 0
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Page text")
        self.page_label = QLabel("Preparing the document...", self)
        self.page_label.setAccessibleName("Page number")
        self.message = QLabel(self)
        self.message.setAccessibleName("Preview message")
        self.message.setWordWrap(True)
        self.previous_button = QPushButton("Previous page", self)
        self.previous_button.setAccessibleName("Previous page")
        self.next_button = QPushButton("Next page", self)
        self.next_button.setAccessibleName("Next page")
        self.save_button = QPushButton("Save as...", self)
        self.save_button.setAccessibleName("Save PDF as")
        self.close_button = QPushButton("Close", self)
        self.close_button.setAccessibleName("Close preview")
        for button in (self.previous_button, self.next_button, self.save_button):
            button.setEnabled(False)
        row = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.page_label,
            self.next_button,
            self.save_button,
            self.close_button,
        ):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.close_button.clicked.connect(self.reject)
        self.resize(700, 800)

    def start(self) -> None:
        render = self._render

        def work(_p: Any) -> tuple[Document, list[str]]:
            document = render()
            return document, read_pages(document.pdf)

        self._runner.run(
            "render document", work, on_finished=self._on_rendered, on_failed=self._on_failed
        )

    def _on_rendered(self, result: tuple[Document, list[str]]) -> None:
        self.document, self.pages = result
        self.save_button.setEnabled(True)
        self.show_page(0)
        self.sig_ready.emit()

    def show_page(self, index: int) -> None:
        if not self.pages:
            return
        self.page = max(0, min(index, len(self.pages) - 1))
        self.text.setPlainText(self.pages[self.page])
        self.page_label.setText(f"Page {self.page + 1} of {len(self.pages)}")
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < len(self.pages) - 1)

    def _on_save_clicked(self) -> None:
        if self.document is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save PDF as", self.document.filename, "PDF (*.pdf)"
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        """Write the bytes where the officer chose, on a worker."""
        if self.document is None:
            return
        data, target = self.document.pdf, Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")

        def work(_p: Any) -> str:
            target.write_bytes(data)
            return str(target)

        self._runner.run(
            "save document",
            work,
            on_finished=self._on_saved,
            on_failed=self._on_failed,
            database=False,
        )

    def _on_saved(self, path: str) -> None:
        self.message.setText(f"Saved as {Path(path).name}.")
        self.sig_saved.emit(path)

    def _on_failed(self, exc: BaseException) -> None:
        text = (
            f"Could not save there: {exc.strerror or 'the folder cannot be written'}."
            if isinstance(exc, OSError)
            else message_for(exc)
        )
        self.message.setText(text)
        self.page_label.setText("")
        self.sig_failed.emit(text)
