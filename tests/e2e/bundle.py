"""Build the PyInstaller bundle (build.spec) into a folder; shared by the bundle test and bench."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from oxfield import __version__

ROOT = Path(__file__).resolve().parents[2]


def build_bundle(out: Path) -> Path:
    """Run PyInstaller on build.spec; returns the bundle folder (dist/oxfield-<version>)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    if result.returncode != 0:
        raise RuntimeError(f"PyInstaller failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return out / "dist" / f"oxfield-{__version__}"


def executable(bundle: Path) -> Path:
    return bundle / ("oxfield.exe" if os.name == "nt" else "oxfield")


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with nothing from the source tree: no PYTHONPATH, a fresh home."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "TMPDIR": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    if os.name == "nt":
        env.update(SYSTEMROOT=os.environ.get("SYSTEMROOT", ""), TEMP=str(home), TMP=str(home))
    env.update(extra)
    return env
