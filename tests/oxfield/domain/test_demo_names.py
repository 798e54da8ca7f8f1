"""The demo's children read like real people: a second given name is never the first again
("Zoë Zoë"), across enough children that every culture's lists are drawn from."""

from __future__ import annotations

from datetime import date

from oxfield.domain.demo import DemoMaker, DemoSchool
from oxfield.domain.people import Child

SCHOOLS = [
    DemoSchool(123000 + i, f"931{2000 + i}", "Banbury", "OX16 0AA", i % 2 == 0) for i in range(6)
]


def test_no_child_has_the_same_given_name_twice() -> None:
    maker = DemoMaker(2026, date(2026, 12, 4), SCHOOLS, start=0)
    given = [row["legal_given_names"] for _ in range(3000) for row in maker.make()[Child]]
    two_names = [names.split() for names in given if len(names.split()) == 2]
    assert len(two_names) > 300  # about 15% have a second name
    assert [names for names in two_names if names[0] == names[1]] == []
