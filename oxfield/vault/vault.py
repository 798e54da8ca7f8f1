"""Create, unlock, lock and re-key a vault.

This is the one place that turns a passphrase (or the recovery key, or the council's escrow key)
into an open engine. Everything above it receives an unlocked :class:`Vault` and asks it for
sessions; locking disposes every connection and drops the key. Each way of opening, changing
the passphrase and re-keying leaves an entry in the audit chain.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from oxfield.errors import (
    VaultDamagedError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from oxfield.ids import new_id
from oxfield.vault import audit, backoff, check, migrate, rekey
from oxfield.vault.audit import AuditReport
from oxfield.vault.backoff import Now
from oxfield.vault.check import CheckReport
from oxfield.vault.engine import PAGE_SIZE, damage_reported, make_engine, writer
from oxfield.vault.kek import new_recovery_key
from oxfield.vault.keyfile import (
    KdfParams,
    KeyFile,
    new_dek,
    read_keyfile,
    tune_kdf,
    write_keyfile,
)
from oxfield.vault.paths import VaultFiles, open_private
from oxfield.vault.tables import VaultMeta


@dataclass(frozen=True, slots=True)
class Created:
    vault: Vault
    recovery_key: str


class Vault:
    """An unlocked vault. Use :meth:`read` and :meth:`write` for sessions; :meth:`lock` ends it."""

    def __init__(self, files: VaultFiles, keyfile: KeyFile, dek: bytes) -> None:
        self.files = files
        self.vault_id = keyfile.vault_id
        self._keyfile = keyfile
        self._dek: bytearray | None = bytearray(dek)
        self._audit_key: bytes | None = audit.audit_key(dek)
        self._engine: Engine | None = None
        self._open_engine(dek)

    def _open_engine(self, dek: bytes) -> None:
        self._engine = make_engine(self.files.database, dek)
        self._reader = sessionmaker(self._engine, expire_on_commit=False)
        self._writer = sessionmaker(writer(self._engine), expire_on_commit=False)

    # --- lifecycle ----------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | None,
        passphrase: str,
        *,
        escrow_public_key: bytes | None = None,
        kdf: KdfParams | None = None,
    ) -> Created:
        """Make a new vault; the recovery key in the result is shown once and never stored."""
        files = VaultFiles.at(path)
        if files.exists():
            raise VaultExistsError("a vault already exists there")
        files.make_folder()
        dek, recovery = new_dek(), new_recovery_key()
        keyfile = KeyFile(vault_id=new_id(), kdf=kdf or tune_kdf())
        keyfile = keyfile.with_passphrase(passphrase, dek).with_recovery(recovery, dek)
        if escrow_public_key is not None:
            keyfile = keyfile.with_escrow(escrow_public_key, dek)
        if files.database.exists():
            raise VaultExistsError("a vault already exists there")
        write_keyfile(files.keys, keyfile, exclusive=True)
        with open_private(files.database):  # SQLite opens an empty file as a new database
            pass
        vault = cls(files, keyfile, dek)
        vault._after_open("vault.create", {"escrow": escrow_public_key is not None})
        return Created(vault, recovery)

    @classmethod
    def unlock(cls, path: Path | None, passphrase: str, *, now: Now = time.time) -> Vault:
        files, keyfile = _load(path)
        dek = _unwrap_passphrase(files, keyfile, passphrase, now)
        return cls._opened(files, keyfile, dek, "vault.unlock")

    @classmethod
    def check_file(cls, path: Path | None, passphrase: str, *, now: Now = time.time) -> CheckReport:
        """Check every page before anything is written, then open (audited) and verify the
        audit chain. A damaged file is reported as found, never written to."""
        files, keyfile = _load(path)
        dek = _unwrap_passphrase(files, keyfile, passphrase, now)
        if not keyfile.rekey_pending:
            first = check.pages_before_opening(files.database, dek)
            if not first.ok:
                return first
        vault = cls._opened(files, keyfile, dek, "vault.check")
        try:
            return vault.check()
        finally:
            vault.lock()

    @classmethod
    def recover(
        cls, path: Path | None, recovery_key: str, new_passphrase: str, *, now: Now = time.time
    ) -> Vault:
        """Open with the recovery key and set a new passphrase (the recovery key stays valid)."""
        files, keyfile = _load(path)
        backoff.check(files, now)
        try:
            dek = keyfile.unwrap_recovery(recovery_key)
        except WrongPassphraseError:
            backoff.record_failure(files, now)
            raise
        backoff.clear(files)
        vault = cls._opened(files, keyfile, dek, "vault.recover", new_passphrase)
        return vault

    @classmethod
    def recover_with_escrow(
        cls, path: Path | None, council_private_key: bytes, new_passphrase: str
    ) -> Vault:
        """An administrator's recovery of a vault whose passphrase and recovery key are lost."""
        files, keyfile = _load(path)
        dek = keyfile.unwrap_escrow(council_private_key)
        return cls._opened(files, keyfile, dek, "vault.escrow-recover", new_passphrase)

    @classmethod
    def _opened(
        cls,
        files: VaultFiles,
        keyfile: KeyFile,
        dek: bytes,
        action: str,
        new_passphrase: str | None = None,
    ) -> Vault:
        if keyfile.rekey_pending:
            with damage_reported():
                keyfile, dek = rekey.resume(files, keyfile, dek)
        if new_passphrase is not None:
            keyfile = keyfile.with_passphrase(new_passphrase, dek)
            write_keyfile(files.keys, keyfile)
        vault = cls(files, keyfile, dek)
        vault._after_open(action)
        return vault

    def lock(self) -> None:
        """Close every connection and drop the key. The object is useless afterwards."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._dek is not None:
            for i in range(len(self._dek)):
                self._dek[i] = 0
            self._dek = None
        self._audit_key = None

    @property
    def locked(self) -> bool:
        return self._engine is None

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key: the database itself is not rewritten (one audit row aside)."""
        self._keyfile = self._keyfile.with_passphrase(new_passphrase, self._key())
        write_keyfile(self.files.keys, self._keyfile)
        self.audit("vault.passwd")

    def rekey(self, passphrase: str) -> str:
        """Re-encrypt under a fresh data key (after a suspected leak); returns the new recovery
        key, to show once. Needs the passphrase again: whoever re-keys must know it.

        Every other connection is closed first; see ``rekey.py`` for the crash-safe order.
        """
        old = self._key()
        kek = self._keyfile.passphrase_kek(passphrase)
        try:
            current = self._keyfile.unwrap_with_kek(kek)
        except WrongPassphraseError:
            backoff.record_failure(self.files)
            raise
        if current != old:
            raise VaultDamagedError("the key file does not hold this vault's data key")
        with damage_reported():
            pending = rekey.begin(self.files, self._keyfile, kek, old)
            self.engine.dispose()
            self._engine = None
            rekey.reencrypt(self.files, old, pending.new_dek)
            self._keyfile = rekey.finish(
                self.files, pending.keyfile, old, pending.new_dek, resumed=False
            )
        self._dek = bytearray(pending.new_dek)
        self._audit_key = audit.audit_key(pending.new_dek)
        self._open_engine(pending.new_dek)
        return pending.recovery_key

    def check(self) -> CheckReport:
        """Read every page, check the structure and verify the audit chain."""
        self._key()
        return check.run(self.engine, self._audit_key_bytes())

    # --- sessions -----------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        self._key()
        with damage_reported(), self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in an IMMEDIATE transaction, committed on success, rolled back on error."""
        self._key()
        with damage_reported(), self._writer() as session, session.begin():
            yield session

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise VaultLockedError("the vault is locked")
        return self._engine

    def _key(self) -> bytes:
        if self._dek is None:
            raise VaultLockedError("the vault is locked")
        return bytes(self._dek)

    def _audit_key_bytes(self) -> bytes:
        if self._audit_key is None:
            raise VaultLockedError("the vault is locked")
        return self._audit_key

    # --- audit --------------------------------------------------------------------------

    def audit_in(
        self,
        session: Session,
        action: str,
        *,
        actor: str = "officer",
        subject_kind: str | None = None,
        subject_id: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> int:
        """Append an audit entry inside ``session``, so it commits with the change it records."""
        return audit.append(
            session,
            self._audit_key_bytes(),
            action,
            actor=actor,
            subject_kind=subject_kind,
            subject_id=subject_id,
            detail=detail,
        )

    def audit(self, action: str, **kwargs: Any) -> int:
        """Append an audit entry in a transaction of its own."""
        with self.write() as s:
            return self.audit_in(s, action, **kwargs)

    def verify_audit(self) -> AuditReport:
        with self.read() as s:
            return audit.verify(s, self._audit_key_bytes())

    # --- facts kept in the vault --------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with self.read() as s:
            return s.scalar(select(VaultMeta.value).where(VaultMeta.key == key))

    def set_meta(self, session: Session, key: str, value: str) -> None:
        session.merge(VaultMeta(key=key, value=value))

    @property
    def generation(self) -> int:
        return int(self.meta("generation") or 0)

    def bump_generation(self, session: Session | None = None) -> int:
        """Advance the rollback-detection counter (the server records it at each sync)."""
        if session is None:
            with self.write() as s:
                return self.bump_generation(s)
        current = int(
            session.scalar(select(VaultMeta.value).where(VaultMeta.key == "generation")) or 0
        )
        self.set_meta(session, "generation", str(current + 1))
        return current + 1

    def _after_open(self, action: str, detail: Mapping[str, Any] | None = None) -> None:
        try:
            with damage_reported():
                migrate.upgrade(self.engine, self.files)
            with self.write() as s:
                stored = s.get(VaultMeta, "vault_id")
                if stored is None:
                    self.set_meta(s, "vault_id", self.vault_id)
                elif stored.value != self.vault_id:
                    raise VaultDamagedError(
                        "the vault file and its key file do not belong together"
                    )
                generation = self.bump_generation(s)
                self.audit_in(s, action, detail={**(detail or {}), "generation": generation})
            self.files.make_private()
        except BaseException:
            self.lock()
            raise


# --- helpers: loading and damage checks ------------------------------------------------------


def _load(path: Path | None) -> tuple[VaultFiles, KeyFile]:
    files = VaultFiles.at(path)
    if not files.database.exists() and not files.keys.exists():
        raise VaultNotFoundError("there is no vault at that path")
    if not files.database.exists():
        raise VaultDamagedError("the vault's database file is missing (its key file is there)")
    files.make_private()  # first: an unlock that fails later must not leave them readable
    keyfile = read_keyfile(files.keys)
    keyfile.kdf.check_floor()
    size = files.database.stat().st_size
    if size == 0 or size % PAGE_SIZE:
        raise VaultDamagedError(
            f"the vault file is damaged: {size} bytes is not a whole number of "
            f"{PAGE_SIZE}-byte pages (checked: file size; truncated?)"
        )
    return files, keyfile


def _unwrap_passphrase(files: VaultFiles, keyfile: KeyFile, passphrase: str, now: Now) -> bytes:
    backoff.check(files, now)
    try:
        dek = keyfile.unwrap_passphrase(passphrase)
    except WrongPassphraseError:
        backoff.record_failure(files, now)
        raise
    backoff.clear(files)
    return dek


def backoff_remaining(files: VaultFiles, now: Now = time.time) -> float:
    """Seconds to wait before the next attempt is allowed (0 when free to try)."""
    return backoff.remaining(files, now)
