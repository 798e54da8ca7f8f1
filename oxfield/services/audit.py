"""The audit log as other areas use it: record what happened, verify the chain.

Services that change or read case files call :func:`record_in` inside their own write session
so the audit row commits with the change; :func:`record` is for events with no other write
(a case file opened, an export). Details hold ids and counts, never personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from oxfield.vault.audit import AuditReport
from oxfield.vault.vault import Vault

__all__ = ["AuditReport", "record", "record_in", "verify"]


def record_in(
    vault: Vault,
    session: Session,
    action: str,
    *,
    actor: str = "officer",
    subject_kind: str | None = None,
    subject_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> int:
    """Append an entry in ``session`` (a :meth:`Vault.write` session); returns its number."""
    return vault.audit_in(
        session,
        action,
        actor=actor,
        subject_kind=subject_kind,
        subject_id=subject_id,
        detail=detail,
    )


def record(
    vault: Vault,
    action: str,
    *,
    actor: str = "officer",
    subject_kind: str | None = None,
    subject_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> int:
    """Append an entry in a transaction of its own."""
    return vault.audit(
        action, actor=actor, subject_kind=subject_kind, subject_id=subject_id, detail=detail
    )


def verify(vault: Vault) -> AuditReport:
    """Walk the whole chain; the report names the first broken entry, if any."""
    return vault.verify_audit()
