"""The licence texts the desktop bundle ships, found from the installed packages' metadata.

At build time ``build.spec`` calls :func:`collect` for the distributions whose code is in the
bundle, copies each one's licence files (its ``License-File`` metadata entries) into
``licences/<package>/`` and writes ``licences/index.json``. Inside the bundle the About box reads
that index; run from source it calls :func:`collect` over OxField's own dependencies instead.

Qt and PySide6 wheels carry no licence file at all, yet the LGPL obliges us to pass on its full
text and the GPL text it incorporates: any package under an LGPL-3.0 licence without a text of
its own gets both, from ``resources/licences``. No Qt here, so build.spec can import it.
"""

from __future__ import annotations

import json
import re
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from oxfield.resources import resource_path

FOLDER = "licences"
INDEX = "index.json"
LGPL_TEXTS = ("LGPL-3.0.txt", "GPL-3.0.txt")
_FALLBACK_WORDS = ("licen", "copying", "notice")


@dataclass(frozen=True)
class PackageLicence:
    """One distribution: its licence as declared, and the licence files found for it."""

    package: str
    version: str
    licence: str
    files: tuple[Path, ...]


def _name(dist: metadata.Distribution) -> str:
    return str(dist.metadata["Name"] or "")


def _declared(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get_all("License-Expression") or []
    if expression:
        return str(expression[0])
    text = str((meta.get_all("License") or [""])[0]).strip()
    if text and len(text) <= 80 and "\n" not in text:
        return text
    classifiers = [
        str(c).split(" :: ")[-1]
        for c in meta.get_all("Classifier") or []
        if str(c).startswith("License :: ")
    ]
    return " / ".join(classifiers) or "see the licence files"


def top_level_names(dist: metadata.Distribution) -> set[str]:
    """The import names a distribution installs (``PySide6`` for ``PySide6_Essentials``)."""
    listed = dist.read_text("top_level.txt")
    if listed:
        return {line.strip() for line in listed.splitlines() if line.strip()}
    names = set()
    for file in dist.files or []:
        first = Path(str(file)).parts[0]
        if not first.endswith((".dist-info", ".egg-info", ".data")) and first != "..":
            names.add(first.split(".")[0])
    return names - {"__pycache__", ""}


def _metadata_files(dist: metadata.Distribution) -> list[Path]:
    """The files named by ``License-File``: under ``licenses/`` (PEP 639) or beside METADATA."""
    info = [f for f in dist.files or [] if ".dist-info" in Path(str(f)).parts[0]]
    found: list[Path] = []
    for entry in dist.metadata.get_all("License-File") or []:
        for file in info:
            parts = Path(str(file)).parts
            if "/".join(parts[1:]) in (f"licenses/{entry}", entry):
                path = Path(str(dist.locate_file(file)))
                if path.is_file() and path not in found:
                    found.append(path)
    if not found:  # older wheels: no License-File, but a LICENSE in the dist-info folder
        for file in info:
            path = Path(str(dist.locate_file(file)))
            if any(w in path.name.lower() for w in _FALLBACK_WORDS) and path.is_file():
                found.append(path)
    return found


def distribution_licence(dist: metadata.Distribution) -> PackageLicence:
    """A distribution's licence files; the full LGPL and GPL texts if it is LGPL-3.0 without any."""
    licence = _declared(dist)
    files = _metadata_files(dist)
    if not files and "LGPL-3.0" in licence.replace("LGPLv3", "LGPL-3.0"):
        files = [resource_path(FOLDER, name) for name in LGPL_TEXTS]
    return PackageLicence(_name(dist), str(dist.version), licence, tuple(files))


def collect(
    bundled: set[str], also: Iterable[str] = (), skip: Iterable[str] = ("oxfield",)
) -> list[PackageLicence]:
    """Every installed distribution with an import name in ``bundled`` (plus ``also`` by name)."""
    wanted = {a.lower() for a in also}
    skipped = {s.lower() for s in skip}
    out: dict[str, PackageLicence] = {}
    for dist in metadata.distributions():
        name = _name(dist)
        if not name or name.lower() in skipped or name.lower() in out:
            continue
        if name.lower() in wanted or top_level_names(dist) & bundled:
            out[name.lower()] = distribution_licence(dist)
    return sorted(out.values(), key=lambda p: p.package.lower())


def dependencies(root: str = "oxfield") -> set[str]:
    """Import names of everything ``root`` needs to run (its requirements, without extras)."""
    seen: set[str] = set()
    todo = [root]
    names: set[str] = set()
    while todo:
        name = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if _name(dist).lower() in seen:
            continue
        seen.add(_name(dist).lower())
        if name != root:
            names |= top_level_names(dist)
        for requirement in dist.requires or []:
            if "extra ==" not in requirement:
                match = re.match(r"[A-Za-z0-9._-]+", requirement)
                if match:
                    todo.append(match.group(0))
    return names


def python_licence() -> PackageLicence:
    """The interpreter's own licence (the bundle carries libpython)."""
    text = Path(sysconfig.get_path("stdlib")) / "LICENSE.txt"
    files = (text,) if text.is_file() else ()
    return PackageLicence("Python", sys.version.split()[0], "PSF-2.0", files)


def bundle_files(licences: list[PackageLicence]) -> list[tuple[str, str]]:
    """``(source, destination)`` pairs placing each file at ``licences/<package>/<file>``."""
    return [(str(f), f"{FOLDER}/{p.package}/{f.name}") for p in licences for f in p.files]


def index(licences: list[PackageLicence]) -> list[dict[str, Any]]:
    """The index written into the bundle: package, version, licence, files (bundle-relative)."""
    return [
        {
            "package": p.package,
            "version": p.version,
            "licence": p.licence,
            "files": [f"{FOLDER}/{p.package}/{f.name}" for f in p.files],
        }
        for p in licences
    ]


def shipped() -> tuple[list[dict[str, Any]], Path | None]:
    """What this copy of OxField ships and the folder its file paths are relative to.

    Inside the bundle: the index written at build time (paths relative to the bundle). From
    source: collected now from OxField's installed dependencies (absolute paths, base None).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        path = Path(bundle) / FOLDER / INDEX
        if path.is_file():
            entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
            return entries, Path(bundle)
    found = [python_licence(), *collect(dependencies())]
    entries = [
        {
            "package": p.package,
            "version": p.version,
            "licence": p.licence,
            "files": list(map(str, p.files)),
        }
        for p in found
    ]
    return entries, None
