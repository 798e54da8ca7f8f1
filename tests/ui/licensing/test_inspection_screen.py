"""The inspection screen driven through its real widgets on a fixed clock.

Three children in three age bands (12, 7 and 3): the 12-year-old performs past the continuous
limit, the 7-year-old stays past the latest time. The test moves the clock, lets the screen's
own timer tick, and reads the cards' text at the minute before the warning, at the warning and
at the breach; then answers the checklist, signs (everything goes read-only), previews the
report from memory and saves it where the officer says, reading the PDF back for exactly those
breaches. Every service call goes through a real task runner's database lane, so the test waits
on what the screen shows rather than on the calls.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pypdf
import pytest

from PySide6.QtCore import Qt, QTime

from oxfield.clock import LONDON, FixedClock
from oxfield.domain.licensing import Licence
from oxfield.services import chaperones as ch
from oxfield.services.licensing_inspection import Check, Item
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault
from tests.oxfield.services.licensing_helpers import licensed_child
from tests.ui.conftest import unlock
from ui.licensing.inspection_data import InspectionDesk
from ui.licensing.inspection_screen import InspectionScreen
from ui.tasks import TaskRunner

CONTINUOUS = "max_continuous_performance"
LATEST = "latest_time"


def at(hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2026, 7, 15, hour, minute, tzinfo=LONDON).astimezone(UTC)


class Driver:
    def __init__(self, qtbot, vault: Vault) -> None:
        self.qtbot = qtbot
        self.clock = FixedClock(at("13:55"))
        actor = Actor("officer-1", clock=self.clock)
        with writing(vault, actor) as s:
            for given, family, born in (
                ("Oliwia", "Żółkiewska", date(2014, 1, 10)),
                ("Nguyễn", "Minh", date(2019, 3, 3)),
                ("Noa", "Ben-David", date(2023, 5, 5)),
            ):
                licensed_child(s, given, family, born)
            licensed_child(s, "Other", "Show", date(2015, 1, 1), production="Peter Pan")
            # the 7-year-old's chaperone: approval lapsed a fortnight before the inspection
            lapsed = ch.new_applicant(
                s,
                family_name="Kowalczyk",
                given_names="Mirela",
                date_of_birth=date(1980, 2, 29),
                applied_on=date(2023, 3, 2),
            )
            lapsed.approved_until = date(2026, 7, 1)
            s.flush()
            minh = s.query(Licence).filter(Licence.production == "The Snow Queen").all()
            next(r for r in minh if r.child.legal_family_name == "Minh").chaperone_id = lapsed.id
        self.runner = TaskRunner()
        self.screen = InspectionScreen()
        self.screen.timer.setInterval(10)
        qtbot.addWidget(self.screen)
        self.screen.use(InspectionDesk(vault, actor), self.runner)
        self.screen.show()
        qtbot.waitUntil(lambda: self.screen.production.count() == 2, timeout=5000)

    def card(self, name: str):
        return next(c for c in self.screen.cards.values() if c.title().startswith(name))

    def events(self) -> int:
        view = getattr(self.screen, "view", None)
        return 0 if view is None else sum(len(c.events) for c in view.children)

    def start(self, *names: str) -> None:
        screen = self.screen
        screen.production.setCurrentText("The Snow Queen")
        screen.venue.setText("Northgate Theatre, Oxford")
        for name in names:
            screen.tick_child(name)
        self.qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: len(screen.cards) == len(names), timeout=5000)

    def tap(self, hhmm: str, name: str, button: str) -> None:
        self.clock.instant = at(hhmm)
        widget = self.card(name).buttons[button]
        assert widget.isEnabled(), f"{button} for {name} is disabled"
        before = self.events()
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: self.events() == before + 1, timeout=5000)

    def total(self, hhmm: str, name: str, rule: str) -> str:
        """The total's text once the screen's own timer has redrawn it at ``hhmm``."""
        self.clock.instant = at(hhmm)
        self.qtbot.waitUntil(lambda: self.screen.view.at == at(hhmm), timeout=5000)
        return self.card(name).totals[rule].text()

    def wait(self, condition) -> None:
        self.qtbot.waitUntil(condition, timeout=5000)


@pytest.fixture
def driver(qtbot, vault: Vault) -> Iterator[Driver]:
    made = Driver(qtbot, vault)
    yield made
    made.screen.detach()  # what locking does: the timer stops before the vault closes
    made.runner.shutdown()


def pdf_text(path: Path) -> str:
    pages = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


def test_setup_lists_only_the_productions_children_and_refuses_none(driver: Driver) -> None:
    screen = driver.screen
    screen.production.setCurrentText("The Snow Queen")
    names = [screen.present.item(r).text() for r in range(screen.present.count())]
    assert len(names) == 3 and not any("Other" in n for n in names)
    assert "Minh (" in names[0] and "chaperone's approval not in force" in names[0]
    screen.venue.setText("Northgate Theatre, Oxford")
    driver.qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    driver.wait(lambda: "children" in screen.message.text())
    assert screen.pages.currentIndex() == 0
    assert screen.venue.text() == "Northgate Theatre, Oxford"  # nothing typed is lost


def test_inspection_live_warnings_sign_and_report(driver: Driver, tmp_path: Path) -> None:
    screen, qtbot = driver.screen, driver.qtbot
    driver.start("Oliwia", "Nguyễn", "Noa")
    assert screen.pages.currentIndex() == 1, screen.message.text()

    driver.tap("14:00", "Oliwia", "Arrived")
    driver.tap("14:00", "Noa", "Arrived")
    driver.tap("14:30", "Oliwia", "Start performing")
    driver.tap("14:30", "Noa", "Start rehearsing")
    driver.tap("14:40", "Noa", "End period")
    driver.tap("15:30", "Noa", "Start performing")
    driver.tap("15:40", "Noa", "End period")
    driver.tap("16:00", "Noa", "Departed")
    assert driver.card("Noa").status.text().startswith("Left the venue")

    before = driver.total("16:44", "Oliwia", CONTINUOUS)
    assert "Warning" not in before and "BREACH" not in before
    warned = driver.total("16:45", "Oliwia", CONTINUOUS)
    assert warned.startswith("Warning: Continuous performing") and "left" in warned
    assert driver.total("17:00", "Oliwia", CONTINUOUS).startswith("Warning")
    breached = driver.total("17:01", "Oliwia", CONTINUOUS)
    assert breached.startswith("BREACH: Continuous performing") and "passed" in breached
    assert "#b00020" in driver.card("Oliwia").totals[CONTINUOUS].styleSheet()

    driver.tap("17:10", "Oliwia", "End period")
    driver.tap("18:00", "Oliwia", "Departed")
    driver.tap("18:00", "Nguyễn", "Arrived")
    driver.tap("19:00", "Nguyễn", "Start performing")
    driver.tap("20:30", "Nguyễn", "End period")
    assert not driver.total("22:44", "Nguyễn", LATEST).startswith(("Warning", "BREACH"))
    assert driver.total("22:45", "Nguyễn", LATEST).startswith("Warning: Until the latest time")
    assert driver.total("23:01", "Nguyễn", LATEST).startswith("BREACH: Until the latest time")
    driver.tap("23:20", "Nguyễn", "Departed")

    # a later correction: the 12-year-old actually left at 17:55, with the reason kept
    correction = screen.correction
    index = next(
        i
        for i in range(correction.event_choice.count())
        if "Oliwia" in correction.event_choice.itemText(i)
        and "Left" in correction.event_choice.itemText(i)
    )
    correction.event_choice.setCurrentIndex(index)
    correction.time.setTime(QTime(17, 55))
    correction.reason.setText("tapped late")
    qtbot.mouseClick(correction.apply_button, Qt.MouseButton.LeftButton)
    driver.wait(
        lambda: (
            "17:55:00" in [screen.events.item(r, 0).text() for r in range(screen.events.rowCount())]
        )
    )
    assert screen.message.text() == ""

    driver.clock.instant = at("23:30")
    closing = screen.closing
    for item in Item:
        closing.answer(item, "Satisfactory")
    driver.wait(lambda: len(screen.view.checklist) == len(Item))
    closing.action.setText("Keep continuous performing under 2 h 30 min.")
    qtbot.mouseClick(closing.action_button, Qt.MouseButton.LeftButton)
    driver.wait(lambda: bool(screen.view.actions))
    closing.outcome.setText("Breaches found; actions set")
    with qtbot.waitSignal(screen.sig_signed, timeout=2000):
        qtbot.mouseClick(closing.sign_button, Qt.MouseButton.LeftButton)
    driver.wait(lambda: "read-only" in screen.heading.text())
    assert not any(b.isEnabled() for c in screen.cards.values() for b in c.buttons.values())
    assert not closing.sign_button.isEnabled() and not correction.isEnabled()

    qtbot.mouseClick(closing.report_button, Qt.MouseButton.LeftButton)
    preview = screen.preview
    assert preview is not None
    driver.wait(lambda: preview.document is not None)
    assert "Continuous performing" in " ".join(preview.pages)  # previewed from memory
    assert list(tmp_path.rglob("*.pdf")) == []  # nothing written before Save as
    target = tmp_path / "chosen" / "report.pdf"
    target.parent.mkdir()
    with qtbot.waitSignal(preview.sig_saved, timeout=5000):
        preview.save_to(str(target))
    text = pdf_text(target)
    assert text.count("The limit on") == 2  # exactly the two breaches
    assert text.count("No limit was passed.") == 1  # the 3-year-old
    assert "The limit on continuous performing was passed" in text
    assert "The limit on time until the latest time of" in text
    assert "Keep continuous performing under 2 h 30 min." in text
    assert "tapped late" in text
    # rehearsal is its own period in the daily record, and counted as performing
    assert "Rehearsing started" in text and "Rehearsing ended" in text
    assert "Of which rehearsing 10 min" in text and "counts as performing" in text
    # each child's licence, chaperone and tutor as checked for the day
    assert "Mirela Kowalczyk, approval EXPIRED on 01/07/2026" in text
    assert text.count("Priya Sharma-Lowe") == 3
    assert list(tmp_path.rglob("*.pdf")) == [target]


def test_rehearsing_is_its_own_period_and_counts_as_performing(driver: Driver) -> None:
    driver.start("Noa")
    driver.tap("14:00", "Noa", "Arrived")
    driver.tap("14:00", "Noa", "Start rehearsing")
    card = driver.card("Noa")
    assert not card.buttons["Start performing"].isEnabled()  # one period at a time
    rehearsing = driver.total("14:20", "Noa", "max_performing_time")
    assert rehearsing.startswith("Performing time (rehearsing counts): 0 h 20 min")
    assert card.rehearsing.text().startswith("Of which rehearsing: 0 h 20 min")
    driver.tap("14:25", "Noa", "End period")
    driver.tap("14:25", "Noa", "Start performing")  # straight on: one continuous spell
    continuous = driver.total("14:50", "Noa", "max_continuous_performance")
    assert "0 h 50 min of 0 h 30 min" in continuous and continuous.startswith("BREACH")
    kinds = [e.kind.value for e in driver.screen.view.children[0].events]
    assert kinds == ["Arrived", "Rehearsing started", "Rehearsing ended", "Performing started"]
    assert "Of which rehearsing: 0 h 25 min" in card.rehearsing.text()


def test_each_childs_licence_chaperone_and_tutor_are_shown_and_checked(driver: Driver) -> None:
    screen = driver.screen
    driver.start("Nguyễn")
    card = driver.card("Nguyễn")
    licence = card.facts[Check.LICENCE].text()
    assert "(granted): 15/07/2026" in licence
    assert "Mirela Kowalczyk, approval EXPIRED on 01/07/2026" in card.facts[Check.CHAPERONE].text()
    assert "Priya Sharma-Lowe" in card.facts[Check.TUTOR].text()
    assert "not in force" in card.warnings.text()
    card.answer_check(Check.CHAPERONE, "No")
    driver.qtbot.mouseClick(card.save_checks, Qt.MouseButton.LeftButton)
    driver.wait(lambda: screen.message.text().startswith("note"))  # a "No" needs a note
    card.check_note.setText("Approval lapsed; a parent stood in")
    driver.qtbot.mouseClick(card.save_checks, Qt.MouseButton.LeftButton)
    driver.wait(lambda: screen.message.text() == "")


def test_out_of_order_tap_and_empty_reason_get_a_message(driver: Driver) -> None:
    screen, qtbot = driver.screen, driver.qtbot
    driver.start("Noa")
    driver.tap("14:00", "Noa", "Arrived")
    qtbot.mouseClick(screen.correction.apply_button, Qt.MouseButton.LeftButton)
    driver.wait(lambda: screen.message.text().startswith("reason"))
    screen.closing.answer(Item.WELFARE, "Not satisfactory")
    driver.wait(lambda: screen.message.text().startswith("note"))


def test_the_workspace_opens_the_inspection_and_locking_forgets_it(qtbot, flow) -> None:
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    workspace.show_area(workspace.AREAS.index("Inspection"))
    screen = workspace.current_view()
    assert isinstance(screen, InspectionScreen) and screen.desk is not None
    screen.venue.setText("Northgate Theatre, Oxford")
    qtbot.keyClick(flow.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert flow.window.locked
    assert screen.desk is None and not screen.timer.isActive() and screen.venue.text() == ""


def test_lines_with_nothing_to_say_take_no_room(driver: Driver) -> None:
    driver.start("Noa")
    card = driver.card("Noa")
    lines = [*card.totals.values(), card.rehearsing]
    assert all(line.isHidden() for line in lines)  # before arrival: no band of empty rows
    driver.tap("14:00", "Noa", "Arrived")
    at_venue = card.totals["max_time_at_venue"]
    driver.wait(lambda: not at_venue.isHidden())
    assert at_venue.text().startswith("Time at the venue") and card.rehearsing.isHidden()
    driver.tap("14:00", "Noa", "Start rehearsing")
    driver.total("14:10", "Noa", "max_performing_time")
    assert not card.rehearsing.isHidden()
