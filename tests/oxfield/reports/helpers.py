"""Synthetic people and helpers to read PDFs back with pypdf.

Every person here is invented. The names cover the scripts the council meets (Polish,
Vietnamese, Arabic, Hebrew, Cyrillic, Greek, Chinese, Japanese) plus the characters that break
naive markup (&, <, >, quotes).
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pypdf

from oxfield.reports.ehe_inputs import (
    ContactType,
    EducationDescribed,
    Evidence,
    Judgement,
    Outcome,
    PartJudgement,
    Provider,
    SuitabilityPart,
    Visit,
)

POLISH = "Zuzanna Łucja Wiśniewska-Żółć"
ARABIC = "عبد الله"
CYRILLIC = "Ирина Петровна Смирнова"
CHINESE = "王小明"
JAPANESE = "さくら"
HEBREW = "נועה"
GREEK = "Ελένη Παπαδοπούλου"
VIETNAMESE = "Nguyễn Thị Ánh"
KOREAN = "김민준"
HINDI = "प्रिया शर्मा"
AMPERSAND = "Smith & Jones Tutoring"
ANGLES = "<script>alert(1)</script> 3 < 4 > 2"
FORMULA = '=HYPERLINK("http://example.invalid","click") and +1 -1 @sum'

_WORDS = [
    "reading",
    "writing",
    "maths",
    "science",
    "history",
    "music",
    "art",
    "nature",
    "walks",
    "library",
    "museum",
    "project",
    "practice",
    "fractions",
    "spelling",
    "poetry",
    "drawing",
    "coding",
    "swimming",
    "baking",
    "garden",
    "experiment",
    "timeline",
    "geography",
    "french",
    "piano",
    "chess",
    "journal",
]


def long_note(words: int = 20_000) -> str:
    """A deterministic note of ``words`` words in one paragraph, with sentences."""
    out = []
    for i in range(words):
        word = _WORDS[(i * 7 + i // 13) % len(_WORDS)]
        out.append(word + ("." if i % 12 == 11 else ""))
    return " ".join(out)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


_FURNITURE = re.compile(
    r"OFFICIAL-SENSITIVE|Page \d+ of \d+|Reference: \S+|"
    r"Oxfordshire County Council: County Attendance Team|County Hall, New Road, Oxford, OX1 1ND|"
    r"^Oxfordshire County Council$|^County Attendance Team$",
    re.MULTILINE,
)


def norm(text: str) -> str:
    """Whitespace collapsed to single spaces (line breaks fall anywhere)."""
    return " ".join(text.split())


def body_text(pdf: bytes) -> str:
    """All pages' text without the page furniture, whitespace collapsed."""
    return norm(" ".join(_FURNITURE.sub(" ", page) for page in pages_text(pdf)))


def make_visit(**changes: object) -> Visit:
    base = Visit(
        reference="EHE-V-2026-0001",
        visit_date=date(2026, 11, 2),
        contact_type=ContactType.HOME_VISIT,
        place="Family home, 12 O'Brien Close",
        present=(CYRILLIC, ARABIC, HEBREW + " (older sister)", "the officer"),
        child_seen=True,
        outcome=Outcome.SUITABLE,
        child_views=f"I like {AMPERSAND} and {ANGLES}. My friend {GREEK} visits.",
        education=EducationDescribed(
            approach="Structured mornings, projects in the afternoon.",
            resources="Library books, online maths, science kits.",
            time="About 20 hours a week plus trips.",
            providers=(Provider(AMPERSAND, "tutor", "3"),),
        ),
        evidence=(Evidence("Maths workbook (fractions)", 4), Evidence("Poetry journal", 2)),
        judgements=tuple(
            PartJudgement(part, Judgement.MET, f"Seen in work: {part}") for part in SuitabilityPart
        ),
        safeguarding_concern=False,
        outcome_reasons="Work seen shows steady progress.",
        next_review=date(2027, 11, 1),
        notes=FORMULA,
        signed_by=VIETNAMESE,
        signed_on=date(2026, 11, 3),
    )
    return base.__class__(**{**base.__dict__, **changes})


_WRITES: list[str] = []
_WATCHING = [False]


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _WATCHING[0]:
        return
    if event == "open" and len(args) >= 3:
        mode, flags = args[1], args[2]
        by_mode = isinstance(mode, str) and any(c in mode for c in "wax+")
        by_flags = isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if by_mode or by_flags:
            _WRITES.append(str(args[0]))
    elif event in ("os.rename", "os.remove", "os.mkdir", "tempfile.mkstemp", "tempfile.mkdtemp"):
        _WRITES.append(event)


sys.addaudithook(_audit)


@contextmanager
def watching_disk_writes() -> Iterator[list[str]]:
    """Collect every file opened for writing (and temporary file made) while the block runs."""
    _WRITES.clear()
    _WATCHING[0] = True
    try:
        yield _WRITES
    finally:
        _WATCHING[0] = False
