"""The vault's health check: every page's HMAC, SQLite's structure, the audit chain.

SQLCipher authenticates a page only when it is read, so damage in a page nobody has read yet
goes unnoticed until this check reads them all (``PRAGMA cipher_integrity_check``); a page
swapped with another fails too, because each page's HMAC covers its page number.
``PRAGMA integrity_check`` then checks the b-trees, and the audit chain is verified last.
The check only reads: a damaged file is reported, never rewritten or "repaired".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from oxfield.errors import VaultDamagedError
from oxfield.vault import audit
from oxfield.vault.engine import damage_reported, key_connection
from oxfield.vault.tables import Attachment, VaultMeta

CHECKED = "page HMACs, database structure, audit chain"


@dataclass(frozen=True, slots=True)
class CheckReport:
    pages: int
    cipher_problems: list[str] = field(default_factory=list)
    structure_problems: list[str] = field(default_factory=list)
    audit: audit.AuditReport = field(default_factory=lambda: audit.AuditReport(0))
    attachments: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.cipher_problems and not self.structure_problems and self.audit.ok

    def lines(self) -> list[str]:
        out = [
            f"pages: {self.pages}, HMAC failures: {len(self.cipher_problems)}",
            "structure: "
            + ("ok" if not self.structure_problems else f"{len(self.structure_problems)} problems"),
            self.audit.summary(),
            f"attachments: {self.attachments}",
        ]
        return out + [f"warning: {w}" for w in self.warnings]

    def problem(self) -> str:
        """One line saying what is wrong and what was checked (empty when all is well)."""
        if self.cipher_problems:
            return (
                f"the vault file is damaged: {len(self.cipher_problems)} page(s) fail "
                f"authentication (checked: {CHECKED})"
            )
        if self.structure_problems:
            return f"the vault file is damaged: its structure is inconsistent (checked: {CHECKED})"
        if not self.audit.ok:
            return f"the vault's audit log was tampered with: {self.audit.summary()}"
        return ""

    def raise_if_damaged(self) -> None:
        if not self.ok:
            raise VaultDamagedError(self.problem())


def _pages(conn: Any) -> CheckReport:
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    cipher = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    structure = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    return CheckReport(pages, cipher, [] if structure == ["ok"] else structure)


def pages_before_opening(database: Path, dek: bytes) -> CheckReport:
    """The page and structure checks on a connection of their own, before unlock writes
    anything: a write could reuse a damaged free page and so hide the damage."""
    conn = sqlcipher.connect(str(database), isolation_level=None)
    try:
        with damage_reported():
            key_connection(conn, dek)
            return _pages(conn)
    finally:
        conn.close()


def run(engine: Engine, audit_key: bytes) -> CheckReport:
    """Read every page and row that can be checked; report what was found."""
    with damage_reported():
        raw = engine.raw_connection()
        try:
            report = _pages(raw.driver_connection)
        finally:
            raw.close()
    if not report.ok:
        return report
    pages = report.pages
    with damage_reported(), Session(engine) as session:
        chain = audit.verify(session, audit_key)
        attachments = int(session.scalar(select(func.count()).select_from(Attachment)) or 0)
        unseen = session.get(VaultMeta, "recovery_key_unseen") is not None
    warnings = []
    if unseen:
        warnings.append(
            "an interrupted re-key was completed at unlock and its recovery key was never "
            "shown: run 'oxfield vault rekey' again to get one"
        )
    return CheckReport(pages, [], [], chain, attachments, warnings)
