"""The officer's own profile (name, team, district), kept inside the encrypted vault.

The first-run wizard asks for it once; sync and reports use it as the author of changes. It is
personal data, so it lives in the vault's ``vault_meta`` table and never in QSettings or a log.
"""

from __future__ import annotations

from dataclasses import dataclass

from oxfield.errors import ValidationError
from oxfield.vault.vault import Vault

#: The teams an officer can belong to (the scope values of DESIGN.md section 2).
TEAMS: dict[str, str] = {
    "ehe": "Home education",
    "licensing": "Licensing",
    "cme": "Children missing education",
    "attendance": "Attendance",
}

#: Oxfordshire's districts, the other half of a record's scope.
DISTRICTS: tuple[str, ...] = (
    "Cherwell",
    "Oxford",
    "South Oxfordshire",
    "Vale of White Horse",
    "West Oxfordshire",
)

_PREFIX = "profile."
_FIELDS = ("officer_name", "team", "district")
MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class Profile:
    officer_name: str
    team: str
    district: str

    def validated(self) -> Profile:
        """The same profile trimmed, or a :class:`ValidationError` naming the bad field."""
        name = " ".join(self.officer_name.split())
        if not name:
            raise ValidationError("Your name is required.", field="officer_name")
        if len(name) > MAX_NAME:
            raise ValidationError(
                f"Your name must be at most {MAX_NAME} characters.", field="officer_name"
            )
        if self.team not in TEAMS:
            raise ValidationError("Choose your team from the list.", field="team")
        if self.district not in DISTRICTS:
            raise ValidationError("Choose your district from the list.", field="district")
        return Profile(name, self.team, self.district)


def load_profile(vault: Vault) -> Profile | None:
    """The saved profile, or ``None`` when the first-run wizard has not stored one yet."""
    values = {name: vault.meta(_PREFIX + name) for name in _FIELDS}
    if any(value is None for value in values.values()):
        return None
    return Profile(
        officer_name=values["officer_name"] or "",
        team=values["team"] or "",
        district=values["district"] or "",
    )


def save_profile(vault: Vault, profile: Profile) -> Profile:
    """Validate and store the profile in one transaction; returns what was stored."""
    clean = profile.validated()
    with vault.write() as session:
        vault.set_meta(session, _PREFIX + "officer_name", clean.officer_name)
        vault.set_meta(session, _PREFIX + "team", clean.team)
        vault.set_meta(session, _PREFIX + "district", clean.district)
    return clean
