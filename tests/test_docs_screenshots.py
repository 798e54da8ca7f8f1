"""The pictures in the docs are the ones the script makes, all of them are used, and the main
window's are taken at the council's smallest screen.

- Every PNG in docs/screenshots/ is named by docs/screenshots/make_screenshots.py, so each one
  can be made again from the real widgets on demo data (no hand-edited or stale picture).
- Every PNG is shown in README.md or a guide, and every picture a page shows exists (the link
  test in tests/test_readme.py checks the paths; this checks none is left unused).
- The main window's pictures are 1366x768, read from the PNG header: the offscreen screen the
  script sets up must really have that size (Qt's default offscreen screen is 800x800, and the
  window keeps to its screen).
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PNGS = sorted(SHOTS.glob("*.png"))
#: pictures of a dialog on its own (the first-run wizard, the conflict dialog), not the window
DIALOGS = {"01-first-run-passphrase", "02-first-run-recovery-key", "03-first-run-profile"}
DIALOGS |= {"19-conflict-dialog"}


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path.name}: not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_there_are_pictures_of_the_main_screens() -> None:
    names = {p.stem for p in PNGS}
    for screen in ("today", "sync-column", "visit-form", "pdf-preview", "inspection"):
        assert any(screen in name for name in names), screen
    for screen in ("chaperones", "employment-permit", "conflict-dialog", "unlock", "case"):
        assert any(screen in name for name in names), screen


@pytest.mark.parametrize("png", PNGS, ids=lambda p: p.stem)
def test_each_picture_is_made_by_the_script_and_used(png: Path) -> None:
    script = (SHOTS / "make_screenshots.py").read_text(encoding="utf-8")
    assert f'"{png.stem}"' in script, f"{png.name} is not made by make_screenshots.py"
    shown = [
        page.name
        for page in PAGES
        if re.search(rf"\]\((docs/)?screenshots/{re.escape(png.name)}\)", page.read_text("utf-8"))
    ]
    assert shown, f"{png.name} is not shown on any page"


@pytest.mark.parametrize("png", [p for p in PNGS if p.stem not in DIALOGS], ids=lambda p: p.stem)
def test_window_pictures_are_1366_by_768(png: Path) -> None:
    assert png_size(png) == (1366, 768)
