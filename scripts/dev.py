"""The two commands of the README: start the app, or run every check.

Plain standard library so that it runs on a fresh machine with only Python 3.11+:
it makes a virtual environment in the checkout (``.venv``), installs the project
into it from ``pyproject.toml`` and then either starts OxField or runs the
linters, the type checker, the import contracts and the whole test suite.

    python3 scripts/dev.py start     # install and open the desktop
    python3 scripts/dev.py test      # install and run every check
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def _run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def install(extras: str) -> None:
    """Create .venv if needed and install the project (editable) with the given extras."""
    if not _python().exists():
        print(f"+ creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
        _run(_python(), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    spec = f".[{extras}]" if extras else "."
    _run(_python(), "-m", "pip", "install", "--quiet", "--editable", spec)


def start(argv: list[str]) -> None:
    install("server")
    launcher = BIN / ("oxfield.exe" if os.name == "nt" else "oxfield")
    _run(launcher, *argv)


def test(argv: list[str]) -> None:
    install("server,dev")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    py = _python()
    _run(py, "-m", "ruff", "check", ".", env=env)
    _run(py, "-m", "ruff", "format", "--check", ".", env=env)
    _run(py, "-m", "mypy", env=env)
    _run(BIN / ("lint-imports.exe" if os.name == "nt" else "lint-imports"), env=env)
    _run(py, "-m", "pytest", *argv, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "test", "install"])
    args, rest = parser.parse_known_args()
    if args.command == "start":
        start(rest)
    elif args.command == "test":
        test(rest)
    else:
        install("server,dev")


if __name__ == "__main__":
    main()
