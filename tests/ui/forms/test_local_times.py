"""Times shown to the officer are London times, on the clock-change nights too.

The vault keeps instants in UTC; an amendment made at 11:30 in July showed "10:30", and a
draft restored in summer said it was saved an hour before it was.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from oxfield.services.record_forms import specs
from oxfield.services.record_forms.store import AmendmentData, RecordData
from ui.forms.record_view import RecordReadView, local_time


@pytest.mark.parametrize(
    ("instant", "shown"),
    [
        (datetime(2026, 7, 1, 10, 30, tzinfo=UTC), "01/07/2026 11:30"),
        (datetime(2026, 1, 15, 10, 30, tzinfo=UTC), "15/01/2026 10:30"),
        # 29 March 2026: clocks go forward at 01:00 UTC
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "29/03/2026 00:30"),
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "29/03/2026 02:30"),
        # 25 October 2026: clocks go back at 01:00 UTC (01:30 happens twice)
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "25/10/2026 01:30"),
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "25/10/2026 01:30"),
        (datetime(2026, 7, 1, 10, 30), "01/07/2026 11:30"),  # naive from the vault: UTC
    ],
)
def test_local_time(instant: datetime, shown: str) -> None:
    assert local_time(instant) == shown


def test_an_amendment_shows_when_it_was_made_in_london(qtbot) -> None:
    view = RecordReadView(specs.NOTE)
    qtbot.addWidget(view)
    made = datetime(2026, 7, 1, 10, 30, tzinfo=UTC)
    amendment = AmendmentData(made, "officer-1", "typo", {"text": "Seen at home"})
    view.show_record(RecordData("note", "n1", {"text": "Seen at hom"}, True, (amendment,)))
    assert "(01/07/2026 11:30, officer-1)" in view.amendments.text()
