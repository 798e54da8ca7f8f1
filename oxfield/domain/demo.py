"""Build synthetic, realistic cases for demos and benchmarks: only made-up people.

Children get names from many traditions and scripts (``demo_names``), a date of birth that
puts them of compulsory school age, a valid-looking UPN, parents, one or two current
addresses on invented streets in the town of a real Oxfordshire school, and then an EHE case,
a performance licence or an employment permit with statuses and review dates spread so that
some are overdue.

Rows are plain dicts per model (ids made here so links need no flush), so that tens of
thousands can be inserted in bulk; the caller stamps the sync metadata.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain import hlc
from oxfield.domain.demo_names import (
    ADULT_GIVEN,
    CULTURE_WEIGHTS,
    CULTURES,
    DISTRICTS,
    EMPLOYERS,
    PRODUCTIONS,
    STREETS,
)
from oxfield.domain.ehe import EheCase, EheReason, EheSource, EheStatus, Suitability
from oxfield.domain.employment import EmploymentPermit, PermitStatus
from oxfield.domain.kinds import Team
from oxfield.domain.licensing import Licence, LicenceStatus
from oxfield.domain.people import (
    Address,
    Child,
    ChildPerson,
    Person,
    Relationship,
    SenStatus,
    Sex,
    child_keys,
)
from oxfield.ids import new_id
from oxfield.orm import Base

Row = dict[str, Any]
#: the order rows must be inserted in (parents of foreign keys first)
INSERT_ORDER: tuple[type[Base], ...] = (
    Child,
    Person,
    ChildPerson,
    Address,
    EheCase,
    Licence,
    EmploymentPermit,
)

_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
EHE_OFFICERS = ("ehe-officer-1", "ehe-officer-2", "ehe-officer-3", "ehe-officer-4")
LICENSING_OFFICERS = ("lic-officer-1", "lic-officer-2")
_REASONS = [
    (EheReason.MENTAL_HEALTH, 16),
    (EheReason.PHILOSOPHICAL, 12),
    (EheReason.LIFESTYLE, 9),
    (EheReason.DISSATISFACTION_GENERAL, 8),
    (EheReason.DISSATISFACTION_SEND, 7),
    (EheReason.DISSATISFACTION_BULLYING, 5),
    (EheReason.PHYSICAL_HEALTH, 4),
    (EheReason.RELIGIOUS, 3),
    (EheReason.RISK_OF_EXCLUSION, 3),
    (EheReason.NO_SCHOOL_PREFERENCE, 3),
    (EheReason.OTHER, 10),
    (EheReason.NO_REASON_GIVEN, 10),
    (EheReason.UNKNOWN, 10),
]


@dataclass(frozen=True, slots=True)
class DemoSchool:
    urn: int
    laestab: str | None
    town: str | None
    postcode: str | None
    secondary: bool


def upn_check_letter(body: str) -> str:
    """The UPN check letter for the 12 characters after it (DfE algorithm)."""
    total = sum(int(ch) * weight for weight, ch in enumerate(body, start=2))
    return _UPN_LETTERS[total % 23]


def make_upn(rng: random.Random, school: DemoSchool, year: int) -> str:
    estab = (school.laestab or "9312000")[-4:]
    body = f"931{estab}{year % 100:02d}{rng.randrange(1000):03d}"
    return upn_check_letter(body) + body


class DemoMaker:
    def __init__(
        self,
        seed: int,
        today: date,
        schools: list[DemoSchool],
        start: int,
        scope: Row | None = None,
    ) -> None:
        #: team, district and assigned officer for every case (an enrolled laptop's own),
        #: instead of the invented ones
        self.scope = scope
        if not schools:
            raise ValueError("demo cases need the school list loaded first")
        self.rng = random.Random(seed)  # noqa: S311  (reproducible demo data, not secrets)
        self.today = today
        self.primary = [s for s in schools if not s.secondary] or schools
        self.secondary = [s for s in schools if s.secondary] or schools
        self.counter = start
        cultures = list(CULTURE_WEIGHTS)
        self._cultures = (cultures, [CULTURE_WEIGHTS[c] for c in cultures])

    def _culture(self) -> str:
        return self.rng.choices(*self._cultures)[0]

    def _child(self, scope: Row) -> tuple[Row, DemoSchool, str]:
        rng = self.rng
        culture = self._culture()
        girls, boys, families = CULTURES[culture]
        sex = rng.choices([Sex.FEMALE, Sex.MALE, Sex.UNKNOWN], [49, 49, 2])[0]
        names = girls if sex is Sex.FEMALE else boys
        given = rng.choice(names)
        if rng.random() < 0.15:
            middle = rng.choice(names)
            if middle == given:  # "Zoë Zoë": take the next name, drawing no more numbers
                middle = names[(names.index(middle) + 1) % len(names)]
            given = f"{given} {middle}"
        age_days = rng.randrange(5 * 365 + 2, 16 * 365)
        dob = self.today - timedelta(days=age_days)
        if rng.random() < 0.002:  # leap-day birthdays do happen
            dob = date(rng.choice((2012, 2016)), 2, 29)
        school = rng.choice(self.secondary if age_days > 11 * 365 else self.primary)
        family = rng.choice(families)
        preferred = given.split()[0] if " " in given and rng.random() < 0.5 else None
        keys, sort = child_keys(family, given, preferred)
        child: Row = {
            "id": new_id(),
            **scope,
            "legal_family_name": family,
            "legal_given_names": given,
            "preferred_name": preferred,
            "date_of_birth": dob,
            "sex": sex,
            "upn": make_upn(rng, school, dob.year + 5) if rng.random() < 0.85 else None,
            "sen_status": rng.choices(list(SenStatus), [78, 16, 6])[0],
            "school_urn": school.urn,
            "search_key": keys,
            "sort_key": sort,
        }
        return child, school, culture

    def _family(self, child: Row, school: DemoSchool, culture: str) -> dict[type[Base], list[Row]]:
        rng = self.rng
        scope = {"team": child["team"], "district": child["district"]}
        people: list[Row] = []
        links: list[Row] = []
        for n in range(2 if rng.random() < 0.6 else 1):
            person = {
                "id": new_id(),
                "family_name": child["legal_family_name"],
                "given_names": rng.choice(ADULT_GIVEN[culture]),
                **scope,
            }
            rel = Relationship.MOTHER if n == 0 else Relationship.FATHER
            if rng.random() < 0.05:
                rel = rng.choice([Relationship.GRANDPARENT, Relationship.FOSTER_CARER])
            people.append(person)
            links.append(
                {
                    "id": new_id(),
                    "child_id": child["id"],
                    "person_id": person["id"],
                    "relationship_to_child": rel,
                    "parental_responsibility": rel in (Relationship.MOTHER, Relationship.FATHER),
                    "lives_with_child": n == 0 or rng.random() < 0.7,
                    **scope,
                }
            )
        area = (school.postcode or "OX1 1AA").split()[0]
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        addresses = [
            {
                "id": new_id(),
                "child_id": child["id"],
                "line1": f"{rng.randrange(1, 200)} {rng.choice(STREETS)}",
                "town": school.town,
                "postcode": f"{area} {rng.randrange(1, 10)}{rng.choice(letters)}"
                f"{rng.choice(letters)}",
                "moved_in_on": child["date_of_birth"] + timedelta(days=rng.randrange(0, 1500)),
                "is_main": n == 0,
                **scope,
            }
            for n in range(2 if rng.random() < 0.08 else 1)
        ]
        return {Person: people, ChildPerson: links, Address: addresses}

    def _review(self) -> date:
        return self.today + timedelta(days=self.rng.randrange(-90, 240))

    def _ehe(self, child: Row, school: DemoSchool, scope: Row) -> Row:
        rng = self.rng
        notified = self.today - timedelta(days=rng.randrange(1, 900))
        status = rng.choices(list(EheStatus), [30, 40, 12, 5, 3, 10])[0]
        closed = status is EheStatus.CLOSED
        return {
            **scope,
            "reference": f"EHE-{notified.year}-{self.counter:05d}",
            "child_id": child["id"],
            "notified_on": notified,
            "source": rng.choices(list(EheSource), [70, 20, 5, 3, 2])[0],
            "deregistered_on": notified - timedelta(days=rng.randrange(0, 5)),
            "school_left_urn": school.urn,
            "primary_reason": rng.choices(*zip(*_REASONS, strict=True))[0],
            "status": status,
            "suitability": rng.choice(list(Suitability)),
            "safeguarding_concern": rng.random() < 0.04,
            "next_review_on": None if closed else self._review(),
            "closed_on": notified + timedelta(days=200) if closed else None,
        }

    def _licence(self, child: Row, scope: Row) -> Row:
        rng = self.rng
        production, applicant, venue = rng.choice(PRODUCTIONS)
        first = self.today + timedelta(days=rng.randrange(-200, 120))
        return {
            **scope,
            "reference": f"LIC-{first.year}-{self.counter:05d}",
            "child_id": child["id"],
            "production": production,
            "applicant_name": applicant,
            "venues": venue,
            "received_on": first - timedelta(days=rng.randrange(21, 60)),
            "first_day": first,
            "last_day": first + timedelta(days=rng.randrange(0, 40)),
            "status": rng.choices(list(LicenceStatus), [20, 65, 3, 2, 10])[0],
            "next_review_on": first,
        }

    def _permit(self, child: Row, scope: Row) -> Row:
        rng = self.rng
        employer, job = rng.choice(EMPLOYERS)
        received = self.today - timedelta(days=rng.randrange(0, 400))
        return {
            **scope,
            "reference": f"EMP-{received.year}-{self.counter:05d}",
            "child_id": child["id"],
            "employer": employer,
            "job": job,
            "received_on": received,
            "weekly_pattern": self._pattern(received),
            "status": rng.choices(list(PermitStatus), [15, 70, 5, 2, 8])[0],
            "next_review_on": received + timedelta(days=365),
        }

    def _pattern(self, received: date) -> str:
        """A paper round or Saturday job inside the byelaws, as the permit form stores it.

        Drawn from its own generator, so the other demo rows stay the same for a given seed.
        """
        rng = random.Random(f"{self.counter}-{received.isoformat()}")  # noqa: S311  (demo data)
        if rng.random() < 0.5:
            term = {day: [["07:00", "08:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
        else:
            term = {"sat": [["09:00", "13:00"]]}
        holiday = {day: [["09:00", "12:00"]] for day in ("mon", "wed", "fri")}
        starts = received + timedelta(days=rng.randrange(7, 30))
        pattern = {"term": term, "holiday": holiday, "starts_on": starts.isoformat()}
        return json.dumps({**pattern, "attendance_percent": 96.5}, sort_keys=True)

    def make(self) -> dict[type[Base], list[Row]]:
        """One case with its child, family and addresses, as rows per model."""
        rng = self.rng
        self.counter += 1
        district = rng.choice(DISTRICTS)
        roll = rng.random()
        ehe = roll < 0.7
        team = Team.EHE if ehe else Team.LICENSING
        officer = rng.choice(EHE_OFFICERS if ehe else LICENSING_OFFICERS)
        scope: Row = {"team": team, "district": district, "assigned_officer": officer}
        if self.scope is not None:  # the same random draws either way: seeds stay stable
            scope = dict(self.scope)
            team = Team(scope["team"])
            ehe = team is Team.EHE
        child, school, culture = self._child(scope)
        rows: dict[type[Base], list[Row]] = {Child: [child]}
        rows.update(self._family(child, school, culture))
        case_scope = {"id": new_id(), **scope}
        if ehe:
            rows[EheCase] = [self._ehe(child, school, case_scope)]
        elif roll < 0.9:
            rows[Licence] = [self._licence(child, case_scope)]
        else:
            rows[EmploymentPermit] = [self._permit(child, case_scope)]
        return rows


def insert_rows(
    session: Session, rows: dict[type[Base], list[Row]], officer: str, device: str, clock: Clock
) -> None:
    """Insert many new records at once, stamped as the session events would stamp them."""
    total = sum(len(batch) for batch in rows.values())
    stamps = iter(hlc.tick(session.connection(), device, clock, total))
    now = clock.now()
    for model in INSERT_ORDER:
        batch = rows.get(model, [])
        if not batch:
            continue
        kind = model.KIND  # type: ignore[attr-defined]
        for row in batch:
            row.update(
                kind=kind,
                version=0,
                hlc=str(next(stamps)),
                author=officer,
                device=device,
                deleted=False,
                created_at=now,
                updated_at=now,
            )
        session.execute(insert(model), batch)
