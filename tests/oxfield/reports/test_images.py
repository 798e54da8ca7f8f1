"""Pictures go from bytes in memory into the PDF; bad files get a message naming the field."""

from __future__ import annotations

import io

import pypdf
import pytest
from PIL import Image as PILImage

from oxfield.errors import ValidationError
from oxfield.reports.images import picture
from oxfield.reports.layout import DocumentInfo, build_pdf
from tests.oxfield.reports.helpers import watching_disk_writes


def _png(width: int, height: int, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), (40, 120, 200)).save(out, format=fmt)
    return out.getvalue()


def _images(pdf: bytes) -> list[tuple[int, int]]:
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    return [(img.image.width, img.image.height) for img in page.images if img.image is not None]


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_picture_from_memory_is_embedded_scaled_to_its_box(fmt: str) -> None:
    data = _png(600, 300, fmt)
    flowable = picture(data, max_width=120, max_height=120)
    assert (flowable.drawWidth, flowable.drawHeight) == (120, 60)
    with watching_disk_writes() as writes:
        pdf = build_pdf(DocumentInfo("t", "R-1"), [flowable])
    assert writes == []
    assert _images(pdf) == [(600, 300)]


def test_a_small_picture_is_not_enlarged() -> None:
    flowable = picture(_png(40, 50), max_width=300, max_height=300)
    assert (flowable.drawWidth, flowable.drawHeight) == (40, 50)


@pytest.mark.parametrize("data", [b"", b"not an image at all", _png(200, 200)[:120]])
def test_a_file_that_is_not_a_readable_picture_is_refused_naming_the_field(data: bytes) -> None:
    with pytest.raises(ValidationError) as raised:
        picture(data, 100, 100, field="chaperone_photo")
    assert raised.value.field == "chaperone_photo"
