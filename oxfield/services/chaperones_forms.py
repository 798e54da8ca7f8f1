"""The chaperone pipeline's forms as typed text: each step's fields, their checks, and the save.

The desktop shows one form per step before the interview (application, identity documents,
enhanced DBS, references, training). It checks every field as the officer types, with a message
that names the field, and autosaves the text exactly as typed as a draft; only a step whose
fields are all right is recorded, through :mod:`oxfield.services.chaperones`. Keeping the
parsing here means the desktop and any later front end refuse the same input with the same
words, and a test needs no display to check them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from oxfield.domain.chaperones import BarredListResult, Chaperone
from oxfield.errors import ValidationError
from oxfield.rules.age import age_on
from oxfield.services import chaperones as ch
from oxfield.services.cases import parse_date
from oxfield.services.record_forms.fields import EARLIEST_YEAR, LATEST_YEAR, one_line
from oxfield.services.records import get

MIN_AGE = 18  # DOMAIN.md 2: NNCEE's minimum; some councils ask 21
MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    label: str
    kind: str = "text"  # text | date | check | choice
    required: bool = True


def _referee(n: int) -> tuple[FormField, ...]:
    return (
        FormField(f"referee_{n}_name", f"Referee {n} name"),
        FormField(f"referee_{n}_relationship", f"Referee {n} relationship to the applicant"),
        FormField(f"referee_{n}_received_on", f"Referee {n} reference received on", "date", False),
        FormField(f"referee_{n}_satisfactory", f"Referee {n} reference satisfactory", "check"),
    )


STEPS: dict[str, tuple[FormField, ...]] = {
    "application": (
        FormField("family_name", "Family name"),
        FormField("given_names", "Given names"),
        FormField("date_of_birth", "Date of birth", "date"),
        FormField("applied_on", "Application received on", "date"),
    ),
    "identity": (
        FormField("id_seen", "Identity documents seen"),
        FormField("id_seen_on", "Identity documents seen on", "date"),
    ),
    "dbs": (
        FormField("dbs_certificate_number", "DBS certificate number"),
        FormField("dbs_issued_on", "DBS certificate issued on", "date"),
        FormField("barred_list", "Children's barred-list check", "choice"),
        FormField("dbs_update_service", "On the DBS update service", "check"),
        FormField("dbs_last_checked_on", "Update service checked on", "date", False),
    ),
    "references": _referee(1) + _referee(2),
    "training": (FormField("training_completed_on", "Training completed on", "date"),),
}
STEP_TITLES = {
    "application": "Application",
    "identity": "Identity documents",
    "dbs": "Enhanced DBS",
    "references": "References",
    "training": "Training",
}
BARRED_LIST_CHOICES = {
    BarredListResult.NOT_CHECKED.value: "Not checked yet",
    BarredListResult.CLEAR.value: "Clear",
    BarredListResult.BARRED.value: "Barred",
}


def _one(spec: FormField, text: str, today: date) -> Any:
    """The value typed in one field, or ValidationError naming it."""
    text = one_line(text.strip())
    label = spec.label
    if spec.kind == "check":
        return text == "yes"
    if not text:
        if spec.required:
            raise ValidationError(f"{label} is required.", spec.name)
        return None
    if spec.kind == "date":
        day = parse_date(text)
        if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise ValidationError(f"{label} must be a real date, like 31/01/2026.", spec.name)
        if day > today:
            raise ValidationError(f"{label} cannot be in the future.", spec.name)
        if spec.name == "date_of_birth" and age_on(day, today) < MIN_AGE:
            raise ValidationError(f"{label}: a chaperone must be {MIN_AGE} or over.", spec.name)
        return day
    if spec.kind == "choice":
        if text not in BARRED_LIST_CHOICES:
            raise ValidationError(f"Choose the {label.lower()} from the list.", spec.name)
        return BarredListResult(text)
    if len(text) > MAX_TEXT:
        raise ValidationError(f"{label} must be at most {MAX_TEXT} characters.", spec.name)
    if spec.name == "dbs_certificate_number":
        try:
            return ch.check_dbs_number(text)
        except ValidationError:
            raise ValidationError(
                f"{label} must be the 12 digits printed on the certificate.", spec.name
            ) from None
    if spec.name.endswith("_relationship") and ch.is_relative(text):
        raise ValidationError(
            f"{label}: a referee must not be a relative or partner of the applicant.", spec.name
        )
    return text


def _across(step: str, values: dict[str, Any]) -> dict[str, str]:
    """Checks between fields of one step, each message put beside the field to change."""
    problems: dict[str, str] = {}
    if step == "dbs":
        issued, checked = values.get("dbs_issued_on"), values.get("dbs_last_checked_on")
        if issued is not None and checked is not None and checked < issued:
            problems["dbs_last_checked_on"] = (
                "Update service checked on is before the certificate's issue date."
            )
        elif values.get("dbs_update_service") and checked is None and issued is not None:
            problems["dbs_last_checked_on"] = (
                "Update service checked on: give the date the update service was checked."
            )
    if step == "references":
        one, two = values.get("referee_1_name"), values.get("referee_2_name")
        if one and two and one.casefold() == two.casefold():
            problems["referee_2_name"] = (
                "Referee 2 name: the two referees must be different people."
            )
    return problems


def check_step(step: str, fields: dict[str, str], today: date) -> dict[str, str]:
    """Every field's message (empty when it is right), as shown beside it while typing."""
    messages: dict[str, str] = {}
    values: dict[str, Any] = {}
    for spec in STEPS[step]:
        try:
            values[spec.name] = _one(spec, fields.get(spec.name, ""), today)
            messages[spec.name] = ""
        except ValidationError as exc:
            messages[spec.name] = str(exc)
    for name, message in _across(step, values).items():
        messages[name] = messages[name] or message
    return messages


def parse_step(step: str, fields: dict[str, str], today: date) -> dict[str, Any]:
    """The step's values, or ValidationError with the first field's message."""
    for name, message in check_step(step, fields, today).items():
        if message:
            raise ValidationError(message, name)
    return {s.name: _one(s, fields.get(s.name, ""), today) for s in STEPS[step]}


def save_step(
    session: Session, step: str, chaperone_id: str | None, fields: dict[str, str], today: date
) -> str:
    """Record one step for the applicant (the application makes the applicant); its id."""
    values = parse_step(step, fields, today)
    if step == "application":
        if values["date_of_birth"] >= values["applied_on"]:
            raise ValidationError(
                "Date of birth must be before the application date.", "date_of_birth"
            )
        return ch.new_applicant(
            session,
            family_name=values["family_name"],
            given_names=values["given_names"],
            date_of_birth=values["date_of_birth"],
            applied_on=values["applied_on"],
        ).id
    if chaperone_id is None:
        raise ValidationError("Record the application first.", "application")
    chaperone = get(session, Chaperone, chaperone_id)
    if step == "identity":
        ch.record_identity(chaperone, values["id_seen"], values["id_seen_on"])
    elif step == "dbs":
        ch.record_dbs(
            chaperone,
            certificate_number=values["dbs_certificate_number"],
            issued_on=values["dbs_issued_on"],
            update_service=values["dbs_update_service"],
            checked_on=values["dbs_last_checked_on"],
            barred_list=values["barred_list"],
        )
    elif step == "references":
        known = {r.referee_name.casefold(): r for r in ch.references_of(session, chaperone)}
        for n in (1, 2):
            recorded = known.get(values[f"referee_{n}_name"].casefold())
            if recorded is not None:  # recorded before: the reference may have arrived since
                ch.update_reference(
                    recorded,
                    relationship=values[f"referee_{n}_relationship"],
                    received_on=values[f"referee_{n}_received_on"],
                    satisfactory=values[f"referee_{n}_satisfactory"],
                )
                continue
            ch.add_reference(
                session,
                chaperone,
                referee_name=values[f"referee_{n}_name"],
                relationship=values[f"referee_{n}_relationship"],
                received_on=values[f"referee_{n}_received_on"],
                satisfactory=values[f"referee_{n}_satisfactory"],
            )
    elif step == "training":
        ch.record_training(chaperone, values["training_completed_on"])
    session.flush()
    return chaperone.id


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def recorded_fields(session: Session, chaperone_id: str) -> dict[str, dict[str, str]]:
    """What is already recorded for each step, as the forms show it (steps not begun left out),
    so an officer reopening an applicant sees the pipeline as it stands."""
    c = get(session, Chaperone, chaperone_id)
    out = {
        "application": {
            "family_name": c.family_name,
            "given_names": c.given_names,
            "date_of_birth": _day(c.date_of_birth),
            "applied_on": _day(c.applied_on),
        }
    }
    if c.id_seen:
        out["identity"] = {"id_seen": c.id_seen, "id_seen_on": _day(c.id_seen_on)}
    if c.dbs_certificate_number:
        out["dbs"] = {
            "dbs_certificate_number": c.dbs_certificate_number,
            "dbs_issued_on": _day(c.dbs_issued_on),
            "barred_list": c.barred_list.value,
            "dbs_update_service": "yes" if c.dbs_update_service else "no",
            "dbs_last_checked_on": _day(c.dbs_last_checked_on),
        }
    references = ch.references_of(session, c)[:2]
    if references:
        out["references"] = {}
        for n, ref in enumerate(references, 1):
            out["references"] |= {
                f"referee_{n}_name": ref.referee_name,
                f"referee_{n}_relationship": ch.reference_relationship(ref),
                f"referee_{n}_received_on": _day(ref.received_on),
                f"referee_{n}_satisfactory": "yes" if ref.satisfactory else "no",
            }
    if c.training_completed_on is not None:
        out["training"] = {"training_completed_on": _day(c.training_completed_on)}
    return out
