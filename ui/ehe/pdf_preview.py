"""Preview a rendered PDF from memory, page by page, and save it only where the officer says.

Each page is drawn as an image by PDFium (:mod:`ui.ehe.pdf_render`), with page navigation and
zoom (buttons, Ctrl+= / Ctrl+-, PgUp / PgDown); the page's text, read back by pypdf, sits in a
second tab for screen readers. The bytes never touch the disk until the officer picks a place
with Save As: no temporary file is written. Building the document, reading it back and drawing
each page run on the task runner; the dialog gets bytes, strings and images.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.ehe_reports import Document
from ui.ehe.pdf_render import read_pages, render_page
from ui.messages import message_for
from ui.tasks import TaskRunner

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)


class PdfPreviewDialog(QDialog):
    sig_ready = Signal()
    sig_page_drawn = Signal(int)  # the page index whose image is on screen
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
        self.zoom = 1.0
        #: page images drawn so far, by (page, zoom)
        self.images: dict[tuple[int, float], QImage] = {}
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setAccessibleName("Page image")
        scroll = QScrollArea(self)
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Page text")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, "Page")
        self.tabs.addTab(self.text, "Text")
        self.zoom_out_button = QPushButton("Zoom out", self)
        self.zoom_out_button.setAccessibleName("Zoom out")
        self.zoom_in_button = QPushButton("Zoom in", self)
        self.zoom_in_button.setAccessibleName("Zoom in")
        self.zoom_label = QLabel("100%", self)
        self.zoom_label.setAccessibleName("Zoom")
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
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
            self.save_button,
            self.close_button,
        ):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.close_button.clicked.connect(self.reject)
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(+1))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(-1))
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.set_zoom(+1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.set_zoom(-1)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.show_page(self.page + 1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.show_page(self.page - 1)),
        ):
            QShortcut(keys, self, slot)
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
        self._draw()

    def set_zoom(self, step: int) -> None:
        """One zoom level in (+1) or out (-1)."""
        at = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom))
        self.zoom = ZOOMS[max(0, min(at + step, len(ZOOMS) - 1))]
        self.zoom_label.setText(f"{self.zoom:.0%}")
        self.zoom_in_button.setEnabled(self.zoom < ZOOMS[-1])
        self.zoom_out_button.setEnabled(self.zoom > ZOOMS[0])
        self._draw()

    def _draw(self) -> None:
        """Show the current page at the current zoom, drawing it on a worker if not yet."""
        if self.document is None:
            return
        key = (self.page, self.zoom)
        if key in self.images:
            self._show_image(key)
            return
        pdf = self.document.pdf

        def work(_p: Any) -> tuple[tuple[int, float], QImage]:
            return key, render_page(pdf, key[0], key[1])

        self._runner.run(
            "draw page", work, on_finished=self._on_drawn, on_failed=self._on_failed, database=False
        )

    def _on_drawn(self, result: tuple[tuple[int, float], QImage]) -> None:
        key, image = result
        self.images[key] = image
        if key == (self.page, self.zoom):
            self._show_image(key)

    def _show_image(self, key: tuple[int, float]) -> None:
        self.image.setPixmap(QPixmap.fromImage(self.images[key]))
        self.image.setAccessibleDescription(f"Page {key[0] + 1} of {len(self.pages)}")
        self.sig_page_drawn.emit(key[0])

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
