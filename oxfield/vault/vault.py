"""Create, unlock, lock and re-key a vault.

This is the one place that turns a passphrase (or the recovery key, or the council's escrow key)
into an open engine. Everything above it receives an unlocked :class:`Vault` and asks it for
sessions; locking disposes every connection and drops the key.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from oxfield.errors import (
    LockedOutError,
    VaultDamagedError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from oxfield.ids import new_id
from oxfield.vault import migrate
from oxfield.vault.engine import PAGE_SIZE, make_engine, writer
from oxfield.vault.keyfile import (
    KdfParams,
    KeyFile,
    new_dek,
    new_recovery_key,
    read_keyfile,
    tune_kdf,
    write_keyfile,
)
from oxfield.vault.paths import VaultFiles
from oxfield.vault.tables import VaultMeta

#: Failed unlocks allowed before waiting starts; then 1 s, 2 s, 4 s ... up to the cap.
FREE_ATTEMPTS = 4
MAX_BACKOFF_SECONDS = 15 * 60


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
        self._engine: Engine | None = make_engine(files.database, dek)
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
        files.database.parent.mkdir(parents=True, exist_ok=True)
        dek, recovery = new_dek(), new_recovery_key()
        keyfile = KeyFile(vault_id=new_id(), kdf=kdf or tune_kdf())
        keyfile = keyfile.with_passphrase(passphrase, dek).with_recovery(recovery, dek)
        if escrow_public_key is not None:
            keyfile = keyfile.with_escrow(escrow_public_key, dek)
        write_keyfile(files.keys, keyfile)
        vault = cls(files, keyfile, dek)
        vault._after_open()
        return Created(vault, recovery)

    @classmethod
    def unlock(cls, path: Path | None, passphrase: str) -> Vault:
        files, keyfile = _load(path)
        _check_backoff(files)
        try:
            dek = keyfile.unwrap_passphrase(passphrase)
        except WrongPassphraseError:
            _record_failure(files)
            raise
        _clear_failures(files)
        vault = cls(files, keyfile, dek)
        vault._after_open()
        return vault

    @classmethod
    def recover(cls, path: Path | None, recovery_key: str, new_passphrase: str) -> Vault:
        """Open with the recovery key and set a new passphrase (the recovery key stays valid)."""
        files, keyfile = _load(path)
        _check_backoff(files)
        try:
            dek = keyfile.unwrap_recovery(recovery_key)
        except WrongPassphraseError:
            _record_failure(files)
            raise
        _clear_failures(files)
        keyfile = keyfile.with_passphrase(new_passphrase, dek)
        write_keyfile(files.keys, keyfile)
        vault = cls(files, keyfile, dek)
        vault._after_open()
        return vault

    @classmethod
    def recover_with_escrow(
        cls, path: Path | None, council_private_key: bytes, new_passphrase: str
    ) -> Vault:
        """An administrator's recovery of a vault whose passphrase and recovery key are lost."""
        files, keyfile = _load(path)
        dek = keyfile.unwrap_escrow(council_private_key)
        keyfile = keyfile.with_passphrase(new_passphrase, dek)
        write_keyfile(files.keys, keyfile)
        vault = cls(files, keyfile, dek)
        vault._after_open()
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

    @property
    def locked(self) -> bool:
        return self._engine is None

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key: the database itself is not rewritten."""
        self._keyfile = self._keyfile.with_passphrase(new_passphrase, self._key())
        write_keyfile(self.files.keys, self._keyfile)

    # --- sessions -----------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        self._key()
        with self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in an IMMEDIATE transaction, committed on success, rolled back on error."""
        self._key()
        with self._writer() as session, session.begin():
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

    # --- facts kept in the vault --------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with self.read() as s:
            return s.scalar(select(VaultMeta.value).where(VaultMeta.key == key))

    def set_meta(self, session: Session, key: str, value: str) -> None:
        session.merge(VaultMeta(key=key, value=value))

    @property
    def generation(self) -> int:
        return int(self.meta("generation") or 0)

    def bump_generation(self) -> int:
        """Advance the rollback-detection counter (the server records it at each sync)."""
        with self.write() as s:
            current = int(
                s.scalar(select(VaultMeta.value).where(VaultMeta.key == "generation")) or 0
            )
            self.set_meta(s, "generation", str(current + 1))
        return current + 1

    def _after_open(self) -> None:
        try:
            migrate.upgrade(self.engine, self.files)
            with self.write() as s:
                if s.get(VaultMeta, "vault_id") is None:
                    self.set_meta(s, "vault_id", self.vault_id)
                elif s.get(VaultMeta, "vault_id").value != self.vault_id:  # type: ignore[union-attr]
                    raise VaultDamagedError(
                        "the vault file and its key file do not belong together"
                    )
            self.bump_generation()
        except BaseException:
            self.lock()
            raise


# --- helpers: loading, damage checks, backoff ------------------------------------------------


def _load(path: Path | None) -> tuple[VaultFiles, KeyFile]:
    files = VaultFiles.at(path)
    if not files.database.exists() and not files.keys.exists():
        raise VaultNotFoundError("there is no vault at that path")
    if not files.database.exists():
        raise VaultDamagedError("the vault's database file is missing (its key file is there)")
    keyfile = read_keyfile(files.keys)
    keyfile.kdf.check_floor()
    size = files.database.stat().st_size
    if size == 0 or size % PAGE_SIZE:
        raise VaultDamagedError(
            f"the vault file is damaged: {size} bytes is not a whole number of "
            f"{PAGE_SIZE}-byte pages (truncated?)"
        )
    return files, keyfile


def _read_state(files: VaultFiles) -> dict[str, float]:
    try:
        data = json.loads(files.state.read_text(encoding="utf-8"))
        return {"failures": float(data["failures"]), "last": float(data["last"])}
    except (OSError, ValueError, KeyError, TypeError):
        return {"failures": 0.0, "last": 0.0}


def _write_state(files: VaultFiles, state: dict[str, float]) -> None:
    tmp = files.state.with_name(files.state.name + f".{secrets.token_hex(4)}.tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    tmp.replace(files.state)


def backoff_remaining(files: VaultFiles, now: float | None = None) -> float:
    """Seconds to wait before the next attempt is allowed (0 when free to try)."""
    state = _read_state(files)
    failures = int(state["failures"])
    if failures <= FREE_ATTEMPTS:
        return 0.0
    wait = min(2.0 ** (failures - FREE_ATTEMPTS - 1), MAX_BACKOFF_SECONDS)
    remaining = state["last"] + wait - (time.time() if now is None else now)
    return max(0.0, remaining)


def _check_backoff(files: VaultFiles) -> None:
    remaining = backoff_remaining(files)
    if remaining > 0:
        raise LockedOutError(
            f"too many wrong attempts: try again in {int(remaining) + 1} seconds", remaining
        )


def _record_failure(files: VaultFiles) -> None:
    state = _read_state(files)
    _write_state(files, {"failures": state["failures"] + 1, "last": time.time()})


def _clear_failures(files: VaultFiles) -> None:
    with suppress(FileNotFoundError):
        files.state.unlink()
