"""``oxfield vault ...``: make, check, re-key and recover a vault without a screen.

The contract other checks rely on: ``init`` prints the recovery key once; ``check`` prints a
short summary and exits 0 only if every page, the structure and the audit chain check out;
``passwd``, ``recover``, ``rekey`` and ``escrow-recover`` change how the data key is reached.
Secrets come from ``--passphrase-file``, ``OXFIELD_PASSPHRASE`` / ``OXFIELD_NEW_PASSPHRASE`` /
``OXFIELD_RECOVERY_KEY`` or a prompt, never from an argument. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from oxfield.errors import ValidationError
from oxfield.services import vaults
from ui.commands.common import add_passphrase_file, read_secret

EXIT_DAMAGED = 3


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "vault", help="create, check or recover the encrypted vault", allow_abbrev=False
    )
    actions = parser.add_subparsers(dest="vault_command", metavar="ACTION", required=True)

    init = actions.add_parser(
        "init", allow_abbrev=False, help="create a vault and print its recovery key once"
    )
    add_passphrase_file(init)
    init.add_argument(
        "--escrow-public-key-file",
        type=Path,
        metavar="FILE",
        help="also seal the data key to the council's X25519 public key (raw 32 bytes or PEM)",
    )
    init.set_defaults(handler=_files_reported(_init))

    check = actions.add_parser(
        "check", allow_abbrev=False, help="verify every page and the audit chain"
    )
    add_passphrase_file(check)
    check.set_defaults(handler=_files_reported(_check))

    passwd = actions.add_parser(
        "passwd", allow_abbrev=False, help="change the passphrase (the data is not rewritten)"
    )
    add_passphrase_file(passwd)
    _add_new_passphrase_file(passwd)
    passwd.set_defaults(handler=_files_reported(_passwd))

    recover = actions.add_parser(
        "recover", allow_abbrev=False, help="set a new passphrase using the recovery key"
    )
    recover.add_argument(
        "--recovery-key-file", type=Path, metavar="FILE", help="read the recovery key from FILE"
    )
    _add_new_passphrase_file(recover)
    recover.set_defaults(handler=_files_reported(_recover))

    rekey = actions.add_parser(
        "rekey", allow_abbrev=False, help="re-encrypt under a fresh key after a leak"
    )
    add_passphrase_file(rekey)
    rekey.set_defaults(handler=_files_reported(_rekey))

    escrow = actions.add_parser(
        "escrow-recover", allow_abbrev=False, help="administrator: open with the escrow key"
    )
    escrow.add_argument(
        "--private-key-file",
        type=Path,
        metavar="FILE",
        required=True,
        help="the council's X25519 private key (raw 32 bytes or PEM)",
    )
    _add_new_passphrase_file(escrow)
    escrow.set_defaults(handler=_files_reported(_escrow_recover))


def _files_reported(handler: Callable[[argparse.Namespace], int]) -> Any:
    """A file the system will not make or write (name too long, a folder that is a file, a
    read-only disk) is one line naming the reason, not a traceback quoting the path."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            message = f"cannot make or use the vault's files there ({reason})"
            raise ValidationError(message, "--vault") from None

    return run


def _add_new_passphrase_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-passphrase-file", type=Path, metavar="FILE", help="read the new passphrase from FILE"
    )


def _secret(*, env_name: str, prompt: str, file: Path | None, confirm: bool = False) -> str:
    return read_secret(env_name=env_name, prompt=prompt, file=file, confirm=confirm)


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    secret = _secret(
        env_name="OXFIELD_PASSPHRASE",
        prompt="Vault passphrase: ",
        file=args.passphrase_file,
        confirm=confirm,
    )
    if confirm:
        _require_strength(secret, "OXFIELD_PASSPHRASE")
    return secret


def _new_passphrase(args: argparse.Namespace) -> str:
    secret = _secret(
        env_name="OXFIELD_NEW_PASSPHRASE",
        prompt="New passphrase: ",
        file=args.new_passphrase_file,
        confirm=True,
    )
    _require_strength(secret, "OXFIELD_NEW_PASSPHRASE")
    return secret


def _require_strength(secret: str, field: str) -> None:
    if len(secret) < 8:
        raise ValidationError("the passphrase must be at least 8 characters", field)


def _init(args: argparse.Namespace) -> int:
    if vaults.vault_exists(args.vault):
        raise ValidationError("a vault already exists there: nothing was changed", "--vault")
    escrow = None
    if args.escrow_public_key_file is not None:
        escrow = vaults.load_x25519_public(_read_key_file(args.escrow_public_key_file))
    created = vaults.create_vault(args.vault, _passphrase(args, confirm=True), escrow)
    created.vault.lock()
    print("Vault created. Its recovery key is shown this once; keep it somewhere safe:")
    print(created.recovery_key)
    return 0


def _check(args: argparse.Namespace) -> int:
    report = vaults.check_vault(args.vault, _passphrase(args))
    for line in report.lines():
        print(line)
    if not report.ok:
        print(f"oxfield: {report.problem()}", file=sys.stderr)
        return EXIT_DAMAGED
    print("vault check: all well")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    vault = vaults.unlock_vault(args.vault, _passphrase(args))
    try:
        vault.change_passphrase(_new_passphrase(args))
    finally:
        vault.lock()
    print("Passphrase changed.")
    return 0


def _recover(args: argparse.Namespace) -> int:
    key = _secret(
        env_name="OXFIELD_RECOVERY_KEY", prompt="Recovery key: ", file=args.recovery_key_file
    )
    vaults.recover_vault(args.vault, key, _new_passphrase(args)).lock()
    print("Vault recovered; the new passphrase is set. The recovery key stays the same.")
    return 0


def _rekey(args: argparse.Namespace) -> int:
    passphrase = _passphrase(args)
    vault = vaults.unlock_vault(args.vault, passphrase)
    try:
        recovery = vault.rekey(passphrase)
    finally:
        vault.lock()
    print("Vault re-encrypted under a new key. The old recovery key no longer works;")
    print("the new one is shown this once:")
    print(recovery)
    return 0


def _escrow_recover(args: argparse.Namespace) -> int:
    private = vaults.load_x25519_private(_read_key_file(args.private_key_file))
    vaults.escrow_recover_vault(args.vault, private, _new_passphrase(args)).lock()
    print("Vault recovered with the escrow key; the new passphrase is set.")
    return 0


def _read_key_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"cannot read {path}: {exc.strerror}", "key file") from exc
