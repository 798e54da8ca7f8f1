"""Forms in progress, autosaved into the encrypted vault so a crash or a flat battery loses nothing.

A draft is keyed by the form's name and the record it edits (``None`` for a new record): saving
the same form again replaces the previous draft. The payload is the form's fields as plain text,
exactly as typed, valid or not; validation happens when the record itself is saved. Drafts
survive a lock because they are in the vault, not in the window.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from oxfield.clock import Clock
from oxfield.ids import new_id
from oxfield.vault.tables import Draft
from oxfield.vault.vault import Vault

MAX_FORM_NAME = 64


@dataclass(frozen=True, slots=True)
class DraftData:
    id: str
    form: str
    subject_id: str | None
    fields: dict[str, str]
    updated_at: datetime


def _to_data(row: Draft) -> DraftData:
    try:
        raw = json.loads(row.payload)
        fields = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
    except ValueError:
        fields = {}
    return DraftData(row.id, row.form, row.subject_id, fields, row.updated_at)


def _where(form: str, subject_id: str | None) -> object:
    subject = Draft.subject_id.is_(None) if subject_id is None else Draft.subject_id == subject_id
    return (Draft.form == form) & subject


def save_draft(
    vault: Vault,
    form: str,
    subject_id: str | None,
    fields: dict[str, str],
    clock: Clock | None = None,
) -> DraftData:
    """Store (or replace) the draft of ``form`` for ``subject_id``; returns what was stored."""
    if not form or len(form) > MAX_FORM_NAME:
        raise ValueError("a draft needs a form name of 1 to 64 characters")
    now = (clock or Clock()).now()
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True)
    with vault.write() as session:
        row = session.scalars(select(Draft).where(_where(form, subject_id))).first()  # type: ignore[arg-type]
        if row is None:
            row = Draft(id=new_id(), form=form, subject_id=subject_id)
            session.add(row)
        row.payload = payload
        row.updated_at = now
        session.flush()
        return _to_data(row)


def load_draft(vault: Vault, form: str, subject_id: str | None) -> DraftData | None:
    """The saved draft of ``form`` for ``subject_id``, if there is one."""
    with vault.read() as session:
        row = session.scalars(select(Draft).where(_where(form, subject_id))).first()  # type: ignore[arg-type]
        return None if row is None else _to_data(row)


def list_drafts(vault: Vault) -> list[DraftData]:
    """Every draft waiting, newest first (the Today view offers to resume them)."""
    with vault.read() as session:
        rows = session.scalars(select(Draft).order_by(Draft.updated_at.desc())).all()
        return [_to_data(row) for row in rows]


def drafts_of_subject(vault: Vault, subject_id: str) -> list[DraftData]:
    """Every draft kept against one subject (a case's record forms), newest first."""
    with vault.read() as session:
        query = (
            select(Draft).where(Draft.subject_id == subject_id).order_by(Draft.updated_at.desc())
        )
        return [_to_data(row) for row in session.scalars(query)]


def record_form_key(form: str, record_id: str | None) -> str:
    """The draft name of a record form: the form and the record, or ``new`` for one to add.

    Drafts of the records around a case are kept against the case (the draft's subject), so
    the Today view's "unfinished edits" opens the case, and the case reopens the form.
    """
    key = f"{form}:{record_id or 'new'}"
    if len(key) > MAX_FORM_NAME:
        raise ValueError("a draft needs a form name of 1 to 64 characters")
    return key


def parse_form_key(key: str) -> tuple[str, str | None]:
    """(form, record id or None) from :func:`record_form_key`'s name."""
    form, _sep, record = key.partition(":")
    return form, (None if record in ("", "new") else record)


def discard_draft(vault: Vault, form: str, subject_id: str | None) -> bool:
    """Drop the draft (after the record was saved or the officer threw it away)."""
    with vault.write() as session:
        result = session.execute(delete(Draft).where(_where(form, subject_id)))  # type: ignore[arg-type]
        return bool(getattr(result, "rowcount", 0))
