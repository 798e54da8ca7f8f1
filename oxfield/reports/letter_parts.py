"""Pieces every letter to a family shares: the addressee block and the officer's signature.

Kept apart from the page template because they know about people (parents, officers) while the
template knows only about pages.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from oxfield.reports.ehe_inputs import Officer, Parent
from oxfield.reports.layout import para, styles
from oxfield.reports.markup import escape, rich


def parent_names(parents: tuple[Parent, ...]) -> str:
    """The names a letter is addressed to, joined with "and"."""
    return " and ".join(p.name.strip() for p in parents if p.name.strip())


def addressee(parents: tuple[Parent, ...]) -> list[Flowable]:
    """The names and the postal address (the first parent's that has one)."""
    lines = [parent_names(parents)]
    with_address = next((p for p in parents if p.address), None)
    if with_address is not None:
        lines.extend(with_address.address)
        if with_address.postcode:
            lines.append(with_address.postcode)
    return [para("<br/>".join(rich(line) for line in lines), styles()["body"])]


def salutation(parents: tuple[Parent, ...]) -> Flowable:
    return para(f"Dear {rich(parent_names(parents))},", styles()["body"])


def signature(officer: Officer) -> list[Flowable]:
    """Sign-off with the officer's name, role and contact details."""
    st = styles()
    lines = [rich(officer.name), escape(officer.job_title)]
    lines += [escape(x) for x in (officer.phone, officer.email) if x]
    return [
        Spacer(1, 8),
        para("Yours sincerely,", st["body"]),
        Spacer(1, 14),
        para("<br/>".join(lines), st["body"]),
    ]
