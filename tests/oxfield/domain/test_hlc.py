"""The hybrid logical clock keeps local edits in order when the wall clock goes back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from oxfield.clock import FixedClock
from oxfield.domain import hlc
from oxfield.domain.hlc import Hlc
from oxfield.domain.kinds import Team
from oxfield.domain.people import Child
from oxfield.services import records
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault


def test_stamps_stay_ordered_when_the_wall_clock_jumps_back(vault: Vault) -> None:
    clock = FixedClock(datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
    actor = Actor("officer-1", "dev-1", clock)
    stamps: list[str] = []
    for step in range(6):
        with records.writing(vault, actor) as s:
            child = records.create_child(
                s,
                team=Team.EHE,
                legal_family_name=f"Synthetic{step}",
                legal_given_names="Test",
                date_of_birth=date(2015, 1, 1),
            )
            s.flush()
            stamps.append(child.hlc)
        # the clock goes back a day on the third step, then creeps forward
        clock.advance(timedelta(days=-1) if step == 2 else timedelta(milliseconds=1))
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
    # persisted: a freshly unlocked vault reads the same last stamp
    assert vault.meta("hlc") == stamps[-1]


def test_an_edit_gets_a_later_stamp_than_the_insert(vault: Vault) -> None:
    clock = FixedClock(datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
    actor = Actor("officer-1", "dev-1", clock)
    with records.writing(vault, actor) as s:
        child = records.create_child(
            s,
            team=Team.EHE,
            legal_family_name="Synthetic",
            legal_given_names="Test",
            date_of_birth=date(2015, 1, 1),
        )
        s.flush()
        first, child_id = child.hlc, child.id
    clock.advance(timedelta(hours=-5))
    with records.writing(vault, actor) as s:
        child = s.get(Child, child_id)
        assert child is not None
        records.update(child, {"preferred_name": "Tess"})
    with vault.read() as s:
        child = s.get(Child, child_id)
        assert child is not None
        assert child.hlc > first
        assert "|tesssynthetic|" in child.search_key


def test_receive_moves_past_a_remote_stamp() -> None:
    local = Hlc(1_000, 3, "a")
    remote = Hlc(5_000, 7, "b")
    after = hlc.receive(local, remote, now_ms=2_000, node="a")
    assert after > remote and after.wall_ms == 5_000 and after.counter == 8


@given(st.lists(st.integers(min_value=0, max_value=10**13), min_size=1, max_size=50))
def test_send_is_strictly_increasing_for_any_wall_clock(walls: list[int]) -> None:
    last: Hlc | None = None
    seen: list[str] = []
    for wall in walls:
        last = hlc.send(last, wall, "dev")
        seen.append(str(last))
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
