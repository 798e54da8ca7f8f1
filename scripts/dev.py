"""The two commands of the README: start the app, or run every check.

Plain standard library so that it runs on a fresh machine with only Python 3.11+:
it makes a virtual environment in the checkout (``.venv``), installs the project
into it from ``pyproject.toml`` and then either starts OxField or runs the
linters, the type checker, the import contracts and the whole test suite.

    python3 scripts/dev.py start     # install, start a local sync server, open the desktop
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
#: the local server's SQLite file and its demo officer live here (ignored by git)
DEV_SERVER = ROOT / ".oxfield-dev" / "server"
DEV_PORT = "8770"


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


def _tool(name: str) -> Path:
    return BIN / (f"{name}.exe" if os.name == "nt" else name)


def _admin(*args: str) -> str:
    out = subprocess.run(
        [str(_tool("oxfield-server")), "admin", *args],
        cwd=DEV_SERVER,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def local_server() -> subprocess.Popen[bytes] | None:
    """A sync server on this machine (SQLite under .oxfield-dev), with a demo officer and a
    fresh one-time enrolment code, so that Sync can be tried at once."""
    DEV_SERVER.mkdir(parents=True, exist_ok=True)
    officer_file = DEV_SERVER / "demo-officer-id"
    if not officer_file.exists():
        officer = _admin(
            "create-officer", "--name", "Demo Officer", "--team", "ehe", "--district", "Cherwell"
        )
        officer_file.write_text(officer, encoding="utf-8")
    code = _admin("enrol-code", "--officer", officer_file.read_text(encoding="utf-8").strip())
    server = subprocess.Popen(
        [str(_tool("oxfield-server")), "serve", "--host", "127.0.0.1", "--port", DEV_PORT],
        cwd=DEV_SERVER,
    )
    try:
        server.wait(timeout=2)
    except subprocess.TimeoutExpired:
        print(
            f"+ local sync server on http://127.0.0.1:{DEV_PORT}: in OxField choose "
            f"'Enrol laptop…' and use the code {code}",
            flush=True,
        )
        return server
    print(f"+ the local sync server did not start (is port {DEV_PORT} in use?)", flush=True)
    return None


def start(argv: list[str]) -> None:
    install("server")
    server = local_server()
    try:
        _run(_tool("oxfield"), *argv)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


def test(argv: list[str]) -> None:
    install("server,dev")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    py = _python()
    _run(py, "-m", "ruff", "check", ".", env=env)
    _run(py, "-m", "ruff", "format", "--check", ".", env=env)
    _run(py, "-m", "mypy", env=env)
    _run(_tool("lint-imports"), env=env)
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
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
