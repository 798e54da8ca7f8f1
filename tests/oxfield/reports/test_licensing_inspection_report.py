"""The inspection report read back with pypdf: each child's day, exactly the limits passed on
the fixed-clock day of the service test, the checklist concerns with their regulations, the
actions, and a draft for an unsigned inspection."""

from __future__ import annotations

import pytest

from oxfield.domain.licensing import Inspection
from oxfield.services import licensing_inspection as li
from oxfield.services.licensing_documents import inspection_report_pdf
from oxfield.services.licensing_inspection_totals import sign_inspection
from oxfield.services.records import writing
from oxfield.vault.vault import Vault
from tests.oxfield.reports.helpers import body_text, pages_text
from tests.oxfield.services.test_licensing_inspection import Scene, at, run_day


@pytest.fixture
def signed(vault: Vault) -> tuple[Scene, str]:
    scene = Scene(vault)
    run_day(scene)
    scene.clock.instant = at("23:30")
    with writing(vault, scene.actor) as s:
        inspection = s.get_one(Inspection, scene.id)
        li.answer(inspection, li.Item.DRESSING_ROOMS, True)
        li.answer(inspection, li.Item.WELFARE, False, "No hot meal for the evening show")
        li.set_education_minutes(inspection, 180)
        li.add_finding(inspection, "Daily record sheet started late", "SI 2014/3309 reg 11")
        li.add_action(inspection, "Provide a hot meal on evening performance days & log it.")
        sign_inspection(s, inspection, scene.actor, "Two limits passed; actions set.")
    with vault.read() as s:
        pdf = inspection_report_pdf(s, scene.id, scene.clock)
    return scene, body_text(pdf)


def test_report_lists_exactly_the_breaches(signed: tuple[Scene, str]) -> None:
    _, text = signed
    assert text.count("The limit on") == 2
    assert "The limit on continuous performing was passed 10 min ago." in text
    assert "The limit on time until the latest time of 23:00 was passed 20 min ago." in text
    assert text.count("No limit was passed.") == 1  # the youngest child


def test_report_shows_each_childs_day_and_the_findings(signed: tuple[Scene, str]) -> None:
    _, text = signed
    for name in ("Oliwia Żółkiewska", "Nguyễn Minh", "Noa Ben-David"):
        assert name in text
    assert "aged 12" in text and "aged 7" in text and "aged 3" in text
    assert text.count("Left the venue") == 3
    assert "Welfare: meals, rest, warmth, a safe place to wait No: No hot meal" in text
    assert "SI 2014/3309 reg 15" in text  # the welfare concern's regulation
    assert "Daily record sheet started late" in text
    assert "1. Provide a hot meal on evening performance days & log it." in text
    assert "Education provided today: 3 h." in text
    assert "Signed by officer-1 on 15/07/2026 at 23:30." in text


def test_a_correction_is_shown_with_the_first_time(vault: Vault) -> None:
    scene = Scene(vault)
    scene.tap("14:00", scene.older, li.EventType.ARRIVE)
    start = scene.tap("14:30", scene.older, li.EventType.PERFORM_START)
    with writing(vault, scene.actor) as s:
        li.correct_event(s.get_one(Inspection, scene.id), start.id, at("14:35"), "tapped early")
    scene.clock.instant = at("15:00")
    with vault.read() as s:
        pages = pages_text(inspection_report_pdf(s, scene.id, scene.clock))
    text = " ".join(" ".join(p.split()) for p in pages)
    assert "First recorded at 14:30: tapped early" in text
    assert "Not yet signed: a draft." in text
    assert "OFFICIAL-SENSITIVE" in pages[0] and "Page 1 of" in pages[0]
