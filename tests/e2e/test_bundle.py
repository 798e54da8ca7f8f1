"""The one-folder bundle built from build.spec runs its self-test and opens its first window.

This is the check that a missing Qt plugin, font, rule table, migration or library fails the
build: the bundle runs in a clean environment (no PYTHONPATH, outside the checkout), so it can
only use what PyInstaller put in it. Building takes about a minute of CPU, once per session.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from oxfield import __version__
from tests.e2e.bundle import build_bundle, clean_env, executable

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_bundle(tmp_path_factory.mktemp("bundle"))


def test_self_test_passes_in_the_bundle(bundle: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(executable(bundle)), "--self-test"],
        cwd=tmp_path,
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1] == "self-test passed"
    assert not [line for line in lines if line.startswith("FAIL")]
    assert f"resources at {bundle}" in out.stdout, "resources must come from inside the bundle"
    for name in ("Qt platform", "Qt image formats", "fonts", "vault create", "read back"):
        assert any(line.startswith(f"ok   {name}: ") for line in lines), name
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("oxfield-")) == []


def test_bundle_opens_its_first_window(bundle: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(executable(bundle)), "--vault", str(tmp_path / "v" / "vault.oxv")],
        cwd=tmp_path,
        env=clean_env(tmp_path, OXFIELD_MEASURE_LAUNCH="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "first window: " in out.stdout


def test_version_comes_from_the_package(bundle: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(executable(bundle)), "--version"],
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip() == f"oxfield {__version__}"
    assert bundle.name == f"oxfield-{__version__}"


def test_bundle_carries_what_it_needs_and_nothing_else(bundle: Path) -> None:
    inside = bundle / "_internal"
    qt = inside / "PySide6" / "Qt"
    plugins = ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "imageformats/libqjpeg.so")
    for plugin in plugins:
        assert (qt / "plugins" / plugin).is_file(), plugin
    migrations = inside / "oxfield" / "vault" / "migrations"
    for needed in ("env.py", "script.py.mako", "versions/0001_vault_core.py"):
        assert (migrations / needed).is_file(), needed
    for folder in ("rules", "reference", "fonts", "licences"):
        assert any((inside / "resources" / folder).iterdir()), folder
    assert (inside / "licences" / "reportlab").is_dir()
    names = {p.name for p in inside.iterdir()}
    for unwanted in ("fastapi", "starlette", "uvicorn", "psycopg", "pytest", "hypothesis"):
        assert unwanted not in names, unwanted
    assert not (inside / "sync" / "server").exists()
    assert not list(qt.glob("lib/libQt6Qml*")), "QtQml is not used by the desktop"
    assert not list(inside.glob("libgtk-3*")), "the GTK theme plugin is left out"
