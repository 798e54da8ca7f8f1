"""The ``oxfield`` command: the composition root of the officer's tools.

With no subcommand it opens the desktop (importing Qt only then). Subcommands run headless,
for support staff, scripts and tests. Every failure the core raises on purpose becomes one
line on stderr and a non-zero exit; nothing personal is printed in an error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from oxfield import __version__
from oxfield.errors import OxFieldError

# Each module defines register(subparsers) and sets a ``handler`` default on its parsers.
COMMAND_MODULES: tuple[str, ...] = (
    "ui.commands.rules",
    "ui.commands.schools",
    "ui.commands.sync",
    "ui.commands.vault",
    "ui.commands.ehe",
    "ui.commands.licensing",
)

EXIT_ERROR = 1
EXIT_USAGE = 2


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False`` gives only the desktop's own options, spelt
    out in full, so opening the window does not first import every subcommand (and the core
    behind them). Anything else (help, a command, an abbreviation, a mistake) goes to the whole
    parser, which answers it as it always has."""
    parser = argparse.ArgumentParser(
        prog="oxfield",
        description="OxField: the County Attendance Team's field tool. "
        "With no command, opens the desktop.",
        add_help=commands,
        allow_abbrev=commands,
        exit_on_error=commands,
    )
    parser.add_argument("--version", action="version", version=f"oxfield {__version__}")
    parser.add_argument(
        "--vault",
        type=_vault_path,
        metavar="PATH",
        help="vault file (default: the user's data folder)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end (temporary vault, PDFs, Qt) and exit",
    )
    if commands:
        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(sub)
    return parser


def _vault_path(text: str) -> Path:
    """An empty ``--vault=`` (an unset shell variable) would otherwise mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("needs the path of a vault file")
    return Path(text)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args, rest = build_parser(commands=False).parse_known_args(argv)
    except argparse.ArgumentError:
        rest = ["--"]
    if rest:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is not None:
            if args.self_test:
                parser.error("--self-test takes no command")
            return _run_command(args)
    if args.self_test:
        from ui.selftest import run as run_self_test

        return run_self_test()
    from ui.app import run_desktop  # Qt is imported only when a window is wanted
    from ui.launch_probe import maybe_install

    maybe_install()
    return run_desktop(vault_path=args.vault)


def _run_command(args: argparse.Namespace) -> int:
    try:
        return int(args.handler(args) or 0)
    except OxFieldError as exc:
        print(f"oxfield: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("oxfield: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `oxfield cases list | head`: the reader had enough
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush stays quiet
        return 0


if __name__ == "__main__":
    sys.exit(main())
