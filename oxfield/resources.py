"""Find files under ``resources/`` the same way from source and from a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The ``resources`` folder: beside the packages from source, inside the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one resource, e.g. ``resource_path("rules", "performance.json")``."""
    return resources_root().joinpath(*parts)
