"""Build synthetic, realistic cases for demos and benchmarks: only made-up people.

Children get names from many traditions and scripts (``demo_names``), a date of birth that
puts them of compulsory school age, a valid-looking UPN, parents, one or two current
addresses on invented streets in the town of a real Oxfordshire school, and then an EHE case,
a performance licence or an employment permit with statuses and review dates spread so that
some are overdue.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

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
    def __init__(self, seed: int, today: date, schools: list[DemoSchool], start: int) -> None:
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

    def _child(self, team: Team, district: str, officer: str) -> tuple[Child, DemoSchool, str]:
        rng = self.rng
        culture = self._culture()
        girls, boys, families = CULTURES[culture]
        sex = rng.choices([Sex.FEMALE, Sex.MALE, Sex.UNKNOWN], [49, 49, 2])[0]
        given = rng.choice(girls if sex is Sex.FEMALE else boys)
        if rng.random() < 0.15:
            given = f"{given} {rng.choice(girls if sex is Sex.FEMALE else boys)}"
        age_days = rng.randrange(5 * 365 + 2, 16 * 365)
        dob = self.today - timedelta(days=age_days)
        if rng.random() < 0.002:  # leap-day birthdays do happen
            dob = date(rng.choice((2012, 2016)), 2, 29)
        school = rng.choice(self.secondary if age_days > 11 * 365 else self.primary)
        upn = make_upn(rng, school, dob.year + 5) if rng.random() < 0.85 else None
        sen = rng.choices(list(SenStatus), [78, 16, 6])[0]
        child = Child(
            team=team,
            district=district,
            assigned_officer=officer,
            legal_family_name=rng.choice(families),
            legal_given_names=given,
            preferred_name=given.split()[0] if " " in given and rng.random() < 0.5 else None,
            date_of_birth=dob,
            sex=sex,
            upn=upn,
            sen_status=sen,
            school_urn=school.urn,
        )
        child.refresh_search()
        return child, school, culture

    def _family(self, child: Child, school: DemoSchool, culture: str) -> list[object]:
        rng = self.rng
        scope = {"team": child.team, "district": child.district}
        objects: list[object] = []
        adults = 2 if rng.random() < 0.6 else 1
        for n in range(adults):
            person = Person(
                family_name=child.legal_family_name,
                given_names=rng.choice(ADULT_GIVEN[culture]),
                **scope,
            )
            rel = Relationship.MOTHER if n == 0 else Relationship.FATHER
            if rng.random() < 0.05:
                rel = rng.choice([Relationship.GRANDPARENT, Relationship.FOSTER_CARER])
            link = ChildPerson(
                child=child,
                person=person,
                relationship_to_child=rel,
                parental_responsibility=rel in (Relationship.MOTHER, Relationship.FATHER),
                lives_with_child=n == 0 or rng.random() < 0.7,
                **scope,
            )
            objects += [person, link]
        homes = 2 if rng.random() < 0.08 else 1
        area = (school.postcode or "OX1 1AA").split()[0]
        for n in range(homes):
            objects.append(
                Address(
                    child=child,
                    line1=f"{rng.randrange(1, 200)} {rng.choice(STREETS)}",
                    town=school.town,
                    postcode=f"{area} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                    f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                    moved_in_on=child.date_of_birth + timedelta(days=rng.randrange(0, 1500)),
                    is_main=n == 0,
                    **scope,
                )
            )
        return objects

    def _review(self) -> date:
        return self.today + timedelta(days=self.rng.randrange(-90, 240))

    def make(self) -> list[object]:
        """One case with its child, family and addresses (not yet added to a session)."""
        rng = self.rng
        self.counter += 1
        district = rng.choice(DISTRICTS)
        roll = rng.random()
        if roll < 0.7:
            officer = rng.choice(EHE_OFFICERS)
            child, school, culture = self._child(Team.EHE, district, officer)
            notified = self.today - timedelta(days=rng.randrange(1, 900))
            status = rng.choices(list(EheStatus), [30, 40, 12, 5, 3, 10])[0]
            case: object = EheCase(
                team=Team.EHE,
                district=district,
                assigned_officer=officer,
                reference=f"EHE-{notified.year}-{self.counter:06d}",
                child=child,
                notified_on=notified,
                source=rng.choices(list(EheSource), [70, 20, 5, 3, 2])[0],
                deregistered_on=notified - timedelta(days=rng.randrange(0, 5)),
                school_left_urn=school.urn,
                primary_reason=rng.choices(*zip(*_REASONS, strict=True))[0],
                status=status,
                suitability=rng.choice(list(Suitability)),
                safeguarding_concern=rng.random() < 0.04,
                next_review_on=None if status is EheStatus.CLOSED else self._review(),
                closed_on=notified + timedelta(days=200) if status is EheStatus.CLOSED else None,
            )
        elif roll < 0.9:
            officer = rng.choice(LICENSING_OFFICERS)
            child, school, culture = self._child(Team.LICENSING, district, officer)
            production, applicant, venue = rng.choice(PRODUCTIONS)
            first = self.today + timedelta(days=rng.randrange(-200, 120))
            case = Licence(
                team=Team.LICENSING,
                district=district,
                assigned_officer=officer,
                reference=f"LIC-{first.year}-{self.counter:06d}",
                child=child,
                production=production,
                applicant_name=applicant,
                venues=venue,
                received_on=first - timedelta(days=rng.randrange(21, 60)),
                first_day=first,
                last_day=first + timedelta(days=rng.randrange(0, 40)),
                status=rng.choices(list(LicenceStatus), [20, 65, 3, 2, 10])[0],
                next_review_on=first,
            )
        else:
            officer = rng.choice(LICENSING_OFFICERS)
            child, school, culture = self._child(Team.LICENSING, district, officer)
            employer, job = rng.choice(EMPLOYERS)
            received = self.today - timedelta(days=rng.randrange(0, 400))
            case = EmploymentPermit(
                team=Team.LICENSING,
                district=district,
                assigned_officer=officer,
                reference=f"EMP-{received.year}-{self.counter:06d}",
                child=child,
                employer=employer,
                job=job,
                received_on=received,
                status=rng.choices(list(PermitStatus), [15, 70, 5, 2, 8])[0],
                next_review_on=received + timedelta(days=365),
            )
        return [child, *self._family(child, school, culture), case]
