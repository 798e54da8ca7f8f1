"""One ``oxfield report`` command that every area adds its documents to.

    oxfield [--vault PATH] report KIND ID --out FILE.pdf

Each command module calls :func:`report_commands` from its ``register`` and adds its own
subcommands to what it returns; the ``report`` parser is made by whichever module comes first.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeAlias

from oxfield.errors import ValidationError

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
_ATTR = "_oxfield_report_commands"


def report_commands(sub: SubParsers) -> SubParsers:
    """The subparsers of ``report``, made on first use."""
    parser = sub.choices.get("report")
    if parser is None:
        parser = sub.add_parser("report", help="produce a document as a PDF")
        commands = parser.add_subparsers(dest="report_kind", metavar="KIND", required=True)
        setattr(parser, _ATTR, commands)
    found: SubParsers = getattr(parser, _ATTR)
    return found


def add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="where to save")


def write_pdf(path: Path, data: bytes) -> None:
    """Save where the officer chose; a folder that is missing is one clear line."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ValidationError(
            f"--out: cannot write {path.name} ({exc.strerror})", "--out"
        ) from None
