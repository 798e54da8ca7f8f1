"""``oxfield --self-test``: the core's checks plus the desktop's (Qt plugins, styles, windows).

Run from source or from the bundle, with any Qt platform (CI uses ``QT_QPA_PLATFORM=offscreen``).
A missing platform or image-format plugin, style sheet or resource file fails a named check and
the exit status is 1. PDFium (libpdfium, through pypdfium2) is what the PDF preview draws pages
with, so every kind of PDF also has its first page drawn the same way and must show ink: a bundle
without libpdfium, or one whose fonts draw nothing, fails.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageReader, QImageWriter
from PySide6.QtWidgets import QApplication, QStyleFactory

from oxfield import __version__
from oxfield.resources import resources_root
from oxfield.selftest import CheckResult, run_self_test

NEEDED_IMAGE_FORMATS = ("png", "jpeg", "gif", "svg")
#: the least share of a first page that must be ink; the shipped documents have 2.5 % to 6 %
MIN_INK = 0.01


def _app() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(sys.argv[:1])


def _platform() -> str:
    _app()
    name = QGuiApplication.platformName()
    if not name:
        raise AssertionError("no Qt platform plugin loaded")
    return f"Qt platform plugin '{name}'"


def _image_formats() -> str:
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [f for f in NEEDED_IMAGE_FORMATS if f not in formats]
    if missing:
        raise AssertionError(f"image format plugins missing: {', '.join(missing)}")
    image = QImage(16, 16, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 30, 30))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"jpeg")).write(image):
        raise AssertionError("could not write a JPEG")
    back = QImage()
    back.loadFromData(data, "JPEG")
    if back.isNull() or back.width() != 16:
        raise AssertionError("could not read a JPEG back")
    return f"{len(formats)} image formats, JPEG written and read back"


def _styles() -> str:
    app = _app()
    styles = QStyleFactory.keys()
    if "Fusion" not in styles:
        raise AssertionError("the Fusion style is missing")
    sheets = sorted((resources_root() / "styles").glob("*.qss"))
    for sheet in sheets:
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))
    app.setStyleSheet("")
    return f"styles {', '.join(styles)}; {len(sheets)} style sheet(s) applied"


def _about_window() -> str:
    from ui.about import AboutDialog

    _app()
    dialog = AboutDialog()
    dialog.show()
    QApplication.processEvents()
    picture = dialog.grab()
    text = dialog.text.toPlainText()
    dialog.close()
    dialog.deleteLater()
    if picture.isNull() or picture.width() < 100:
        raise AssertionError("the About box did not paint")
    for needed in (__version__, "Open Government Licence", "LGPL"):
        if needed not in text:
            raise AssertionError(f"the About box lacks {needed!r}")
    return f"About box painted {picture.width()}x{picture.height()}"


def _pdfium() -> str:
    """Load PDFium as the preview does; named on its own so its absence reads plainly."""
    import pypdfium2  # loads libpdfium through pypdfium2_raw, or raises naming it

    from ui.ehe import pdf_render  # noqa: F401  (the preview's module imports too)

    raw = importlib.util.find_spec("pypdfium2_raw")
    where = Path(raw.origin).parent if raw is not None and raw.origin else "?"
    return f"PDFium {pypdfium2.PDFIUM_INFO.build} loaded from {where}"


def draw_first_page(pdf: bytes) -> str:
    """Draw page 1 with the preview's own renderer and check it is not blank."""
    from ui.ehe.pdf_render import ink_share, page_count, render_page

    _app()
    pages = page_count(pdf)
    if pages < 1:
        raise AssertionError("PDFium found no pages")
    image = render_page(pdf, 0)
    if image.isNull():
        raise AssertionError("PDFium drew nothing for page 1")
    ink = ink_share(image)
    if ink < MIN_INK:
        raise AssertionError(f"page 1 drawn blank ({ink:.1%} ink, at least {MIN_INK:.0%} needed)")
    return f"page 1 of {pages} drawn {image.width()}x{image.height()} by PDFium, {ink:.1%} ink"


QT_CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("Qt platform", _platform),
    ("Qt image formats", _image_formats),
    ("Qt styles", _styles),
    ("Qt window", _about_window),
    ("PDF preview", _pdfium),
)


def _print(result: CheckResult) -> None:
    mark = "ok  " if result.ok else "FAIL"
    print(f"{mark} {result.name}: {result.detail} ({result.seconds:.2f} s)", flush=True)


def run() -> int:
    """Print each check as it finishes; exit status 0 only when every check passed."""
    print(f"OxField {__version__} self-test", flush=True)
    ok = run_self_test(_print, extra=QT_CHECKS, draw=draw_first_page)
    print("self-test passed" if ok else "self-test FAILED", flush=True)
    return 0 if ok else 1
