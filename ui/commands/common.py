"""What every subcommand shares: reading secrets safely and the default vault path.

Secrets come from ``--passphrase-file``, an environment variable or an interactive prompt,
never from an argument (arguments show up in ``ps`` and shell history).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from oxfield.errors import ValidationError


def add_passphrase_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help="read the passphrase from the first line of FILE instead of prompting",
    )


def read_secret(
    *,
    env_name: str,
    prompt: str,
    file: Path | None = None,
    confirm: bool = False,
) -> str:
    """The secret from a file, then the environment, then a prompt (twice if ``confirm``).

    A file is read as officers save them: a byte-order mark (Windows Notepad) is not part of
    the secret, and a file in another encoding is one clear line, not a traceback."""
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise ValidationError(f"cannot read {file}: {exc.strerror}", "passphrase-file") from exc
        except UnicodeDecodeError:
            raise ValidationError(
                f"{file}: is not UTF-8 text (save the passphrase file as UTF-8)", env_name
            ) from None
        return text.splitlines()[0] if text else ""
    value = os.environ.get(env_name)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise ValidationError(
            f"no terminal to ask for the secret: set {env_name} or use --passphrase-file", env_name
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != first:
        raise ValidationError("the two entries do not match", env_name)
    return first
