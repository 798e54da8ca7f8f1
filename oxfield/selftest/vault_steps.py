"""The self-test's vault part: make, write, lock, prove encrypted, unlock, read back.

Everything happens in a temporary folder made for the run, with a throwaway passphrase, so the
officer's own vault is never touched. The record is a synthetic child with an EHE case and one
piece of evidence whose file (a few hundred kilobytes, several chunks) is stored in the vault in
the same transaction.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from oxfield.domain.ehe import EheCase, EheEvidence, EheSource
from oxfield.domain.kinds import Team
from oxfield.domain.people import Child
from oxfield.errors import VaultLockedError, WrongPassphraseError
from oxfield.selftest.checks import expect
from oxfield.services import attachments, records, schools, vaults

FAMILY_NAME = "Selftestova-Wiśniewska"
OFFICER = "selftest-officer"


@dataclass
class VaultRun:
    """State carried from one vault check to the next."""

    folder: Path
    passphrase: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    attachment: bytes = field(default_factory=lambda: secrets.token_bytes(300_000))
    vault: vaults.Vault | None = None
    evidence_id: str = ""

    @property
    def path(self) -> Path:
        return self.folder / "selftest vault" / "vault.oxv"

    def open_vault(self) -> vaults.Vault:
        expect(self.vault is not None and not self.vault.locked, "the vault is not open")
        assert self.vault is not None
        return self.vault

    def create(self) -> str:
        created = vaults.create_vault(self.path, self.passphrase)
        self.vault = created.vault
        expect(bool(created.recovery_key), "no recovery key was made")
        return f"made at {self.path.parent.name}/{self.path.name} (migrations applied)"

    def write_record(self) -> str:
        vault = self.open_vault()
        actor = records.Actor(officer=OFFICER)
        with records.writing(vault, actor) as session:
            child = records.create_child(
                session,
                team=Team.EHE,
                legal_family_name=FAMILY_NAME,
                legal_given_names="Zuzanna",
                date_of_birth=date(2014, 5, 3),
            )
            case = records.open_ehe_case(
                session, child, notified_on=date(2026, 9, 10), source=EheSource.PARENT
            )
            stored = attachments.store_in(session, io.BytesIO(self.attachment), "image/jpeg")
            evidence = EheEvidence(
                case_id=case.id,
                description="Photo of maths workbook",
                attachment_sha256=stored.sha256,
                team=Team.EHE,
            )
            session.add(evidence)
            session.flush()
            self.evidence_id = evidence.id
        return f"child, EHE case and evidence with a {len(self.attachment):,}-byte attachment"

    def import_schools(self) -> str:
        report = schools.import_default_schools(self.open_vault())  # read the file again
        count = schools.school_count(self.open_vault())
        expect(count > 300, f"only {count} schools loaded from the shipped list")
        read = report.added + report.updated + report.unchanged
        expect(read >= count and not report.problems, f"the shipped list read {read} rows")
        return f"{count} schools from the shipped Oxfordshire list, every row read again"

    def lock(self) -> str:
        vault = self.open_vault()
        vault.lock()
        expect(vault.locked, "the vault still says it is open")
        try:
            with vault.read():
                pass
        except VaultLockedError:
            return "locked: reading now refused"
        raise AssertionError("a locked vault could still be read")

    def on_disk_encrypted(self) -> str:
        files = sorted(p for p in self.path.parent.iterdir() if p.is_file())
        raw = self.path.read_bytes()
        expect(not raw.startswith(b"SQLite format 3"), "the file is a plain SQLite database")
        for path in files:
            content = path.read_bytes()
            for secret in (FAMILY_NAME.encode(), self.attachment[:64]):
                expect(secret not in content, f"plain text of the record found in {path.name}")
        return (
            f"{len(raw):,} bytes; no plaintext header, name or attachment in {len(files)} file(s)"
        )

    def wrong_passphrase(self) -> str:
        try:
            vaults.unlock_vault(self.path, self.passphrase + "x").lock()
        except WrongPassphraseError:
            return "a wrong passphrase is refused"
        raise AssertionError("a wrong passphrase opened the vault")

    def unlock(self) -> str:
        self.vault = vaults.unlock_vault(self.path, self.passphrase)
        return "unlocked with the passphrase"

    def read_back(self) -> str:
        vault = self.open_vault()
        with vault.read() as session:
            evidence = session.get(EheEvidence, self.evidence_id)
            expect(evidence is not None, "the evidence record is gone")
            assert evidence is not None
            case = session.get(EheCase, evidence.case_id)
            assert case is not None
            child = session.get(Child, case.child_id)
            expect(child is not None and child.legal_family_name == FAMILY_NAME, "child differs")
            sha = evidence.attachment_sha256 or ""
        content = b"".join(attachments.read(vault, sha))
        expect(content == self.attachment, "the attachment came back different")
        expect(hashlib.sha256(content).hexdigest() == sha, "the attachment's hash differs")
        return f"record and attachment intact (sha256 {sha[:12]}...)"

    def integrity(self) -> str:
        report = self.open_vault().check()
        expect(report.ok, "; ".join(report.lines()))
        return (
            f"{report.pages} pages authenticated, {report.audit.entries} audit entries chained, "
            f"{report.attachments} attachment(s)"
        )

    def close(self) -> None:
        if self.vault is not None and not self.vault.locked:
            self.vault.lock()
