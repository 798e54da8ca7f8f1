"""Re-key: move the database to a fresh data key after a suspected compromise.

Changing the passphrase is not enough after a leak: an old copy of the key file still opens the
database with the old passphrase. A re-key re-encrypts every page under a new random DEK
(SQLCipher's ``PRAGMA rekey``) and issues a new recovery key. The order makes every crash
survivable, because the key file always holds a key that opens the database:

1. ``begin``: write the key file with the current wraps *and* the next DEK's wraps
   (``next-passphrase``, ``next-recovery``, ``next-escrow``) plus ``next-link``, the next DEK
   sealed under the current one. Atomic replace; the current wraps still work.
2. ``reencrypt``: checkpoint the WAL and run ``PRAGMA rekey``. SQLite commits it as one
   transaction: before the commit the database opens with the old key, after it with the new.
3. ``finish``: on the new key, re-MAC the audit chain (verified first under the old key) and
   append a "vault.rekey" entry, in one transaction.
4. write the key file with only the next wraps, renamed to current. Done.

At unlock, a key file still holding ``next-`` wraps means a re-key was interrupted; ``resume``
opens the link with the current DEK, finds which key the database answers to, and either
finishes (3, 4) or abandons (drops the next wraps). A re-key finished this way never showed its
recovery key, so it is marked in ``vault_meta`` as ``recovery_key_unseen`` and ``check``
says to re-key again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy.orm import Session

from oxfield.vault import audit
from oxfield.vault.engine import key_connection, make_engine, writer
from oxfield.vault.kek import new_recovery_key
from oxfield.vault.keyfile import NEXT, KeyFile, new_dek, write_keyfile
from oxfield.vault.paths import VaultFiles
from oxfield.vault.tables import VaultMeta

UNSEEN_KEY = "recovery_key_unseen"


@dataclass(frozen=True, slots=True)
class Pending:
    keyfile: KeyFile
    new_dek: bytes
    recovery_key: str


def begin(files: VaultFiles, keyfile: KeyFile, passphrase_kek: bytes, old_dek: bytes) -> Pending:
    """Step 1: the next key's wraps go into the key file beside the current ones."""
    dek, recovery = new_dek(), new_recovery_key()
    pending = keyfile.with_passphrase("", dek, slot=NEXT, kek=passphrase_kek)
    pending = pending.with_recovery(recovery, dek, slot=NEXT).with_link(dek, old_dek)
    council = keyfile.escrow_public_key
    if council is not None:
        pending = pending.with_escrow(council, dek, slot=NEXT)
    write_keyfile(files.keys, pending)
    return Pending(pending, dek, recovery)


def opens_with(files: VaultFiles, dek: bytes) -> bool:
    """Whether the database's first page authenticates under ``dek`` (reads, never writes)."""
    conn = sqlcipher.connect(str(files.database), isolation_level=None)
    try:
        key_connection(conn, dek)
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        conn.close()


def reencrypt(files: VaultFiles, old_dek: bytes, dek: bytes) -> None:
    """Step 2, on a connection of its own (every other connection must be closed)."""
    conn = sqlcipher.connect(str(files.database), isolation_level=None)
    try:
        key_connection(conn, old_dek)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.execute(f"PRAGMA rekey = \"x'{dek.hex()}'\"")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()


def finish(
    files: VaultFiles, pending: KeyFile, old_dek: bytes, dek: bytes, *, resumed: bool
) -> KeyFile:
    """Steps 3 and 4: re-chain the audit log under the new key, then drop the old wraps."""
    old_key, new_key = audit.audit_key(old_dek), audit.audit_key(dek)
    engine = make_engine(files.database, dek, pool_size=1)
    try:
        with Session(writer(engine)) as session, session.begin():
            if audit.current_key_id(session) != audit.key_id(new_key):
                audit.rechain(session, old_key, new_key)
            if resumed:
                session.merge(VaultMeta(key=UNSEEN_KEY, value="1"))
            else:
                session.query(VaultMeta).filter(VaultMeta.key == UNSEEN_KEY).delete()
            audit.append(
                session,
                new_key,
                "vault.rekey",
                detail={"resumed": resumed},
                at=datetime.now(UTC),
            )
    finally:
        engine.dispose()
    final = pending.promote_next()
    write_keyfile(files.keys, final)
    return final


def resume(files: VaultFiles, keyfile: KeyFile, current_dek: bytes) -> tuple[KeyFile, bytes]:
    """Finish or abandon an interrupted re-key; returns the key file and DEK to open with."""
    dek = keyfile.unwrap_link(current_dek)
    if opens_with(files, dek):
        return finish(files, keyfile, current_dek, dek, resumed=True), dek
    abandoned = keyfile.drop_next()
    write_keyfile(files.keys, abandoned)
    return abandoned, current_dek
