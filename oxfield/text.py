"""Search keys: one normal form for names typed in any accent, apostrophe or hyphen style.

Officers type "OBrien" for O'Brien, "zoe" for Zoë and "lukasz" for Łukasz; records arrive with
curly apostrophes from word processors. :func:`search_key` folds all of these to the same text
(casefolded, accents stripped, letters such as ß, æ, ø, ł and đ spelled out in ASCII, and every
character that is not a letter or a digit dropped), so a plain substring test on stored keys
finds them. Scripts without accents (Cyrillic, Arabic, Chinese) keep their letters; Arabic
vowel marks and Cyrillic diacritics drop like Latin ones.
"""

from __future__ import annotations

import unicodedata

# Letters NFKD does not decompose into a base letter plus a mark.
_SPELLED_OUT = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "ħ": "h",
        "Ħ": "h",
        "ŧ": "t",
        "ŋ": "ng",
    }
)


# Modifier letters that are apostrophes in practice (ʼ ʻ ʹ), and the Arabic tatweel.
_DROPPED = frozenset("\u02bc\u02bb\u02b9\u02bd\u0640")


def search_key(text: str) -> str:
    """The normal form used for matching: ``search_key("O’Brien-Żak") == "obrienzak"``."""
    # compatibility forms first (full-width letters, ligatures, ℠), then case, then marks
    folded = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT)).casefold()
    folded = unicodedata.normalize("NFKD", folded).translate(_SPELLED_OUT)
    return "".join(
        ch for ch in folded if ch.isalnum() and ch not in _DROPPED and not unicodedata.combining(ch)
    )


#: words of stored values that officers write as initials
_INITIALS = {
    w.casefold(): w for w in ("SEN", "SEND", "EHCP", "DBS", "SAO", "CME", "UPN", "BOPA", "EHE")
}


def humanise(value: str) -> str:
    """A stored value as an officer reads it: ``humanise("sen_support") == "SEN support"``."""
    text = " ".join(_INITIALS.get(word, word) for word in value.split("_"))
    return text[:1].upper() + text[1:]


def search_keys(*variants: str) -> str:
    """Several keys in one column, separated so a query cannot match across two of them."""
    keys = [k for k in (search_key(v) for v in variants) if k]
    return "|" + "|".join(dict.fromkeys(keys)) + "|"
