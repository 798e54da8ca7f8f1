"""The one-folder bundle built from build.spec runs its self-test and opens its first window.

This is the check that a missing Qt plugin, font, rule table, migration or library fails the
build: the bundle runs in a clean environment (no PYTHONPATH, outside the checkout), so it can
only use what PyInstaller put in it. Building takes about a minute of CPU, once per session.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest

from oxfield import __version__
from oxfield.selftest.documents import document_modules
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
    assert f"PDFium {pypdfium2.PDFIUM_INFO.build} loaded from {bundle}" in out.stdout
    drawn = [line for line in lines if line.startswith("ok   PDF ") and "by PDFium" in line]
    assert len(drawn) == len(document_modules()), "every kind of PDF has its first page drawn"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("oxfield-")) == []


def test_self_test_fails_in_a_bundle_without_libpdfium(bundle: Path, tmp_path: Path) -> None:
    """The preview needs PDFium: a bundle that lost it must not pass (hard-linked copy, cheap)."""
    broken = tmp_path / "broken"
    shutil.copytree(bundle, broken, symlinks=True, copy_function=os.link)
    pdfium = list(broken.rglob("libpdfium*"))
    assert pdfium, "the bundle carries libpdfium"
    for library in pdfium:
        library.unlink()
    out = subprocess.run(
        [str(executable(broken)), "--self-test"],
        cwd=tmp_path,
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 1, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1] == "self-test FAILED"
    assert any(line.startswith("FAIL PDF preview: ") for line in lines), out.stdout
    assert any(line.startswith("FAIL PDF licence: ") for line in lines), out.stdout
    assert any(line.startswith("ok   read back: ") for line in lines), "the rest still ran"


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
    names = {p.name for p in inside.iterdir()}
    for unwanted in ("fastapi", "starlette", "uvicorn", "psycopg", "pytest", "hypothesis"):
        assert unwanted not in names, unwanted
    assert not (inside / "sync" / "server").exists()
    assert not list(qt.glob("lib/libQt6Qml*")), "QtQml is not used by the desktop"
    assert not list(inside.glob("libgtk-3*")), "the GTK theme plugin is left out"


def test_bundle_carries_every_licence_text(bundle: Path) -> None:
    licences = bundle / "_internal" / "licences"
    index = json.loads((licences / "index.json").read_text(encoding="utf-8"))
    by_name = {entry["package"]: entry for entry in index}
    # Qt/PySide6 wheels carry no licence file: the full LGPL-3.0 and the GPL-3.0 it incorporates
    for qt in ("PySide6_Essentials", "shiboken6"):
        lgpl = (licences / qt / "LGPL-3.0.txt").read_text(encoding="utf-8")
        gpl = (licences / qt / "GPL-3.0.txt").read_text(encoding="utf-8")
        assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "6. Revised Versions" in lgpl
        assert "GNU GENERAL PUBLIC LICENSE" in gpl and "END OF TERMS AND CONDITIONS" in gpl
    for needed in (
        "Python",
        "pyinstaller",
        "reportlab",
        "SQLAlchemy",
        "sqlcipher3",
        "cryptography",
        "pypdfium2",
        "arabic-reshaper",
    ):
        assert by_name[needed]["files"], needed
    # every bundled distribution with a licence file has it in the bundle, and nothing is indexed
    # that is not there
    assert {p.name for p in licences.iterdir() if p.is_dir()} == {
        name for name, entry in by_name.items() if entry["files"]
    }
    for entry in index:
        for file in entry["files"]:
            assert (bundle / "_internal" / file).is_file(), file
    for unwanted in ("pytest", "hypothesis", "mypy", "fastapi", "uvicorn"):
        assert unwanted not in {name.lower() for name in by_name}, unwanted


def test_about_box_reads_the_bundled_index(bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.about import about_html
    from ui.licence_files import shipped

    inside = bundle / "_internal"
    monkeypatch.setattr(sys, "_MEIPASS", str(inside), raising=False)
    entries, base = shipped()
    assert base == inside
    text = about_html(shipped=(entries, base))
    assert "(missing)" not in text
    lgpl = (inside / "licences" / "PySide6_Essentials" / "LGPL-3.0.txt").as_uri()
    assert f"<a href='{lgpl}'>LGPL-3.0.txt</a>" in text
    assert text.count("<a href='file://") == sum(len(e["files"]) for e in entries)
