"""Text folding: making differently typed text compare equal, three ways.

Each caller needs a different promise, so there are three folds and not one:
the matcher folds one typed character at a time and needs one character
back; the e-mail cleaner searches folded text and cuts the original at the
same offsets, so the length must not change; the suggestion ranker compares
words as people type them in a hurry and may change the length freely.
:func:`latin_to_cyrillic` reads Russian typed in Latin letters, for the
suggestion ranker and the search palette alike.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_loose", "fold_same_length", "latin_to_cyrillic", "lower_char"]

_FOLD_PAIRS = tuple(zip("ąćęłńóśźżё", "acelnoszze", strict=True))


def lower_char(ch: str) -> str:
    """``ch`` in lower case, or unchanged when its lower case is longer ("İ").

    For the abbreviation matcher, which keeps one folded character per typed
    character so that its buffer and the typed text line up.
    """
    low = ch.lower()
    return low if len(low) == 1 else ch


def fold_same_length(text: str) -> str:
    """Lower case, Polish letters without diacritics, ``ё`` as the Latin ``e``.

    Keeps the length, so offsets in the folded text are offsets in ``text``:
    the e-mail cleaner finds greetings and sign-offs in the folded text and
    cuts the original there. A character whose lower case is longer stays as
    it is.
    """
    low = text.lower()
    if len(low) != len(text):  # "İ".lower() is two characters
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    if low.isascii():
        return low
    for letter, plain in _FOLD_PAIRS:  # str.replace is far faster than str.translate here
        if letter in low:
            low = low.replace(letter, plain)
    return low


def fold_loose(text: str) -> str:
    """Lower case, ``ё`` as ``е``, and no diacritics (``ł`` as ``l``): how people type in a hurry.

    For comparing words (suggestion ranking): case folding ("ß" as "ss") and
    compatibility decomposition may change the length, which is why the
    cleaner cannot use it.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е"))
    if decomposed.isascii():  # no combining mark, no "ł": nothing more to take out
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ł", "l")


_LATIN_TO_CYRILLIC = [
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"),
    ("ts", "ц"), ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("ju", "ю"), ("ja", "я"),
    ("jo", "ё"), ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"),
    ("e", "е"), ("z", "з"), ("i", "и"), ("j", "й"), ("k", "к"), ("q", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"), ("x", "кс"), ("'", "ь"),
]  # fmt: skip
_VOWELS = set("aeiouаеёиоуыэюя")
_TO_CYRILLIC = dict(_LATIN_TO_CYRILLIC)
# each place takes the first of these that matches there, in the table's order; "y"
# alone is й or ы (below), and any other character stays. One pass of a compiled
# pattern: trying the table with str.startswith at each place took 12 ms of a 2 KB
# English e-mail's suggestion (the ranker reads every query this way for Russian)
_TRANSLIT_RE = re.compile(
    "|".join(re.escape(latin) for latin, _ in _LATIN_TO_CYRILLIC if len(latin) > 1) + "|y|.",
    re.DOTALL,
)


def latin_to_cyrillic(text: str) -> str:
    """Russian typed in Latin letters ("moy zakaz ne prishel") back in Cyrillic."""
    out: list[str] = []
    table = _TO_CYRILLIC
    for piece in _TRANSLIT_RE.findall(text.casefold()):
        if piece == "y":
            # й after a vowel ("moy", "zdravstvuyte"), ы after a consonant ("posylka")
            out.append("й" if out and out[-1] in _VOWELS else "ы")
        else:
            out.append(table.get(piece, piece))
    return "".join(out)
