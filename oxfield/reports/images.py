"""Pictures in documents (a chaperone's photo on an ID card, photos of a child's work), taken
from bytes in memory.

Attachments live inside the encrypted vault (DESIGN.md section 3), so an image reaches a report
as bytes and must never be written out to a temporary file on its way into the PDF. A file that
is not a readable picture is reported against the field it came from, not as a traceback.
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image

from oxfield.errors import ValidationError

MAX_PIXELS = 40_000_000
"""Larger pictures are refused: a camera photo is about 12 million pixels, and a file claiming
far more is more likely damaged or hostile than useful on a printed page."""


def picture(data: bytes, max_width: float, max_height: float, field: str = "photo") -> Image:
    """An image flowable scaled (never enlarged) to fit the box, aspect ratio kept."""
    unreadable = ValidationError("The picture could not be read as an image.", field=field)
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()  # reads the header only
    except Exception as exc:  # reportlab and Pillow raise many kinds for a bad file
        raise unreadable from exc
    if width * height > MAX_PIXELS:
        raise ValidationError("The picture is too large to print.", field=field)
    try:
        reader.getRGBData()  # decode now: a truncated file fails here, not halfway through a PDF
    except Exception as exc:
        raise unreadable from exc
    scale = min(max_width / width, max_height / height, 1.0)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)
