"""The chaperone applicant pipeline: identity, DBS, references, training, interview, decision.

Each step checks its input and says which field is wrong (a DBS certificate number that is not
12 digits, a referee who is a relative). The decision is refused until every check an approval
rests on is recorded, and is signed when made: an approval gets its expiry from the council's
setting (3 years by default) and an ID card number. The reminders for the annual DBS
update-service re-check and for the expiry are derived from the chaperone's dates by
``oxfield.domain.reminders`` (never stored, so they move when a re-check is recorded).

The interview record, with a note and an assessment for each topic the council covers, is kept
as JSON in the interview's ``notes``; a reference's relationship to the applicant is kept in its
``notes`` the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oxfield.domain.chaperones import (
    BarredListResult,
    Chaperone,
    ChaperoneDecision,
    ChaperoneDecisionKind,
    ChaperoneInterview,
    ChaperoneReference,
)
from oxfield.domain.kinds import Team
from oxfield.errors import ValidationError
from oxfield.services.chaperones_status import add_years, approval_years
from oxfield.services.records import Actor, sign
from oxfield.text import search_key

_DBS = re.compile(r"\d{12}")
#: words that make a referee a relative or partner ("step", "half", "grand", "-in-law" too)
_RELATIVE_WORDS = (
    "mother father parent mum dad son daughter child brother sister sibling aunt uncle "
    "niece nephew cousin husband wife spouse partner fiance fiancee boyfriend girlfriend"
)
RELATIVES = frozenset(_RELATIVE_WORDS.split())


class Topic(StrEnum):
    """What the interview covers (DOMAIN.md section 2, inferred topics)."""

    ROLE = "The chaperone's role, in place of the parent"
    RATIOS = "Ratios of children to chaperones"
    HOURS = "Hours and breaks by age"
    ILLNESS = "Illness and injury"
    SAFEGUARDING = "Safeguarding and who to report to"
    HANDOVER = "Handing a child only to an authorised adult"
    DAILY_RECORD = "The daily record"
    TOURING = "Touring and lodging"


class Assessment(StrEnum):
    GOOD = "Good understanding"
    ADEQUATE = "Adequate"
    CONCERN = "Concern"


class Outcome(StrEnum):
    APPROVE = "approve"
    APPROVE_WITH_RESTRICTIONS = "approve with restrictions"
    REFUSE = "refuse"


@dataclass(frozen=True)
class TopicRecord:
    notes: str
    assessment: Assessment


def _require(value: object, name: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(f"{name.replace('_', ' ')} is required", name)


def new_applicant(
    session: Session, *, family_name: str, given_names: str, date_of_birth: date, applied_on: date
) -> Chaperone:
    _require(family_name, "family_name")
    _require(given_names, "given_names")
    if date_of_birth >= applied_on:
        raise ValidationError("date_of_birth: must be before the application date", "date_of_birth")
    chaperone = Chaperone(
        family_name=family_name.strip(),
        given_names=given_names.strip(),
        date_of_birth=date_of_birth,
        applied_on=applied_on,
        search_key=search_key(f"{given_names} {family_name}"),
        team=Team.LICENSING,
    )
    session.add(chaperone)
    session.flush()
    return chaperone


def record_identity(chaperone: Chaperone, documents: str, seen_on: date) -> None:
    _require(documents, "id_seen")
    chaperone.id_seen = documents.strip()
    chaperone.id_seen_on = seen_on


def check_dbs_number(number: str) -> str:
    """A DBS certificate number is exactly 12 digits (spaces typed in it are ignored)."""
    compact = "".join(number.split())
    if not _DBS.fullmatch(compact):
        raise ValidationError(
            "dbs_certificate_number: must be the 12 digits printed on the certificate",
            "dbs_certificate_number",
        )
    return compact


def record_dbs(
    chaperone: Chaperone,
    *,
    certificate_number: str,
    issued_on: date,
    update_service: bool,
    checked_on: date | None,
    barred_list: BarredListResult,
) -> None:
    """The enhanced DBS certificate with its children's barred-list result."""
    number = check_dbs_number(certificate_number)
    if checked_on is not None and checked_on < issued_on:
        raise ValidationError(
            "dbs_last_checked_on: is before the issue date", "dbs_last_checked_on"
        )
    if update_service and checked_on is None:
        raise ValidationError(
            "dbs_last_checked_on: give the date the update service was checked",
            "dbs_last_checked_on",
        )
    chaperone.dbs_certificate_number = number
    chaperone.dbs_issued_on = issued_on
    chaperone.dbs_update_service = update_service
    chaperone.dbs_last_checked_on = checked_on
    chaperone.barred_list = barred_list


def is_relative(relationship: str) -> bool:
    """Whether the relationship as typed names a relative or partner (step-, half-, -in-law)."""
    words = re.findall(r"[a-z]+", relationship.lower().replace("-in-law", " inlaw"))
    return any(
        w in RELATIVES or w.startswith(("step", "half", "grand")) or w == "inlaw" for w in words
    )


def add_reference(
    session: Session,
    chaperone: Chaperone,
    *,
    referee_name: str,
    relationship: str,
    received_on: date | None = None,
    satisfactory: bool | None = None,
    notes: str = "",
) -> ChaperoneReference:
    """A referee who is not a relative or partner of the applicant."""
    _require(referee_name, "referee_name")
    _require(relationship, "relationship")
    if is_relative(relationship):
        raise ValidationError(
            "relationship: a referee must not be a relative or partner of the applicant",
            "relationship",
        )
    session.flush()
    reference = ChaperoneReference(
        chaperone_id=chaperone.id,
        referee_name=referee_name.strip(),
        received_on=received_on,
        satisfactory=satisfactory,
        notes=json.dumps({"relationship": relationship.strip(), "notes": notes}),
        team=chaperone.team,
    )
    session.add(reference)
    session.flush()
    return reference


def update_reference(
    reference: ChaperoneReference,
    *,
    relationship: str,
    received_on: date | None,
    satisfactory: bool | None,
) -> None:
    """A referee already recorded: the reference has arrived, or a detail was corrected."""
    _require(relationship, "relationship")
    if is_relative(relationship):
        raise ValidationError(
            "relationship: a referee must not be a relative or partner of the applicant",
            "relationship",
        )
    try:
        raw = json.loads(reference.notes or "{}")
    except ValueError:
        raw = {}
    kept = raw if isinstance(raw, dict) else {}
    notes = json.dumps(kept | {"relationship": relationship.strip()})
    if reference.notes != notes:
        reference.notes = notes
    if reference.received_on != received_on:
        reference.received_on = received_on
    if reference.satisfactory != satisfactory:
        reference.satisfactory = satisfactory


def record_dbs_recheck(chaperone: Chaperone, checked_on: date, still_clear: bool) -> None:
    """The annual update-service check: the next one falls due a year later. A certificate no
    longer current ends the approval on the day, pending a new decision."""
    if chaperone.dbs_issued_on is not None and checked_on < chaperone.dbs_issued_on:
        raise ValidationError(
            "dbs_last_checked_on: is before the issue date", "dbs_last_checked_on"
        )
    chaperone.dbs_last_checked_on = checked_on
    if not still_clear and chaperone.approved_until is not None:
        chaperone.approved_until = min(chaperone.approved_until, checked_on)


def record_training(chaperone: Chaperone, completed_on: date) -> None:
    chaperone.training_completed_on = completed_on


def record_interview(
    session: Session,
    chaperone: Chaperone,
    *,
    held_on: date,
    interviewer: str,
    topics: dict[Topic, TopicRecord],
    overall: str,
    recommendation: str = "",
) -> ChaperoneInterview:
    """The structured interview: every topic with notes and an assessment, and impressions."""
    _require(interviewer, "interviewer")
    missing = [t for t in Topic if t not in topics]
    if missing:
        raise ValidationError(f"interview: no record for the topic '{missing[0].value}'", "topics")
    _require(overall, "overall_impressions")
    body = {
        "topics": {
            t.name: {"notes": r.notes, "assessment": r.assessment.name} for t, r in topics.items()
        },
        "overall": overall,
    }
    session.flush()
    interview = ChaperoneInterview(
        chaperone_id=chaperone.id,
        held_on=held_on,
        interviewer=interviewer,
        notes=json.dumps(body, ensure_ascii=False),
        recommendation=recommendation or None,
        team=chaperone.team,
    )
    session.add(interview)
    session.flush()
    return interview


def interview_topics(interview: ChaperoneInterview) -> tuple[dict[Topic, TopicRecord], str]:
    raw = json.loads(interview.notes or "{}")
    topics = {
        Topic[name]: TopicRecord(item["notes"], Assessment[item["assessment"]])
        for name, item in raw.get("topics", {}).items()
    }
    return topics, str(raw.get("overall", ""))


def reference_relationship(reference: ChaperoneReference) -> str:
    """The referee's relationship to the applicant, as recorded."""
    try:
        raw = json.loads(reference.notes or "{}")
    except ValueError:
        return ""
    return str(raw.get("relationship", "")) if isinstance(raw, dict) else ""


def references_of(session: Session, chaperone: Chaperone) -> list[ChaperoneReference]:
    return list(
        session.scalars(
            select(ChaperoneReference)
            .where(
                ChaperoneReference.chaperone_id == chaperone.id,
                ChaperoneReference.deleted.is_(False),
            )
            .order_by(ChaperoneReference.created_at)
        )
    )


def _signed_interview(session: Session, chaperone: Chaperone) -> ChaperoneInterview | None:
    return session.scalars(
        select(ChaperoneInterview)
        .where(
            ChaperoneInterview.chaperone_id == chaperone.id,
            ChaperoneInterview.signed_at.is_not(None),
            ChaperoneInterview.deleted.is_(False),
        )
        .order_by(ChaperoneInterview.held_on.desc())
    ).first()


def check_ready_to_approve(session: Session, chaperone: Chaperone) -> None:
    """Every check an approval rests on, the first missing one named."""
    if not chaperone.id_seen:
        raise ValidationError("id_seen: identity documents have not been recorded", "id_seen")
    if not chaperone.dbs_certificate_number or chaperone.dbs_issued_on is None:
        raise ValidationError(
            "dbs_certificate_number: no enhanced DBS certificate recorded",
            "dbs_certificate_number",
        )
    if chaperone.barred_list is not BarredListResult.CLEAR:
        raise ValidationError(
            "barred_list: the children's barred-list check is not clear", "barred_list"
        )
    good = [r for r in references_of(session, chaperone) if r.satisfactory]
    if len(good) < 2:
        raise ValidationError("references: two satisfactory references are needed", "references")
    if chaperone.training_completed_on is None:
        raise ValidationError("training_completed_on: training is not recorded", "training")
    if _signed_interview(session, chaperone) is None:
        raise ValidationError("interview: no signed interview record", "interview")


def _next_card_number(session: Session, year: int) -> str:
    stem = f"CH-{year}-"
    last = session.scalar(
        select(func.max(Chaperone.id_card_number)).where(Chaperone.id_card_number.like(f"{stem}%"))
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{stem}{number:05d}"


def decide(
    session: Session,
    chaperone: Chaperone,
    *,
    outcome: Outcome,
    decided_on: date,
    actor: Actor,
    reasons: str = "",
) -> ChaperoneDecision:
    """The signed decision. ``reasons`` holds the restrictions of a restricted approval, or the
    reasons for a refusal (both required then)."""
    if outcome is not Outcome.APPROVE:
        _require(
            reasons, "restrictions" if outcome is Outcome.APPROVE_WITH_RESTRICTIONS else "reasons"
        )
    session.flush()
    decision = ChaperoneDecision(
        chaperone_id=chaperone.id,
        decision=ChaperoneDecisionKind.REFUSED
        if outcome is Outcome.REFUSE
        else ChaperoneDecisionKind.APPROVED,
        decided_on=decided_on,
        reason=reasons.strip() or None,
        team=chaperone.team,
    )
    if outcome is not Outcome.REFUSE:
        check_ready_to_approve(session, chaperone)
        until = add_years(decided_on, approval_years(session))
        decision.approved_until = until
        decision.id_card_number = _next_card_number(session, decided_on.year)
        chaperone.approved_until = until
        chaperone.id_card_number = decision.id_card_number
    sign(decision, actor)
    session.add(decision)
    session.flush()
    return decision


def latest_decision(session: Session, chaperone_id: str) -> ChaperoneDecision | None:
    return session.scalars(
        select(ChaperoneDecision)
        .where(ChaperoneDecision.chaperone_id == chaperone_id, ChaperoneDecision.deleted.is_(False))
        .order_by(ChaperoneDecision.decided_on.desc(), ChaperoneDecision.hlc.desc())
    ).first()
