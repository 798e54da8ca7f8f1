"""Search keys fold every way of typing a name to one form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oxfield.text import search_key, search_keys


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("O'Brien", "O’Brien"),
        ("OBrien", "O‘Brien"),
        ("obrien", "OʼBrien"),
        ("o`brien", "O'Brien"),
        ("zoe", "Zoë"),
        ("ZOE", "Zoë"),
        ("lukasz", "Łukasz"),
        ("strasse", "Straße"),
        ("aesa", "Æsa"),
        ("soren", "Søren"),
        ("dorde", "Đorđe"),
        ("mary jane", "Mary-Jane"),
        ("maryjane", "Mary‐Jane"),  # U+2010 hyphen
        ("smith jones", "Smith–Jones"),  # en dash
        ("jose pena", "José Peña"),
        ("nguyen van an", "Nguyễn Văn An"),
        ("sukru", "Şükrü"),
        ("елка", "Ёлка"),
        ("محمد", "مُحَمَّد"),
        ("王小明", "王 小明"),
        ("ａｂｃ", "abc"),  # full-width letters typed on an IME
    ],
)
def test_equivalent_spellings_have_one_key(typed: str, stored: str) -> None:
    assert search_key(typed) == search_key(stored)


def test_different_names_stay_different() -> None:
    assert search_key("Anna") != search_key("Анна")
    assert search_key("O'Brien") != search_key("O'Brian")


def test_keys_column_separates_variants() -> None:
    assert search_keys("Zoë O’Brien", "O'Brien Zoë", "") == "|zoeobrien|obrienzoe|"


@given(st.text())
def test_key_is_idempotent_and_has_no_separators(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key
    assert not any(ch in key for ch in " -'’|")


def test_stored_values_read_with_their_initials() -> None:
    from oxfield.text import humanise

    assert humanise("sen_support") == "SEN support"
    assert humanise("dissatisfaction_send") == "Dissatisfaction SEND"
    assert humanise("reclassified_cme") == "Reclassified CME"
    assert humanise("sao_served") == "SAO served"
    assert humanise("step_parent") == "Step parent"
    assert humanise("") == ""
