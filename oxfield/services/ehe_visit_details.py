"""A visit's details, typed: where it took place and the officer's structured record.

The visit row has columns for what lists, the Today view and sync filters need (present, child
seen, the three suitability flags, safeguarding, next contact); the rest of the record (the
education described, each part's judgement and reasons, outcome, notes) lives in the row's
``summary`` text column as :class:`VisitDetails` JSON, now a validated model with a format
number rather than a loose dict read in three places.

Why not a new column and a migration: a signed visit's row can never change (the trigger under
the ORM and the signature over its fields), so a migration could not move the details of signed
visits, and the details would then live in two places forever; the column already syncs as a
field of the record, so peers on older builds keep working. What was stored before (a dict with
``place`` and ``record``) reads as format 1 unchanged; a summary that is not JSON (typed free
text from an older tool) is kept as ``legacy_text``: written back as it was while nothing else
is recorded, and alongside the record once one is; never dropped.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_serializer, field_validator
from pydantic import ValidationError as ModelError

from oxfield.domain.ehe import EheVisit
from oxfield.errors import ValidationError
from oxfield.reports.ehe_inputs import Judgement, Outcome, SuitabilityPart


@dataclass(frozen=True)
class ProviderIn:
    name: str
    kind: str = ""
    hours_per_week: str = ""


@dataclass(frozen=True)
class VisitRecord:
    """What the officer fills in at the visit (DOMAIN.md 4.4; issue 5 step 3)."""

    present: tuple[str, ...] = ()
    child_seen: bool = False
    child_not_seen_reason: str = ""
    child_views: str = ""
    approach: str = ""
    resources: str = ""
    time_spent: str = ""
    providers: tuple[ProviderIn, ...] = ()
    judgements: dict[SuitabilityPart, Judgement] = field(default_factory=dict)
    judgement_reasons: dict[SuitabilityPart, str] = field(default_factory=dict)
    safeguarding_concern: bool = False
    referral_reference: str = ""
    no_referral_reason: str = ""
    outcome: Outcome | None = None
    outcome_reasons: str = ""
    notes: str = ""
    next_review_on: date | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["judgements"] = {p.name: j.name for p, j in self.judgements.items()}
        data["judgement_reasons"] = {p.name: t for p, t in self.judgement_reasons.items()}
        data["outcome"] = self.outcome.name if self.outcome else None
        data["next_review_on"] = self.next_review_on.isoformat() if self.next_review_on else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VisitRecord:
        review = data.get("next_review_on")
        return cls(
            present=tuple(data.get("present", ())),
            child_seen=bool(data.get("child_seen")),
            child_not_seen_reason=data.get("child_not_seen_reason", ""),
            child_views=data.get("child_views", ""),
            approach=data.get("approach", ""),
            resources=data.get("resources", ""),
            time_spent=data.get("time_spent", ""),
            providers=tuple(ProviderIn(**p) for p in data.get("providers", ())),
            judgements={
                SuitabilityPart[p]: Judgement[j] for p, j in data.get("judgements", {}).items()
            },
            judgement_reasons={
                SuitabilityPart[p]: t for p, t in data.get("judgement_reasons", {}).items()
            },
            safeguarding_concern=bool(data.get("safeguarding_concern")),
            referral_reference=data.get("referral_reference", ""),
            no_referral_reason=data.get("no_referral_reason", ""),
            outcome=Outcome[data["outcome"]] if data.get("outcome") else None,
            outcome_reasons=data.get("outcome_reasons", ""),
            notes=data.get("notes", ""),
            next_review_on=date.fromisoformat(review) if review else None,
        )

    def check_complete(self) -> None:
        """What signing requires; each gap is one message naming the field."""
        if not self.child_seen and not self.child_not_seen_reason.strip():
            raise ValidationError("the child was not seen: give the reason", "child_seen")
        missing = [p for p in SuitabilityPart if p not in self.judgements]
        if missing:
            raise ValidationError(
                f"give a judgement on every part of the test (missing: {missing[0].value})",
                "judgements",
            )
        if self.safeguarding_concern and not (
            self.referral_reference.strip() or self.no_referral_reason.strip()
        ):
            raise ValidationError(
                "a safeguarding concern needs a referral reference or the reason none was made",
                "referral_reference",
            )
        if self.outcome is None:
            raise ValidationError("choose the outcome", "outcome")


class VisitDetails(BaseModel):
    """What ``EheVisit.summary`` holds."""

    model_config = ConfigDict(frozen=True, extra="ignore", arbitrary_types_allowed=True)

    format: Literal[1] = 1
    place: str = ""
    record: VisitRecord | None = None
    legacy_text: str = ""

    @field_validator("record", mode="before")
    @classmethod
    def _record_in(cls, value: Any) -> VisitRecord | None:
        if value is None or isinstance(value, VisitRecord):
            return value
        if not isinstance(value, dict):
            raise ValueError("the visit record is not an object")
        try:
            return VisitRecord.from_json(value)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"the visit record cannot be read ({exc})") from None

    @field_serializer("record")
    def _record_out(self, record: VisitRecord | None) -> dict[str, Any] | None:
        return record.to_json() if record is not None else None

    def dump(self) -> str:
        """The JSON kept in the column (non-ASCII as it is: names stay readable)."""
        if self == VisitDetails(legacy_text=self.legacy_text):
            return self.legacy_text  # nothing but an older tool's text: left as it was
        data = self.model_dump(exclude_defaults=True, exclude_none=True)
        return json.dumps({"format": self.format, **data}, ensure_ascii=False)


def parse_details(text: str | None) -> VisitDetails:
    """The details from the column's text; a non-JSON text is kept as ``legacy_text``. A JSON
    object that does not fit the model is refused with one message (never silently emptied,
    which would lose the record at the next save)."""
    if not text or not text.strip():
        return VisitDetails()
    try:
        data = json.loads(text)
    except ValueError:
        return VisitDetails(legacy_text=text)
    if not isinstance(data, dict):
        return VisitDetails(legacy_text=text)
    try:
        return VisitDetails.model_validate(data)
    except ModelError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "details"
        raise ValidationError(
            f"the visit's stored details cannot be read: {where}: {first['msg']}", "summary"
        ) from None


def read_details(visit: EheVisit) -> VisitDetails:
    return parse_details(visit.summary)
