"""Command groups several modules add to (``oxfield report ...``, ``import``, ``export``).

argparse allows one parser per name; the first module to ask for a group makes it and later
ones get the same subparsers, so licensing can register ``report licence`` beside
``report visit`` without knowing about EHE.
"""

from __future__ import annotations

from typing import Any

_HELP = {
    "report": "produce a PDF report",
    "import": "bring data in from another system",
    "export": "write a return or an export",
}


def group(sub: Any, name: str) -> Any:
    """The subparsers of ``oxfield NAME``: made on first use, shared afterwards."""
    groups: dict[str, Any] = sub.__dict__.setdefault("_oxfield_groups", {})
    if name not in groups:
        parser = sub.add_parser(name, help=_HELP.get(name, name))
        groups[name] = parser.add_subparsers(dest=f"{name}_command", metavar="WHAT", required=True)
    return groups[name]
