"""The name the words of a self-introduction start with: what follows "my name is",
"I'm", "nazywam się", "меня зовут" ("Anna Smith and I ordered ..." → Anna Smith,
"Dr. Emily Carter" → Emily Carter, "s. Faustyna Wrona i prowadzę ..." → Faustyna
Wrona, "anna smith" typed in lower case → Anna Smith); none for another person's
("Jane Doe's assistant"). A surname in capitals first is read as a signature's is:
"KOWALSKI Jan", "ИВАНОВА Мария" → Jan Kowalski, Мария Иванова; only before a known
first name, or in a Vietnamese name ("I'm SO Happy", "this is URGENT Please" name no one).
:mod:`~expander.email.names` finds the introductions.
"""

from __future__ import annotations

import re

from expander.email.nameforms import tidy_case
from expander.email.namelines import leading_name, name_of_line, religious_title
from expander.email.namewords import is_first_name, not_a_name
from expander.email.vietnamesenames import family_name_first

__all__ = ["introduced_name"]

_POSSESSIVE = re.compile(r"['’]s\W*$")
_TITLE_POINT = re.compile(r"(?i:mr|mrs|ms|mx|dr|prof|rev|fr|inż|mgr)\.")


def introduced_name(text: str) -> str | None:
    """The name that ``text`` (the words after "my name is") starts with."""
    words: list[str] = []
    parts = text.split()
    if len(parts) >= 2 and religious_title(parts[0], parts[1]):
        parts = parts[1:]  # "nazywam się s. Faustyna Wrona", "jestem siostra Faustyna"
    for word in parts:
        if len(word) > 3 and _POSSESSIVE.search(word):
            return None  # "I'm Jane Doe's assistant": another person's name
        words.append(word.rstrip(",.!?;:"))
        if word[-1] in ",.!?;:" and not _TITLE_POINT.fullmatch(word):  # "Dr. Emily Carter"
            break  # a name does not run over punctuation
    for n in range(len(words), 0, -1):
        candidate = words[:n]
        if all(w[:1].isupper() for w in candidate) and (name := name_of_line(" ".join(candidate))):
            return name
        if name := _surname_in_capitals_first(candidate):
            return name
    if words and words[0].islower() and is_first_name(words[0]) and not not_a_name(words[0]):
        # "my name is anna smith": typed in lower case, a known first name (its surname in
        # lower case too: "this is dan I ordered", the pronoun "I" is no surname)
        two = (
            words[:2] if len(words) > 1 and words[1].isalpha() and words[1].islower() else words[:1]
        )
        while two and not_a_name(two[-1]):
            two = two[:-1]
        return tidy_case(" ".join(two)) if two else None
    return None


def _surname_in_capitals_first(words: list[str]) -> str | None:
    """The name of two or three words opening with a surname in capitals and a known
    first name after it ("KOWALSKI Jan", "NGUYEN Thi Lan"), as
    :func:`~expander.email.namelines.leading_name` reads it on a signature's line."""
    if not 2 <= len(words) <= 3 or len(words[0]) < 2 or not words[0].isupper():
        return None
    given = " ".join(words[1:])
    if not any(is_first_name(w) for w in words[1:]) and not family_name_first(words[0], given):
        return None
    return leading_name(" ".join(words))
