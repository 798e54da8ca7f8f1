"""What a form is made of: its fields, their types, and turning typed text into values.

A :class:`FormSpec` lists the :class:`Field` s of one kind of record (or of a view over two
records, like the EHE case form that edits the child too). The desktop builds its widgets from
the spec and sends every field back as the text the officer typed; :func:`check_form` gives one
officer-readable message per field that is wrong (naming the field), and :func:`parse_form`
turns the text into values or raises a :class:`ValidationError` naming the first bad field.
Text is kept exactly as typed apart from surrounding spaces and Unicode NFC normalisation, so a
name in any script, or one holding ``<``, ``&`` or a leading ``=``, is stored intact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from oxfield.errors import ValidationError
from oxfield.services.cases import parse_date
from oxfield.text import humanise

#: line breaks and tabs, with the spaces around them: pasted into a one-line box they become
#: one space (a name split over two lines showed so in lists, letters and ID cards)
_BREAKS = re.compile(r"[ ]*[\r\n\t\v\f\u2028\u2029]+[ ]*")


def one_line(text: str) -> str:
    """``text`` with its line breaks and tabs as single spaces."""
    return _BREAKS.sub(" ", text)


EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
DATE_HINT = "dd/mm/yyyy"


class FieldType(StrEnum):
    TEXT = "text"
    MULTILINE = "multiline"
    DATE = "date"
    CHOICE = "choice"
    BOOL = "bool"
    #: the id of another record, chosen from a list the form is given when it opens
    REFERENCE = "reference"


#: An extra rule on a parsed value: the message to show (without the label), or None.
Check = Callable[[Any, date], str | None]


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    max_length: int | None = None
    #: (stored value, label shown) for a choice
    choices: tuple[tuple[str, str], ...] = ()
    check: Check | None = None
    #: how text is tidied before it is checked (UPN upper case, postcode spacing)
    tidy: Callable[[str], str] | None = None
    hint: str = ""

    @property
    def placeholder(self) -> str:
        return DATE_HINT if self.type is FieldType.DATE else self.hint


#: A rule over several parsed fields: (field name, message) when broken.
CrossCheck = Callable[[Mapping[str, Any]], tuple[str, str] | None]


@dataclass(frozen=True, slots=True)
class FormSpec:
    """One form: its name (also the key of its drafts), a title, and its fields in order."""

    name: str
    title: str
    fields: tuple[Field, ...]
    cross_checks: tuple[CrossCheck, ...] = ()

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise ValidationError(f"{name} is not a field of this form", name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def choices_of(enum: type[StrEnum]) -> tuple[tuple[str, str], ...]:
    """An enum's values with labels an officer reads ("step_parent" -> "Step parent")."""
    return tuple((m.value, humanise(m.value)) for m in enum)


def parse_value(field: Field, text: str, today: date) -> Any:
    """The field's value from typed text, or ValidationError with the sentence to show."""
    label, name = field.label, field.name
    text = unicodedata.normalize("NFC", text).strip()
    if field.type is not FieldType.MULTILINE:
        text = one_line(text)
    if field.tidy is not None and text:
        text = field.tidy(text)
    if field.type is FieldType.BOOL:
        if text not in ("yes", "no", ""):
            raise ValidationError(f"{label} must be yes or no.", name)
        return text == "yes"
    if not text:
        if field.required:
            raise ValidationError(f"{label} is required.", name)
        return None
    value: Any
    if field.type is FieldType.DATE:
        value = parse_date(text)
        if value is None or not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise ValidationError(f"{label} must be a real date, like 31/01/2015.", name)
    elif field.type is FieldType.CHOICE:
        if text not in {v for v, _ in field.choices}:
            raise ValidationError(f"Choose a {label.lower()} from the list.", name)
        value = text
    else:
        if field.max_length is not None and len(text) > field.max_length:
            raise ValidationError(f"{label} must be at most {field.max_length} characters.", name)
        value = text
    if field.check is not None:
        problem = field.check(value, today)
        if problem is not None:
            raise ValidationError(f"{label} {problem}", name)
    return value


def check_field(spec: FormSpec, name: str, text: str, today: date) -> str | None:
    """The message to show beside ``name`` as the officer types, or ``None`` if it is fine."""
    try:
        parse_value(spec.field(name), text, today)
    except ValidationError as exc:
        return str(exc)
    return None


def check_form(spec: FormSpec, texts: Mapping[str, str], today: date) -> dict[str, str]:
    """Every field's message (only the wrong ones), including rules across fields."""
    problems: dict[str, str] = {}
    values: dict[str, Any] = {}
    for field in spec.fields:
        try:
            values[field.name] = parse_value(field, texts.get(field.name, ""), today)
        except ValidationError as exc:
            problems[field.name] = str(exc)
    if not problems:
        for rule in spec.cross_checks:
            broken = rule(values)
            if broken is not None:
                problems.setdefault(broken[0], broken[1])
    return problems


def parse_form(spec: FormSpec, texts: Mapping[str, str], today: date) -> dict[str, Any]:
    """Every field's value; ValidationError naming the first field that is wrong."""
    problems = check_form(spec, texts, today)
    for field in spec.fields:
        if field.name in problems:
            raise ValidationError(problems[field.name], field.name)
    return {f.name: parse_value(f, texts.get(f.name, ""), today) for f in spec.fields}


def as_text(field: Field, value: Any) -> str:
    """A stored value as the text a form starts from (the inverse of :func:`parse_value`)."""
    if field.type is FieldType.BOOL:
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(getattr(value, "value", value))


def display(field: Field, text: str) -> str:
    """A form text as the read view shows it: choice labels, Yes/No, a dash for nothing."""
    if field.type is FieldType.BOOL:
        return "Yes" if text == "yes" else "No"
    if field.type is FieldType.CHOICE:
        return dict(field.choices).get(text, text) or "—"
    return text or "—"
