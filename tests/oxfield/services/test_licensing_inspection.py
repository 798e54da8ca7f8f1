"""An inspection on a fixed clock: three children in three age bands, live warnings at the
right minute, breaches fixed at signing, corrections kept, and the record refusing change once
signed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oxfield.clock import LONDON, FixedClock
from oxfield.domain.licensing import Inspection
from oxfield.errors import SignedRecordError, ValidationError
from oxfield.rules.findings import Severity
from oxfield.services import licensing_inspection as li
from oxfield.services.licensing_inspection_people import granted_licences
from oxfield.services.licensing_inspection_totals import live_totals, sign_inspection
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault
from tests.oxfield.services.licensing_helpers import licensed_child

DAY = date(2026, 7, 15)
EV = li.EventType


def at(hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2026, 7, 15, hour, minute, tzinfo=LONDON).astimezone(UTC)


class Scene:
    """The inspection under test with its clock; each action is its own write, as on screen."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.clock = FixedClock(at("13:55"))
        self.actor = Actor("officer-1", clock=self.clock)
        with writing(vault, self.actor) as s:
            self.older = licensed_child(s, "Oliwia", "Żółkiewska", date(2014, 1, 10)).id  # 12
            self.middle = licensed_child(s, "Nguyễn", "Minh", date(2019, 3, 3)).id  # 7
            self.baby = licensed_child(s, "Noa", "Ben-David", date(2023, 5, 5)).id  # 3
            s.flush()
            self.id = li.start_inspection(
                s,
                venue="Northgate Theatre, Oxford",
                production="The Snow Queen",
                inspected_on=DAY,
                licence_ids=[self.older, self.middle, self.baby],
                clock=self.clock,
            ).id

    def tap(self, hhmm: str, child: str, kind: li.EventType) -> li.Event:
        self.clock.instant = at(hhmm)
        with writing(self.vault, self.actor) as s:
            return li.tap(s.get_one(Inspection, self.id), child, kind, self.clock)

    def warnings(self, hhmm: str, child: str) -> dict[str, Severity]:
        with self.vault.read() as s:
            totals = live_totals(s, s.get_one(Inspection, self.id), child, at(hhmm)).totals
        assert totals is not None
        return {f.rule: f.severity for f in totals.findings}


@pytest.fixture
def scene(vault: Vault) -> Scene:
    return Scene(vault)


def run_day(scene: Scene) -> None:
    scene.tap("14:00", scene.older, EV.ARRIVE)
    scene.tap("14:00", scene.baby, EV.ARRIVE)
    scene.tap("14:30", scene.older, EV.PERFORM_START)
    scene.tap("14:30", scene.baby, EV.PERFORM_START)
    scene.tap("14:40", scene.baby, EV.PERFORM_END)
    scene.tap("15:30", scene.baby, EV.PERFORM_START)
    scene.tap("15:40", scene.baby, EV.PERFORM_END)
    scene.tap("16:00", scene.baby, EV.DEPART)
    assert scene.warnings("16:44", scene.older) == {}
    assert scene.warnings("16:45", scene.older) == {"max_continuous_performance": Severity.WARNING}
    assert scene.warnings("17:00", scene.older) == {"max_continuous_performance": Severity.WARNING}
    assert scene.warnings("17:01", scene.older) == {"max_continuous_performance": Severity.BREACH}
    scene.tap("17:10", scene.older, EV.PERFORM_END)
    scene.tap("18:00", scene.older, EV.DEPART)
    scene.tap("18:00", scene.middle, EV.ARRIVE)
    scene.tap("19:00", scene.middle, EV.PERFORM_START)
    scene.tap("20:30", scene.middle, EV.PERFORM_END)
    assert scene.warnings("22:44", scene.middle) == {}
    assert scene.warnings("22:45", scene.middle) == {"latest_time": Severity.WARNING}
    assert scene.warnings("23:01", scene.middle) == {"latest_time": Severity.BREACH}
    scene.tap("23:20", scene.middle, EV.DEPART)


def test_live_warnings_and_breaches_fixed_at_signing(scene: Scene) -> None:
    run_day(scene)
    # after leaving, a child's totals stop at the departure
    assert scene.warnings("23:59", scene.baby) == {}
    scene.clock.instant = at("23:30")
    with writing(scene.vault, scene.actor) as s:
        inspection = s.get_one(Inspection, scene.id)
        for item in li.Item:
            li.answer(inspection, item, True)
        li.add_action(inspection, "Keep continuous performing under 2 h 30 min.")
        sign_inspection(s, inspection, scene.actor, "Breaches found; actions set")
    with scene.vault.read() as s:
        state = li.state_of(s.get_one(Inspection, scene.id))
    found = {(f["licence_id"], f["rule"], f["severity"]) for f in state.final_findings}
    assert found == {
        (scene.older, "max_continuous_performance", "breach"),
        (scene.middle, "latest_time", "breach"),
    }
    with writing(scene.vault, scene.actor) as s, pytest.raises(SignedRecordError):
        li.add_action(s.get_one(Inspection, scene.id), "too late")


def test_correction_keeps_the_first_time_and_moves_the_totals(scene: Scene) -> None:
    scene.tap("14:00", scene.older, EV.ARRIVE)
    start = scene.tap("14:30", scene.older, EV.PERFORM_START)
    assert scene.warnings("16:45", scene.older) == {"max_continuous_performance": Severity.WARNING}
    with writing(scene.vault, scene.actor) as s:
        li.correct_event(s.get_one(Inspection, scene.id), start.id, at("14:40"), "tapped early")
    assert scene.warnings("16:45", scene.older) == {}
    with scene.vault.read() as s:
        event = li.state_of(s.get_one(Inspection, scene.id)).events[-1]
    assert event.at == at("14:40")
    assert event.corrections == [{"from": at("14:30").isoformat(), "reason": "tapped early"}]


def test_events_out_of_order_are_refused_by_name(scene: Scene) -> None:
    with pytest.raises(ValidationError, match="arrival first"):
        scene.tap("14:00", scene.older, EV.PERFORM_START)
    scene.tap("14:00", scene.older, EV.ARRIVE)
    with pytest.raises(ValidationError, match="no 'Break started' to end"):
        scene.tap("14:05", scene.older, EV.BREAK_END)
    scene.tap("14:10", scene.older, EV.PERFORM_START)
    with pytest.raises(ValidationError, match="has not ended"):
        scene.tap("14:20", scene.older, EV.DEPART)
    with writing(scene.vault, scene.actor) as s:
        inspection = s.get_one(Inspection, scene.id)
        with pytest.raises(ValidationError, match="note"):
            li.answer(inspection, li.Item.WELFARE, False)
        with pytest.raises(ValidationError, match="out of order"):
            li.correct_event(inspection, 1, at("14:30"), "wrong")


def test_checklist_concerns_become_findings_with_their_regulation(scene: Scene) -> None:
    scene.clock.instant = at("15:00")
    with writing(scene.vault, scene.actor) as s:
        inspection = s.get_one(Inspection, scene.id)
        li.answer(inspection, li.Item.DRESSING_ROOMS, False, "One shared room for all ages")
        li.check_child(inspection, scene.middle, li.Check.TUTOR, False, "No tutor today")
        sign_inspection(s, inspection, scene.actor, "Concerns")
    with scene.vault.read() as s:
        state = li.state_of(s.get_one(Inspection, scene.id))
    rules = {f["rule"]: f["regulation"] for f in state.final_findings}
    assert rules == {
        "checklist_dressing_rooms": li.REGULATIONS["DRESSING_ROOMS"],
        "check_tutor": "SI 2014/3309 reg 13",
    }


def test_a_licence_that_does_not_cover_the_day_is_a_finding(vault: Vault) -> None:
    clock = FixedClock(at("13:00"))
    actor = Actor("officer-1", clock=clock)
    with writing(vault, actor) as s:
        other_day = licensed_child(
            s, "Amara", "Okoye", date(2015, 1, 1), dates=(date(2026, 7, 16),)
        )
        inspection = li.start_inspection(
            s,
            venue="Northgate Theatre, Oxford",
            production="The Snow Queen",
            inspected_on=DAY,
            licence_ids=[other_day.id],
            clock=clock,
        )
        sign_inspection(s, inspection, actor, "Licence did not cover the day")
        state = li.state_of(inspection)
    assert [(f["rule"], f["message"]) for f in state.final_findings] == [
        ("licence_covers_day", f"{other_day.reference}: the licence does not include this date.")
    ]


def test_rehearsing_is_recorded_apart_and_counts_toward_the_performing_limits(
    scene: Scene,
) -> None:
    scene.tap("14:00", scene.older, EV.ARRIVE)
    scene.tap("14:00", scene.older, EV.REHEARSE_START)
    with pytest.raises(ValidationError, match="Rehearsing started' has not ended"):
        scene.tap("14:30", scene.older, EV.PERFORM_START)
    with pytest.raises(ValidationError, match="no 'Performing started' to end"):
        scene.tap("14:30", scene.older, EV.PERFORM_END)
    scene.tap("15:30", scene.older, EV.REHEARSE_END)
    scene.tap("15:30", scene.older, EV.PERFORM_START)  # straight on: one continuous spell
    with scene.vault.read() as s:
        live = live_totals(s, s.get_one(Inspection, scene.id), scene.older, at("16:31"))
    assert live.totals is not None and live.rehearsing == 90
    used = {t.rule: t.used for t in live.totals.totals}
    assert used["max_performing_time"] == 151 and used["max_continuous_performance"] == 151
    assert scene.warnings("16:31", scene.older)["max_continuous_performance"] is Severity.BREACH


def test_the_picker_shows_each_licence_checked_for_the_day(scene: Scene) -> None:
    with scene.vault.read() as s:
        on_the_day = {c.child: c for c in granted_licences(s, DAY)}
        next_day = {c.child: c for c in granted_licences(s, date(2026, 7, 16))}
    noa = on_the_day["Noa Ben-David"]
    assert noa.covers_day and noa.warnings == () and noa.period == "15/07/2026"
    assert noa.tutor_text() == (
        "Tutor: Priya Sharma-Lowe; education: Tutor on school days, 3 hours a day"
    )
    assert noa.chaperone_text() == "Chaperone: none named on the licence"
    assert next_day["Noa Ben-David"].warnings == ("licence does not cover today",)
