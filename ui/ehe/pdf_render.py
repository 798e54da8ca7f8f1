"""Turn PDF bytes into page images and page text, in memory, off the interface thread.

PySide6-Essentials has no QtPdf, so pages are drawn by PDFium through pypdfium2 straight from
the bytes (never a temporary file) into a :class:`QImage` (safe to make on a worker thread,
unlike a pixmap). PDFium is not safe to call from two threads at once, so every call holds one
lock. The text of each page, read back with pypdf, goes alongside: it is what a screen reader
announces and what the tests compare.
"""

from __future__ import annotations

import io
import threading

import pypdfium2 as pdfium
from pypdf import PdfReader

from PySide6.QtGui import QImage

#: PDF points are 1/72 inch; at zoom 1.0 a page is drawn at 96 dots per inch, as on screen
BASE_SCALE = 96 / 72
_LOCK = threading.Lock()


def read_pages(pdf: bytes) -> list[str]:
    """Each page's text, read from memory."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def page_count(pdf: bytes) -> int:
    with _LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def render_page(pdf: bytes, index: int, zoom: float = 1.0) -> QImage:
    """Page ``index`` (from 0) drawn at ``zoom`` on white, as an RGB image."""
    with _LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            page = document[index]
            bitmap = page.render(scale=BASE_SCALE * zoom, rev_byteorder=True)
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            ).copy()  # own the pixels: the bitmap's buffer goes with the document
            page.close()
            return image
        finally:
            document.close()


def ink_share(image: QImage) -> float:
    """The share of sampled pixels that are not white: 0.0 for a blank page."""
    width, height = image.width(), image.height()
    if not width or not height:
        return 0.0
    step = max(1, min(width, height) // 100)
    samples = inked = 0
    for y in range(0, height, step):
        for x in range(0, width, step):
            samples += 1
            if image.pixelColor(x, y).lightness() < 200:
                inked += 1
    return inked / samples
