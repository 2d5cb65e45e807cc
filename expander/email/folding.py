"""Folding text for matching: ``_fold``, kept private and unchanged until the
shared text-folding module replaces it (the lead switches its callers then).

It sits in a module of its own, at the bottom of ``expander.email``, because
every other module of the package matches folded text; left in ``clean.py``
it would tie ``names.py`` (which ``clean.py`` needs) back to ``clean.py``.
"""

from __future__ import annotations

__all__: list[str] = []


def _fold(text: str) -> str:
    """Lower case, Polish letters without diacritics, ``ё`` as ``е``.

    Keeps the length, so offsets in the folded text are offsets in ``text``.
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


_FOLD_PAIRS = tuple(zip("ąćęłńóśźżё", "acelnoszze", strict=True))
