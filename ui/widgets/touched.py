"""Which fields' messages a form shows, so a new, empty form is not a column of "is required".

A field counts as touched once the officer types in it, or when it holds text on arrival (a
draft or a recorded step came back: its message is about what is there). Shared by the licence
and BOPA forms and by the typed forms (the chaperone steps, the employment permit form).
"""

from __future__ import annotations

from collections.abc import Container, Mapping


def filled(fields: Mapping[str, str], texts: Container[str]) -> set[str]:
    """The text fields among ``texts`` that hold something. Ticks ("no") and lists (a first
    choice) always have a value, so only typed text says the officer has been there."""
    return {name for name, value in fields.items() if value.strip() and name in texts}
